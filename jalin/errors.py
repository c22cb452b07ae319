"""One error family for Jalin: each carries a message for people and an HTTP status."""

from dataclasses import dataclass


class JalinError(Exception):
    """Base of every error Jalin raises on purpose."""

    status = 500
    # What a client is told of a fault of ours or the store's: the detail is for operators (logs,
    # the command line), as it may name files, sockets, addresses and the store's own messages.
    fault = "the server failed on this request; the fault is logged for its operators"

    def __init__(self, detail: str, status: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        if status is not None:
            self.status = status

    @property
    def public(self) -> str:
        """Return what a client may read: the detail of its own mistake, else the fault's summary."""
        return self.detail if self.status < 500 else self.fault


class NotFound(JalinError):
    """A requested entity or relation does not exist."""

    status = 404


class BadRequest(JalinError):
    """An argument is out of range or malformed."""

    status = 400


class Conflict(JalinError):
    """The request contradicts what the graph holds (an id taken, a source still cited)."""

    status = 409


class Unauthorized(JalinError):
    """A mutation came without the right bearer token."""

    status = 401


class StoreUnavailable(JalinError):
    """The graph store cannot be reached or refused to start."""

    status = 503
    fault = "the graph store does not answer; try again in a few seconds"


class StoreRefused(StoreUnavailable):
    """The store answers but will not serve Jalin (wrong credentials, unsupported version): waiting won't help."""

    fault = "the graph store refuses this server; its operators must correct the settings"


class TimeBudgetExceeded(JalinError):
    """The store stopped a statement at the end of the request's time budget, or at its own timeout."""

    status = 504

    def __init__(self, seconds: float, in_request: bool = True) -> None:
        super().__init__(f"the request used up its time budget of {seconds:g} s in the graph store "
                         "(JALIN_REQUEST_TIMEOUT) and was stopped: ask for less (fewer nested lists, a smaller "
                         "`first`) or split it into several requests" if in_request else
                         f"the graph store stopped a statement at its timeout of {seconds:g} s")
        self.fault = self.detail  # says nothing of the store's internals


@dataclass(frozen=True)
class Problem:
    """One thing wrong with input: where it is and what is wrong."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class InvalidData(JalinError):
    """Input failed validation; nothing was written."""

    status = 422

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:50])
        more = f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s), nothing was written:\n{shown}{more}")
