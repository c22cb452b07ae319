"""The GraphQL endpoint at `/graphql`: Strawberry's ASGI view, a short path for the usual request, and
the GraphiQL page bundled in `web/dist` instead of one loaded from a CDN."""

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLRequestData
from strawberry.schema.base import BaseSchema

from api.context import Context
from api.web import WEB_DIST, read_page

PLAIN_KEYS = frozenset({"query", "variables", "operationName"})
STREAMING = ("multipart/mixed", "text/event-stream")  # incremental delivery and subscriptions


def plain_operation(headers: Mapping[str, str], body: bytes) -> GraphQLRequestData | None:
    """Return the one operation of a JSON POST with nothing unusual; None for anything else
    (batches, streaming, extensions, bad JSON), which the general view answers."""
    if "application/json" not in headers.get("content-type", ""):
        return None
    if any(kind in headers.get("accept", "") for kind in STREAMING):
        return None
    try:
        data: Any = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict) or not data.keys() <= PLAIN_KEYS:
        return None
    query, variables, name = data.get("query"), data.get("variables"), data.get("operationName")
    if not isinstance(query, str) or not isinstance(variables, dict | None) or not isinstance(name, str | None):
        return None
    return GraphQLRequestData(query=query, variables=variables, operation_name=name, extensions=None,
                              protocol="http")


class GraphQLEndpoint(GraphQL[Context, None]):
    """Strawberry's ASGI view on a bare route, with our per-request context.

    Not FastAPI's GraphQL router, which resolves its context through dependency injection on every
    request; and a JSON POST of one operation, what clients send, skips the general view's checks
    for the GraphiQL page, batches, uploads and streams. Both cost more than executing a small
    query: profiled against the benchmark's bare endpoint (bench/results.md).
    """

    dist: Path = WEB_DIST

    def __init__(self, schema: BaseSchema, context: Callable[[Request], Context]) -> None:
        super().__init__(schema)
        self.make_context = context

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            response = await self._plain_post(request) or await self.run(request)
        except HTTPException as error:
            response = PlainTextResponse(error.reason, status_code=error.status_code)
        await response(scope, receive, send)

    async def _plain_post(self, request: Request) -> Response | None:
        operation = plain_operation(request.headers, await request.body())  # the body stays cached for `run`
        if operation is None:
            return None
        sub_response = await self.get_sub_response(request)
        context = await self.get_context(request, sub_response)
        result = await self.execute_single(request=request, request_adapter=self.request_adapter_class(request),
                                           sub_response=sub_response, context=context, root_value=None,
                                           request_data=operation)
        return self.create_response(response_data=await self.process_result(request, result),
                                    sub_response=sub_response)

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        """Return the request's context; resolvers set the response's status through it."""
        assert isinstance(request, Request) and isinstance(response, Response)
        context = self.make_context(request)
        context.request, context.response = request, response
        return context

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        """Serve the bundled GraphiQL page."""
        return HTMLResponse(read_page(self.dist, "graphiql.html"))
