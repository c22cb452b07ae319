"""Make the store match a fixture tree: add, change and remove what the YAML says, keep what the API wrote.

Facts are compared without their provenance: a fact that only moved to another file or line is
rewritten with its new place, not reported as changed. A fact last written through the API is
never overwritten or removed by a seed when it differs from the YAML: it is kept and listed,
so that an analyst's edit is not lost to the next `jalin seed`.
"""

from dataclasses import dataclass, field
from typing import Any

from graph import cypher
from graph.entities import entity_from_row
from graph.store import Statement, Store
from graph.writer import CHUNK, chunks, load, write_statements
from schema import CLAIM, ENTITY_LABEL, MODEL
from schema.provenance import API, ORIGIN, PROVENANCE_PROPERTIES, VERSION
from schema.records import Batch, ClaimRecord, NodeRecord, RelationRecord

DELETE_NODES = """UNWIND ${param} AS id
MATCH (n:{entity} {{id: id}})
DETACH DELETE n"""

# A relation's ends, compared like a property (no property has a '/' in its name): the same id
# between other ends is a change.
ENDS = "from/to"

DELETE_EDGES = """UNWIND ${param} AS id
MATCH ()-[r:{type} {{id: id}}]->()
DELETE r"""

DELETE_CLAIMS = f"""UNWIND $gone_claims AS id
MATCH (c:{CLAIM.label} {{id: id}})
DELETE c"""


@dataclass(frozen=True)
class Change:
    """One node or relation a seed adds, changes, removes or keeps, and why."""

    id: str
    kind: str  # a node label or a relation type
    detail: str = ""


@dataclass
class SyncPlan:
    """What a seed will do to the store, and the batch it writes."""

    added: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)
    kept: list[Change] = field(default_factory=list)
    batch: Batch = field(default_factory=Batch)
    remove_nodes: list[str] = field(default_factory=list)
    remove_edges: dict[str, list[str]] = field(default_factory=dict)
    remove_claims: list[str] = field(default_factory=list)
    into_empty: bool = False

    @property
    def destructive(self) -> bool:
        """Tell whether the seed changes or removes anything already stored."""
        return bool(self.changed or self.removed)


def facts(props: dict[str, Any]) -> dict[str, Any]:
    """Return the properties that state facts: everything but where they came from."""
    return {k: v for k, v in props.items() if k not in PROVENANCE_PROPERTIES and v not in (None, [])}


def _differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    old, new = facts(old), facts(new)
    return sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))


async def plan_sync(store: Store, batch: Batch) -> SyncPlan:
    """Compare the batch with what the store holds and return what seeding it will do."""
    stored_nodes = {e.id: e for e in (entity_from_row(r["props"], r["labels"])
                                      for r in await store.run(cypher.ALL_NODES))}
    stored_edges = {str(r["props"]["id"]): r for r in await store.run(cypher.ALL_EDGES)}
    stored_claims = {str(r["props"]["id"]): r["props"] for r in await store.run(cypher.ALL_CLAIMS)}
    plan = SyncPlan(into_empty=not stored_nodes and not stored_edges and not stored_claims)
    if plan.into_empty:
        plan.batch = batch
        plan.added = [Change(n.id, n.label) for n in batch.nodes] + [Change(r.id, r.type) for r in batch.relations]
        plan.added += [Change(c.id, CLAIM.label) for c in batch.claims]
        return plan
    _plan_nodes(plan, batch.nodes, {i: (e.type, e.props) for i, e in stored_nodes.items()})
    gone = set(plan.remove_nodes)
    edges = {i: (r["type"], {**r["props"], **_ends(r["from_id"], r["to_id"])}) for i, r in stored_edges.items()}
    _plan_relations(plan, batch.relations, edges, gone)
    _plan_claims(plan, batch.claims, stored_claims)
    return plan


def _plan_nodes(plan: SyncPlan, nodes: list[NodeRecord], stored: dict[str, tuple[str, dict[str, Any]]]) -> None:
    for node in nodes:
        if _plan_one(plan, node.id, node.label, node.props, stored.pop(node.id, None)):
            plan.batch.nodes.append(node)
    for node_id, (label, props) in stored.items():
        _plan_gone(plan, node_id, label, props)


