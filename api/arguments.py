"""Checks on GraphQL arguments, each raising BadRequest that names the argument at fault."""

from jalin.errors import BadRequest
from schema import MODEL

MAX_FIRST = 100


def check_first(first: int | None, default: int, name: str = "first") -> int:
    """Return `first` (or its default when null) if it lies in 1..100; more is an error, never a cut."""
    if first is None:
        return default
    if first < 1:
        raise BadRequest(f"{name}: must be at least 1, got {first}")
    if first > MAX_FIRST:
        raise BadRequest(f"{name}: {first} exceeds the maximum of {MAX_FIRST}; page with 'after'")
    return first


def check_node_types(types: list[str] | None) -> list[str] | None:
    """Return `types` if every name is a node type of the model."""
    return _check_names(types, list(MODEL.nodes), "types", "node")


def check_relation_types(types: list[str] | None) -> list[str] | None:
    """Return `types` if every name is a relation type of the model."""
    return _check_names(types, list(MODEL.relations), "types", "relation")


def _check_names(given: list[str] | None, known: list[str], name: str, what: str) -> list[str] | None:
    if given is None:
        return None
    unknown = [t for t in given if t not in known]
    if unknown:
        raise BadRequest(f"{name}: unknown {what} type(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return given
