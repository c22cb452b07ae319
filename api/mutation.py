"""Mutations: upsert and delete with the loader's checks, only for callers with the bearer token."""

from typing import Any

import strawberry
from strawberry.scalars import JSON

from api.drafts import AppliedDraft, DraftRecordInput, apply
from api.types import EntityInterface, Info, RelationObject, relation_from_start, to_graphql
from graph import mutations
from jalin.errors import BadRequest

EXPECTED_VERSION = ("The `version` you read: the change is refused (CONFLICT, 409) if the stored one "
                    "differs, so that nobody's update is lost")


@strawberry.input(description="An entity to create, or to change: only the fields sent change, and a "
                               "property sent as null in `properties` is cleared")
class EntityInput:
    id: strawberry.ID
    type: str | None = strawberry.field(default=None, description="Required to create; cannot change")
    name: str | None = strawberry.field(default=None, description="Required to create")
    sources: list[strawberry.ID] | None = strawberry.field(default=None, description="Required to create")
    aliases: list[str] | None = None
    properties: JSON | None = None
    expected_version: int | None = strawberry.field(default=None, description=EXPECTED_VERSION)


@strawberry.input(description="A relation to create, or to change by `id`: only the fields sent change; "
                               "without `id`, one is derived")
class RelationInput:
    type: str
    from_id: strawberry.ID | None = strawberry.field(default=None, description="Required to create")
    to_id: strawberry.ID | None = strawberry.field(default=None, description="Required to create")
    sources: list[strawberry.ID] | None = strawberry.field(default=None, description="Required to create")
    id: strawberry.ID | None = None
    properties: JSON | None = None
    expected_version: int | None = strawberry.field(default=None, description=EXPECTED_VERSION)


@strawberry.type(name="Deletion", description="What a delete removed")
class DeletionObject:
    id: strawberry.ID
    relation_ids: list[strawberry.ID] = strawberry.field(description="The edges deleted with it (cascade)")
    claim_ids: list[strawberry.ID] = strawberry.field(description="The claims deleted with it (cascade)")

    @classmethod
    def of(cls, deletion: mutations.Deletion) -> "DeletionObject":
        """Build the answer from what the store deleted."""
        return cls(id=strawberry.ID(deletion.id), relation_ids=[strawberry.ID(i) for i in deletion.relations],
                   claim_ids=[strawberry.ID(i) for i in deletion.claims])


def _merge(fixed: dict[str, Any], properties: Any) -> dict[str, Any]:
    """Return the fields sent: those given as arguments, then `properties` (null clears one)."""
    sent = {k: v for k, v in fixed.items() if v is not None}
    if properties is None:
        return sent
    if not isinstance(properties, dict):
        raise BadRequest(f"properties: expected an object, got {properties!r}")
    clash = sorted(set(properties) & set(fixed))
    if clash:
        raise BadRequest(f"properties: {', '.join(clash)} must be given as arguments of their own")
    return {**sent, **properties}


def _ids(values: list[strawberry.ID] | None) -> list[str] | None:
    return None if values is None else [str(v) for v in values]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Create an entity, or change the fields sent")
    async def upsert_entity(self, info: Info, input: EntityInput) -> EntityInterface:
        info.context.require_writer()
        fields = _merge({"id": str(input.id), "type": input.type, "name": input.name,
                         "aliases": input.aliases, "sources": _ids(input.sources)}, input.properties)
        change = mutations.Change(fields, info.context.settings.api_token_name, input.expected_version)
        return to_graphql(await mutations.upsert_entity(info.context.store, change))

    @strawberry.mutation(description="Create a relation, or change the fields sent")
    async def upsert_relation(self, info: Info, input: RelationInput) -> RelationObject:
        info.context.require_writer()
        fields = _merge({"type": input.type, "from": input.from_id and str(input.from_id),
                         "to": input.to_id and str(input.to_id), "sources": _ids(input.sources),
                         "id": input.id and str(input.id)}, input.properties)
        change = mutations.Change(fields, info.context.settings.api_token_name, input.expected_version)
        stored = await mutations.upsert_relation(info.context.store, change)
        return await relation_from_start(info, stored)

    @strawberry.mutation(description="Delete an entity that nothing refers to; refused (CONFLICT, 409) with what "
                                     "refers to it. With `cascade`, its edges, the edges naming it and the claims "
                                     "about it go with it; what cites it as a source, or an entity naming it, never")
    async def delete_entity(self, info: Info, id: strawberry.ID, cascade: bool = False) -> DeletionObject:
        info.context.require_writer()
        return DeletionObject.of(await mutations.delete_entity(info.context.store, str(id), cascade))

    @strawberry.mutation(description="Delete a relation")
    async def delete_relation(self, info: Info, id: strawberry.ID) -> bool:
        info.context.require_writer()
        await mutations.delete_relation(info.context.store, str(id))
        return True

    @strawberry.mutation(description="Write the records an analyst kept from a draft, all or nothing, as the "
                                     "loader checks a fixture file; refused while any is still marked for review")
    async def apply_draft(self, info: Info, records: list[DraftRecordInput]) -> AppliedDraft:
        info.context.require_writer()
        return await apply(info.context.store, records, info.context.settings.api_token_name)
