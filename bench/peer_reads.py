"""The five reads through the peer's API, as its user would write them, and the answers of both APIs in one form.

Jalin answers each read with one field; the peer's generated API has a field per node type and per
edge type and direction, so its user asks for every one that can hold the answer and merges them
client-side (relations by type then id, as Jalin orders them; search hits by score). Path and
timeline go through the peer's `@cypher` fields (`bench.peer_schema`). `answer` turns either
API's data into the same plain form, so the harness can tell whether they agree.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.operations import NEIGHBOURS_FIRST, PAGE_FIRST, PAGE_RELATIONS, SEARCH_FIRST, TIMELINE_FIRST, Args
from bench.peer_schema import relationship_fields, search_field, target
from graph.text import tokens
from schema import ENTITY_LABEL, MODEL

Answer = Any
EDGE_ORDER = "sort: [{edge: {id: ASC}}]"


def _connections(first: int, edge_fields: Callable[[str], str]) -> str:
    """Return an inline fragment per node type asking for its relationship fields' first edges."""
    fragments = []
    for label in MODEL.nodes:
        fields = " ".join(f"{name}Connection(first: {first}, {EDGE_ORDER}) {{ edges {{ "
                          f"properties {{ {edge_fields(rel_type)} }} node {{ {_id_name(rel_type, direction)} }} }} }}"
                          for name, rel_type, direction in relationship_fields(label))
        if fields:
            fragments.append(f"... on {label} {{ {fields} }}")
    return " ".join(fragments)


def _id_name(rel_type: str, direction: str) -> str:
    """Return the selection of a related node's id and name: through the interface on a union's members."""
    other = target(rel_type, direction)
    return "id name" if other in MODEL.nodes else f"... on {ENTITY_LABEL} {{ id name }}"


def _dated(rel_type: str) -> str:
    props = MODEL.relations[rel_type].properties
    return " ".join(p for p in ("id", "date", "status") if p in props)


def _relations(entity: dict[str, Any], first: int) -> list[list[Any]]:
    """Return an entity's relations from the peer's connection fields, merged in Jalin's order and cut."""
    found = []
    fields = {name: (rel_type, direction) for label in MODEL.nodes
              for name, rel_type, direction in relationship_fields(label)}
    for name, (rel_type, direction) in fields.items():
        for edge in entity.get(f"{name}Connection", {"edges": []})["edges"]:
            props, other = edge["properties"], edge["node"]
            found.append([rel_type, props["id"], direction, props.get("date"), props.get("status"),
                          other["id"], other["name"]])
    return sorted(found, key=lambda r: (r[0], r[1]))[:first]


def _jalin_relation(r: dict[str, Any]) -> list[Any]:
    return [r["type"], r["id"], r["direction"], r.get("date"), r.get("status"), r["other"]["id"], r["other"]["name"]]


# entity_neighbours
NEIGHBOURS = (f"query($id: ID!) {{ entities(where: {{id: {{eq: $id}}}}, limit: 1) {{ id name aliases "
              f"{_connections(NEIGHBOURS_FIRST, _dated)} }} }}")


def neighbours_peer(data: dict[str, Any]) -> Answer:
    found = data["entities"]
    if not found:
        return None
    entity = found[0]
    return {"id": entity["id"], "name": entity["name"], "aliases": entity["aliases"] or [],
            "relations": _relations(entity, NEIGHBOURS_FIRST)}


def neighbours_jalin(data: dict[str, Any]) -> Answer:
    entity = data["entity"]
    if entity is None:
        return None
    return {"id": entity["id"], "name": entity["name"], "aliases": entity["aliases"] or [],
            "relations": [_jalin_relation(r) for r in entity["relations"]]}


# search: the full-text index Jalin's Neo4j store keeps, queried per node type, best scores first.
SEARCH = "query($phrase: String!) { " + " ".join(
    f"{search_field(label)}(phrase: $phrase, first: {SEARCH_FIRST}, sort: [{{score: DESC}}]) "
    "{ edges { score node { __typename id name aliases } } }" for label in MODEL.nodes) + " }"


def search_variables(args: Args) -> Args:
    """Return the peer's phrase: every folded word of the text as a prefix, as Jalin asks the same index."""
    return {"phrase": " ".join(f"+{word}*" for word in tokens(args["text"]) if len(word) >= 2)}


def search_peer(data: dict[str, Any]) -> Answer:
    hits = [edge for label in MODEL.nodes for edge in data[search_field(label)]["edges"]]
    best = sorted(hits, key=lambda e: -e["score"])[:SEARCH_FIRST]
    return [_hit(e["node"]) for e in best]


def _hit(node: dict[str, Any]) -> list[Any]:
    return [node["__typename"], node["id"], node["name"], node["aliases"] or []]


def search_jalin(data: dict[str, Any]) -> Answer:
    return [_hit(node) for node in data["search"]]


# path_3_hops: Neo4j's shortestPath in the peer's @cypher field.
PATH = """query($fromId: ID!, $toId: ID!) { shortestPath(fromId: $fromId, toId: $toId) {
    length entities { id name } relations { id type direction other { id } } } }"""


