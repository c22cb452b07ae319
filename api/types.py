"""GraphQL types: the Entity interface, one object type per node type (derived from `schema`), relations."""

import json
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Optional, cast

import strawberry
from strawberry.scalars import JSON

from api.arguments import check_first, check_relation_types
from api.context import Context
from graph import entities as g
from graph.claims import ClaimConflict, ClaimView, conflicts_of
from graph.links import browser_link
from graph.reads import decode_relation_cursor, relation_cursor
from jalin.errors import JalinError
from schema import MODEL, NodeType
from schema.provenance import ORIGIN, ORIGIN_REF, ORIGIN_TREE, UPDATED_AT, VERSION
from schema.relations import HoldsPosition

if TYPE_CHECKING:
    from api.offices import OfficeHolding

Info = strawberry.Info[Context, None]
CONTRACT_FIELDS = ("id", "name", "aliases", "sources", "figures")
SCALARS: dict[str, Any] = {
    "string": Optional[str], "url": Optional[str], "ref": Optional[str], "period": Optional[str], "date": Optional[str],  # noqa: UP045
    "integer": Optional[int], "float": Optional[float], "boolean": Optional[bool],  # noqa: UP045
    "string_list": Optional[list[str]], "ref_list": Optional[list[str]],  # noqa: UP045
    "date_list": Optional[list[str]],  # noqa: UP045
}


@strawberry.enum
class Direction(Enum):
    """Whether the entity asked about is the start (OUT) or the end (IN) of the edge."""

    OUT = "OUT"
    IN = "IN"


DIRECTIONS = {d.value: d for d in Direction}  # a dict lookup costs less than calling the Enum


@strawberry.type(description="Where a node or edge came from, and how often it changed")
class Provenance:
    origin: str | None = strawberry.field(description="fixture or api")
    where: str | None = strawberry.field(description="The fixture file and line that state it, or the API "
                                                     "token's name that wrote it")
    tree: str | None = strawberry.field(description="Hash of the fixture tree it was seeded from")
    updated_at: str | None = strawberry.field(description="When the API last changed it (UTC)")
    version: int | None = strawberry.field(description="1 when written first, one more at every change; "
                                                       "send it as `expectedVersion` to refuse a lost update")

    @classmethod
    def of(cls, props: dict[str, Any]) -> "Provenance":
        """Read the provenance a node's or edge's stored properties carry."""
        return cls(origin=props.get(ORIGIN), where=props.get(ORIGIN_REF), tree=props.get(ORIGIN_TREE),
                   updated_at=props.get(UPDATED_AT), version=props.get(VERSION))


@strawberry.type(description="A figure a source gives: how many of what, e.g. cities helped: 5")
class Figure:
    counts: str = strawberry.field(description="What is counted")
    value: float
    unit: str | None = None
    approximate: bool = strawberry.field(default=False, description="The source says 'about'")

    @classmethod
    def all_of(cls, props: dict[str, Any]) -> list["Figure"]:
        """Read the figures a node's or edge's stored properties carry (JSON text each)."""
        return [cls(**json.loads(text)) for text in props.get("figures") or []]


async def load_sources(info: Info, ids: list[str]) -> list[Any]:
    """Resolve source ids to Source entities through the request's DataLoader."""
    found = await info.context.entities.load_many(ids)
    return [to_graphql(e) for e in found if e is not None]


@strawberry.type(name="Claim", description="What sources say about one property, ranked as Wikidata ranks "
                                           "statements")
class ClaimObject:
    value: JSON = strawberry.field(description="The value, of the property's own kind")
    rank: str = strawberry.field(description="preferred (the value held), normal or deprecated")
    reason: str | None = strawberry.field(description="Why it is preferred or deprecated, in our own words")
    note: str | None
    current: bool = strawberry.field(description="Whether the entity or relation holds this value now")
    source_ids: strawberry.Private[list[str]]
    record: strawberry.Private[dict[str, Any]]

    @strawberry.field(description="The articles that say so")
    async def sources(self, info: Info) -> list["Source"]:
        return await load_sources(info, self.source_ids)

    @strawberry.field(description="Where the claim came from; for a value no claim names, where its subject did")
    def provenance(self) -> Provenance:
        return Provenance.of(self.record)

    @classmethod
    def of(cls, view: ClaimView) -> "ClaimObject":
        """Build the GraphQL object of one claimed value."""
        return cls(value=view.value, rank=view.rank, reason=view.reason, note=view.note, current=view.current,
                   source_ids=view.sources, record=view.record)


