"""The embedded store's known traps: orphaned servers, racing starts, and durability under SIGKILL."""

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from graph.embedded import SCHEMA_STATUS, EmbeddedStore
from graph.reads import entities_by_id
from graph.server import EmbeddedServer, process_alive
from jalin.config import Settings
from schema import MODEL
from seeds.generate import generate
from seeds.loader import read_fixtures
from tests.conftest import ROOT, TOKEN, free_port

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


def _kill_server(data_dir: Path) -> None:
    pid = EmbeddedServer(data_dir).pid()
    if pid:
        os.kill(pid, signal.SIGKILL)
        while process_alive(pid):
            time.sleep(0.02)


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
def api_server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """The real `jalin serve` process on a free port over a fresh data dir."""
    port = free_port()
    env = {**os.environ, "JALIN_DATA_DIR": str(tmp_path), "JALIN_PORT": str(port), "JALIN_API_TOKEN": TOKEN}
    process = subprocess.Popen([sys.executable, "-m", "cli", "serve"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/readyz").status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.2)
    yield process, url
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=30)
    _kill_server(tmp_path)


def test_served_app_is_seeded_healthy_and_ready(api_server: tuple[subprocess.Popen[bytes], str]) -> None:
    _, url = api_server
    assert httpx.get(f"{url}/healthz").json() == {"status": "ok"}
    assert httpx.get(f"{url}/readyz").json()["status"] == "ready"
    body = httpx.post(f"{url}/graphql", json={"query": '{ search(text: "pajrul") { id } }'}).json()
    assert body["data"]["search"][0]["id"] == "person-fadjroel-rachman"


async def test_acknowledged_write_survives_sigkill_of_api_and_store(
        api_server: tuple[subprocess.Popen[bytes], str], tmp_path: Path) -> None:
    process, url = api_server
    mutation = """mutation { upsertEntity(input: {id: "place-samarinda", type: "Place", name: "Samarinda",
        sources: ["source-000"], properties: {kind: "city"}}) { id } }"""
    response = httpx.post(f"{url}/graphql", json={"query": mutation},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.json()["data"]["upsertEntity"]["id"] == "place-samarinda"
    process.send_signal(signal.SIGKILL)
    process.wait()
    _kill_server(tmp_path)
    assert await _ids(tmp_path, "place-samarinda", "place-balikpapan") == {"place-samarinda", "place-balikpapan"}


async def test_api_answers_503_when_the_embedded_server_is_gone(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    await store.open()
    _kill_server(tmp_path)
    app = create_app(Settings(data_dir=tmp_path), store=store)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://jalin") as client:
        answer = await client.post("/graphql", json={"query": '{ entity(id: "place-palu") { id } }'})
        ready = await client.get("/readyz")
    await store.close()
    assert answer.status_code == 503 and answer.headers["retry-after"]
    assert answer.json()["errors"][0]["extensions"]["code"] == "StoreUnavailable"
    assert ready.status_code == 503
    # What failed is said; where the store lives and what its client said, which name its socket, are not.
    assert "graph store does not answer" in answer.json()["errors"][0]["message"]
    for body in (answer.text, ready.text):
        assert str(store.server.socket) not in body and str(tmp_path) not in body
        assert ".sock" not in body and "unix socket" not in body.lower() and "Error " not in body


async def test_more_simultaneous_reads_than_connections_wait_instead_of_failing(
        embedded_client: httpx.AsyncClient) -> None:
    # 100 at once against a pool of 32 connections: before, 68 of them got a 503 at once.
    query = {"query": '{ search(text: "balik") { id } entity(id: "place-palu") { relations { id } } }'}
    responses = await asyncio.gather(*(embedded_client.post("/graphql", json=query) for _ in range(100)))
    assert [r.status_code for r in responses] == [200] * 100
    assert all("errors" not in r.json() for r in responses)
