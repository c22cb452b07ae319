"""Mutations: upsert and delete with the loader's checks, only for callers with the bearer token."""

from typing import Any

import strawberry
from strawberry.scalars import JSON

from api.types import EntityInterface, Info, RelationObject, relation_from_start, to_graphql
from graph import mutations
from jalin.errors import BadRequest


@strawberry.input(description="An entity to create or update; `properties` holds the type's own fields")
class EntityInput:
    id: strawberry.ID
    type: str
    name: str
    sources: list[strawberry.ID]
    aliases: list[str] = strawberry.field(default_factory=list)
    properties: JSON | None = None


@strawberry.input(description="A relation to create or update; without `id`, one is derived")
class RelationInput:
    type: str
    from_id: strawberry.ID
    to_id: strawberry.ID
    sources: list[strawberry.ID]
    id: strawberry.ID | None = None
    properties: JSON | None = None


def _merge(fixed: dict[str, Any], properties: Any) -> dict[str, Any]:
    if properties is None:
        return fixed
    if not isinstance(properties, dict):
        raise BadRequest(f"properties: expected an object, got {properties!r}")
    clash = sorted(set(properties) & set(fixed))
    if clash:
        raise BadRequest(f"properties: {', '.join(clash)} must be given as arguments of their own")
    return {**fixed, **properties}


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Create or replace an entity")
    async def upsert_entity(self, info: Info, input: EntityInput) -> EntityInterface:
        info.context.require_writer()
        data = _merge({"id": str(input.id), "type": input.type, "name": input.name,
                       "aliases": input.aliases, "sources": [str(s) for s in input.sources]}, input.properties)
        return to_graphql(await mutations.upsert_entity(info.context.store, data))

    @strawberry.mutation(description="Create or replace a relation")
    async def upsert_relation(self, info: Info, input: RelationInput) -> RelationObject:
        info.context.require_writer()
        fixed = {"type": input.type, "from": str(input.from_id), "to": str(input.to_id),
                 "sources": [str(s) for s in input.sources]}
        if input.id:
            fixed["id"] = str(input.id)
        stored = await mutations.upsert_relation(info.context.store, _merge(fixed, input.properties))
        return await relation_from_start(info, stored)

    @strawberry.mutation(description="Delete an entity and its relations")
    async def delete_entity(self, info: Info, id: strawberry.ID) -> bool:
        info.context.require_writer()
        await mutations.delete_entity(info.context.store, str(id))
        return True

    @strawberry.mutation(description="Delete a relation")
    async def delete_relation(self, info: Info, id: strawberry.ID) -> bool:
        info.context.require_writer()
        await mutations.delete_relation(info.context.store, str(id))
        return True
