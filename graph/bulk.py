"""A checked batch in FalkorDB's bulk-insert format: a new graph built in a few commands, no Cypher.

Each token is one label's nodes or one type's edges: a header (name, property keys) then one
row per record, each value a type byte and its bytes. Edges name their ends by the position of
the node in the load, which is the id FalkorDB gives a node of a new graph.
"""

import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from graph.writer import stored_properties
from schema import CLAIM, ENTITY_LABEL
from schema.records import Batch

# Far below the server's 512 MB argument limit; small enough for the server to ingest one call
# while the next is encoded.
TOKEN_BYTES = 4 * 2**20

NULL, BOOL, DOUBLE, STRING, LONG, ARRAY = (bytes([code]) for code in range(6))
INT64 = struct.Struct("<q")
DOUBLE_BYTES = struct.Struct("<d")
ENDS = struct.Struct("<QQ")
MIN_LONG, MAX_LONG = -(2**63), 2**63 - 1


class NotBulkLoadable(ValueError):
    """A value the bulk format cannot carry; the caller writes the batch with Cypher instead."""


def _string(value: str) -> bytes:
    if "\x00" in value:
        raise NotBulkLoadable("a string holds a NUL character, which ends strings in the bulk format")
    return STRING + value.encode() + b"\x00"


def _long(value: int) -> bytes:
    if not MIN_LONG <= value <= MAX_LONG:
        raise NotBulkLoadable(f"integer {value} is out of the 64-bit range")
    return LONG + INT64.pack(value)


def _array(value: list[Any]) -> bytes:
    try:
        return _string_array(tuple(value))
    except TypeError:  # not all strings, or not hashable
        return ARRAY + INT64.pack(len(value)) + b"".join([value_bytes(item) for item in value])


@lru_cache(maxsize=8192)  # the same few sources are cited by thousands of records
def _string_array(value: tuple[str, ...]) -> bytes:
    """Return a list of strings in one encode; TypeError unless every item is a string."""
    text = "\x00\x03".join(value)
    if text.count("\x00") != len(value) - 1:
        raise TypeError("a string holds a NUL character")
    return ARRAY + INT64.pack(len(value)) + (("\x03" + text + "\x00").encode() if value else b"")


# By exact type: a bool is no int here, and a lookup is cheaper than a chain of isinstance.
ENCODERS: dict[type, Callable[[Any], bytes]] = {
    str: _string,
    type(None): lambda _: NULL,
    bool: lambda value: BOOL + (b"\x01" if value else b"\x00"),
    int: _long,
    float: lambda value: DOUBLE + DOUBLE_BYTES.pack(value),
    list: _array,
}


def value_bytes(value: Any) -> bytes:
    """Return one property value as a type byte and its payload."""
    encode = ENCODERS.get(type(value))
    if encode is None:
        raise NotBulkLoadable(f"a {type(value).__name__} value has no bulk encoding")
    return encode(value)


def _cstring(text: str) -> bytes:
    return text.encode() + b"\x00"


def header(name: str, keys: list[str]) -> bytes:
    """Return a token's header: the label(s) or type, then the property keys its rows follow."""
    return _cstring(name) + struct.pack("<I", len(keys)) + b"".join(_cstring(key) for key in keys)


@dataclass
class Command:
    """One GRAPH.BULK call: how many nodes and edges it creates, and its node and edge tokens."""

    nodes: int = 0
    edges: int = 0
    node_tokens: list[bytes] = field(default_factory=list)
    edge_tokens: list[bytes] = field(default_factory=list)

    size: int = 0  # bytes of all tokens

    def add(self, token: bytes, *, nodes: int = 0, edges: int = 0) -> None:
        """Add one token of nodes or of edges (nodes are created first whatever the order)."""
        (self.node_tokens if nodes else self.edge_tokens).append(token)
        self.nodes += nodes
        self.edges += edges
        self.size += len(token)

    def arguments(self) -> list[Any]:
        """Return the arguments after the graph name (the graph exists: the load began it empty)."""
        return [self.nodes, self.edges, len(self.node_tokens), len(self.edge_tokens),
                *self.node_tokens, *self.edge_tokens]


BulkRow = tuple[bytes, dict[str, Any]]  # what precedes the properties (an edge's ends), the properties
Group = tuple[str, tuple[str, ...]]  # a label or type, and the keys its rows hold in their order


def _grouped(rows: Iterator[tuple[str, BulkRow]]) -> dict[Group, list[BulkRow]]:
    """Group rows by name and by the keys they hold: a row then carries no absent values, and its
    values are read in order with no lookup by key."""
    groups: dict[Group, list[BulkRow]] = {}
    for name, (prefix, props) in rows:
        groups.setdefault((name, tuple(props)), []).append((prefix, props))
    return dict(sorted(groups.items()))


def _tokens(group: Group, rows: list[BulkRow]) -> Iterator[tuple[int, bytes]]:
    """Yield (records, token) for one group, each token about TOKEN_BYTES at most."""
    name, keys = group
    head = header(name, list(keys))
    body, count = bytearray(head), 0
    for prefix, props in rows:
        body += prefix
        # Plain strings, most values, inline: this runs once per property of the load.
        body += b"".join([STRING + value.encode() + b"\x00" if type(value) is str and "\x00" not in value
                          else value_bytes(value) for value in props.values()])
        count += 1
        if len(body) >= TOKEN_BYTES:
            yield count, bytes(body)
            body, count = bytearray(head), 0
    if count:
        yield count, bytes(body)


def commands(batch: Batch) -> Iterator[Command]:
    """Yield the GRAPH.BULK calls that create every node, then every claim, then every edge, of `batch`."""
    nodes = _grouped((f"{ENTITY_LABEL}:{node.label}", (b"", stored_properties(node))) for node in batch.nodes)
    # Sent after the entities, so that the entities' positions are those counted here.
    claims = _grouped((CLAIM.label, (b"", claim.props)) for claim in batch.claims)
    position: dict[str, int] = {}
    for rows in nodes.values():  # a node's id is its position in the order the nodes are sent
        for _, props in rows:
            position[props["id"]] = len(position)
    edges = _grouped((rel.type, (ENDS.pack(position[rel.from_id], position[rel.to_id]), rel.props))
                     for rel in batch.relations)
    command = Command()
    for kind, groups in (("nodes", nodes), ("nodes", claims), ("edges", edges)):
        for group, rows in groups.items():
            for count, token in _tokens(group, rows):
                command.add(token, **{kind: count})
                if command.size >= TOKEN_BYTES:
                    yield command
                    command = Command()
    if command.size:
        yield command
