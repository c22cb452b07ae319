"""Copy a whole graph from one store to another, and prove that nothing was lost."""

from dataclasses import dataclass
from typing import Any

from graph.export import snapshot
from graph.stats import count_entities
from graph.store import Store
from graph.writer import load
from jalin.errors import BadRequest, JalinError
from schema import MODEL
from schema.records import Batch, ClaimRecord, NodeRecord, RelationRecord

Snapshot = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class CopyReport:
    """What a copy moved."""

    nodes: int
    relations: int


def batch_from_snapshot(data: Snapshot) -> Batch:
    """Turn an export snapshot back into records the writer takes."""
    nodes = [NodeRecord(n["type"], {k: v for k, v in n.items() if k != "type"}) for n in data["nodes"]]
    relations = [RelationRecord(r["type"], r["from"], r["to"],
                                {k: v for k, v in r.items() if k not in ("type", "from", "to")})
                 for r in data["relations"]]
    return Batch(nodes, relations, [ClaimRecord(dict(c)) for c in data["claims"]])


def _first_difference(before: Snapshot, after: Snapshot) -> str:
    for part in ("nodes", "relations", "claims"):
        for old, new in zip(before[part], after[part], strict=False):
            if old != new:
                return f"{part[:-1]} {old.get('id')}: {old} became {new}"
        if len(before[part]) != len(after[part]):
            return f"{len(before[part])} {part} became {len(after[part])}"
    return "nothing"


async def copy_graph(source: Store, target: Store, *, replace: bool = False) -> CopyReport:
    """Copy every node and edge of `source` into `target`, then check that both export the same data."""
    existing = await count_entities(target)
    if existing and not replace:
        raise BadRequest(f"the {target.name} store already holds {existing} entities; "
                         "pass --replace to delete them before the copy")
    data = await snapshot(source)
    if existing:
        await target.clear()
    await load(target, batch_from_snapshot(data), MODEL)
    copied = await snapshot(target)
    if copied != data:
        raise JalinError(f"the copy in the {target.name} store differs from the {source.name} store: "
                         f"{_first_difference(data, copied)}")
    return CopyReport(len(data["nodes"]), len(data["relations"]))
