"""The store dies under a running API (SIGKILL, a full disk): 503 with Retry-After meanwhile, then the API
serves again by itself, with every acknowledged write, on both stores.

The API is a real `jalin serve` process and the stores are real servers. The embedded store's server is
restarted by the API itself; a test keeps it down for as long as it asks by holding the data dir's lock,
which a restart needs. Neo4j is restarted by the test, as an operator or a service manager would: the
API only has to notice that it is back.
"""

import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from graph.server import EmbeddedServer, exited_within, process_alive
from tests.conftest import TOKEN
from tests.neo4j_server import Neo4jEndpoint
from tests.processes import ROOT, Served, answer, eventually, kill_server, serving

pytestmark = pytest.mark.slow

RECOVER_S = 60.0  # for the API to serve again once the store can run: seconds, not an operator
SOURCE = """mutation { upsertEntity(input: {id: "source-x", type: "Source", name: "Test article",
    sources: ["source-x"], properties: {language: "id", seed_file: "x.txt"}}) { id } }"""
CREATE = """mutation($id: ID!) { upsertEntity(input: {id: $id, type: "Commodity", name: "Kelapa sawit",
    properties: {category: "plantation"}, sources: ["source-x"]}) { id } }"""
COMMODITIES = '{ entities(first: 100, types: ["Commodity"]) { edges { node { id } } } }'


@dataclass
class Faulty:
    """A served API over a store that a test can take down, and how to take it down."""

    served: Served
    down: Callable[[], AbstractContextManager[None]]  # the store is down inside, and may come back on leaving
    server_pid: Callable[[], int | None]


def _post(url: str, query: str, **variables: str) -> httpx.Response:
    return httpx.post(f"{url}/graphql", json={"query": query, "variables": variables},
                      headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)


def _write(url: str, entity_id: str) -> httpx.Response:
    return _post(url, CREATE, id=entity_id)


def _stored(url: str, prefix: str) -> list[str]:
    body = _post(url, COMMODITIES).json()
    assert "errors" not in body, body
    return sorted(i for edge in body["data"]["entities"]["edges"] if (i := edge["node"]["id"]).startswith(prefix))


def _serving_again(url: str) -> bool:
    """Tell whether the API serves again; until then it answers 503, never a 500 or a GraphQL error."""
    ready, read = answer(url), _post(url, COMMODITIES)
    assert read.status_code in (200, 503) and (ready is None or ready.status_code in (200, 503)), read.text
    assert read.status_code == 503 or "errors" not in read.json(), read.text
    return ready is not None and ready.status_code == 200 and read.status_code == 200


def _assert_unavailable(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert int(response.headers["retry-after"]) > 0
    body = response.json()
    code = body["errors"][0]["extensions"]["code"] if "errors" in body else body["code"]
    assert code == "StoreUnavailable", body
    # What failed is said; where the store lives and what its client said are not.
    assert "graph store does not answer" in response.text, body
    assert ".sock" not in response.text and "unix socket" not in response.text.lower() and "7687" not in response.text


@pytest.fixture(scope="module")
def embedded_faulty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Faulty]:
    """`jalin serve` over the embedded store, shared by the module's tests: each leaves it serving."""
    data_dir = tmp_path_factory.mktemp("faults") / "data"

    @contextmanager
    def down() -> Iterator[None]:
        with EmbeddedServer(data_dir).locked():  # no restart before the test lets go
            kill_server(data_dir)
            yield

    with serving(data_dir, "--no-seed", JALIN_API_TOKEN=TOKEN) as served:
        assert "errors" not in _post(served.url, SOURCE).json()
        yield Faulty(served, down, EmbeddedServer(data_dir).pid)
    kill_server(data_dir)


