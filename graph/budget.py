"""A time budget for the statements of one request: each statement gets what is left of it as its timeout,
which the store enforces (FalkorDB's query timeout, Neo4j's transaction timeout)."""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from jalin.errors import TimeBudgetExceeded

DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("jalin_deadline", default=None)  # (budget, deadline)


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Give the statements run inside the block `seconds` of store time in all."""
    token = DEADLINE.set((seconds, time.monotonic() + seconds))
    try:
        yield
    finally:
        DEADLINE.reset(token)


def statement_timeout(default: float) -> float:
    """Return the seconds the next statement may run: what is left of the budget, else `default`; raise
    TimeBudgetExceeded when nothing is left."""
    budget = DEADLINE.get()
    if budget is None:
        return default
    left = budget[1] - time.monotonic()
    if left <= 0:
        raise TimeBudgetExceeded(budget[0])
    return min(left, default)


def exceeded(default: float) -> TimeBudgetExceeded:
    """Return the error for a statement the store stopped at its timeout."""
    budget = DEADLINE.get()
    return TimeBudgetExceeded(budget[0]) if budget else TimeBudgetExceeded(default, in_request=False)
