"""Counting: how many entities a filter keeps, and the graph's statistics. The one place that picks
the counting statements, for the API, the command line, migration and the tests alike."""

from dataclasses import dataclass
from typing import Any

from graph import cypher
from graph.store import Store
from schema import ENTITY_LABEL, MODEL

AGREEMENT_TYPES = [t.type for t in MODEL.relations.values() if t.timeline_kind == "agreement"]
Counts = list[tuple[str, int]]


@dataclass(frozen=True)
class GraphStats:
    """Counts by entity type, relation type, agreement status, sector and country."""

    entities_by_type: Counts
    relations_by_type: Counts
    agreements_by_status: Counts
    relations_by_sector: Counts
    entities_by_country: Counts


def count_statement(types: list[str] | None, source: str | None) -> tuple[str, dict[str, Any]]:
    """Return the cheapest statement counting the entities of `types` citing `source` (None: any)."""
    label = ENTITY_LABEL if types is None else types[0] if len(types) == 1 else None
    if source is None and label in cypher.COUNT_LABEL:
        return cypher.COUNT_LABEL[label], {}
    return cypher.COUNT_ENTITIES, {"types": types, "source": source}


async def count_entities(store: Store, types: list[str] | None = None, source: str | None = None) -> int:
    """Return how many entities are of `types` and cite `source` (None: no filter)."""
    rows = await store.run(*count_statement(types, source))
    return int(rows[0]["total"]) if rows else 0


async def _counts(store: Store, statement: str, params: dict[str, Any] | None = None) -> Counts:
    return [(str(row["key"]), int(row["count"])) for row in await store.run(statement, params)]


async def graph_stats(store: Store) -> GraphStats:
    """Return the graph's statistics, one aggregation statement each."""
    return GraphStats(entities_by_type=await _counts(store, cypher.COUNT_BY_LABEL),
                      relations_by_type=await _counts(store, cypher.COUNT_BY_TYPE),
                      agreements_by_status=await _counts(store, cypher.COUNT_BY_STATUS, {"types": AGREEMENT_TYPES}),
                      relations_by_sector=await _counts(store, cypher.COUNT_BY_SECTOR),
                      entities_by_country=await _counts(store, cypher.COUNT_BY_COUNTRY))