@pytest.fixture
def neo4j_faulty(neo4j: Neo4jEndpoint, neo4j_scratch: object, tmp_path: Path) -> Iterator[Faulty]:
    """`jalin serve` over the tests' Neo4j, emptied."""
    server = neo4j.server
    if server is None:
        pytest.skip("JALIN_TEST_NEO4J_URI names an outside server: these tests kill and restart their own")

    @contextmanager
    def down() -> Iterator[None]:
        assert (pid := server.pid()) is not None
        os.kill(pid, signal.SIGKILL)
        assert exited_within(pid, 30)
        try:
            yield
        finally:
            assert server.start()  # the same files: Neo4j recovers from its transaction log

    with serving(tmp_path / "data", "--no-seed", JALIN_API_TOKEN=TOKEN, JALIN_NEO4J_URI=neo4j.uri,
                 JALIN_NEO4J_USER=neo4j.user, JALIN_NEO4J_PASSWORD=neo4j.password, JALIN_NEO4J_TIMEOUT="2") as served:
        assert "errors" not in _post(served.url, SOURCE).json()
        yield Faulty(served, down, server.pid)


@pytest.fixture(params=["embedded", "neo4j"])
def faulty(request: pytest.FixtureRequest) -> Faulty:
    """A served API over a store a test can take down, once per store."""
    found: Faulty = request.getfixturevalue(f"{request.param}_faulty")
    return found


def test_killed_store_answers_503_then_the_api_serves_again_by_itself(faulty: Faulty) -> None:
    url = faulty.served.url
    written = sorted(f"commodity-killed-{i}" for i in range(20))
    for entity_id in written:  # each acknowledged before the next is sent
        assert "errors" not in _write(url, entity_id).json()
    restarts = len(faulty.served.log_lines("had ended"))
    killed = faulty.server_pid()
    with faulty.down():
        _assert_unavailable(_post(url, COMMODITIES))
        _assert_unavailable(_write(url, "commodity-killed-lost"))
        _assert_unavailable(httpx.get(f"{url}/readyz", timeout=60))
    eventually(lambda: _serving_again(url), RECOVER_S, "the API serving again")
    assert _stored(url, "commodity-killed-") == written
    assert "errors" not in _write(url, "commodity-killed-after").json()
    assert faulty.server_pid() not in (None, killed)
    if faulty.served.log_lines("restarted it as pid"):  # the embedded store: the API restarted it, and said so once
        assert len(faulty.served.log_lines("had ended")) == restarts + 1


def test_command_that_restarts_the_embedded_server_leaves_it_to_the_api(embedded_faulty: Faulty) -> None:
    url, server = embedded_faulty.served.url, EmbeddedServer(embedded_faulty.served.data_dir)
    with embedded_faulty.down():
        # Waits for the lock, as the API's restart does: one of them restarts the server, the other finds it.
        command = subprocess.Popen([sys.executable, "-m", "cli", "stats"], cwd=ROOT,
                                   env={**os.environ, "JALIN_DATA_DIR": str(server.data_dir)},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert command.wait(timeout=120) == 0
    pid = server.pid()
    assert pid is not None, "the command stopped the server the API uses on its way out"
    eventually(lambda: _serving_again(url), RECOVER_S, "the API serving again")
    assert server.pid() == pid
    assert "User requested shutdown" not in server.logfile.read_text()


def test_full_disk_ends_the_embedded_server_which_comes_back_with_every_acknowledged_write(
        embedded_faulty: Faulty) -> None:
    url, pid = embedded_faulty.served.url, embedded_faulty.server_pid()
    assert pid is not None
    # No file of the server may grow past 16 KiB more than the largest it has (setrlimit(2),
    # RLIMIT_FSIZE): writes past it fail as on a full disk, and Redis, which cannot keep an
    # append-only file fsynced on every write, ends.
    largest = max(f.stat().st_size for f in embedded_faulty.served.data_dir.rglob("*") if f.is_file())
    _, hard = resource.prlimit(pid, resource.RLIMIT_FSIZE)
    resource.prlimit(pid, resource.RLIMIT_FSIZE, (largest + 16 * 1024, hard))
    acknowledged, refused = [], None
    for i in range(100):
        response = _write(url, f"commodity-full-{i}")
        if response.status_code != 200 or "errors" in response.json():
            refused = response
            break
        acknowledged.append(f"commodity-full-{i}")
    assert refused is not None and acknowledged, "the disk never filled"
    _assert_unavailable(refused)
    eventually(lambda: _serving_again(url), RECOVER_S, "the API serving again")
    assert not process_alive(pid)
    stored = _stored(url, "commodity-full-")
    assert set(acknowledged) <= set(stored) and len(stored) - len(acknowledged) <= 1  # the refused write, maybe
    assert "errors" not in _write(url, "commodity-full-after").json()
