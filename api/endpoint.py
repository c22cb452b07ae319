"""The GraphQL endpoint at `/graphql`: Strawberry's ASGI view with our per-request context, and the
GraphiQL page bundled in `web/dist` instead of one loaded from a CDN."""

import json
from collections.abc import Callable
from pathlib import Path

from cross_web import HTTPException
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.schema import BaseSchema

from api.context import Context
from api.response_limit import ResponseLimit
from api.web import WEB_DIST, read_page

PATH = "/graphql"


class GraphQLEndpoint(GraphQL[Context, None]):
    """Strawberry's ASGI view, overriding only its documented hooks: the context and the IDE page."""

    dist: Path = WEB_DIST

    def __init__(self, schema: BaseSchema, context: Callable[[Request], Context]) -> None:
        super().__init__(schema)
        self.make_context = context

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        """Return the request's context; resolvers set the response's status through it.

        A query another site makes a browser send by GET (an image's address) is refused: it would
        spend this server's time for a page the reader never asked for."""
        assert isinstance(request, Request) and isinstance(response, Response)
        if request.method == "GET" and request.query_params.get("query") \
                and request.headers.get("sec-fetch-site") == "cross-site":
            raise HTTPException(403, "a query by GET from another site is refused; POST it as JSON")
        context = self.make_context(request)
        context.request, context.response = request, response
        return context

    def decode_json(self, data: str | bytes) -> object:
        """Decode a request body or variables: a client's mistake is a 400 saying which, never a 500."""
        try:
            decoded = json.loads(data)
        except UnicodeDecodeError:
            raise HTTPException(400, "the request body is not UTF-8 text") from None
        except RecursionError:
            raise HTTPException(400, "the request's JSON is nested too deeply") from None
        except ValueError as error:
            raise HTTPException(400, f"Unable to parse request body as JSON: {error}") from None
        if not isinstance(decoded, dict):
            raise HTTPException(400, "the request must be a JSON object: {\"query\": ..., \"variables\": {...}}")
        return decoded

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        """Serve the bundled GraphiQL page."""
        return HTMLResponse(read_page(self.dist, "graphiql.html"))


def mount_graphql(app: Starlette, schema: BaseSchema, context: Callable[[Request], Context],
                  max_response_bytes: int) -> None:
    """Serve `schema` at /graphql, with a context made by `context` for each request, and answers of at most
    `max_response_bytes`."""
    # Mounted as Strawberry's docs do: Starlette runs an ASGI app given as a route, though the
    # annotation of `add_route` names only request-to-response functions.
    endpoint = ResponseLimit(GraphQLEndpoint(schema, context), max_response_bytes)
    app.add_route(PATH, endpoint, methods=["GET", "POST"])  # type: ignore[arg-type]
