"""Neo4j Browser's assets over HTTP: the stylesheet and the guide, which Browser fetches cross-origin."""

from collections.abc import Awaitable, Callable

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from api.browser_guide import GUIDE_FILE, load_favorites, render_guide
from api.browser_style import STYLE_FILE, render_grass
from jalin.config import Settings, api_url
from jalin.errors import JalinError

MOUNT = "/browser"


async def style(request: Request) -> Response:
    """Serve the GRASS stylesheet for `:style <url>` and `browser.post_connect_cmd`."""
    return PlainTextResponse(render_grass())


def guide_endpoint(style_url: str) -> Callable[[Request], Awaitable[Response]]:
    """Return the endpoint serving the guide for `:guide <url>` (or `:play <url>`), pointing at `style_url`.

    The address comes from the settings: one built from the request's Host header would let
    whoever sends the request choose the stylesheet the guide applies."""
    async def guide(request: Request) -> Response:
        try:
            favorites = load_favorites()
        except JalinError as error:
            return PlainTextResponse(error.public, status_code=error.status)
        return HTMLResponse(render_guide(favorites, style_url))
    return guide


def browser_assets(settings: Settings) -> Starlette:
    """Return the app mounted at MOUNT, its links built from the address `settings` give.

    Any origin may read it: the assets are public and read-only and no credentials are involved, and
    Browser runs on origins we cannot list (a Neo4j server's port, Desktop, browser.neo4j.io). Browser
    sends `pragma` and `cache-control` with guide requests, so preflights must allow any header.
    """
    style_url = f"{api_url(settings)}{MOUNT}/{STYLE_FILE}"
    routes = [Route(f"/{STYLE_FILE}", style), Route(f"/{GUIDE_FILE}", guide_endpoint(style_url))]
    cors = Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"], allow_headers=["*"])
    return Starlette(routes=routes, middleware=[cors])
