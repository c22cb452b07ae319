"""Shortest paths: Neo4j searches in one statement of its own, the embedded store level by level in shared
Cypher; on the seeded graph both find paths of the same length between the same ends, chains of edges."""

import itertools

import httpx
import pytest

from graph.embedded import EmbeddedStore
from graph.neo4j import Neo4jStore
from graph.paths import EntityPath, shortest_path
from jalin.errors import NotFound

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
