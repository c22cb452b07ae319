"""The reads the benchmark times, each three ways: GraphQL, the thinnest JSON endpoint, the store in-process.

`direct` makes the same store calls, in the same batches, as the GraphQL resolvers and their
DataLoaders do for the query next to it, so that the three timings differ only by what sits
between the caller and the store.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from graph import paths, reads, search, timeline
from graph.entities import StoredEntity, StoredRelation
from graph.store import Store

Args = dict[str, Any]

NEIGHBOURS_FIRST = 100
PAGE_FIRST = 50
PAGE_RELATIONS = 5
TIMELINE_FIRST = 20
SEARCH_FIRST = 10
PATH_HOPS = 3


def entity_json(entity: StoredEntity | None) -> dict[str, Any] | None:
    """Return what the endpoints send of an entity."""
    return None if entity is None else {"type": entity.type, **entity.props}


def relation_json(relation: StoredRelation) -> dict[str, Any]:
    """Return what the endpoints send of a relation, with its other end."""
    return {"type": relation.type, "direction": relation.direction, **relation.props,
            "other": entity_json(relation.other)}


async def neighbours(store: Store, args: Args) -> Any:
    """Load one entity, then its relations with their other ends (two batches, like the loaders)."""
    found = await reads.entities_by_id(store, [args["id"]])
    relations = await reads.relations_of(store, [args["id"]], None, NEIGHBOURS_FIRST)
    return {"entity": entity_json(found.get(args["id"])),
            "relations": [relation_json(r) for r in relations[args["id"]]]}


async def find(store: Store, args: Args) -> Any:
    """Search names and aliases."""
    return [entity_json(e) for e in await search.search(store, args["text"], None, SEARCH_FIRST)]


async def path(store: Store, args: Args) -> Any:
    """Find a shortest path of at most three hops."""
    found = await paths.shortest_path(store, args["fromId"], args["toId"], PATH_HOPS)
    if found is None:
        return None
    return {"entities": [entity_json(e) for e in found.entities],
            "relations": [relation_json(r) for r in found.relations]}


async def events(store: Store, args: Args) -> Any:
    """Gather an entity's timeline with its participants, in one round trip."""
    found = await timeline.timeline(store, [args["entityId"]], None, None, None, TIMELINE_FIRST)
    return [{"id": e.id, "kind": e.kind, **e.props,
             "participants": [entity_json(found.entities.get(p)) for p in e.participant_ids]} for e in found.entries]


async def page(store: Store, args: Args) -> Any:
    """Load one page of entities after a cursor, then their relations in one batch."""
    found = await reads.page(store, types=args["types"], source=None, first=PAGE_FIRST,
                             after=args["after"], order="ID")
    ids = [e.id for e in found.entities]
    relations = await reads.relations_of(store, ids, None, PAGE_RELATIONS)
    return {"totalCount": found.total, "hasNextPage": found.has_next,
            "nodes": [{**(entity_json(e) or {}), "relations": [relation_json(r) for r in relations[e.id]]}
                      for e in found.entities]}


@dataclass(frozen=True)
class Operation:
    """One read: its GraphQL query and the same store work done directly."""

    name: str
    query: str
    direct: Callable[[Store, Args], Awaitable[Any]]


OPERATIONS = (
    Operation("entity_neighbours", f"""query($id: ID!) {{ entity(id: $id) {{ id name aliases
        relations(first: {NEIGHBOURS_FIRST}) {{ id type direction date status other {{ id name }} }} }} }}""",
              neighbours),
    Operation("search", f"""query($text: String!) {{ search(text: $text, first: {SEARCH_FIRST}) {{
        __typename id name aliases }} }}""", find),
    Operation("path_3_hops", f"""query($fromId: ID!, $toId: ID!) {{
        path(fromId: $fromId, toId: $toId, maxHops: {PATH_HOPS}) {{ length entities {{ id name }}
        relations {{ id type direction other {{ id }} }} }} }}""", path),
    Operation("timeline", f"""query($entityId: ID!) {{ timeline(entityId: $entityId, first: {TIMELINE_FIRST}) {{
        id kind date datePrecision dateText status participants {{ id name }} }} }}""", events),
    Operation("entities_page_nested", f"""query($after: String, $types: [String!]) {{
        entities(first: {PAGE_FIRST}, after: $after, types: $types) {{ totalCount
        edges {{ cursor node {{ id name relations(first: {PAGE_RELATIONS}) {{ type other {{ id name }} }} }} }}
        pageInfo {{ hasNextPage endCursor }} }} }}""", page),
)
BY_NAME = {op.name: op for op in OPERATIONS}
