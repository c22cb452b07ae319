"""A term of office in days: the window each of its ends lies in, as written, and what contradicts it."""

from dataclasses import dataclass
from typing import Any

from schema.dates import first_day, last_day

SIDES = ("start", "end")
# Every property that bounds a term: each end as written, or a window of two partial dates instead.
TERM_KEYS = frozenset({*SIDES, *(f"{side}_{bound}" for side in SIDES for bound in ("earliest", "latest"))})


@dataclass(frozen=True)
class Window:
    """Where one end of a term lies: from `earliest` to `latest` as written, None where no source says."""

    earliest: str | None
    latest: str | None

    @property
    def first(self) -> str | None:
        """Return the first day the end can fall on."""
        return first_day(self.earliest) if self.earliest else None

    @property
    def last(self) -> str | None:
        """Return the last day the end can fall on."""
        return last_day(self.latest) if self.latest else None


def window(props: dict[str, Any], side: str) -> Window:
    """Return the window of the "start" or "end" of a term: the date as written (2025 is any day of
    2025), or its `_earliest`/`_latest` pair."""
    written = props.get(side)
    return Window(props.get(f"{side}_earliest") or written, props.get(f"{side}_latest") or written)


def bound_key(props: dict[str, Any], side: str, bound: str) -> str:
    """Return the property that sets one bound ("earliest" or "latest") of a side's window."""
    return f"{side}_{bound}" if props.get(f"{side}_{bound}") else side


def term_problems(props: dict[str, Any]) -> list[tuple[str, str]]:
    """Return (property, message) for every contradiction between a term's dates."""
    problems = [problem for side in SIDES for problem in _side_problems(props, side)]
    start, end = window(props, "start"), window(props, "end")
    if not problems and start.first and end.last and end.last < start.first:
        problems.append((bound_key(props, "end", "latest"),
                         f"the term ends ({end.latest} at the latest) before it begins ({start.earliest} at "
                         "the earliest); check the years, or swap start and end"))
    if not problems:
        problems += _attestation_problems(props, start, end)
    return problems


def _side_problems(props: dict[str, Any], side: str) -> list[tuple[str, str]]:
    given = [key for key in (f"{side}_earliest", f"{side}_latest") if props.get(key)]
    if props.get(side) and given:
        return [(given[0], f"give either {side} or its window ({side}_earliest, {side}_latest), not both; "
                           f"a {side} of month or year precision is a window already ({side}: 2025 means "
                           "some time in 2025)")]
    found = window(props, side)
    if found.first and found.last and found.last < found.first:
        return [(f"{side}_latest", f"{side}_latest {found.latest} is before {side}_earliest {found.earliest}; "
                                   f"the {side} lies between them: write the earlier date as {side}_earliest")]
    return []


def _attestation_problems(props: dict[str, Any], start: Window, end: Window) -> list[tuple[str, str]]:
    problems = []
    for seen in props.get("as_of") or []:
        if start.first and last_day(seen) < start.first:
            problems.append((bound_key(props, "start", "earliest"),
                             f"as_of {seen} shows the office held before the term can have begun "
                             f"({start.earliest}); widen the start or correct the date"))
        if end.last and first_day(seen) > end.last:
            problems.append((bound_key(props, "end", "latest"),
                             f"as_of {seen} shows the office held after the term can have ended "
                             f"({end.latest}); widen the end or correct the date"))
    return problems
