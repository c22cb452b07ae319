"""A "did you mean" hint for a name close to a known one."""

import difflib
from collections.abc import Iterable


def suggest(word: str, options: Iterable[str]) -> str:
    """Return " (did you mean 'x'?)" for the known name closest to `word`, or nothing."""
    close = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
