"""Nested reads cost store round trips bounded by nesting depth, not by the number of entities."""

import httpx

from graph.embedded import EmbeddedStore
from tests.conftest import data

NESTED = """{ entities(first: 50) { edges { node { id name
    relations { type other { id name } } } } } }"""
DEEPER = """{ entities(first: 50) { edges { node { id sources { name }
    relations { type sources { id } other { id relations(first: 5) { type other { name } } } } } } } }"""


async def test_fifty_entities_with_relations_cost_three_round_trips(embedded_client: httpx.AsyncClient,
                                                                    store: EmbeddedStore) -> None:
    before = store.round_trips
    result = await data(embedded_client, NESTED)
    assert len(result["entities"]["edges"]) == 50
    assert sum(len(e["node"]["relations"]) for e in result["entities"]["edges"]) > 50
    # page + total count + one batched relations query
    assert store.round_trips - before == 3


async def test_deeper_nesting_adds_one_round_trip_per_level(embedded_client: httpx.AsyncClient,
                                                           store: EmbeddedStore) -> None:
    before = store.round_trips
    await data(embedded_client, DEEPER)
    # page, count, relations, sources (batched over both levels' entities), second relations level
    assert store.round_trips - before <= 6