def _path(found: dict[str, Any] | None) -> Answer:
    if found is None:
        return None
    return {"length": found["length"], "entities": [e["id"] for e in found["entities"]],
            "relations": [[r["id"], r["type"], r["direction"], r["other"]["id"]] for r in found["relations"]]}


def path_peer(data: dict[str, Any]) -> Answer:
    return _path(data["shortestPath"])


def path_jalin(data: dict[str, Any]) -> Answer:
    return _path(data["path"])


# timeline: the peer's @cypher field.
TIMELINE = f"""query($entityId: ID!) {{ timeline(entityId: $entityId, first: {TIMELINE_FIRST}) {{
    id kind date date_precision date_text status participants {{ id name }} }} }}"""


def _entry(e: dict[str, Any], precision: str, text: str) -> list[Any]:
    return [e["id"], e["kind"], e["date"], e[precision], e[text], e["status"],
            [[p["id"], p["name"]] for p in e["participants"]]]


def timeline_peer(data: dict[str, Any]) -> Answer:
    return [_entry(e, "date_precision", "date_text") for e in data["timeline"]]


def timeline_jalin(data: dict[str, Any]) -> Answer:
    return [_entry(e, "datePrecision", "dateText") for e in data["timeline"]]


# entities_page_nested: the page at the cursor entity's position (the peer pages by offset), the count beside it.
PAGE = (f"query($types: {ENTITY_LABEL}Where, $offset: Int!) {{ "
        f"entities(where: $types, sort: [{{id: ASC}}], offset: $offset, limit: {PAGE_FIRST + 1}) {{ id name "
        f"{_connections(PAGE_RELATIONS, lambda _: 'id')} }} "
        f"entitiesConnection(where: $types) {{ aggregate {{ count {{ nodes }} }} }} }}")


def page_variables(args: Args) -> Args:
    """Return the peer's filter (the types asked for) and offset (the entities up to the cursor's, in id order)."""
    return {"types": {"typename": args["types"]} if args["types"] else {}, "offset": args["offset"]}


def page_peer(data: dict[str, Any]) -> Answer:
    nodes = data["entities"]
    return {"total": data["entitiesConnection"]["aggregate"]["count"]["nodes"], "has_next": len(nodes) > PAGE_FIRST,
            "nodes": [[n["id"], n["name"], [[r[0], r[5], r[6]] for r in _relations(n, PAGE_RELATIONS)]]
                      for n in nodes[:PAGE_FIRST]]}


def page_jalin(data: dict[str, Any]) -> Answer:
    page = data["entities"]
    return {"total": page["totalCount"], "has_next": page["pageInfo"]["hasNextPage"],
            "nodes": [[e["node"]["id"], e["node"]["name"],
                       [[r["type"], r["other"]["id"], r["other"]["name"]] for r in e["node"]["relations"]]]
                      for e in page["edges"]]}


def _same_search(jalin: Answer, peer: Answer) -> str | None:
    """Both rank the same index's matches their own way: with fewer matches than asked for, both must
    give all of them; with more, as many."""
    if len(jalin) != len(peer):
        return f"{len(jalin)} hits against {len(peer)}"
    if len(jalin) < SEARCH_FIRST and sorted(map(str, jalin)) != sorted(map(str, peer)):
        return "different hits"
    return None


def _same_path(jalin: Answer, peer: Answer) -> str | None:
    """Shortest paths are not unique: the same length between the same ends, each a chain of edges."""
    if jalin is None or peer is None:
        return None if jalin is peer else "one found no path"
    for found in (jalin, peer):
        if [r[3] for r in found["relations"]] != found["entities"][1:]:
            return f"not a chain: {found}"
    ends = [(found["length"], found["entities"][0], found["entities"][-1]) for found in (jalin, peer)]
    return None if ends[0] == ends[1] else f"{ends[0]} against {ends[1]}"


def _equal(jalin: Answer, peer: Answer) -> str | None:
    if jalin == peer:
        return None
    if isinstance(jalin, list) and isinstance(peer, list):
        pairs = enumerate(zip(jalin, peer, strict=False))
        first = next((i for i, (a, b) in pairs if a != b), min(len(jalin), len(peer)))
        return f"from item {first}: {jalin[first:first + 1]} against {peer[first:first + 1]}"
    return f"{str(jalin)[:300]} against {str(peer)[:300]}"


@dataclass(frozen=True)
class PeerRead:
    """One read through the peer: its query, its variables from the benchmark's inputs, and how to
    compare its answer with Jalin's."""

    query: str
    variables: Callable[[Args], Args]
    answer: Callable[[dict[str, Any]], Answer]
    jalin_answer: Callable[[dict[str, Any]], Answer]
    differs: Callable[[Answer, Answer], str | None] = _equal


READS = {
    "entity_neighbours": PeerRead(NEIGHBOURS, dict, neighbours_peer, neighbours_jalin),
    "search": PeerRead(SEARCH, search_variables, search_peer, search_jalin, _same_search),
    "path_3_hops": PeerRead(PATH, dict, path_peer, path_jalin, _same_path),
    "timeline": PeerRead(TIMELINE, dict, timeline_peer, timeline_jalin),
    "entities_page_nested": PeerRead(PAGE, page_variables, page_peer, page_jalin),
}
