"""A query's cost is estimated before it runs and refused over JALIN_MAX_QUERY_COST, with a code saying the cost
and the limit: the query that ran 18 s (30 aliases, depth 10, inside every other limit) is refused unrun."""

from pathlib import Path

import httpx
import pytest

from api.context import Context
from api.schema import build_schema
from graph.embedded import EmbeddedStore
from jalin.config import Settings
from tests.conftest import settings_for
from tests.test_documents import doubling_fragments

NESTED = "relations { other { " * 4 + "id name" + " } }" * 4
# What ran 18 s and answered 13.6 MB: 30 aliased entities, ten levels deep, inside the depth and alias limits.
HEAVY = "{ " + " ".join(f'a{i}: entity(id: "person-fadjroel-rachman") {{ {NESTED} }}' for i in range(30)) + " }"


# A schema that refuses every query, saying its cost: what the API estimates, asked through the API's rule.
MEASURE = build_schema(Settings(max_query_cost=-1))


def cost(query: str) -> int:
    """Return the estimated cost of the one operation of `query`, as the API's validation rule reports it."""
    result = MEASURE.execute_sync(query)
    [estimate] = [e.extensions["cost"] for e in result.errors or [] if e.extensions and "cost" in e.extensions]
    return int(estimate)


async def test_the_query_that_ran_18_seconds_is_refused_unrun(embedded_client: httpx.AsyncClient,
                                                              store: EmbeddedStore) -> None:
    before = store.round_trips
    response = await embedded_client.post("/graphql", json={"query": HEAVY})
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "QueryTooCostly"
    assert error["extensions"]["limit"] == 3_000_000 and error["extensions"]["cost"] > 1_000_000_000
    assert "JALIN_MAX_QUERY_COST" in error["message"] and "smaller `first`" in error["message"]
    assert store.round_trips == before  # refused before a single statement reached the store


def test_lists_multiply_through_the_nesting() -> None:
    assert cost('{ entity(id: "x") { id name } }') == 3
    assert cost('{ entity(id: "x") { relations(first: 5) { id other { id } } } }') == 1 + 5 * (1 + 1 + 2)
    assert cost('{ entity(id: "x") { relations { id } } }') == 1 + 100 * 2  # the default `first` of relations
    assert cost('{ entity(id: "x") { aliases sources { id } } }') == 1 + 10 + 10 * 2  # a list with no `first`: 10
    assert cost('{ entities(first: 20) { totalCount edges { node { id } } } }') == 1 + 1 + 20 * (1 + 2)


def test_a_first_given_by_a_variable_counts_as_the_most_it_may_ask() -> None:
    assert cost('query($n: Int) { search(text: "x", first: $n) { id } }') == 100 * 2


def test_fragments_are_costed_once_however_often_they_spread() -> None:
    # 2**30 spreads of a fragment asking for 100 relations: measured in 30 steps, refused by far.
    assert cost(doubling_fragments(30, 'entity(id: "x") { relations { id } }')) == 2 ** 30 * 201


@pytest.mark.parametrize("limit", [100, 10_000])
async def test_the_limit_is_a_setting(store: EmbeddedStore, data_dir: Path, limit: int) -> None:
    schema = build_schema(settings_for(data_dir, max_query_cost=limit))
    query = '{ entity(id: "place-palu") { relations(first: 50) { id } } }'
    result = await schema.execute(query, context_value=Context(store=store, settings=settings_for(data_dir)))
    assert bool(result.errors) == (cost(query) > limit)
