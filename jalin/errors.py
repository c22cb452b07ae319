"""One error family for Jalin: each carries a message for people and an HTTP status."""

from dataclasses import dataclass


class JalinError(Exception):
    """Base of every error Jalin raises on purpose."""

    status = 500

    def __init__(self, detail: str, status: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        if status is not None:
            self.status = status


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


class StoreRefused(StoreUnavailable):
    """The store answers but will not serve Jalin (wrong credentials, unsupported version): waiting won't help."""


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
