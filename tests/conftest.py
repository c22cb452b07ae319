"""Fixtures for Jalin's tests.

Strategy: every test talks to a real store. One embedded server is started per session in a
temporary data dir. The seeded graph `jalin` is loaded once and only read by tests; tests that
write get their own empty graph on the same server (`scratch`), cleared before each test. API
tests drive the real ASGI app through httpx; a few start the real server process.

Neo4j: `client`, the store contract suite and every test parametrised over both stores also run
against a real Neo4j 5 that the session starts with Jalin's own launcher on free ports
(`tests/neo4j_server.py`). Without Java or Maven their Neo4j half skips with the reason, except
under CI (`CI=true`), where that is a failure. Neo4j Community has one database, so the seeded
graph is re-seeded whenever a writing test has emptied it.
"""

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from api.app import create_app
from graph.embedded import EmbeddedStore
from graph.neo4j import Neo4jStore
from graph.stats import count_entities
from graph.store import Store
from jalin.config import Settings
from schema import MODEL
from seeds.loader import read_fixtures, seed
from tests.neo4j_server import Neo4jEndpoint, neo4j_endpoint
from tests.processes import ROOT, free_port

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
async def embedded_client(store: EmbeddedStore, data_dir: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The real ASGI app over the seeded embedded store."""
    async with _client(create_app(settings_for(data_dir), store=store)) as c:
        yield c


def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://jalin")


@pytest.fixture(scope="session")
def neo4j_api_port() -> int:
    """The port of the API whose style and guide the tests' Neo4j Browser applies on connect."""
    return free_port()


@pytest.fixture(scope="session")
def neo4j(tmp_path_factory: pytest.TempPathFactory, neo4j_api_port: int) -> Iterator[Neo4jEndpoint]:
    """A running Neo4j 5, or a skip that says how to get one (a failure under CI)."""
    api = f"http://127.0.0.1:{neo4j_api_port}/browser"
    # Laid out as `jalin neo4j` lays it out (DATA_DIR/neo4j), so the command can be tested on it.
    with neo4j_endpoint(tmp_path_factory.mktemp("neo4j-data") / "neo4j", free_port(), free_port(),
                        f"style {api}/style.grass; play {api}/guide.html") as found:
        if isinstance(found, str):
            if os.environ.get("CI") == "true":
                pytest.fail(f"{found} (under CI a skipped Neo4j test is a failure)")
            pytest.skip(found)
        yield found


@pytest.fixture(scope="session")
async def neo4j_session_store(neo4j: Neo4jEndpoint) -> AsyncIterator[Neo4jStore]:
    the_store = Neo4jStore(neo4j.uri, neo4j.user, neo4j.password)
    await the_store.open()
    await the_store.install_schema(MODEL)
    yield the_store
    await the_store.close()


@pytest.fixture
async def neo4j_scratch(neo4j_session_store: Neo4jStore) -> AsyncIterator[Neo4jStore]:
    """The Neo4j database, empty; emptied again afterwards."""
    await neo4j_session_store.clear()
    yield neo4j_session_store
    await neo4j_session_store.clear()


@pytest.fixture(scope="session")
async def neo4j_app(neo4j_session_store: Neo4jStore, data_dir: Path) -> FastAPI:
    return create_app(settings_for(data_dir), store=neo4j_session_store)


@pytest.fixture
async def neo4j_client(neo4j_session_store: Neo4jStore, neo4j_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """The real ASGI app over Neo4j holding the seeds."""
    expected = len(read_fixtures(SEEDS)[0].nodes)
    if await count_entities(neo4j_session_store) != expected:
        await neo4j_session_store.clear()
        await seed(neo4j_session_store, SEEDS)
    async with _client(neo4j_app) as c:
        yield c


@pytest.fixture(params=["embedded", "neo4j"])
def client(request: pytest.FixtureRequest) -> httpx.AsyncClient:
    """The real ASGI app over the seeded graph, once per store."""
    found: httpx.AsyncClient = request.getfixturevalue(f"{request.param}_client")
    return found


@pytest.fixture(params=["embedded", "neo4j"])
def empty_store(request: pytest.FixtureRequest) -> Store:
    """An empty graph to write into, once per store: the embedded scratch graph, or Neo4j emptied."""
    found: Store = request.getfixturevalue("scratch" if request.param == "embedded" else "neo4j_scratch")
    return found


@pytest.fixture
async def other_client(empty_store: Store, request: pytest.FixtureRequest) -> AsyncIterator[Store]:
    """A second client of `empty_store`'s graph, as another process (`jalin seed`, a second worker) has."""
    if isinstance(empty_store, EmbeddedStore):
        other: Store = EmbeddedStore(empty_store.server.data_dir, empty_store.graph_name)
    else:
        endpoint: Neo4jEndpoint = request.getfixturevalue("neo4j")
        other = Neo4jStore(endpoint.uri, endpoint.user, endpoint.password)
    await other.open()
    yield other
    await other.close()


@pytest.fixture
async def writer(empty_store: Store, data_dir: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The real ASGI app over an empty graph, for mutations, once per store."""
    app = create_app(settings_for(data_dir), store=empty_store)
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


