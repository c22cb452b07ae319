"""The analysts' web client at `/` and the pages GraphiQL is served from, built from `web/` into `web/dist`."""

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from jalin.errors import JalinError

WEB_DIST = Path(__file__).resolve().parent.parent / "web" / "dist"


class WebNotBuilt(JalinError):
    """The front-end bundle is missing: `make web` builds it."""

    status = 503
    fault = "the web client is not built on this server; its operators build it with `make web`"


def read_page(dist: Path, name: str) -> str:
    """Return a built HTML page, or raise WebNotBuilt naming the missing file."""
    page = dist / name
    if not page.is_file():
        raise WebNotBuilt(f"{page} is missing: run `make web` to build the web client")
    return page.read_text(encoding="utf-8")


def mount_web(app: FastAPI, dist: Path = WEB_DIST) -> None:
    """Serve the client's page at `/` and its bundled assets at `/assets`."""
    router = APIRouter()

    @router.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def client() -> HTMLResponse:
        return HTMLResponse(read_page(dist, "index.html"))

    app.include_router(router)
    app.mount("/assets", StaticFiles(directory=dist / "assets", check_dir=False), name="assets")
