"""The Neo4j store where no Neo4j answers: clear errors, 503s and no hanging. Its DDL derives from the model."""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from neo4j import GraphDatabase

from api.app import create_app
from graph import make_store
from graph.embedded import EmbeddedStore
from graph.neo4j import INDEX_NAMES, Neo4jStore, schema_statements
from graph.store import edge_index_keys
from jalin.config import Settings
from jalin.errors import StoreUnavailable
from schema import MODEL
from tests.conftest import free_port
from tests.neo4j_server import Neo4jEndpoint
from tests.processes import START_S, answer, eventually

ROOT = Path(__file__).resolve().parent.parent
QUERY = {"query": '{ search(text: "palu") { id } }'}


@pytest.fixture
def closed_port() -> int:
    """A loopback port nothing listens on."""
    return free_port()


@pytest.fixture
async def unreachable(closed_port: int) -> Neo4jStore:
    store = Neo4jStore(f"bolt://127.0.0.1:{closed_port}", "neo4j", "secret", timeout=1.0)
    await store.open()
    return store


def test_settings_with_a_uri_choose_neo4j_and_without_one_the_embedded_store(tmp_path: Path) -> None:
    assert isinstance(make_store(Settings(data_dir=tmp_path)), EmbeddedStore)
    chosen = make_store(Settings(data_dir=tmp_path, neo4j_uri="neo4j+s://example.databases.neo4j.io"))
    assert isinstance(chosen, Neo4jStore) and chosen.uri.startswith("neo4j+s://")


async def test_ping_of_unreachable_neo4j_names_the_address(unreachable: Neo4jStore, closed_port: int) -> None:
    with pytest.raises(StoreUnavailable, match=f"Neo4j at bolt://127.0.0.1:{closed_port} does not answer"):
        await unreachable.ping()
    await unreachable.close()


async def test_statement_on_unreachable_neo4j_raises_store_unavailable(unreachable: Neo4jStore) -> None:
    with pytest.raises(StoreUnavailable):
        await unreachable.run("RETURN 1 AS one")
    await unreachable.close()


async def test_api_over_unreachable_neo4j_answers_503(unreachable: Neo4jStore, tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path), store=unreachable)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://jalin") as client:
        ready = await client.get("/readyz")
        answer = await client.post("/graphql", json=QUERY)
    assert ready.status_code == 503 and ready.json()["store"] == "neo4j"
    assert answer.status_code == 503 and answer.headers["retry-after"]
    assert answer.json()["errors"][0]["extensions"]["code"] == "StoreUnavailable"
    for body in (ready.text, answer.text):  # the store's address and its driver's words stay in the log
        assert unreachable.uri not in body and "bolt" not in body.lower() and "127.0.0.1" not in body
        assert "does not answer" in body
    await unreachable.close()


def test_schema_ddl_is_idempotent_and_covers_every_relation_type() -> None:
    named = schema_statements(MODEL)
    statements = list(named.values())
    assert all(f" {name} IF NOT EXISTS " in s for name, s in named.items())
    assert any("REQUIRE n.id IS UNIQUE" in s for s in statements)
    assert any("FULLTEXT INDEX" in s and "search_text" in s for s in statements)
    indexed = {(s.split("[r:")[1].split("]")[0], s.split("(r.")[1].rstrip(")")) for s in statements if "[r:" in s}
    assert {t for t, p in indexed if p == "id"} == set(MODEL.relations)
    assert set(edge_index_keys(MODEL)) == indexed


async def test_install_schema_creates_what_is_missing(neo4j: Neo4jEndpoint, neo4j_scratch: Neo4jStore) -> None:
    with GraphDatabase.driver(neo4j.uri, auth=(neo4j.user, neo4j.password)) as driver:
        driver.execute_query("DROP INDEX entity_name")
        driver.execute_query("DROP CONSTRAINT generation_id")
    await neo4j_scratch.install_schema(MODEL)
    assert set(schema_statements(MODEL)) <= {row["name"] for row in await neo4j_scratch.run(INDEX_NAMES)}


def test_fulltext_query_requires_every_word_as_prefix(unreachable: Neo4jStore) -> None:
    assert unreachable.fulltext_query(["balik", "papan"]) == "+balik* +papan*"


@pytest.fixture
def served_over_unreachable_neo4j(closed_port: int, tmp_path: Path) -> Iterator[str]:
    """The real `jalin serve --no-seed` process pointed at a Neo4j that does not answer."""
    port = free_port()
    env = {**os.environ, "JALIN_NEO4J_URI": f"bolt://127.0.0.1:{closed_port}", "JALIN_PORT": str(port),
           "JALIN_NEO4J_TIMEOUT": "1", "JALIN_DATA_DIR": str(tmp_path)}
    process = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--no-seed"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    eventually(lambda: answer(url, "/healthz"), START_S, "jalin serve to answer /healthz")
    yield url
    process.terminate()
    process.wait(timeout=30)


@pytest.mark.slow
def test_served_api_starts_without_neo4j_and_says_not_ready(served_over_unreachable_neo4j: str) -> None:
    url = served_over_unreachable_neo4j
    assert httpx.get(f"{url}/healthz").status_code == 200
    ready = httpx.get(f"{url}/readyz", timeout=10)
    assert ready.status_code == 503 and "does not answer" in ready.json()["detail"]
    assert httpx.post(f"{url}/graphql", json=QUERY, timeout=15).status_code == 503
