"""Map Jalin's errors to GraphQL errors and HTTP responses, in this one place."""

from collections.abc import Iterator

from fastapi import Request
from fastapi.responses import JSONResponse
from strawberry.extensions import SchemaExtension

from jalin.errors import InvalidData, JalinError


class JalinErrorExtensions(SchemaExtension):
    """Give every GraphQL error raised from a JalinError a `code`, a `status` and, for bad data, problems."""

    def on_execute(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        for error in (result.errors if result else None) or []:
            original = error.original_error
            if isinstance(original, JalinError):
                extensions = {"code": type(original).__name__, "status": original.status}
                if isinstance(original, InvalidData):
                    extensions["problems"] = [{"where": p.where, "message": p.message}
                                              for p in original.problems]
                error.extensions = {**(error.extensions or {}), **extensions}


async def jalin_error_response(request: Request, error: Exception) -> JSONResponse:
    """Answer a JalinError raised outside GraphQL with its status and message."""
    assert isinstance(error, JalinError)
    return JSONResponse({"error": type(error).__name__, "detail": error.detail}, status_code=error.status)
