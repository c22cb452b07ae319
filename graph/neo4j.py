"""The Neo4j store: the official async driver; writes in managed transactions, reads in auto-commit
transactions, each retried on transient errors."""

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors

from graph.budget import exceeded, statement_timeout
from graph.paths import MAX_HOPS
from graph.store import CLAIM_INDEX_KEYS, Row, Statement, check_read_values, edge_index_keys, node_index_keys
from graph.subqueries import scoped_subqueries
from graph.writer import chunks, write_statements
from jalin.errors import Conflict, JalinError, StoreRefused, StoreUnavailable
from schema import ENTITY_LABEL, GENERATION_ID, GENERATION_LABEL, NAME_KEYS, SEARCH_PROPERTY, Model
from schema.records import Batch

QUERY_TIMEOUT_S = 30.0
# A staged write is a whole seed in one transaction, not a request: as long as a load may take.
STAGED_TIMEOUT_S = 1800.0
LOAD_TIMEOUT_S = 600.0
FIRST_RETRY_S = 0.05  # a read's first retry waits this long, each next one twice as long
FULLTEXT_INDEX = "entity_search"
FULLTEXT = f"CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $query) YIELD node, score"
# Neo4j's range indexes hold a list as one value, never its members; a full-text index with the keyword
# analyzer holds each member of a list whole, one term per name.
NAME_KEYS_INDEX = "entity_name_keys"
EXACT_NAME = f"CALL db.index.fulltext.queryNodes('{NAME_KEYS_INDEX}', $key) YIELD node"
AWAIT_INDEXES = "CALL db.awaitIndexes(300)"
INDEX_NAMES = "SHOW INDEXES YIELD name RETURN name"  # a constraint's index bears the constraint's name
ANY_NODE = f"MATCH (n) WHERE NOT n:{GENERATION_LABEL} RETURN n.id AS id LIMIT 1"
# The write generation: one node, incremented by every write transaction before it commits. The increment
# reads the property it sets, so Neo4j locks the node first: concurrent writes never lose a step.
GENERATION = f"OPTIONAL MATCH (g:{GENERATION_LABEL} {{id: $generation}}) RETURN coalesce(g.value, 0) AS value"
NEXT_GENERATION = (f"MERGE (g:{GENERATION_LABEL} {{id: $generation}}) "
                   "ON CREATE SET g.value = 1 ON MATCH SET g.value = g.value + 1")
# Records per transaction of a load into an empty graph: each commits in about a second here.
LOAD_CHUNK = 5_000
# Deleting in slices keeps each transaction small however large the graph is.
# The generation stays: counted from 0 again, it could come back to a number answers were kept under.
CLEAR_SLICE = (f"MATCH (n) WHERE NOT n:{GENERATION_LABEL} WITH n LIMIT 10000 DETACH DELETE n "
               "RETURN count(*) AS deleted")
SUPPORTED_MAJOR = "5"  # Jalin's statements, DDL and dialect are those of Neo4j 5
UNREACHABLE = (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError)


def _shortest_path(max_hops: int) -> str:
    """Return Neo4j's shortest path of at most `max_hops` edges in either direction, in one statement.
    The type test is on each edge, so Neo4j applies it while it searches (PROFILE: `ShortestPath` with
    the predicate inlined); a test on the whole path would search every path first."""
    return f"""OPTIONAL MATCH (a:{ENTITY_LABEL} {{id: $from_id}})
OPTIONAL MATCH (b:{ENTITY_LABEL} {{id: $to_id}})
OPTIONAL MATCH p = shortestPath((a)-[*..{max_hops}]-(b))
WHERE all(r IN relationships(p) WHERE $types IS NULL OR type(r) IN $types)
RETURN a IS NOT NULL AS from_found, b IS NOT NULL AS to_found,
       [n IN nodes(p) | {{props: n {{.*}}, labels: labels(n)}}] AS entities,
       [r IN relationships(p) | {{type: type(r), from_id: startNode(r).id, to_id: endNode(r).id,
                                  props: properties(r)}}] AS relations"""


# One statement per bound: a variable-length bound cannot be a parameter.
SHORTEST_PATH = {hops: _shortest_path(hops) for hops in range(1, MAX_HOPS + 1)}


