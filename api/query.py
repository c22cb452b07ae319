"""Root query fields: the public contract the web client and outside users code against."""

from datetime import date
from typing import Annotated

import strawberry

from api.arguments import check_first, check_node_types, check_relation_types
from api.drafts import ArticleDraft, DraftRecordInput, RenderedDraft, article_info, draft_from_store, render
from api.offices import OfficeHolding
from api.results import (
    EntityConnection,
    EntityEdge,
    EntityOrder,
    PageInfo,
    PathObject,
    Stats,
    SubjectConflict,
    SupportedFacts,
    TimelineEntryObject,
)
from api.types import EntityInterface, Info, RelationObject, relation_from_start, to_graphql
from graph import offices, paths, reads
from graph import search as graph_search
from graph import timeline as graph_timeline
from graph.claims import all_conflicts
from graph.stats import graph_stats
from graph.timeline import KIND_ORDER, day_bounds
from jalin.errors import BadRequest
from schema import MODEL


@strawberry.type
class Query:
    @strawberry.field(description="The entity with this id, or null")
    async def entity(self, info: Info, id: strawberry.ID) -> EntityInterface | None:
        found = await info.context.entities.load(str(id))
        return to_graphql(found) if found else None

    @strawberry.field(description="The relation with this id, seen from its start, or null")
    async def relation(self, info: Info, id: strawberry.ID) -> RelationObject | None:
        found = await reads.relation_by_id(info.context.store, str(id), list(MODEL.relations))
        if found is None:
            return None
        return await relation_from_start(info, found)

    @strawberry.field(description="Entities whose names or aliases match, best first; prefixes match")
    async def search(self, info: Info, text: str, types: list[str] | None = None,
                     first: int | None = 10) -> list[EntityInterface]:
        found = await graph_search.search(info.context.store, text, check_node_types(types),
                                          check_first(first, 10))
        return [to_graphql(e) for e in found]

    @strawberry.field(description="A page of entities, filtered and sorted")
    async def entities(self, info: Info, types: list[str] | None = None, first: int | None = 50,
                       after: str | None = None, order_by: EntityOrder = EntityOrder.ID,
                       source_id: strawberry.ID | None = None) -> EntityConnection:
        result = await reads.page(info.context.store, types=check_node_types(types),
                                  source=str(source_id) if source_id else None,
                                  first=check_first(first, 50), after=after, order=order_by.value)
        edges = [EntityEdge(cursor=reads.encode_cursor(e, order_by.value), node=to_graphql(e))
                 for e in result.entities]
        end = edges[-1].cursor if edges else None
        return EntityConnection(edges=edges, page_info=PageInfo(has_next_page=result.has_next, end_cursor=end),
                                total_count=result.total)

    @strawberry.field(description="The shortest connection between two entities, or null")
    async def path(self, info: Info, from_id: strawberry.ID, to_id: strawberry.ID, max_hops: int | None = 4,
                   types: list[str] | None = None) -> PathObject | None:
        max_hops = 4 if max_hops is None else max_hops
        if not 1 <= max_hops <= paths.MAX_HOPS:
            raise BadRequest(f"maxHops: must be between 1 and {paths.MAX_HOPS}, got {max_hops}")
        found = await paths.shortest_path(info.context.store, str(from_id), str(to_id), max_hops,
                                          check_relation_types(types))
        if found is None:
            return None
        return PathObject(entities=[to_graphql(e) for e in found.entities],
                          relations=[RelationObject.of(r) for r in found.relations], length=len(found.relations))

    @strawberry.field(description="Events and dated edges of no event, in chronological order; dates as precise "
                                  "as the sources. With entityId and/or entityIds, only those in which every one "
                                  "of these entities takes part (in the event or one of its sub-events)")
    async def timeline(self, info: Info, entity_id: strawberry.ID | None = None,
                       from_: Annotated[str | None, strawberry.argument(name="from")] = None,
                       to: str | None = None, kinds: list[str] | None = None,
                       first: int | None = 100,
                       entity_ids: Annotated[list[strawberry.ID] | None, strawberry.argument(
                           description="Entities that all take part: the events they share")] = None,
                       ) -> list[TimelineEntryObject]:
        unknown = [k for k in kinds or [] if k not in KIND_ORDER]
        if unknown:
            raise BadRequest(f"kinds: unknown kind(s) {', '.join(unknown)}; known: {', '.join(KIND_ORDER)}")
        if entity_ids is not None and not entity_ids:
            raise BadRequest("entityIds: give at least one id, or leave it out for every event")
        ids = [str(i) for i in [*([entity_id] if entity_id else []), *(entity_ids or [])]]
        found = await graph_timeline.timeline(info.context.store, ids, from_, to, kinds, check_first(first, 100))
        info.context.entities.prime_many(found.entities)  # participants and places: no second round trip
        return [TimelineEntryObject.of(e) for e in found.entries]

    @strawberry.field(description="Every fact a source supports: the entities and relations citing it, "
                                  "up to `first` of each")
    async def supported_by(self, info: Info, source_id: strawberry.ID, first: int | None = 100) -> SupportedFacts:
        found = await reads.supported_by(info.context.store, str(source_id), check_first(first, 100))
        return SupportedFacts.of(found)

    @strawberry.field(description="Who held an office (title and/or institution) on a day, by the sources: "
                                  "for certain (HELD) first, then possibly (UNCERTAIN: the day falls where a "
                                  "term began or ended, as far as the sources know)")
    async def office_holders(self, info: Info, on: str,
                             title: Annotated[str | None, strawberry.argument(
                                 description="The whole title, as written or in English; case and "
                                             "accents aside, never a part of it")] = None,
                             institution_id: strawberry.ID | None = None) -> list[OfficeHolding]:
        if not title and not institution_id:
            raise BadRequest("officeHolders: give a title, an institutionId, or both")
        start, end = day_bounds(on, on)
        if start != end:
            raise BadRequest(f"on: '{on}' must be a day, like 2025-08-29")
        found = await offices.holders(info.context.store, title, str(institution_id) if institution_id else None,
                                      str(start))
        return [OfficeHolding.of(h) for h in found]

    @strawberry.field(description="Counts by type, status of agreements, sector and country")
    async def stats(self, info: Info) -> Stats:
        return Stats.of(await graph_stats(info.context.store))

    @strawberry.field(description="Every entity and relation whose sources disagree on a property, by id then "
                                  "property, with every claim; the value held is among them (`current`)")
    async def conflicts(self, info: Info, first: int | None = 50) -> list[SubjectConflict]:
        found = await all_conflicts(info.context.store, check_first(first, 50))
        return [SubjectConflict.of(c) for c in found]

    @strawberry.field(description="Read an Indonesian news article against the graph: the entities, offices, "
                                  "dates and relations it names, each proposed as a fixture record with the "
                                  "sentences that support it, a confidence and what to check; nothing is written")
    async def draft_article(self, info: Info, text: str,
                            published: Annotated[date | None, strawberry.argument(
                                description="The day the article was published: reads 'kemarin', "
                                            "'pekan lalu' and days without a year")] = None,
                            url: str | None = None, outlet: str | None = None,
                            title: str | None = None) -> ArticleDraft:
        return await draft_from_store(info.context.store, info.context.graph_names, text,
                                      article_info(published, url, outlet, title))

    @strawberry.field(description="The records an analyst kept from a draft, as a fixture file (review markers "
                                  "on those not yet checked), with what the graph would refuse; nothing is written")
    async def render_draft(self, info: Info, records: list[DraftRecordInput],
                           missing: list[str] | None = None) -> RenderedDraft:
        return await render(info.context.store, records, missing or [])
