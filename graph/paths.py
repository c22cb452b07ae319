"""Shortest connection between two entities, in either direction along edges, found level by level."""

from dataclasses import dataclass
from functools import cache

from graph import cypher
from graph.entities import StoredEntity, StoredRelation, entity_from_row
from graph.reads import entities_by_id
from graph.store import Row, Store
from jalin.errors import NotFound

Link = tuple[str, str]  # (previous entity id, relation id)
MAX_HOPS = 6  # the longest path a search may look for
# An end with more edges than this is followed only when the search from the other end cannot do without it:
# following the 3,000 edges of a province took 85 ms (100k entities), where growing the other end one more
# level and looking up its edges to the province took a few.
HELD_ABOVE = 200
# What each entity of a side's newest level counts for, in edges, when the cost of growing that side is
# weighed against a held end's edges: their own are not known. On the generated 100k graph 20 gave the same
# mean time as 1 and a fifth of its slowest.
EDGES_PER_ENTITY = 20
# Up to this many (entity, target) pairs, a level is first looked for by the edge of each pair instead of by
# following every edge of its entities: 2,000 pairs took about 10 ms (100k entities), following the edges
# of a few widely linked entities up to 200.
PAIRS_LOOKED_UP = 2_000


@dataclass(frozen=True)
class EntityPath:
    """Entities in order from start to end, and the relation between each two."""

    entities: list[StoredEntity]
    relations: list[StoredRelation]


@dataclass
class Side:
    """One end's search tree: how each entity was reached, how far it is, and the newest level."""

    seen: dict[str, Link | None]
    depth: dict[str, int]
    frontier: set[str]
    rel_types: dict[str, str]  # relation id -> type, so that the path's edges are found by index
    held: int = 0  # the number of edges of an end not followed yet because it has many; 0 once followed

    @classmethod
    def at(cls, start: str) -> "Side":
        """Return a search that has reached only `start`."""
        return cls({start: None}, {start: 0}, {start}, {})

    def cost(self) -> int:
        """Return about how many edges growing this side one level follows."""
        return self.held or len(self.frontier) * EDGES_PER_ENTITY

    def grow(self, rows: list[Row]) -> None:
        """Add the unseen neighbours of the frontier from `rows`; they become the frontier."""
        reached: set[str] = set()
        for row in rows:
            source, other = str(row["id"]), row["other"]
            if source in self.frontier and other is not None and other not in self.seen:
                self.seen[other] = (source, str(row["rel"]))
                self.rel_types[str(row["rel"])] = str(row["type"])
                self.depth[other] = self.depth[source] + 1
                reached.add(other)
        self.frontier, self.held = reached, 0


@cache
def _neighbour_ids(degree: str) -> str:
    return cypher.neighbour_ids(degree)


async def _start(store: Store, forward: Side, backward: Side, types: list[str] | None) -> int:
    """Grow both ends one level in one round trip, but hold an end with more than HELD_ABOVE edges; raise
    NotFound for a missing end; return the levels grown."""
    rows = await store.run(_neighbour_ids(store.degree("n")),
                           {"ids": sorted(forward.frontier | backward.frontier), "types": types,
                            "targets": None, "most": HELD_ABOVE})
    degrees = {str(row["id"]): int(row["degree"]) for row in rows}
    grown = 0
    for side in (forward, backward):
        [end] = side.frontier
        if end not in degrees:
            raise NotFound(f"no entity with id '{end}'")
        if degrees[end] > HELD_ABOVE:
            side.held = degrees[end]
        else:
            side.grow(rows)
            grown += 1
    return grown


async def _grow(store: Store, side: Side, types: list[str] | None, targets: list[str] | None = None) -> None:
    """Grow `side` by one level (towards `targets` only, if given) in one round trip. No entity is held here,
    so none has its edges counted."""
    side.grow(await store.run(_neighbour_ids("null"),
                              {"ids": sorted(side.frontier), "types": types, "targets": targets, "most": None}))


def _meeting(forward: Side, backward: Side) -> str | None:
    """Return the entity both searches reached on the shortest way; ties go to the smallest id."""
    common = forward.seen.keys() & backward.seen.keys()
    return min(common, key=lambda n: (forward.depth[n] + backward.depth[n], n), default=None)


def _walk(seen: dict[str, Link | None], start: str) -> list[Link]:
    """Return (entity, relation) links from `start` back to the root of a search tree."""
    links: list[Link] = []
    node = start
    while (link := seen[node]) is not None:
        links.append((node, link[1]))
        node = link[0]
    return links


