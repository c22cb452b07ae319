"""Fixtures for Jalin's tests.

Strategy: every test talks to the real embedded store. One server is started per session in a
temporary data dir. The seeded graph `jalin` is loaded once and only read by tests; tests that
write get their own empty graph on the same server (`scratch`), cleared before each test. API
tests drive the real ASGI app through httpx; a few start the real server process.
"""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.app import create_app
from graph.embedded import EmbeddedStore
from jalin.config import Settings
from schema import MODEL
from seeds.loader import seed

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds" / "fixtures"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TOKEN = "test-token"


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="session")
async def store(data_dir: Path) -> AsyncIterator[EmbeddedStore]:
    """The seeded graph: read-only for tests."""
    the_store = EmbeddedStore(data_dir, "jalin")
    await the_store.open()
    await seed(the_store, SEEDS)
    yield the_store
    await the_store.close()


@pytest.fixture(scope="session")
async def scratch_session(data_dir: Path, store: EmbeddedStore) -> AsyncIterator[EmbeddedStore]:
    the_store = EmbeddedStore(data_dir, "scratch")
    await the_store.open()
    await the_store.install_schema(MODEL)
    yield the_store
    await the_store.close()


@pytest.fixture
async def scratch(scratch_session: EmbeddedStore) -> EmbeddedStore:
    """An empty graph on the same server, for tests that write."""
    await scratch_session.clear()
    return scratch_session


def settings_for(data_dir: Path, **overrides: Any) -> Settings:
    return Settings(data_dir=data_dir, api_token=TOKEN, **overrides)


@pytest.fixture(scope="session")
async def client(store: EmbeddedStore, data_dir: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The real ASGI app over the seeded store."""
    app = create_app(settings_for(data_dir), store=store)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://jalin") as c:
        yield c


@pytest.fixture
async def writer(scratch: EmbeddedStore, data_dir: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The real ASGI app over the scratch graph, for mutations."""
    app = create_app(settings_for(data_dir), store=scratch)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://jalin") as c:
        yield c


async def gql(client: httpx.AsyncClient, query: str, token: str | None = None, **variables: Any) -> Any:
    """Post a GraphQL query; return the parsed body."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def data(client: httpx.AsyncClient, query: str, **variables: Any) -> Any:
    """Post a GraphQL query that must succeed; return its data."""
    body = await gql(client, query, **variables)
    assert "errors" not in body, body["errors"]
    return body["data"]


