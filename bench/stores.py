"""The stores the benchmark measures, each opened empty for one scale: the embedded store and a local Neo4j."""

import shutil
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import redis

from bench import say
from graph.embedded import EmbeddedStore
from graph.neo4j import Neo4jStore
from graph.neo4j_server import Neo4jServer, Neo4jServerSettings
from graph.server import server_pid_of
from graph.store import Store
from jalin.config import Settings, neo4j_jvm_flags
from jalin.errors import StoreUnavailable

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "bench"
GRAPH = "jalin"
STORES = ("embedded", "neo4j")
NEO4J_USER, NEO4J_PASSWORD = "neo4j", "jalin-bench"
# The memory `make neo4j` gives Neo4j on this 2-core, 24 GiB machine: the settings' defaults.
NEO4J_HEAP = str(Settings.model_fields["neo4j_heap"].default)
NEO4J_PAGE_CACHE = str(Settings.model_fields["neo4j_page_cache"].default)


@dataclass(frozen=True)
class BenchStore:
    """One store at one scale: the client this process times, how the app reaches it, its server process."""

    name: str
    store: Store
    app_args: list[str]
    server_pid: Callable[[], int | None]
    # An empty graph for the naive and floor seeds, once the reads are done.
    scratch: Callable[[str], AbstractAsyncContextManager[Store]]
    # Where another client logs in to the same database: Bolt address, user, password (Neo4j only).
    bolt: tuple[str, str, str] = ("", "", "")


def free_port() -> int:
    """Return a loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@asynccontextmanager
async def embedded(nodes: int, data: Path) -> AsyncIterator[BenchStore]:
    """Open a new embedded store under `data`/store-<nodes>; stop it at the end."""
    store_dir = data / f"store-{nodes}"
    shutil.rmtree(store_dir, ignore_errors=True)
    store = EmbeddedStore(store_dir, GRAPH)
    await store.open()

    @asynccontextmanager
    async def other_graph(name: str) -> AsyncIterator[Store]:
        scratch = EmbeddedStore(store_dir, name)
        await scratch.open()
        try:
            yield scratch
        finally:
            await scratch.close()

    try:
        yield BenchStore("embedded", store, ["--data-dir", str(store_dir), "--graph", GRAPH],
                         lambda: server_pid_of(store_dir), other_graph)
    finally:
        try:
            await store.close()
        except (redis.RedisError, StoreUnavailable) as error:  # the figures are in: keep them
            say(f"stopping the embedded store failed: {error!r}")


def neo4j_server(nodes: int, data: Path) -> Neo4jServer:
    """Return the benchmark's local Neo4j of one scale, on free ports, under `data`/neo4j-<nodes>."""
    return Neo4jServer(Neo4jServerSettings(home=data / f"neo4j-{nodes}", password=NEO4J_PASSWORD,
                                           bolt_port=free_port(), http_port=free_port(),
                                           heap=NEO4J_HEAP, page_cache=NEO4J_PAGE_CACHE,
                                           jvm_flags=neo4j_jvm_flags(Settings())))


@asynccontextmanager
async def neo4j(nodes: int, data: Path, *, empty: bool = True) -> AsyncIterator[BenchStore]:
    """Start a local Neo4j under `data`/neo4j-<nodes> and (unless not `empty`) empty it; stop it at the end."""
    server = neo4j_server(nodes, data)
    server.stop()  # one an interrupted run left behind listens on other ports
    server.start()
    store = Neo4jStore(server.bolt_uri, NEO4J_USER, NEO4J_PASSWORD)
    await store.open()
    # Emptied rather than made anew: a new database costs a second JVM (the initial password) and ~20 s.
    if empty:
        await store.clear()

    # Neo4j Community holds one database: the scratch graph is the same one, emptied.
    @asynccontextmanager
    async def emptied(name: str) -> AsyncIterator[Store]:
        await store.clear()
        yield store

    try:
        yield BenchStore("neo4j", store, ["--neo4j-uri", server.bolt_uri, "--neo4j-password", NEO4J_PASSWORD],
                         server.pid, emptied, (server.bolt_uri, NEO4J_USER, NEO4J_PASSWORD))
    finally:
        await store.close()
        try:
            server.stop()
        except StoreUnavailable as error:  # the figures are in: keep them
            say(f"stopping Neo4j failed: {error.detail}")


OPEN: dict[str, Callable[[int, Path], AbstractAsyncContextManager[BenchStore]]] = {"embedded": embedded, "neo4j": neo4j}
