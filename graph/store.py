"""The one narrow interface every graph store implements; all shared Cypher runs through it."""

from collections.abc import Mapping
from typing import Any, Protocol

from graph.cypher import EDGE_LOOKUPS, NODE_LOOKUPS
from jalin.errors import BadRequest
from schema import CLAIM, Model
from schema.records import Batch
from schema.values import CONTROL

Row = dict[str, Any]
Statement = tuple[str, dict[str, Any]]  # a statement and its parameters
# (label, property) pairs of claims every store indexes: their id, and what they are about.
CLAIM_INDEX_KEYS = [(CLAIM.label, "id"), (CLAIM.label, "about")]




def check_read_values(params: Mapping[str, Any] | None) -> None:
    """Raise BadRequest when a read's text parameter holds a control character: no stored text holds
    one (the loader refuses them), and FalkorDB cannot even take NUL in a parameter, so a read asking
    for one is the caller's mistake, said the same on every store."""
    for name, value in (params or {}).items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and (found := CONTROL.search(text)):
                raise BadRequest(f"{text[:40]!r} holds the control character U+{ord(found.group()):04X}, "
                                 f"which no id, name or title holds ({name})")


def edge_index_keys(model: Model) -> list[tuple[str, str]]:
    """Return the (relationship type, property) pairs every store indexes: each type's id, and the
    properties reads look events up by."""
    return [(rel_type, "id") for rel_type in model.relations] + EDGE_LOOKUPS


def node_index_keys() -> list[tuple[str, str]]:
    """Return the (label, property) pairs every store indexes besides entity ids and names: what
    reads look nodes up by, such as an event's sub-events by `parent`."""
    return NODE_LOOKUPS


class Store(Protocol):
    """A graph database that speaks openCypher, with its own dialect where it must differ."""

    name: str
    round_trips: int  # statements sent since opening: what N+1 tests and benchmarks count
    # Whether the id index gives entities in id order, so that a page from a cursor reads the page alone
    # (Neo4j); else a page reads every entity after the cursor and sorts them (FalkorDB).
    pages_by_index: bool

    async def open(self) -> None:
        """Connect, starting the server first where the store is embedded."""

    async def close(self) -> None:
        """Release the connection, stopping an embedded server nobody else uses."""

    async def ping(self) -> None:
        """Raise StoreUnavailable unless the store answers."""

    async def generation(self) -> int:
        """Return the graph's write generation in one round trip (not counted in `round_trips`): every write
        moves it on atomically with itself, whichever process writes, so an answer read at one generation
        holds until it moves."""

    async def run(self, statement: str, params: Mapping[str, Any] | None = None,
                  *, write: bool = False) -> list[Row]:
        """Run one statement atomically and return its rows as dicts keyed by column."""

    async def write_all(self, statements: list[Statement]) -> None:
        """Run write statements in order, all or nothing, in as few round trips as the store allows.
        Their parameter names must not collide."""

    async def write_staged(self, parts: list[list[Statement]]) -> None:
        """Write every part, however many, all or nothing: readers see none of it until all of it is in,
        and a failure or a kill part-way leaves the graph as it was. The names of a part's parameters
        must not collide."""

    async def install_schema(self, model: Model) -> None:
        """Create the constraints and indexes the model needs; safe to repeat."""

    async def load_into_empty(self, batch: Batch, model: Model) -> bool:
        """Write `batch` and the schema into a graph holding no entity, all or nothing, the store's
        fastest way; return False, having written nothing, when the graph holds data or the store
        has no such way (then the caller merges the batch in chunks)."""

    def fulltext_statement(self) -> str:
        """Return the statement that yields `node, score` for the full-text query `$query`."""

    def fulltext_query(self, words: list[str]) -> str:
        """Return the store's full-text query that wants every word as a prefix."""

    def exact_name_statement(self) -> str:
        """Return the statement that yields each `node` one of whose folded names is `$key`, by an index."""

    def exact_name_key(self, name: str) -> str:
        """Return the `$key` under which `exact_name_statement` finds the folded `name`."""

    def degree(self, node: str) -> str:
        """Return a Cypher expression for the number of edges of the node bound to `node`, read from the store's
        adjacency without following the edges."""

    def shortest_path_statement(self, max_hops: int) -> str | None:
        """Return the store's one statement for a shortest path of at most `max_hops` edges (rows as
        `graph.paths` reads them), or None when paths are searched level by level in shared Cypher."""

    async def clear(self) -> None:
        """Delete every node and edge of the graph (tests and migrations)."""
