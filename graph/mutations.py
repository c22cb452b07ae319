"""Create, update and delete single entities and relations with the loader's own checks."""

from typing import Any

from graph import cypher
from graph.entities import StoredEntity, StoredRelation
from graph.reads import entities_by_id, relation_by_id
from graph.store import Store
from graph.writer import write_batch
from jalin.errors import BadRequest, Conflict, NotFound
from schema import MODEL
from schema.records import RawRecord
from schema.validate import Validator


def _mentioned_ids(data: dict[str, Any]) -> list[str]:
    """Every string in the record that could be an id: what the validator must know the type of."""
    ids: list[str] = []
    for value in data.values():
        ids += [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
    return ids


async def _labels(store: Store, ids: list[str]) -> dict[str, str]:
    return {i: e.type for i, e in (await entities_by_id(store, ids)).items()}


async def upsert_entity(store: Store, data: dict[str, Any]) -> StoredEntity:
    """Create the entity or replace its properties; its type cannot change."""
    known = await _labels(store, _mentioned_ids(data))
    node_id = data.get("id")
    stored_type = known.pop(node_id, None) if isinstance(node_id, str) else None
    if stored_type and stored_type != data.get("type"):
        raise BadRequest(f"id '{node_id}' is a {stored_type}; delete it first to give it another type")
    batch = Validator(MODEL, known).validate([RawRecord(data, "input")], [])
    await write_batch(store, batch)
    return (await entities_by_id(store, [batch.nodes[0].id]))[batch.nodes[0].id]


async def upsert_relation(store: Store, data: dict[str, Any]) -> StoredRelation:
    """Create the relation or replace its properties (and ends) by id."""
    known = await _labels(store, _mentioned_ids(data))
    batch = Validator(MODEL, known).validate([], [RawRecord(data, "input")])
    await write_batch(store, batch)
    stored = await relation_by_id(store, batch.relations[0].id, [batch.relations[0].type])
    assert stored is not None
    return stored


async def delete_entity(store: Store, entity_id: str) -> None:
    """Delete an entity and its edges; refuse to delete a source that facts still cite."""
    citing = await store.run(cypher.REFERRERS, {"id": entity_id})
    citing_ids = [row["id"] for row in citing if row["id"] != entity_id]
    if citing_ids:
        raise Conflict(f"'{entity_id}' is cited as a source by {', '.join(citing_ids)}; "
                       "delete or re-source those first")
    rows = await store.run(cypher.DELETE_ENTITY, {"id": entity_id}, write=True)
    if not rows or not rows[0]["deleted"]:
        raise NotFound(f"no entity with id '{entity_id}'")


async def delete_relation(store: Store, relation_id: str) -> None:
    """Delete the relation with this id."""
    rows = await store.run(cypher.DELETE_RELATION, {"id": relation_id, "types": list(MODEL.relations)},
                           write=True)
    if not rows or not sum(row["deleted"] for row in rows):
        raise NotFound(f"no relation with id '{relation_id}'")
