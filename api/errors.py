"""Map Jalin's errors to GraphQL errors and HTTP responses, in this one place."""

from collections.abc import Iterator

from fastapi import Request
from fastapi.responses import JSONResponse
from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.extensions import SchemaExtension

from jalin.errors import BadRequest, InvalidData, JalinError, StoreUnavailable

RETRY_AFTER_S = "5"


class JalinErrorExtensions(SchemaExtension):
    """Give every GraphQL error raised from a JalinError a `code`, a `status` and, for bad data, problems."""

    def on_execute(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        for error in (result.errors if result else None) or []:
            original = error.original_error
            if isinstance(original, StrawberryInputCoercionError):  # e.g. a Date that is no day: the client's
                original = BadRequest(error.message)
            if isinstance(original, JalinError):
                extensions = {"code": type(original).__name__, "status": original.status}
                if isinstance(original, InvalidData):
                    extensions["problems"] = [{"where": p.where, "message": p.message}
                                              for p in original.problems]
                error.extensions = {**(error.extensions or {}), **extensions}
            if isinstance(original, StoreUnavailable):
                self._answer_unavailable()

    def _answer_unavailable(self) -> None:
        # A store that is down is not the client's fault: say 503 at the HTTP level too, so that
        # load balancers and retrying clients see it.
        response = getattr(self.execution_context.context, "response", None)
        if response is not None:
            response.status_code = 503
            response.headers["Retry-After"] = RETRY_AFTER_S


async def jalin_error_response(request: Request, error: Exception) -> JSONResponse:
    """Answer a JalinError raised outside GraphQL with its status and message."""
    assert isinstance(error, JalinError)
    return JSONResponse({"error": type(error).__name__, "detail": error.detail}, status_code=error.status)
