"""The FastAPI application: one store per process, opened in the lifespan; GraphQL and health checks."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from api.admission import Admission
from api.body_limit import BodyLimit
from api.browser import MOUNT, browser_assets
from api.context import Context
from api.drafts import GraphNames
from api.endpoint import mount_graphql
from api.errors import RETRY_AFTER_S, jalin_error_response
from api.headers import SecurityHeaders
from api.schema import build_schema
from api.web import mount_web
from graph import make_store
from graph.store import Store
from jalin.config import Settings, get_settings
from jalin.errors import JalinError, StoreUnavailable


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """Build the app; it opens `store` (or the configured one) on start and closes it on shutdown."""
    settings = settings or get_settings()
    the_store = store or make_store(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await the_store.open()
        try:
            yield
        finally:
            await the_store.close()

    graph_names = GraphNames()

    def context(request: Request) -> Context:
        return Context(store=the_store, settings=settings, bearer=_bearer(request), graph_names=graph_names)

    # No /docs or /redoc: FastAPI's pages load their scripts from a CDN; GraphiQL documents the API.
    app = FastAPI(title="Jalin", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.add_middleware(Admission, running=settings.max_running_requests, wait_s=settings.queue_wait,
                       retry_after_s=RETRY_AFTER_S)
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)  # the outermost: on every answer, a refusal of BodyLimit's too
    app.state.store = the_store
    app.add_exception_handler(JalinError, jalin_error_response)
    mount_graphql(app, build_schema(settings), context, settings.max_response_bytes)
    mount_web(app)
    app.mount(MOUNT, browser_assets(settings))

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz() -> JSONResponse:
        try:
            await the_store.ping()
        except StoreUnavailable as error:
            return JSONResponse({"status": "unavailable", "store": the_store.name, "code": type(error).__name__,
                                 "detail": error.public}, status_code=503, headers={"Retry-After": RETRY_AFTER_S})
        return JSONResponse({"status": "ready", "store": the_store.name})

    return app


def app_from_environment() -> FastAPI:
    """Build the app from the `JALIN_*` environment: the factory each uvicorn worker process calls."""
    return create_app(get_settings())
