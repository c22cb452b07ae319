"""Shortest connection between two entities, in either direction along edges, found level by level."""

from dataclasses import dataclass

from graph import cypher
from graph.entities import Entity, Relation
from graph.reads import entities_by_id
from graph.store import Store
from jalin.errors import NotFound

Link = tuple[str, str]  # (previous entity id, relation id)


@dataclass(frozen=True)
class Path:
    """Entities in order from start to end, and the relation between each two."""

    entities: list[Entity]
    relations: list[Relation]


async def _expand(store: Store, frontier: set[str], seen: dict[str, Link | None],
                  types: list[str] | None) -> set[str]:
    rows = await store.run(cypher.NEIGHBOUR_IDS, {"ids": sorted(frontier), "types": types})
    reached: set[str] = set()
    for row in rows:
        if row["other"] not in seen:
            seen[row["other"]] = (row["id"], row["rel"])
            reached.add(row["other"])
    return reached


def _walk(seen: dict[str, Link | None], start: str) -> list[Link]:
    """Return (entity, relation) links from `start` back to the root of a search tree."""
    links: list[Link] = []
    node = start
    while (link := seen[node]) is not None:
        links.append((node, link[1]))
        node = link[0]
    return links


async def shortest_path(store: Store, from_id: str, to_id: str, max_hops: int,
                        types: list[str] | None = None) -> Path | None:
    """Return a shortest path of at most `max_hops` edges, searching from both ends; None if none."""
    ends = await entities_by_id(store, [from_id, to_id])
    for end in (from_id, to_id):
        if end not in ends:
            raise NotFound(f"no entity with id '{end}'")
    if from_id == to_id:
        return Path([ends[from_id]], [])
    forward: dict[str, Link | None] = {from_id: None}
    backward: dict[str, Link | None] = {to_id: None}
    front, back = {from_id}, {to_id}
    for hops in range(max_hops):
        if len(front) <= len(back):
            front = await _expand(store, front, forward, types)
        else:
            back = await _expand(store, back, backward, types)
        meeting = sorted(forward.keys() & backward.keys())
        if meeting:
            return await _assemble(store, forward, backward, meeting[0], from_id)
        if not front or not back or hops + 1 == max_hops:
            return None
    return None


async def _assemble(store: Store, forward: dict[str, Link | None], backward: dict[str, Link | None],
                    middle: str, from_id: str) -> Path:
    head = list(reversed(_walk(forward, middle)))   # links from start to middle
    tail = _walk(backward, middle)                   # links from middle to end
    order = [from_id] + [node for node, _ in head]
    rel_ids = [rel for _, rel in head]
    for node, rel in tail:
        nxt = backward[node]
        assert nxt is not None
        order.append(nxt[0])
        rel_ids.append(rel)
    entities = await entities_by_id(store, order)
    links = [{"i": i, "a": a, "b": b, "rel": rel}
             for i, (a, b, rel) in enumerate(zip(order, order[1:], rel_ids, strict=False))]
    rows = {row["i"]: row for row in await store.run(cypher.RELATIONS_BETWEEN, {"links": links})}
    relations = [Relation(rows[i]["type"], rows[i]["from_id"], rows[i]["to_id"], rows[i]["props"],
                          rows[i]["seen_from"], entities[order[i + 1]]) for i in range(len(links))]
    return Path([entities[i] for i in order], relations)