@strawberry.type(name="Conflict", description="A property on which the sources disagree, with every claim about it")
class ConflictObject:
    property: str
    claims: list[ClaimObject] = strawberry.field(description="Every value claimed, the preferred first; the "
                                                             "value held is among them (`current`)")

    @classmethod
    def of(cls, conflict: ClaimConflict) -> "ConflictObject":
        """Build the GraphQL object of one property's conflict."""
        return cls(property=conflict.property, claims=[ClaimObject.of(v) for v in conflict.claims])


async def load_conflicts(info: Info, subject_id: str, kind: str, props: dict[str, Any]) -> list[ConflictObject]:
    """Return the conflicts of one entity or relation, its claims read through the request's DataLoader."""
    claims = await info.context.claims.load(subject_id)
    return [ConflictObject.of(c) for c in conflicts_of(subject_id, kind, props, claims)]


@strawberry.interface(name="Entity",
                      description="Anything in the graph: person, institution, place, commodity, source.")
class EntityInterface:
    id: strawberry.ID
    name: str
    aliases: list[str]
    type: str = strawberry.field(description="Node type, e.g. Person")
    properties: JSON = strawberry.field(description="Every stored property, as stored")
    source_ids: strawberry.Private[list[str]]

    @classmethod
    def resolve_type(cls, entity: "EntityInterface", *_: Any) -> str:
        """Name the object type of an entity: its node type, which is its GraphQL type's name.

        Strawberry's default tries casts and generics first; this runs for every entity of an
        answer (each relation's other end), so it reads the one attribute that says it."""
        return entity.type

    @strawberry.field(description="The articles this entity comes from")
    async def sources(self, info: Info) -> list["Source"]:
        return await load_sources(info, self.source_ids)

    @strawberry.field(description="Where this entity came from and how often it changed")
    def provenance(self) -> Provenance:
        return Provenance.of(cast(dict[str, Any], self.properties))

    @strawberry.field(description="Figures the sources give about it")
    def figures(self) -> list[Figure]:
        return Figure.all_of(cast(dict[str, Any], self.properties))

    @strawberry.field(description="Edges of this entity with the entity at their other end, by type then id; "
                                  "pass the last one's `cursor` as `after` for the next page")
    async def relations(self, info: Info, types: list[str] | None = None,
                        first: int | None = 100, after: str | None = None) -> list["RelationObject"]:
        key = (str(self.id), tuple(check_relation_types(types) or ()) or None, check_first(first, 100),
               decode_relation_cursor(after))
        found = await info.context.relations.load(key)
        return [RelationObject.of(r) for r in found]

    @strawberry.field(description="Properties on which the sources disagree, each with every claim; empty "
                                  "when they agree")
    async def conflicts(self, info: Info) -> list[ConflictObject]:
        return await load_conflicts(info, str(self.id), self.type, cast(dict[str, Any], self.properties))

    @strawberry.field(description="The person's latest office by the sources, with who came before and after; "
                                  "null for anything but a person, or a person with no office on record")
    async def latest_office(self, info: Info) -> Annotated["OfficeHolding", strawberry.lazy("api.offices")] | None:
        if self.type not in HoldsPosition.FROM:
            return None
        found = await info.context.latest_offices.load(str(self.id))
        from api.offices import OfficeHolding  # imports this module: an office's fields are entities

        return OfficeHolding.of(found) if found else None

    @strawberry.field(description="Opens Neo4j Browser on this entity's neighbourhood; null unless "
                                  "JALIN_BROWSER_URL is set")
    def browser_url(self, info: Info) -> str | None:
        return browser_link(info.context.settings.browser_url, str(self.id))


