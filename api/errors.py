"""Map Jalin's errors to GraphQL errors and HTTP responses, in this one place."""

from collections.abc import Iterator
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from graphql import GraphQLError
from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.extensions import SchemaExtension

from jalin.errors import BadRequest, InvalidData, JalinError, StoreUnavailable, TimeBudgetExceeded

RETRY_AFTER_S = "5"
INTERNAL = "InternalError"  # the code of an error no JalinError describes: a fault of ours


def error_extensions(error: JalinError) -> dict[str, Any]:
    """Return the `extensions` a GraphQL error carries for `error`: its code, status and, for bad data, problems."""
    extensions: dict[str, Any] = {"code": type(error).__name__, "status": error.status}
    if isinstance(error, InvalidData):
        extensions["problems"] = [{"where": p.where, "message": p.message} for p in error.problems]
    return extensions


class JalinErrorExtensions(SchemaExtension):
    """Give every GraphQL error a `code` and a `status`, show a client only what it may read of a fault, and
    answer the HTTP status of a request refused before it ran or of a store that failed it."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        for error in (result.errors if result else None) or []:
            self._describe(error)

    def _describe(self, error: GraphQLError) -> None:
        original = error.original_error
        if isinstance(original, StrawberryInputCoercionError):  # e.g. a Date that is no day: the client's
            original = BadRequest(error.message)
        if original is None or isinstance(original, GraphQLError):
            return  # GraphQL's own checks and Strawberry's permissions: their messages are for clients
        if not isinstance(original, JalinError):
            # An exception of a library or of ours that nobody described: its text may show internals.
            error.message = JalinError.fault
            error.extensions = {**(error.extensions or {}), "code": INTERNAL, "status": 500}
            return
        error.message = original.public
        error.extensions = {**(error.extensions or {}), **error_extensions(original)}
        if isinstance(original, StoreUnavailable):
            # A store that is down is not the client's fault: say so at the HTTP level too, so that
            # load balancers and retrying clients see it.
            self._answer(original.status, {"Retry-After": RETRY_AFTER_S})
        elif isinstance(original, TimeBudgetExceeded):
            self._answer(original.status)  # the store stopped it: a gateway's timeout, said as one
        elif error.path is None and original.status < 500:
            self._answer(original.status)  # refused before any field ran: the whole request is refused

    def _answer(self, status: int, headers: dict[str, str] | None = None) -> None:
        response = getattr(self.execution_context.context, "response", None)
        if response is not None:
            response.status_code = status
            response.headers.update(headers or {})


async def jalin_error_response(request: Request, error: Exception) -> JSONResponse:
    """Answer a JalinError raised outside GraphQL with its status and what a client may read of it."""
    assert isinstance(error, JalinError)
    return JSONResponse({"error": type(error).__name__, "detail": error.public}, status_code=error.status)
