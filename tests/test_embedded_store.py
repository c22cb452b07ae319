"""The embedded store's known traps: orphaned servers, racing starts, and durability under SIGKILL."""

import asyncio
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graph.embedded import SCHEMA_STATUS, EmbeddedStore
from graph.reads import entities_by_id
from graph.server import process_alive
from schema import MODEL
from seeds.generate import generate
from seeds.loader import read_fixtures
from tests.conftest import TOKEN
from tests.processes import ROOT, Served, kill_server, serving

pytestmark = pytest.mark.slow

WRITER = """
import asyncio, sys
from pathlib import Path
from graph.embedded import SCHEMA_STATUS, EmbeddedStore
async def main():
    store = EmbeddedStore(Path(sys.argv[1]))
    await store.open()
    await store.run("CREATE (:Entity {id: $id})", {"id": sys.argv[2]}, write=True)
    print(store.server.pid(), flush=True)
    await asyncio.sleep(float(sys.argv[3]))
    await store.close()
asyncio.run(main())
"""


def _python(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", WRITER, *args], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


async def _ids(data_dir: Path, *ids: str) -> set[str]:
    store = EmbeddedStore(data_dir)
    await store.open()
    try:
        return set(await entities_by_id(store, list(ids)))
    finally:
        await store.close()


async def test_two_processes_starting_at_once_share_one_server(tmp_path: Path) -> None:
    first, second = _python(str(tmp_path), "a", "1.5"), _python(str(tmp_path), "b", "1.5")
    pids = {p.communicate(timeout=60)[0].strip() for p in (first, second)}
    assert len(pids) == 1, pids
    assert await _ids(tmp_path, "a", "b") == {"a", "b"}


async def test_killed_client_leaves_server_that_next_open_reattaches(tmp_path: Path) -> None:
    writer = _python(str(tmp_path), "a", "30")
    assert writer.stdout is not None
    pid = int(writer.stdout.readline())
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert process_alive(pid)
    store = EmbeddedStore(tmp_path)
    await store.open()
    assert store.server.pid() == pid
    await store.close()
    assert not process_alive(pid)


async def test_close_stops_the_server_nobody_else_uses(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    await store.open()
    pid = store.server.pid()
    await store.close()
    assert pid is not None and not process_alive(pid)


@pytest.fixture(scope="module")
async def saved_graph(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A data dir whose stopped server saved 3,000 generated entities; and the name of one of them.

    Large enough that a restarted server takes a while to load the graph and rebuild its indexes."""
    fixtures, data_dir = tmp_path_factory.mktemp("generated"), tmp_path_factory.mktemp("saved")
    generate(fixtures, 3_000, 15_000, seed=3)
    batch, _ = read_fixtures(fixtures)
    store = EmbeddedStore(data_dir)
    await store.open()
    assert await store.load_into_empty(batch, MODEL)
    await store.close()
    return data_dir, batch.nodes[-1].props["name"]


async def test_open_waits_for_the_indexes_a_restarted_server_rebuilds(saved_graph: tuple[Path, str]) -> None:
    data_dir, name = saved_graph
    store = EmbeddedStore(data_dir)
    await store.open()
    try:
        statuses = [row["status"] for statement in SCHEMA_STATUS for row in await store.run(statement)]
        found = await store.run(store.fulltext_statement() + " RETURN node.name AS name",
                                {"query": store.fulltext_query(name.lower().split())})
    finally:
        await store.close()
    assert len(statuses) > 10 and set(statuses) == {"OPERATIONAL"}
    assert name in [row["name"] for row in found]


async def test_close_stops_a_server_that_had_a_graph_to_load(saved_graph: tuple[Path, str]) -> None:
    store = EmbeddedStore(saved_graph[0])
    await store.open()
    pid = store.server.pid()
    await store.close()
    assert pid is not None and not process_alive(pid)


@pytest.fixture
def api_server(tmp_path: Path) -> Iterator[Served]:
    """The real `jalin serve` process on a free port over a fresh data dir."""
    with serving(tmp_path / "data", JALIN_API_TOKEN=TOKEN) as served:
        yield served
    kill_server(served.data_dir)


def test_served_app_is_seeded_healthy_and_ready(api_server: Served) -> None:
    url = api_server.url
    assert httpx.get(f"{url}/healthz").json() == {"status": "ok"}
    assert httpx.get(f"{url}/readyz").json()["status"] == "ready"
    body = httpx.post(f"{url}/graphql", json={"query": '{ search(text: "pajrul") { id } }'}).json()
    assert body["data"]["search"][0]["id"] == "person-fadjroel-rachman"


async def test_acknowledged_write_survives_sigkill_of_api_and_store(api_server: Served) -> None:
    mutation = """mutation { upsertEntity(input: {id: "place-samarinda", type: "Place", name: "Samarinda",
        sources: ["source-000"], properties: {kind: "city"}}) { id } }"""
    response = httpx.post(f"{api_server.url}/graphql", json={"query": mutation},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.json()["data"]["upsertEntity"]["id"] == "place-samarinda"
    api_server.process.send_signal(signal.SIGKILL)
    api_server.process.wait()
    kill_server(api_server.data_dir)
    both = {"place-samarinda", "place-balikpapan"}
    assert await _ids(api_server.data_dir, *both) == both


async def test_more_simultaneous_reads_than_connections_wait_instead_of_failing(
        embedded_client: httpx.AsyncClient) -> None:
    # 100 at once against a pool of 32 connections: before, 68 of them got a 503 at once.
    query = {"query": '{ search(text: "balik") { id } entity(id: "place-palu") { relations { id } } }'}
    responses = await asyncio.gather(*(embedded_client.post("/graphql", json=query) for _ in range(100)))
    assert [r.status_code for r in responses] == [200] * 100
    assert all("errors" not in r.json() for r in responses)
