"""Write a checked batch: into an empty graph the store's own way where it has one, else chunk by
chunk, each chunk all or nothing, MERGE by id, so that writing twice changes nothing."""

from typing import Any

from graph.store import Statement, Store
from graph.text import search_fields
from schema import CLAIM, ENTITY_LABEL, NAME_KEYS, SEARCH_NAMES, SEARCH_PROPERTY, Model
from schema.records import Batch, NodeRecord

# Up to this many records are written all or nothing (Store.write_all).
CHUNK = 20_000

MERGE_NODES = """UNWIND ${param} AS row
MERGE (n:{entity}:{label} {{id: row.id}})
SET n = row"""

# One id lookup per edge through the type's id index (anonymous ends: labelled ones made the
# store scan every node per row) decides: same ends, update; other ends, delete and create;
# none, create. Cheaper than a MERGE, which walks the edges between the two ends as well.
UPSERT_EDGES = """UNWIND ${param} AS row
MATCH (a:{entity} {{id: row.from}}), (b:{entity} {{id: row.to}})
OPTIONAL MATCH ()-[old:{type} {{id: row.props.id}}]->()
WITH row, a, b, old, old IS NOT NULL AND startNode(old) = a AND endNode(old) = b AS same
FOREACH (_ IN CASE WHEN old IS NOT NULL AND NOT same THEN [1] ELSE [] END | DELETE old)
FOREACH (_ IN CASE WHEN same THEN [1] ELSE [] END | SET old = row.props)
FOREACH (_ IN CASE WHEN same THEN [] ELSE [1] END | CREATE (a)-[r:{type}]->(b) SET r = row.props)"""

# Into a graph holding nothing, where no id can be found already: create without looking up.
CREATE_NODES = """UNWIND ${param} AS row
CREATE (n:{entity}:{label})
SET n = row"""

CREATE_EDGES = """UNWIND ${param} AS row
MATCH (a:{entity} {{id: row.from}}), (b:{entity} {{id: row.to}})
CREATE (a)-[r:{type}]->(b)
SET r = row.props"""

# Claims are nodes of their own label, never Entities: out of search, pages and counts.
MERGE_CLAIMS = f"""UNWIND $claims AS row
MERGE (c:{CLAIM.label} {{id: row.id}})
SET c = row"""


def stored_properties(node: NodeRecord) -> dict[str, Any]:
    """Return what the store keeps of a node: its properties, and what search looks in and ranks by."""
    text, names, keys = search_fields(node.props)
    return {**node.props, SEARCH_PROPERTY: text, SEARCH_NAMES: names, NAME_KEYS: keys}


def node_rows(batch: Batch) -> dict[str, list[dict[str, Any]]]:
    """Return the stored properties of the batch's nodes, by label."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for node in batch.nodes:
        rows.setdefault(node.label, []).append(stored_properties(node))
    return rows


def edge_rows(batch: Batch) -> dict[str, list[dict[str, Any]]]:
    """Return the batch's edges as {from, to, props} rows, by type."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for rel in batch.relations:
        rows.setdefault(rel.type, []).append({"from": rel.from_id, "to": rel.to_id, "props": rel.props})
    return rows


def write_statements(batch: Batch, *, into_empty: bool = False) -> list[Statement]:
    """Return the statements writing every node, then every edge, then every claim of `batch`: one per
    label and type, each with a parameter name of its own; `into_empty` creates without looking up."""
    node_template, edge_template = (CREATE_NODES, CREATE_EDGES) if into_empty else (MERGE_NODES, UPSERT_EDGES)
    nodes = [(node_template.format(param=f"nodes{i}", entity=ENTITY_LABEL, label=label), {f"nodes{i}": rows})
             for i, (label, rows) in enumerate(sorted(node_rows(batch).items()))]
    edges = [(edge_template.format(param=f"edges{i}", entity=ENTITY_LABEL, type=rel_type), {f"edges{i}": rows})
             for i, (rel_type, rows) in enumerate(sorted(edge_rows(batch).items()))]
    claims = [(MERGE_CLAIMS, {"claims": [claim.props for claim in batch.claims]})] if batch.claims else []
    return nodes + edges + claims


def chunks(batch: Batch, size: int = CHUNK) -> list[Batch]:
    """Split a batch so that all nodes come before the edges that need them; claims come last."""
    if len(batch) <= size:
        return [batch]
    parts = [Batch(nodes=batch.nodes[i:i + size]) for i in range(0, len(batch.nodes), size)]
    parts += [Batch(relations=batch.relations[i:i + size]) for i in range(0, len(batch.relations), size)]
    parts += [Batch(claims=batch.claims[i:i + size]) for i in range(0, len(batch.claims), size)]
    return parts


async def write_batch(store: Store, batch: Batch) -> None:
    """Write `batch`; a batch of up to CHUNK records is all-or-nothing."""
    for part in chunks(batch):
        if len(part):
            await store.write_all(write_statements(part))


async def load(store: Store, batch: Batch, model: Model) -> None:
    """Write a whole batch with the schema in place: in one all-or-nothing step into an empty graph
    where the store can, else in chunks (each all-or-nothing) that merge into what is there."""
    if not await store.load_into_empty(batch, model):
        await store.install_schema(model)
        await write_batch(store, batch)
