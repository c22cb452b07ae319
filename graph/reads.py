"""Reads shared by every store: entities, their relations, pages and counts, batched by id."""

import base64
import json
from dataclasses import dataclass
from typing import Any

from graph import cypher
from graph.entities import StoredEntity, StoredRelation, entity_from_row
from graph.stats import count_entities
from graph.store import Store
from jalin.errors import BadRequest


async def entities_by_id(store: Store, ids: list[str]) -> dict[str, StoredEntity]:
    """Return the entities with these ids, in one round trip; unknown ids are left out."""
    if not ids:
        return {}
    rows = await store.run(cypher.ENTITIES_BY_ID, {"ids": list(dict.fromkeys(ids))})
    entities = (entity_from_row(row["props"], row["labels"]) for row in rows)
    return {entity.id: entity for entity in entities}


async def relations_of(store: Store, ids: list[str], types: list[str] | None, first: int,
                       after: tuple[str, str] | None = None) -> dict[str, list[StoredRelation]]:
    """Return up to `first` relations of each entity (by type, then id, after the `after` key),
    with their other ends, in one round trip."""
    found: dict[str, list[StoredRelation]] = {i: [] for i in ids}
    if not ids:
        return found
    after_type, after_id = after or (None, None)
    params = {"ids": list(dict.fromkeys(ids)), "types": types, "first": first,
              "after_type": after_type, "after_id": after_id}
    for row in await store.run(cypher.RELATIONS_OF, params):
        other = entity_from_row(row["other"], row["other_labels"])
        relation = StoredRelation(row["type"], row["from_id"], row["to_id"], row["props"], row["id"], other)
        found[row["id"]].append(relation)
    return found


async def relation_by_id(store: Store, relation_id: str, types: list[str]) -> StoredRelation | None:
    """Return the relation with this id, looked up through the id index of each type."""
    rows = await store.run(cypher.RELATION_BY_ID, {"id": relation_id, "types": types})
    if not rows:
        return None
    row = rows[0]
    return StoredRelation(row["type"], row["from_id"], row["to_id"], row["props"], row["from_id"])


async def relations_by_id(store: Store, ids: list[str], types: list[str]) -> dict[str, StoredRelation]:
    """Return the relations with these ids, seen from their start, in one round trip; unknown ids are left out."""
    if not ids:
        return {}
    rows = await store.run(cypher.RELATIONS_BY_ID, {"ids": list(dict.fromkeys(ids)), "types": types})
    found = (StoredRelation(row["type"], row["from_id"], row["to_id"], row["props"], row["from_id"]) for row in rows)
    return {relation.id: relation for relation in found}


@dataclass(frozen=True)
class Page:
    """One page of entities and whether more follow."""

    entities: list[StoredEntity]
    has_next: bool
    total: int


def _encode_key(key: list[str]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode()


def _decode_key(cursor: str, length: int, garbled: str, wrong_shape: str) -> list[str]:
    """Return the `length` strings a cursor holds; raise BadRequest for a cursor we did not make."""
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError):
        raise BadRequest(f"after: '{cursor}' {garbled}") from None
    if not (isinstance(key, list) and len(key) == length and all(isinstance(k, str) for k in key)):
        raise BadRequest(f"after: '{cursor}' {wrong_shape}")
    return key


def relation_cursor(relation: StoredRelation) -> str:
    """Return an opaque cursor that resumes an entity's relations after `relation`."""
    return _encode_key([relation.type, relation.id])


def decode_relation_cursor(cursor: str | None) -> tuple[str, str] | None:
    """Return the (type, id) key a relation cursor holds; raise BadRequest for one we did not make."""
    if cursor is None:
        return None
    not_ours = "is not a relation cursor returned by this API"
    rel_type, rel_id = _decode_key(cursor, 2, not_ours, not_ours)
    return rel_type, rel_id


def encode_cursor(entity: StoredEntity, order: str) -> str:
    """Return an opaque cursor that resumes after `entity` in `order`."""
    return _encode_key([entity.name, entity.id] if order == "NAME" else [entity.id])


def decode_cursor(cursor: str | None, order: str) -> list[str]:
    """Return the sort key a cursor holds; raise BadRequest for a cursor we did not make."""
    expected = 2 if order == "NAME" else 1
    if cursor is None:
        return [""] * expected
    return _decode_key(cursor, expected, "is not a cursor returned by this API", f"is not a cursor for order {order}")


async def page(store: Store, *, types: list[str] | None, source: str | None, first: int,
               after: str | None, order: str) -> Page:
    """Return one page of entities in `order` (ID or NAME), resuming after the cursor."""
    key = decode_cursor(after, order)
    params: dict[str, Any] = {"types": types, "source": source, "limit": first + 1}
    if order == "NAME":
        params |= {"after_name": key[0], "after_id": key[1]}
        rows = await store.run(cypher.PAGE_BY_NAME, params)
    else:
        statement = cypher.PAGE_BY_ID if store.pages_by_index else cypher.PAGE_BY_ID_SCANNED
        rows = await store.run(statement, params | {"after_id": key[0]})
    total = await count_entities(store, types, source)
    entities = [entity_from_row(row["props"], row["labels"]) for row in rows]
    return Page(entities[:first], len(entities) > first, total)


@dataclass(frozen=True)
class Supported:
    """What one source supports: entities, and relations each with the entity at its start."""

    entities: list[StoredEntity]
    relations: list[tuple[StoredEntity, StoredRelation]]


async def supported_by(store: Store, source_id: str, first: int) -> Supported:
    """Return up to `first` entities and `first` relations that cite the source, in two round trips."""
    params = {"source": source_id, "first": first}
    entities = [entity_from_row(r["props"], r["labels"]) for r in await store.run(cypher.CITING_ENTITIES, params)]
    relations = []
    for row in await store.run(cypher.CITING_RELATIONS, params):
        start, end = (entity_from_row(row["from_props"], row["from_labels"]),
                      entity_from_row(row["to_props"], row["to_labels"]))
        relations.append((start, StoredRelation(row["type"], start.id, end.id, row["props"], start.id, end)))
    return Supported(entities, relations)