async def shortest_path(store: Store, from_id: str, to_id: str, max_hops: int,
                        types: list[str] | None = None) -> EntityPath | None:
    """Return a shortest path of at most `max_hops` edges, searching from both ends; None if none.

    The first round trip grows both ends at once, but for an end with many edges, and tells whether they
    exist; each later level grows the cheaper side, looking first for the edges between its newest entities
    and the other side's, pair by pair, and following every edge of the level only if that finds none and
    the level is not the last; one more round trip fetches the path: three for three hops between ends of
    few edges. A store with a search of its own does it in one.
    """
    if from_id == to_id:
        ends = await entities_by_id(store, [from_id])
        if from_id not in ends:
            raise NotFound(f"no entity with id '{from_id}'")
        return EntityPath([ends[from_id]], [])
    if statement := store.shortest_path_statement(max_hops):
        return await _searched_by_store(store, statement, from_id, to_id, types)
    forward, backward = Side.at(from_id), Side.at(to_id)
    reach = await _start(store, forward, backward, types)
    while (middle := _meeting(forward, backward)) is None:
        if reach >= max_hops or not forward.frontier or not backward.frontier:
            return None
        side, other = sorted((forward, backward), key=Side.cost)  # stable: forward on ties
        # A path one edge longer than reached has that edge between the two newest levels (an edge to an entity
        # the other side reached earlier would have been found when that entity's level was grown): looked up
        # pair by pair, it spares following every edge of the level, which the last level never needs.
        last, targets = reach + 1 == max_hops, sorted(other.frontier)
        reach += 1
        if len(side.frontier) * len(targets) <= PAIRS_LOOKED_UP:
            rows = await store.run(cypher.EDGES_BETWEEN_IDS,
                                   {"ids": sorted(side.frontier), "types": types, "targets": targets})
            if rows or last:
                side.grow(rows)
                continue
        await _grow(store, side, types, targets if last else None)
    if forward.depth[middle] + backward.depth[middle] > max_hops:
        return None
    return await _assemble(store, forward, backward, middle, from_id)


async def _searched_by_store(store: Store, statement: str, from_id: str, to_id: str,
                             types: list[str] | None) -> EntityPath | None:
    """Return the path the store's own search finds, in one round trip; raise NotFound for a missing end."""
    [row] = await store.run(statement, {"from_id": from_id, "to_id": to_id, "types": types})
    for end, found in ((from_id, row["from_found"]), (to_id, row["to_found"])):
        if not found:
            raise NotFound(f"no entity with id '{end}'")
    if row["entities"] is None:
        return None
    entities = [entity_from_row(e["props"], e["labels"]) for e in row["entities"]]
    relations = [StoredRelation(r["type"], r["from_id"], r["to_id"], r["props"], entities[i].id, entities[i + 1])
                 for i, r in enumerate(row["relations"])]
    return EntityPath(entities, relations)


async def _assemble(store: Store, forward: Side, backward: Side, middle: str, from_id: str) -> EntityPath:
    """Fetch the entities and edges of the path through `middle` in one round trip."""
    head = list(reversed(_walk(forward.seen, middle)))   # links from start to middle
    tail = _walk(backward.seen, middle)                   # links from middle to end
    order = [from_id] + [node for node, _ in head]
    rel_ids = [rel for _, rel in head]
    for node, rel in tail:
        nxt = backward.seen[node]
        assert nxt is not None
        order.append(nxt[0])
        rel_ids.append(rel)
    types = forward.rel_types | backward.rel_types
    links = [{"i": i, "a": a, "b": b, "rel": rel, "type": types[rel]}
             for i, (a, b, rel) in enumerate(zip(order, order[1:], rel_ids, strict=False))]
    rows = {row["i"]: row for row in await store.run(cypher.RELATIONS_BETWEEN, {"links": links})}
    entities = {}
    for row in rows.values():
        for end in ("from", "to"):
            entities[row[f"{end}_id"]] = entity_from_row(row[f"{end}_props"], row[f"{end}_labels"])
    relations = [StoredRelation(rows[i]["type"], rows[i]["from_id"], rows[i]["to_id"], rows[i]["props"],
                          rows[i]["seen_from"], entities[order[i + 1]]) for i in range(len(links))]
    return EntityPath([entities[i] for i in order], relations)
