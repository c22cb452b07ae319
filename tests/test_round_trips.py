"""Nested reads cost store round trips bounded by nesting depth, not by the number of entities, on both stores."""

import httpx
import pytest

from graph.store import Store
from tests.conftest import data

NESTED = """{ entities(first: 50) { edges { node { id name
    relations { type other { id name } } } } } }"""
DEEPER = """{ entities(first: 50) { edges { node { id sources { name }
    relations { type sources { id } other { id relations(first: 5) { type other { name } } } } } } } }"""


@pytest.fixture(params=["embedded", "neo4j"])
def counted(request: pytest.FixtureRequest) -> tuple[httpx.AsyncClient, Store]:
    """The seeded app and the store whose round trips it spends, once per store."""
    client: httpx.AsyncClient = request.getfixturevalue(f"{request.param}_client")
    store: Store = request.getfixturevalue("store" if request.param == "embedded" else "neo4j_session_store")
    return client, store


async def test_fifty_entities_with_relations_cost_three_round_trips(counted: tuple[httpx.AsyncClient, Store]) -> None:
    client, store = counted
    before = store.round_trips
    result = await data(client, NESTED)
    assert len(result["entities"]["edges"]) == 50
    assert sum(len(e["node"]["relations"]) for e in result["entities"]["edges"]) > 50
    # page + total count + one batched relations query
    assert store.round_trips - before == 3


async def test_deeper_nesting_adds_one_round_trip_per_level(counted: tuple[httpx.AsyncClient, Store]) -> None:
    client, store = counted
    before = store.round_trips
    await data(client, DEEPER)
    # page, count, relations, sources (batched over both levels' entities), second relations level
    assert store.round_trips - before <= 6
