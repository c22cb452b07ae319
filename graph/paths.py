"""Shortest connection between two entities, in either direction along edges, found by the store."""

from dataclasses import dataclass

from graph.entities import StoredEntity, StoredRelation, entity_from_row
from graph.reads import entities_by_id
from graph.store import Store
from jalin.errors import NotFound

MAX_HOPS = 6  # the longest path a search may look for


@dataclass(frozen=True)
class EntityPath:
    """Entities in order from start to end, and the relation between each two."""

    entities: list[StoredEntity]
    relations: list[StoredRelation]


async def shortest_path(store: Store, from_id: str, to_id: str, max_hops: int,
                        types: list[str] | None = None) -> EntityPath | None:
    """Return a shortest path of at most `max_hops` edges in either direction, found by the store's own
    search in one round trip; None if none. Among paths equally short, the store picks one."""
    if from_id == to_id:
        ends = await entities_by_id(store, [from_id])
        if from_id not in ends:
            raise NotFound(f"no entity with id '{from_id}'")
        return EntityPath([ends[from_id]], [])
    return await _searched_by_store(store, store.shortest_path_statement(max_hops), from_id, to_id, types)


async def _searched_by_store(store: Store, statement: str, from_id: str, to_id: str,
                             types: list[str] | None) -> EntityPath | None:
    """Return the path the store's own search finds, in one round trip; raise NotFound for a missing end.
    A store that answers no row (no path, or no such end) takes one more to tell which."""
    rows = await store.run(statement, {"from_id": from_id, "to_id": to_id, "types": types})
    if rows:
        row = rows[0]
        found = {from_id: row["from_found"], to_id: row["to_found"]}
    else:
        ends = await entities_by_id(store, [from_id, to_id])
        found = {end: end in ends for end in (from_id, to_id)}
    for end in (from_id, to_id):
        if not found[end]:
            raise NotFound(f"no entity with id '{end}'")
    if not rows or rows[0]["entities"] is None:
        return None
    row = rows[0]
    entities = [entity_from_row(e["props"], e["labels"]) for e in row["entities"]]
    relations = [StoredRelation(r["type"], r["from_id"], r["to_id"], r["props"], entities[i].id, entities[i + 1])
                 for i, r in enumerate(row["relations"])]
    return EntityPath(entities, relations)
