"""Seed timings: the batched loader on the whole graph, and one statement per record on a sample."""

import gc
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.store import Store
from graph.writer import CHUNK, edge_rows, load, node_rows, stored_properties, write_batch
from schema import ENTITY_LABEL, MODEL
from schema.records import Batch, NodeRecord, RelationRecord
from seeds.loader import read_fixtures

# The least any Cypher load of the same data must do, with the indexes the reads need: create
# every node and edge with its properties, in the writer's chunks. No MERGE, no check for an
# existing id: a ceiling for the loader, not a loader.
FLOOR_NODES = "UNWIND $rows AS row CREATE (n:{entity}:{label}) SET n = row"
FLOOR_EDGES = """UNWIND $rows AS row
MATCH (a:{entity} {{id: row.from}}), (b:{entity} {{id: row.to}})
CREATE (a)-[r:{type}]->(b) SET r = row.props"""
# One statement per edge manages about a thousand a second: the timed sample is always a prefix of this.
NAIVE_EDGE_SAMPLE = 50_000
NAIVE_NODE = "MERGE (n:{entity}:{label} {{id: $id}}) SET n = $props"
NAIVE_EDGE = """MATCH (a:{entity} {{id: $from}}), (b:{entity} {{id: $to}})
MERGE (a)-[r:{type} {{id: $id}}]->(b) SET r = $props"""


@dataclass(frozen=True)
class Rate:
    """How many records were written in how many seconds."""

    records: int
    seconds: float

    @property
    def per_s(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0


def read(folder: Path) -> tuple[Batch, Rate]:
    """Read and check the fixtures as `jalin seed` does; return them and the time it took."""
    started = time.perf_counter()
    batch, _ = read_fixtures(folder)
    elapsed = time.perf_counter() - started
    gc.freeze()  # the records live until the end: keep the collector from rescanning them mid-timing
    return batch, Rate(len(batch), elapsed)


async def seed_batched(store: Store, batch: Batch) -> Rate:
    """Write the whole batch into the empty store as `jalin seed` does; return the time it took."""
    started = time.perf_counter()
    await load(store, batch, MODEL)
    return Rate(len(batch), time.perf_counter() - started)


async def _one_by_one(records: Sequence[Any], write: Callable[[Any], Awaitable[object]], budget_s: float) -> Rate:
    """Write records one statement each until `budget_s` runs out; return how far it got."""
    started = time.perf_counter()
    done = 0
    for record in records:
        await write(record)
        done += 1
        if time.perf_counter() - started > budget_s:
            break
    return Rate(done, time.perf_counter() - started)


def _ends_missing(batch: Batch, edges: list[RelationRecord], written: int) -> list[NodeRecord]:
    """Return the nodes `edges` join that are not among the first `written` nodes of `batch`."""
    ends = {end for edge in edges for end in (edge.from_id, edge.to_id)}
    return [node for node in batch.nodes[written:] if node.id in ends]


async def seed_naive(store: Store, batch: Batch, budget_s: float) -> dict[str, Any]:
    """Time one statement per record, nodes then edges, each for `budget_s`; extrapolate the whole load."""
    async def node(record: NodeRecord) -> object:
        statement = NAIVE_NODE.format(entity=ENTITY_LABEL, label=record.label)
        props = stored_properties(record)
        return await store.run(statement, {"id": record.id, "props": props}, write=True)

    async def edge(record: RelationRecord) -> object:
        statement = NAIVE_EDGE.format(entity=ENTITY_LABEL, type=record.type)
        params = {"from": record.from_id, "to": record.to_id, "id": record.id, "props": record.props}
        return await store.run(statement, params, write=True)

    await store.install_schema(MODEL)
    nodes = await _one_by_one(batch.nodes, node, budget_s)
    sample = batch.relations[:NAIVE_EDGE_SAMPLE]
    await write_batch(store, Batch(nodes=_ends_missing(batch, sample, nodes.records)))  # the edges need their ends
    edges = await _one_by_one(sample, edge, budget_s)
    whole_s = len(batch.nodes) / nodes.per_s + (len(batch.relations) / edges.per_s if batch.relations else 0)
    return {"seed_naive_records_per_s": len(batch) / whole_s,
            "naive_sample": {"nodes": nodes.records, "nodes_s": nodes.seconds,
                             "edges": edges.records, "edges_s": edges.seconds,
                             "extrapolated_whole_load_s": whole_s}}


async def seed_floor(store: Store, batch: Batch) -> Rate:
    """Time the least a Cypher load of the batch must do, in the writer's chunk size."""
    await store.install_schema(MODEL)
    started = time.perf_counter()
    nodes, edges = node_rows(batch), edge_rows(batch)  # the rows the writer sends
    for template, groups, key in ((FLOOR_NODES, nodes, "label"), (FLOOR_EDGES, edges, "type")):
        for name, rows in sorted(groups.items()):
            statement = template.format(entity=ENTITY_LABEL, **{key: name})
            for i in range(0, len(rows), CHUNK):
                await store.run(statement, {"rows": rows[i:i + CHUNK]}, write=True)
    return Rate(len(batch), time.perf_counter() - started)