@strawberry.type(name="Relation", description="An edge seen from one of its ends")
class RelationObject:
    id: strawberry.ID
    type: str
    direction: Direction
    date: str | None = strawberry.field(description="ISO 8601 as precise as known: 2025-08-29, 2025-08, 2025")
    date_precision: str | None = strawberry.field(description="day, month, year, approximate or unknown")
    status: str | None
    properties: JSON
    source_ids: strawberry.Private[list[str]]
    stored: strawberry.Private[g.StoredRelation]

    @strawberry.field(description="Resumes the entity's relations after this one (the `after` of `relations`)")
    def cursor(self) -> str:
        return relation_cursor(self.stored)

    # A field, not a resolver: the entity comes with the edge, and a plain attribute is the
    # cheapest thing for the executor to read, once per edge of every answer.
    other: EntityInterface = strawberry.field(description="The entity at the other end")

    @strawberry.field(description="The articles this edge comes from")
    async def sources(self, info: Info) -> list["Source"]:
        return await load_sources(info, self.source_ids)

    @strawberry.field(description="Where this edge came from and how often it changed")
    def provenance(self) -> Provenance:
        return Provenance.of(self.stored.props)

    @strawberry.field(description="Properties on which the sources disagree, each with every claim; empty "
                                  "when they agree")
    async def conflicts(self, info: Info) -> list[ConflictObject]:
        return await load_conflicts(info, self.stored.id, self.type, self.stored.props)

    @strawberry.field(description="Figures the sources give about it")
    def figures(self) -> list[Figure]:
        return Figure.all_of(self.stored.props)

    @strawberry.field(description="When it is meant to happen or be reached: START..END, either side open")
    def target_period(self) -> str | None:
        return self.stored.props.get("target_period")

    @classmethod
    def of(cls, relation: g.StoredRelation) -> "RelationObject":
        """Build the GraphQL object of a graph relation."""
        props = relation.props
        if relation.other is None:
            raise JalinError(f"relation {relation.id} was read without the entity at its other end")
        return cls(id=strawberry.ID(relation.id), type=relation.type,
                   direction=DIRECTIONS[relation.direction], date=props.get("date"),
                   date_precision=props.get("date_precision"), status=props.get("status"),
                   properties=cast(JSON, props), other=to_graphql(relation.other), source_ids=props.get("sources", []),
                   stored=relation)


async def relation_from_start(info: Info, stored: g.StoredRelation) -> RelationObject:
    """Return a stored relation as seen from its start, with the entity at its end loaded."""
    end = await info.context.entities.load(stored.to_id)
    seen = g.StoredRelation(stored.type, stored.from_id, stored.to_id, stored.props, stored.from_id, end)
    return RelationObject.of(seen)


def _node_class(node_type: NodeType) -> type:
    """Create the GraphQL object type of one node type, with a typed field per own property."""
    own = [p for p in node_type.properties.values() if p.name not in CONTRACT_FIELDS]
    annotations = {p.name: SCALARS[p.kind] for p in own}
    namespace: dict[str, Any] = {"__annotations__": annotations, "__module__": __name__}
    namespace |= {p.name: strawberry.field(default=None, description=p.help or None) for p in own}
    cls = type(node_type.label, (EntityInterface,), namespace)
    return strawberry.type(cls, description=node_type.description)


NODE_TYPES: dict[str, type] = {label: _node_class(t) for label, t in MODEL.nodes.items()}
if TYPE_CHECKING:
    Source = EntityInterface
else:
    Source = NODE_TYPES["Source"]  # named here so that `list["Source"]` annotations resolve


# Each node type's own property names, worked out once: to_graphql runs for every entity of an answer.
OWN_PROPERTIES = {label: tuple(k for k in t.properties if k not in CONTRACT_FIELDS) for label, t in MODEL.nodes.items()}


def to_graphql(entity: g.StoredEntity) -> EntityInterface:
    """Build the GraphQL object of a graph entity, typed by its node type."""
    cls = NODE_TYPES[entity.type]
    props = entity.props
    own = {k: props.get(k) for k in OWN_PROPERTIES[entity.type]}
    result: EntityInterface = cls(id=strawberry.ID(entity.id), name=entity.name, aliases=props.get("aliases") or [],
                                  type=entity.type, properties=props, source_ids=props.get("sources") or [], **own)
    return result