def _plan_relations(plan: SyncPlan, relations: list[RelationRecord],
                    stored: dict[str, tuple[str, dict[str, Any]]], gone_nodes: set[str]) -> None:
    for relation in relations:
        props = {**relation.props, **_ends(relation.from_id, relation.to_id)}
        if _plan_one(plan, relation.id, relation.type, props, stored.pop(relation.id, None)):
            relation.props[VERSION] = props[VERSION]
            plan.batch.relations.append(relation)
    for rel_id, (rel_type, props) in stored.items():
        if gone_nodes & set(props[ENDS]):
            plan.removed.append(Change(rel_id, rel_type, "one of its ends is removed"))
        else:
            _plan_gone(plan, rel_id, rel_type, props)


def _plan_claims(plan: SyncPlan, claims: list[ClaimRecord], stored: dict[str, dict[str, Any]]) -> None:
    for claim in claims:
        old = stored.pop(claim.id, None)
        if _plan_one(plan, claim.id, CLAIM.label, claim.props, (CLAIM.label, old) if old is not None else None):
            plan.batch.claims.append(claim)
    for claim_id, props in stored.items():
        _plan_gone(plan, claim_id, CLAIM.label, props)


def _ends(from_id: str, to_id: str) -> dict[str, Any]:
    return {ENDS: [from_id, to_id]}


def _plan_one(plan: SyncPlan, item_id: str, kind: str, props: dict[str, Any],
              stored: tuple[str, dict[str, Any]] | None) -> bool:
    """Plan one record of the batch; return whether it is written."""
    if stored is None:
        plan.added.append(Change(item_id, kind))
        return True
    old_kind, old = stored
    differences = _differences(old, props) if old_kind == kind else ["type"]
    if old.get(ORIGIN) == API and differences:
        plan.kept.append(Change(item_id, kind, f"changed through the API by {old.get('origin_ref')} at "
                                               f"{old.get('updated_at')}; the fixtures differ in "
                                               f"{', '.join(differences)}"))
        return False
    props[VERSION] = int(old.get(VERSION) or 1) + (1 if differences else 0)
    if old_kind != kind:
        _remove(plan, item_id, old_kind)
        plan.changed.append(Change(item_id, kind, f"was a {old_kind}"))
    elif differences:
        plan.changed.append(Change(item_id, kind, ", ".join(differences)))
    return True


def _plan_gone(plan: SyncPlan, item_id: str, kind: str, props: dict[str, Any]) -> None:
    if props.get(ORIGIN) == API:
        plan.kept.append(Change(item_id, kind, f"written through the API by {props.get('origin_ref')}; "
                                               "no fixture states it"))
        return
    _remove(plan, item_id, kind)
    plan.removed.append(Change(item_id, kind, f"no longer in the fixtures (was {props.get('origin_ref')})"
                                              if props.get("origin_ref") else "no longer in the fixtures"))


def _remove(plan: SyncPlan, item_id: str, kind: str) -> None:
    if kind == CLAIM.label:
        plan.remove_claims.append(item_id)
    elif kind in MODEL.relations:
        plan.remove_edges.setdefault(kind, []).append(item_id)
    else:
        plan.remove_nodes.append(item_id)


def removal_statements(plan: SyncPlan) -> list[Statement]:
    """Return the statements deleting what the plan removes: claims and edges first, then nodes with theirs."""
    edges = [(DELETE_EDGES.format(param=f"gone_edges{i}", type=t), {f"gone_edges{i}": ids})
             for i, (t, ids) in enumerate(sorted(plan.remove_edges.items()))]
    nodes = [(DELETE_NODES.format(param="gone_nodes", entity=ENTITY_LABEL), {"gone_nodes": plan.remove_nodes})
             ] if plan.remove_nodes else []
    claims = [(DELETE_CLAIMS, {"gone_claims": plan.remove_claims})] if plan.remove_claims else []
    return claims + edges + nodes


async def apply_sync(store: Store, plan: SyncPlan) -> None:
    """Carry out the plan: into an empty store in one step; else removals and writes all or nothing,
    in one transaction when the batch fits in one chunk, as seeding daily entry does, else staged."""
    if plan.into_empty:
        await load(store, plan.batch, MODEL)
        return
    await store.install_schema(MODEL)
    removals = removal_statements(plan)
    if len(plan.batch) <= CHUNK:
        await store.write_all(removals + (write_statements(plan.batch) if len(plan.batch) else []))
        return
    await store.write_staged([removals, *(write_statements(part) for part in chunks(plan.batch))])
