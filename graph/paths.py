"""Shortest connection between two entities, in either direction along edges, found level by level."""

from dataclasses import dataclass

from graph import cypher
from graph.entities import StoredEntity, StoredRelation, entity_from_row
from graph.reads import entities_by_id
from graph.store import Store
from jalin.errors import NotFound

Link = tuple[str, str]  # (previous entity id, relation id)
MAX_HOPS = 6  # the longest path a search may look for


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

    @classmethod
    def at(cls, start: str) -> "Side":
        """Return a search that has reached only `start`."""
        return cls({start: None}, {start: 0}, {start}, {})

    def grow(self, rows: list[dict[str, str | None]]) -> None:
        """Add the unseen neighbours of the frontier from `rows`; they become the frontier."""
        reached: set[str] = set()
        for row in rows:
            source, other = str(row["id"]), row["other"]
            if source in self.frontier and other is not None and other not in self.seen:
                self.seen[other] = (source, str(row["rel"]))
                self.rel_types[str(row["rel"])] = str(row["type"])
                self.depth[other] = self.depth[source] + 1
                reached.add(other)
        self.frontier = reached


async def _expand(store: Store, sides: list[Side], types: list[str] | None,
                  targets: list[str] | None = None) -> set[str]:
    """Grow every side by one level (towards `targets` only, if given) in one round trip; return the ids that exist."""
    ids = sorted(set().union(*(side.frontier for side in sides)))
    rows = await store.run(cypher.NEIGHBOUR_IDS, {"ids": ids, "types": types, "targets": targets})
    for side in sides:
        side.grow(rows)
    return {str(row["id"]) for row in rows}


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

    The first round trip grows both ends at once and tells whether they exist; each later one
    grows the smaller side, the last one only towards the other side; one more fetches the path:
    three round trips for three hops. A store with a search of its own does it in one.
    """
    if from_id == to_id:
        ends = await entities_by_id(store, [from_id])
        if from_id not in ends:
            raise NotFound(f"no entity with id '{from_id}'")
        return EntityPath([ends[from_id]], [])
    if statement := store.shortest_path_statement(max_hops):
        return await _searched_by_store(store, statement, from_id, to_id, types)
    forward, backward = Side.at(from_id), Side.at(to_id)
    existing = await _expand(store, [forward, backward], types)
    for end in (from_id, to_id):
        if end not in existing:
            raise NotFound(f"no entity with id '{end}'")
    reach = 2
    while (middle := _meeting(forward, backward)) is None:
        if reach >= max_hops or not forward.frontier or not backward.frontier:
            return None
        side, other = sorted((forward, backward), key=lambda s: len(s.frontier))  # stable: forward on ties
        last = reach + 1 == max_hops  # the last level matters only where it meets the other side
        await _expand(store, [side], types, sorted(other.seen) if last else None)
        reach += 1
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
