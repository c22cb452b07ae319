"""The GraphQL endpoint with an offline GraphiQL at `/graphql`, and the analysts' web client at `/`, both
built from `web/` into `web/dist`."""

from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request, Response, WebSocket
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from strawberry.asgi import GraphQL
from strawberry.schema.base import BaseSchema

from api.context import Context
from jalin.errors import JalinError

WEB_DIST = Path(__file__).resolve().parent.parent / "web" / "dist"


class WebNotBuilt(JalinError):
    """The front-end bundle is missing: `make web` builds it."""

    status = 503


def read_page(dist: Path, name: str) -> str:
    """Return a built HTML page, or raise WebNotBuilt naming the missing file."""
    page = dist / name
    if not page.is_file():
        raise WebNotBuilt(f"{page} is missing: run `make web` to build the web client")
    return page.read_text(encoding="utf-8")


class GraphQLEndpoint(GraphQL[Context, None]):
    """Strawberry's plain ASGI view, with our per-request context and the GraphiQL page bundled in
    `web/dist` instead of one loaded from a CDN.

    A bare route, not FastAPI's GraphQL router: the router resolves its context through FastAPI's
    dependency injection on every request, which cost more than executing a small query.
    """

    dist: Path = WEB_DIST

    def __init__(self, schema: BaseSchema, context: Callable[[Request], Context]) -> None:
        super().__init__(schema)
        self.make_context = context

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        """Return the request's context; resolvers set the response's status through it."""
        assert isinstance(request, Request) and isinstance(response, Response)
        context = self.make_context(request)
        context.request, context.response = request, response
        return context

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        """Serve the bundled GraphiQL page."""
        return HTMLResponse(read_page(self.dist, "graphiql.html"))


def mount_web(app: FastAPI, dist: Path = WEB_DIST) -> None:
    """Serve the client's page at `/` and its bundled assets at `/assets`."""
    router = APIRouter()

    @router.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def client() -> HTMLResponse:
        return HTMLResponse(read_page(dist, "index.html"))

    app.include_router(router)
    app.mount("/assets", StaticFiles(directory=dist / "assets", check_dir=False), name="assets")