def _create(kind: str, name: str, definition: str) -> tuple[str, str]:
    return name, f"CREATE {kind} {name} IF NOT EXISTS {definition}"


def schema_statements(model: Model) -> dict[str, str]:
    """Return the DDL that gives Neo4j the embedded store's unique ids, edge and claim indexes and full-text index,
    by the name of the constraint or index each statement creates."""
    return dict([
        _create("CONSTRAINT", "entity_id", f"FOR (n:{ENTITY_LABEL}) REQUIRE n.id IS UNIQUE"),
        _create("CONSTRAINT", "generation_id", f"FOR (n:{GENERATION_LABEL}) REQUIRE n.id IS UNIQUE"),
        _create("INDEX", "entity_name", f"FOR (n:{ENTITY_LABEL}) ON (n.name)"),
        _create("FULLTEXT INDEX", FULLTEXT_INDEX, f"FOR (n:{ENTITY_LABEL}) ON EACH [n.{SEARCH_PROPERTY}]"
                " OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}"),
        _create("FULLTEXT INDEX", NAME_KEYS_INDEX, f"FOR (n:{ENTITY_LABEL}) ON EACH [n.{NAME_KEYS}]"
                " OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}"),
        *(_create("INDEX", f"{rel_type.lower()}_{prop}", f"FOR ()-[r:{rel_type}]-() ON (r.{prop})")
          for rel_type, prop in edge_index_keys(model)),
        *(_create("INDEX", f"{label.lower()}_{prop}", f"FOR (n:{label}) ON (n.{prop})")
          for label, prop in (*node_index_keys(), *CLAIM_INDEX_KEYS)),
    ])


async def _rows(tx: neo4j.AsyncManagedTransaction, statement: str, params: dict[str, Any]) -> list[Row]:
    result = await tx.run(scoped_subqueries(statement), params)
    return [dict(row) for row in await result.data()]


async def _counted(tx: neo4j.AsyncManagedTransaction, work: Callable[..., Awaitable[Any]], *args: Any) -> Any:
    """Do a write's `work`, then move the generation on in the same transaction."""
    done = await work(tx, *args)
    await (await tx.run(NEXT_GENERATION, {"generation": GENERATION_ID})).consume()
    return done


async def _each(tx: neo4j.AsyncManagedTransaction, statements: list[Statement]) -> None:
    for statement, params in statements:
        await (await tx.run(scoped_subqueries(statement), params)).consume()


