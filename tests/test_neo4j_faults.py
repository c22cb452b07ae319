"""Neo4j faults on a real server: wrong password, wrong version (killed and restarted under a served API:
tests/reliability/test_store_faults.py)."""

import pytest

from graph.neo4j import Neo4jStore, require_neo4j_5
from jalin.errors import StoreRefused
from tests.neo4j_server import Neo4jEndpoint


async def test_wrong_password_is_refused_naming_the_setting(neo4j: Neo4jEndpoint) -> None:
    store = Neo4jStore(neo4j.uri, neo4j.user, "not-the-password", timeout=5)
    await store.open()
    try:
        with pytest.raises(StoreRefused, match=r"refused the credentials \(JALIN_NEO4J_USER/PASSWORD\)"):
            await store.ping()
    finally:
        await store.close()


def test_server_that_is_not_neo4j_5_is_refused_with_its_version() -> None:
    for agent in ("Neo4j/2025.10.1", "Neo4j/4.4.30", "Memgraph/2.1"):
        with pytest.raises(StoreRefused, match=f"is {agent}; Jalin needs Neo4j 5"):
            require_neo4j_5(agent, "bolt://db:7687")
    require_neo4j_5("Neo4j/5.26.19", "bolt://db:7687")


async def test_the_real_server_is_accepted_as_neo4j_5(neo4j_session_store: Neo4jStore) -> None:
    await neo4j_session_store.ping()
