"""Shortest paths: Neo4j searches in one statement of its own, the embedded store level by level in shared
Cypher; on the seeded graph both find paths of the same length between the same ends, chains of edges."""

import itertools
import random
from pathlib import Path

import httpx
import pytest

from graph.embedded import EmbeddedStore
from graph.neo4j import Neo4jStore
from graph.paths import HELD_ABOVE, EntityPath, shortest_path
from graph.writer import write_batch
from jalin.errors import NotFound
from schema import MODEL
from schema.records import Batch, NodeRecord, RelationRecord

ENDS = ["place-palu", "place-astana", "place-balikpapan", "person-fadjroel-rachman", "inst-pemprov-kaltim",
        "inst-pemprov-kaltara", "place-sri-lanka"]
TYPES = ["SUPPLIES", "VISITED", "MET", "SISTER_CITY", "AGREEMENT", "MEMBER_OF_DELEGATION", "HOLDS_POSITION",
         "LOCATED_IN"]


def _shape(path: EntityPath | None) -> tuple[int, str, str] | None:
    """Return the length and ends of a path, after checking that it is a chain of edges."""
    if path is None:
        return None
    ids = [e.id for e in path.entities]
    for relation, before, after in zip(path.relations, ids, ids[1:], strict=False):
        assert {relation.from_id, relation.to_id} == {before, after} and relation.seen_from == before
        assert relation.other is not None and relation.other.id == after
    return len(path.relations), ids[0], ids[-1]


@pytest.mark.parametrize("types", [None, TYPES])
async def test_both_stores_find_paths_of_the_same_length(store: EmbeddedStore, neo4j_session_store: Neo4jStore,
                                                         neo4j_client: httpx.AsyncClient,
                                                         types: list[str] | None) -> None:
    found = []
    for (start, end), hops in zip(itertools.permutations(ENDS, 2), itertools.cycle([1, 2, 3, 4, 6]), strict=False):
        shapes = [_shape(await shortest_path(s, start, end, hops, types)) for s in (store, neo4j_session_store)]
        assert shapes[0] == shapes[1], (start, end, hops)
        found.append(shapes[0])
    assert any(found) and None in found  # some pairs are connected within their bound, some not


async def test_neo4j_searches_a_path_in_one_round_trip(neo4j_session_store: Neo4jStore,
                                                       neo4j_client: httpx.AsyncClient) -> None:
    before = neo4j_session_store.round_trips
    path = await shortest_path(neo4j_session_store, "place-palu", "place-astana", 6)
    assert path is not None and path.entities[-1].id == "place-astana"
    assert neo4j_session_store.round_trips - before == 1


@pytest.mark.parametrize("missing", ["from", "to"])
async def test_a_missing_end_is_named_on_both_stores(store: EmbeddedStore, neo4j_session_store: Neo4jStore,
                                                     neo4j_client: httpx.AsyncClient, missing: str) -> None:
    ends = ("nowhere", "place-palu") if missing == "from" else ("place-palu", "nowhere")
    for the_store in (store, neo4j_session_store):
        with pytest.raises(NotFound, match="no entity with id 'nowhere'"):
            await shortest_path(the_store, *ends, 3)


def _hub_graph() -> tuple[Batch, dict[str, set[str]]]:
    """Return 1,200 places, two of them hubs of 260 and 230 edges (more than a search follows from an end at
    once), linked at random by 900 more edges, and the graph's neighbours by id."""
    assert 230 > HELD_ABOVE
    rng = random.Random(5)
    ids = [f"place-h{i}" for i in range(1200)]
    pairs = {(ids[0], other) for other in rng.sample(ids[2:], 260)}
    pairs |= {(ids[1], other) for other in rng.sample(ids[2:], 230)}
    while len(pairs) < 1390:
        a, b = rng.sample(ids[2:], 2)
        pairs.add((a, b))
    nodes = [NodeRecord("Place", {"id": i, "name": i, "kind": "city", "sources": ["source-t"]}) for i in ids]
    edges = [RelationRecord("SUPPLIES", a, b, {"id": f"s{n}", "sources": ["source-t"], "commodities": []})
             for n, (a, b) in enumerate(sorted(pairs))]
    neighbours: dict[str, set[str]] = {i: set() for i in ids}
    for a, b in pairs:
        neighbours[a].add(b)
        neighbours[b].add(a)
    source = NodeRecord("Source", {"id": "source-t", "name": "T", "language": "id", "seed_file": "t.txt",
                                   "sources": ["source-t"]})
    return Batch([source, *nodes], edges), neighbours


def _distance(neighbours: dict[str, set[str]], start: str, end: str) -> int | None:
    seen, level, depth = {start}, {start}, 0
    while level and end not in seen:
        level = {m for n in level for m in neighbours[n]} - seen
        seen |= level
        depth += 1
    return depth if end in seen else None


async def test_paths_from_and_to_widely_linked_entities_are_shortest_on_both_stores(
        tmp_path: Path, neo4j_scratch: Neo4jStore) -> None:
    batch, neighbours = _hub_graph()
    embedded = EmbeddedStore(tmp_path)
    await embedded.open()
    try:
        for the_store in (embedded, neo4j_scratch):
            await the_store.install_schema(MODEL)
            await write_batch(the_store, batch)
        rng = random.Random(9)
        ends = [("place-h0", "place-h1")] + [(rng.choice(["place-h0", "place-h1"]), f"place-h{rng.randrange(2, 1200)}")
                                             for _ in range(16)]
        ends += [(f"place-h{rng.randrange(2, 1200)}", f"place-h{rng.randrange(2, 1200)}") for _ in range(16)]
        lengths = set()
        for (start, end), hops in zip(ends, itertools.cycle([1, 3, 2, 4, 3]), strict=False):
            for forwards in (True, False):
                a, b = (start, end) if forwards else (end, start)
                expected = _distance(neighbours, a, b)
                expected = expected if expected is not None and expected <= hops else None
                for the_store in (embedded, neo4j_scratch):
                    shape = _shape(await shortest_path(the_store, a, b, hops))
                    assert (shape and shape[0]) == expected, (the_store.name, a, b, hops)
                lengths.add(expected)
        assert {1, 2, 3, 4, None} <= lengths
    finally:
        await embedded.close()