class Neo4jStore:
    """Neo4j 5 (single server, cluster or Aura) through one driver per process."""

    name = "neo4j"
    pages_by_index = True

    def __init__(self, uri: str, user: str, password: str, database: str = "neo4j",
                 timeout: float = 5.0) -> None:
        self.uri, self.database, self.timeout = uri, database, timeout
        self._auth = (user, password)
        self._driver: neo4j.AsyncDriver | None = None
        self.round_trips = 0

    async def open(self) -> None:
        """Create the driver; it connects lazily, so the API can start while Neo4j is still starting."""
        # A young graph lacks labels and property keys that Jalin's statements name (an empty store
        # has no `Entity` yet): Neo4j's "unrecognized" notices would be logged for each such statement.
        self._driver = neo4j.AsyncGraphDatabase.driver(
            self.uri, auth=self._auth, connection_timeout=self.timeout,
            connection_acquisition_timeout=self.timeout, max_transaction_retry_time=self.timeout,
            notifications_disabled_classifications=[neo4j.NotificationDisabledClassification.UNRECOGNIZED])

    async def close(self) -> None:
        """Close the driver and its connection pool."""
        if self._driver is not None:
            await self._driver.close()
            self._driver = None

    def _open_driver(self) -> neo4j.AsyncDriver:
        if self._driver is None:
            raise StoreUnavailable("the Neo4j store is not open")
        return self._driver

    async def ping(self) -> None:
        """Raise StoreUnavailable unless Neo4j answers; StoreRefused unless it is Neo4j 5 and takes the credentials."""
        try:
            info = await self._open_driver().get_server_info()
        except Exception as error:  # the driver raises several families for one cause
            raise _store_error(error, self.uri) from error
        require_neo4j_5(info.agent, self.uri)

    async def generation(self) -> int:
        """Return the count of write transactions the graph has had, read from its generation node."""
        rows = await self._read(GENERATION, {"generation": GENERATION_ID})
        return int(rows[0]["value"])

    async def run(self, statement: str, params: Mapping[str, Any] | None = None,
                  *, write: bool = False) -> list[Row]:
        """Run one statement: a write in a managed transaction, a read in an auto-commit one; both retried on
        transient errors."""
        if not write:
            check_read_values(params)
        self.round_trips += 1
        if write:
            rows: list[Row] = await self._write(_rows, statement, dict(params or {}))
            return rows
        return await self._read(statement, dict(params or {}))

    async def _read(self, statement: str, params: dict[str, Any]) -> list[Row]:
        """Run one read in an auto-commit transaction: one round trip, where a managed transaction takes two
        (its COMMIT is a message of its own, about 2 ms of 8 for a read by id here). The driver retries managed
        transactions only; a read changes nothing, so one that meets an error the driver calls retryable is
        sent again here, as the driver would, until its retry time (`timeout`) is spent."""
        text, deadline, pause = scoped_subqueries(statement), time.monotonic() + self.timeout, FIRST_RETRY_S
        while True:
            try:
                # Bounded by what is left of the request's time budget, each time it is sent.
                query = neo4j.Query(text, timeout=statement_timeout(QUERY_TIMEOUT_S))
                async with self._open_driver().session(database=self.database,
                                                       default_access_mode=neo4j.READ_ACCESS) as session:
                    result = await session.run(query, params)
                    return [dict(row) for row in await result.data()]
            except JalinError:
                raise
            except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as error:
                if not error.is_retryable() or time.monotonic() + pause > deadline:
                    raise _store_error(error, self.uri) from error
            except Exception as error:
                raise _store_error(error, self.uri) from error
            await asyncio.sleep(pause)
            pause *= 2

    async def write_all(self, statements: list[Statement]) -> None:
        """Run the statements one by one in one managed transaction: Neo4j plans a statement of
        twenty UNWIND segments in 12 to 28 s here, and each segment alone in milliseconds."""
        self.round_trips += len(statements)
        await self._write(_each, statements)

    async def write_staged(self, parts: list[list[Statement]]) -> None:
        """Run every statement of every part in one managed transaction: Neo4j keeps it apart until the
        commit, and a client gone before the commit leaves the graph as it was."""
        statements = [statement for part in parts for statement in part]
        self.round_trips += len(statements)
        await self._write(_each, statements, timeout=STAGED_TIMEOUT_S)

    async def _write(self, work: Callable[..., Awaitable[Any]], *args: Any, timeout: float | None = None) -> Any:
        """Run `work` in a managed write transaction, within `timeout` seconds if given, else within what is
        left of the request's time budget, moving the generation on in the same transaction; driver errors
        become Jalin's."""
        # The driver's documented way to bound a managed transaction (a `Query` object is for `session.run`
        # only): the transaction gets what is left of the request's time budget.
        bounded = neo4j.unit_of_work(timeout=timeout or statement_timeout(QUERY_TIMEOUT_S))(_counted)
        try:
            async with self._open_driver().session(database=self.database,
                                                   default_access_mode=neo4j.WRITE_ACCESS) as session:
                return await session.execute_write(bounded, work, *args)
        except JalinError:
            raise
        except Exception as error:
            raise _store_error(error, self.uri) from error

    async def install_schema(self, model: Model) -> None:
        """Create the constraints and indexes that are missing, then wait until they are online."""
        # Asked once: the 40 statements cost a round trip each even when every index exists, as much as
        # 40 reads (about 2 s on a busy machine) for every seed.
        existing = {row["name"] for row in await self.run(INDEX_NAMES)}
        for name, statement in schema_statements(model).items():
            if name not in existing:
                await self._auto_commit(statement)
        await self._auto_commit(AWAIT_INDEXES)
        await self._write(_each, [])  # a new index (full text) may change answers

    async def _auto_commit(self, statement: str) -> None:
        # Schema commands cannot share a transaction with other work, so they run on their own.
        self.round_trips += 1
        try:
            async with self._open_driver().session(database=self.database) as session:
                await (await session.run(statement)).consume()
        except Exception as error:
            raise _store_error(error, self.uri) from error

    async def load_into_empty(self, batch: Batch, model: Model) -> bool:
        """Write `batch` into a graph holding nothing by creating, not merging (nothing can be found to
        merge with), in transactions of LOAD_CHUNK records; on a failure the graph is emptied again, so
        the load is all or nothing, though readers may see part of it while it runs. False, having
        written nothing, when the graph holds data. (Neo4j's own bulk import needs the database offline.)"""
        if await self.run(ANY_NODE):
            return False
        await self.install_schema(model)
        try:
            for part in chunks(batch, LOAD_CHUNK):
                statements = write_statements(part, into_empty=True)
                self.round_trips += len(statements)
                # A load's first transaction plans a statement per label and edge type: seconds each on a
                # busy machine, so a load's transactions get LOAD_TIMEOUT_S whatever the request's budget.
                await self._write(_each, statements, timeout=LOAD_TIMEOUT_S)
        except BaseException:
            await self.clear()
            raise
        return True

    def fulltext_statement(self) -> str:
        """Return Neo4j's full-text query over names and aliases."""
        return FULLTEXT

    def fulltext_query(self, words: list[str]) -> str:
        """Return a Lucene query that requires every word, each as a prefix."""
        return " ".join(f"+{word}*" for word in words)

    def exact_name_statement(self) -> str:
        """Return the lookup of a folded name in the full-text index that holds each name whole."""
        return EXACT_NAME

    def exact_name_key(self, name: str) -> str:
        """Return `name` as one Lucene phrase, which the keyword analyzer reads as one term: a folded name
        holds letters, digits and single spaces alone, none of them special to Lucene within quotes."""
        return f'"{name}"'

    def degree(self, node: str) -> str:
        """Return a count subquery, which Neo4j answers from the node's stored degrees."""
        return degree(node)

    def shortest_path_statement(self, max_hops: int) -> str:
        """Return Neo4j's own shortest path search: one round trip instead of one per level."""
        return SHORTEST_PATH[max_hops]

    async def clear(self) -> None:
        """Delete every node and edge, slice by slice, keeping constraints and indexes."""
        while (await self.run(CLEAR_SLICE, write=True))[0]["deleted"]:
            pass


