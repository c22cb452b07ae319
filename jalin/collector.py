"""Pausing Python's cycle collector while a load builds millions of objects that all stay alive."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector: each collection would rescan every object built so far, which made
    large reads and loads quadratic, and none of these objects is garbage yet."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
