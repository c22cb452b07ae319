"""What Neo4j itself says of the statements Jalin sends it: none is deprecated, each plans quickly.
The differences between the stores that running on a real Neo4j showed, pinned."""

import time

import pytest
from neo4j import GraphDatabase, NotificationClassification

from graph.statements import PARAMETER, neo4j_statements
from graph.subqueries import scoped_subqueries
from tests.neo4j_server import Neo4jEndpoint

SENT = {name: text for name, text in neo4j_statements().items()
        if not name.startswith(("neo4j.schema_statements", "browser/favorites", "links."))}


@pytest.fixture(scope="module")
def explained(neo4j: Neo4jEndpoint) -> dict[str, tuple[float, list[str]]]:
    """Each statement the Neo4j store sends, planned by Neo4j: seconds to plan, and its deprecation notices."""
    found = {}
    with GraphDatabase.driver(neo4j.uri, auth=(neo4j.user, neo4j.password)) as driver, driver.session() as s:
        for name, text in SENT.items():
            params = dict.fromkeys(PARAMETER.findall(text))
            started = time.perf_counter()
            summary = s.run(f"EXPLAIN {text}", params).consume()  # type: ignore[arg-type]
            deprecated = [status.status_description for status in summary.gql_status_objects
                          if status.classification == NotificationClassification.DEPRECATION]
            found[name] = (time.perf_counter() - started, deprecated)
    return found


def test_neo4j_finds_no_deprecated_syntax_in_what_jalin_sends(explained: dict[str, tuple[float, list[str]]]) -> None:
    assert {name: notes for name, (_, notes) in explained.items() if notes} == {}


def test_subqueries_import_by_scope_clause_on_neo4j() -> None:
    sent = neo4j_statements()
    assert "CALL (n) {" in sent["cypher.RELATIONS_OF"] and "WITH n\n" not in sent["cypher.RELATIONS_OF"]
    assert sent["cypher.TIMELINE_OF"].count("CALL (") == 4
    assert "WITH link UNWIND" not in sent["cypher.RELATIONS_BETWEEN"]
    assert scoped_subqueries("CALL {\n  WITH a, b\n  MATCH (a)--(b) RETURN a\n}") == (
        "CALL (a, b) {\n  MATCH (a)--(b) RETURN a\n}")
    assert scoped_subqueries("MATCH (n) RETURN n") == "MATCH (n) RETURN n"


def test_every_write_statement_is_small_enough_to_plan_fast(explained: dict[str, tuple[float, list[str]]]) -> None:
    # The writer once sent a chunk as one statement of twenty UNWIND segments: 12 to 28 s to plan on
    # Neo4j here, past its transaction timeout. One statement per label or type plans in milliseconds.
    slow = {name: round(seconds, 1) for name, (seconds, _) in explained.items()
            if name.startswith("writer.") and seconds > 5}
    assert slow == {}
