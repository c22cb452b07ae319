"""Neo4j Browser's assets over HTTP: the stylesheet and the guide, which Browser fetches cross-origin."""

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from api.browser_guide import GUIDE_FILE, load_favorites, render_guide
from api.browser_style import STYLE_FILE, render_grass
from jalin.errors import JalinError

MOUNT = "/browser"


def _sibling(request: Request, name: str) -> str:
    """Return the URL of `name` beside the requested asset, as the client addressed this server."""
    folder = request.url.path.rsplit("/", 1)[0]
    return str(request.url.replace(path=f"{folder}/{name}", query=""))


async def style(request: Request) -> Response:
    """Serve the GRASS stylesheet for `:style <url>` and `browser.post_connect_cmd`."""
    return PlainTextResponse(render_grass())


async def guide(request: Request) -> Response:
    """Serve the guide for `:guide <url>` (or `:play <url>`), pointing at this server's stylesheet."""
    try:
        favorites = load_favorites()
    except JalinError as error:
        return PlainTextResponse(error.detail, status_code=error.status)
    return HTMLResponse(render_guide(favorites, _sibling(request, STYLE_FILE)))


def browser_assets() -> Starlette:
    """Return the app mounted at MOUNT.

    Any origin may read it: the assets are public and read-only and no credentials are involved, and
    Browser runs on origins we cannot list (a Neo4j server's port, Desktop, browser.neo4j.io). Browser
    sends `pragma` and `cache-control` with guide requests, so preflights must allow any header.
    """
    routes = [Route(f"/{STYLE_FILE}", style), Route(f"/{GUIDE_FILE}", guide)]
    cors = Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"], allow_headers=["*"])
    return Starlette(routes=routes, middleware=[cors])
