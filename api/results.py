"""GraphQL result types beyond entities and relations: pages, paths, timeline, counts."""

from enum import Enum
from typing import TYPE_CHECKING, cast

import strawberry
from strawberry.scalars import JSON

from api.types import NODE_TYPES, ClaimObject, EntityInterface, Info, RelationObject, Source, load_sources, to_graphql
from graph.claims import ClaimConflict
from graph.reads import Supported
from graph.stats import GraphStats
from graph.timeline import TimelineEntry
from schema.events import EVENT_LABEL

if TYPE_CHECKING:
    EventObject = EntityInterface
else:
    EventObject = NODE_TYPES[EVENT_LABEL]  # the GraphQL type of Event nodes, derived like every node type


@strawberry.type
class EntityEdge:
    cursor: str
    node: EntityInterface


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type(description="A Relay connection over entities")
class EntityConnection:
    edges: list[EntityEdge]
    page_info: PageInfo
    total_count: int


@strawberry.enum(description="Order of `entities`")
class EntityOrder(Enum):
    ID = "ID"
    NAME = "NAME"


@strawberry.type(name="Path", description="A shortest connection: entities in order and the relation between each two")
class PathObject:
    entities: list[EntityInterface]
    relations: list[RelationObject]
    length: int


@strawberry.type(name="TimelineEntry", description="An event with its edges and sub-events, or a dated edge "
                                                   "that belongs to no event")
class TimelineEntryObject:
    id: strawberry.ID = strawberry.field(description="The event's id, or the edge's")
    kind: str = strawberry.field(description="meeting, visit, agreement, inauguration, shipment or event; an "
                                             "event's comes from its own kind (a signing is an agreement)")
    date: str | None = strawberry.field(description="As precise as known; for an event, the day it began")
    date_precision: str | None
    date_text: str | None = strawberry.field(description="The date as the source words it")
    date_earliest: str | None
    date_latest: str | None
    start: str | None = strawberry.field(description="An event's first day (or month, year); null for an edge")
    end: str | None = strawberry.field(description="An event's last day, at its own precision: the start again "
                                                   "for a single day; null for an edge")
    status: str | None
    relation_ids: list[strawberry.ID]
    properties: JSON
    event: EventObject | None = strawberry.field(description="The event this entry shows; null for an edge")
    sub_events: list["TimelineEntryObject"] = strawberry.field(
        description="The events that are part of this one, each with its own span, in date order")
    participant_ids: strawberry.Private[list[str]]
    place_id: strawberry.Private[str | None]
    source_ids: strawberry.Private[list[str]]

    @strawberry.field
    async def participants(self, info: Info) -> list[EntityInterface]:
        found = await info.context.entities.load_many(self.participant_ids)
        return [to_graphql(e) for e in found if e is not None]

    @strawberry.field
    async def place(self, info: Info) -> EntityInterface | None:
        found = await info.context.entities.load(self.place_id) if self.place_id else None
        return to_graphql(found) if found else None

    @strawberry.field
    async def sources(self, info: Info) -> list[Source]:
        return await load_sources(info, self.source_ids)

    @classmethod
    def of(cls, entry: TimelineEntry) -> "TimelineEntryObject":
        p = entry.props
        return cls(id=strawberry.ID(entry.id), kind=entry.kind, date=p.get("date"),
                   date_precision=p.get("date_precision"), date_text=p.get("date_text"),
                   date_earliest=p.get("date_earliest"), date_latest=p.get("date_latest"),
                   start=p.get("start") if entry.event else None, end=p.get("end") if entry.event else None,
                   status=p.get("status"), relation_ids=[strawberry.ID(i) for i in entry.relation_ids],
                   properties=cast(JSON, p), event=to_graphql(entry.event) if entry.event else None,
                   sub_events=[cls.of(sub) for sub in entry.sub_events], participant_ids=entry.participant_ids,
                   place_id=p.get("place"), source_ids=entry.sources)


@strawberry.type
class Count:
    key: str
    count: int


@strawberry.type(description="Counts over the whole graph")
class Stats:
    entities_by_type: list[Count]
    relations_by_type: list[Count]
    agreements_by_status: list[Count]
    relations_by_sector: list[Count]
    entities_by_country: list[Count]

    @classmethod
    def of(cls, stats: GraphStats) -> "Stats":
        def counts(pairs: list[tuple[str, int]]) -> list[Count]:
            return [Count(key=key, count=count) for key, count in pairs]

        return cls(entities_by_type=counts(stats.entities_by_type), relations_by_type=counts(stats.relations_by_type),
                   agreements_by_status=counts(stats.agreements_by_status),
                   relations_by_sector=counts(stats.relations_by_sector),
                   entities_by_country=counts(stats.entities_by_country))


@strawberry.type(name="SubjectConflict", description="An entity or relation whose sources disagree on one property")
class SubjectConflict:
    id: strawberry.ID = strawberry.field(description="Id of the entity or relation")
    kind: str = strawberry.field(description="The entity's node type (Person) or the relation's type (VISITED)")
    property: str
    claims: list[ClaimObject] = strawberry.field(description="Every value claimed, the preferred first; the "
                                                             "value held is among them (`current`)")

    @classmethod
    def of(cls, conflict: ClaimConflict) -> "SubjectConflict":
        return cls(id=strawberry.ID(conflict.subject_id), kind=conflict.kind, property=conflict.property,
                   claims=[ClaimObject.of(v) for v in conflict.claims])


@strawberry.type(description="A relation a source supports, with the entity at its start")
class CitedRelation:
    start: EntityInterface
    relation: RelationObject


@strawberry.type(description="Every fact one source supports: the entities and the relations citing it")
class SupportedFacts:
    entities: list[EntityInterface]
    relations: list[CitedRelation]

    @classmethod
    def of(cls, found: Supported) -> "SupportedFacts":
        """Build the answer from what the graph found."""
        return cls(entities=[to_graphql(e) for e in found.entities],
                   relations=[CitedRelation(start=to_graphql(start), relation=RelationObject.of(relation))
                              for start, relation in found.relations])
