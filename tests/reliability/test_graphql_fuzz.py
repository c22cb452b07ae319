"""A bounded GraphQL fuzz run on both stores: queries generated from the committed schema, sent to a real
`jalin serve` over the seeded graph. No answer may be a 5xx, and every error must carry a code.

The queries come from hypothesis-graphql: any field, any nesting, any argument values of the right
types (NUL characters, huge and negative numbers, empty lists, nulls). `make test` sends a hundred
per store; `make reliability` many more (JALIN_TEST_FUZZ_QUERIES).
"""

import os
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes, queries

from tests.conftest import ROOT, SEEDS
from tests.neo4j_server import Neo4jEndpoint
from tests.processes import Served, serving

pytestmark = pytest.mark.slow

QUERIES = int(os.environ.get("JALIN_TEST_FUZZ_QUERIES", "100"))
SCHEMA = (ROOT / "schema.graphql").read_text()
JSON_VALUES = st.one_of(st.text(max_size=20).map(nodes.String), st.integers().map(nodes.Int))


@pytest.fixture(scope="module")
def embedded_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serving(tmp_path_factory.mktemp("fuzz") / "data") as served:
        yield served


@pytest.fixture
def neo4j_api(neo4j: Neo4jEndpoint, neo4j_client: httpx.AsyncClient, tmp_path_factory: pytest.TempPathFactory,
              ) -> Iterator[Served]:
    # `neo4j_client` leaves the seeds in Neo4j.
    with serving(tmp_path_factory.mktemp("fuzz-neo4j") / "data", "--no-seed", JALIN_NEO4J_URI=neo4j.uri,
                 JALIN_NEO4J_USER=neo4j.user, JALIN_NEO4J_PASSWORD=neo4j.password,
                 JALIN_SEEDS_DIR=str(SEEDS)) as served:
        yield served


@pytest.fixture(params=["embedded", "neo4j"])
def api(request: pytest.FixtureRequest) -> Served:
    """`jalin serve` over the seeded graph, once per store."""
    found: Served = request.getfixturevalue(f"{request.param}_api")
    return found


def test_generated_queries_get_no_5xx_and_every_error_has_a_code(api: Served) -> None:
    @settings(max_examples=QUERIES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
    @given(query=queries(SCHEMA, custom_scalars={"JSON": JSON_VALUES}))
    def answers(query: str) -> None:
        response = httpx.post(f"{api.url}/graphql", json={"query": query}, timeout=120)
        assert response.status_code < 500, (query, response.text)
        for error in response.json().get("errors", []):
            assert (error.get("extensions") or {}).get("code"), (query, error)

    answers()
    assert httpx.get(f"{api.url}/healthz").status_code == 200