def degree(node: str) -> str:
    """Return the number of edges of the node bound to `node`, as Neo4j counts them without following them."""
    return f"COUNT {{ ({node})--() }}"


def require_neo4j_5(agent: str, uri: str) -> None:
    """Refuse a server whose agent string (`Neo4j/5.26.19`) is not Neo4j 5, naming the version found."""
    product, _, version = agent.partition("/")
    if product != "Neo4j" or version.split(".")[0] != SUPPORTED_MAJOR:
        raise StoreRefused(f"the server at {uri} is {agent}; Jalin needs Neo4j 5 (5.26 LTS): point "
                           "JALIN_NEO4J_URI at a Neo4j 5 server, or run `make neo4j` for a local one")


def _store_error(error: Exception, uri: str) -> JalinError:
    if isinstance(error, neo4j_errors.AuthError):
        return StoreRefused(f"Neo4j at {uri} refused the credentials (JALIN_NEO4J_USER/PASSWORD): "
                                f"{error.message}")
    if isinstance(error, UNREACHABLE):
        return StoreUnavailable(f"Neo4j at {uri} does not answer: {error}")
    if isinstance(error, neo4j_errors.Neo4jError) and "TransactionTimedOut" in (error.code or ""):
        return exceeded(QUERY_TIMEOUT_S)
    if isinstance(error, neo4j_errors.TransientError):  # still so once the driver's retries are spent
        return StoreUnavailable(f"Neo4j at {uri} cannot serve yet: {error.code}: {error.message}")
    if isinstance(error, neo4j_errors.ConstraintError):
        return Conflict(f"an entity with that id exists already ({error.message})")
    if isinstance(error, neo4j_errors.Neo4jError):
        return JalinError(f"Neo4j rejected a statement: {error.code}: {error.message}")
    return JalinError(f"the Neo4j store failed: {error!r}")
