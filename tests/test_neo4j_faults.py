"""Neo4j faults on a real server: killed mid-request, restarted, wrong password, wrong version."""

import asyncio
import os
import signal
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from graph.neo4j import Neo4jStore, require_neo4j_5
from graph.server import exited_within
from jalin.errors import StoreRefused
from tests.conftest import TOKEN, data, settings_for
from tests.neo4j_server import Neo4jEndpoint

SEARCH = {"query": '{ search(text: "balik") { id } }'}
SOURCE = """mutation { upsertEntity(input: {id: "source-x", type: "Source", name: "Test article",
    sources: ["source-x"], properties: {language: "id", seed_file: "x.txt"}}) { id } }"""
CREATE = """mutation($id: ID!) { upsertEntity(input: {id: $id, type: "Commodity", name: "Kelapa sawit",
    properties: {category: "plantation"}, sources: ["source-x"]}) { id } }"""


async def test_wrong_password_is_refused_naming_the_setting(neo4j: Neo4jEndpoint) -> None:
    store = Neo4jStore(neo4j.uri, neo4j.user, "not-the-password", timeout=5)
    await store.open()
    try:
        with pytest.raises(StoreRefused, match=r"refused the credentials \(JALIN_NEO4J_USER/PASSWORD\)"):
            await store.ping()
    finally:
        await store.close()


def test_server_that_is_not_neo4j_5_is_refused_with_its_version() -> None:
    for agent in ("Neo4j/2025.10.1", "Neo4j/4.4.30", "Memgraph/2.1"):
        with pytest.raises(StoreRefused, match=f"is {agent}; Jalin needs Neo4j 5"):
            require_neo4j_5(agent, "bolt://db:7687")
    require_neo4j_5("Neo4j/5.26.19", "bolt://db:7687")


async def test_the_real_server_is_accepted_as_neo4j_5(neo4j_session_store: Neo4jStore) -> None:
    await neo4j_session_store.ping()


async def _answers_while_killed(client: httpx.AsyncClient, pid: int) -> list[httpx.Response]:
    async def ask() -> httpx.Response:
        return await client.post("/graphql", json=SEARCH)

    requests = [asyncio.create_task(ask()) for _ in range(8)]
    await asyncio.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    return [*await asyncio.gather(*requests), await ask()]


@pytest.mark.slow
async def test_killed_neo4j_gives_503_then_the_api_recovers_with_every_acknowledged_write(
        neo4j: Neo4jEndpoint, neo4j_scratch: Neo4jStore, tmp_path: Path) -> None:
    if neo4j.server is None:
        pytest.skip("JALIN_TEST_NEO4J_URI names an outside server: this test kills and restarts its own")
    server, pid = neo4j.server, neo4j.server.pid()
    assert pid is not None
    app = create_app(settings_for(tmp_path), store=neo4j_scratch)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://jalin",
                                 headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        assert "errors" not in (await client.post("/graphql", json={"query": SOURCE})).json()
        written = [f"commodity-{i}" for i in range(20)]
        for entity_id in written:  # each acknowledged before the next is sent
            answer = (await client.post("/graphql", json={"query": CREATE, "variables": {"id": entity_id}})).json()
            assert "errors" not in answer, answer
        answers = await _answers_while_killed(client, pid)
        assert exited_within(pid, 30)
        assert {a.status_code for a in answers} <= {200, 503} and answers[-1].status_code == 503
        assert all(a.headers["retry-after"] for a in answers if a.status_code == 503)
        assert answers[-1].json()["errors"][0]["extensions"]["code"] == "StoreUnavailable"
        assert (await client.get("/readyz")).status_code == 503
        assert server.start()  # the same files: Neo4j recovers from its transaction log
        assert (await client.get("/readyz")).status_code == 200  # the same app and driver, no restart
        found = await data(client, "{ entities(first: 100, types: [\"Commodity\"]) { edges { node { id } } } }")
        assert sorted(e["node"]["id"] for e in found["entities"]["edges"]) == sorted(written)
