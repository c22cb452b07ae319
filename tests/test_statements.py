"""Every Cypher statement the Neo4j store can send is collected, and Neo4j's own linter finds no error in it."""

import importlib
import json
import re
import subprocess
from pathlib import Path

import pytest

from graph.statements import lint_input, neo4j_statements
from graph.subqueries import scoped_subqueries

ROOT = Path(__file__).resolve().parent.parent
LINTER = ROOT / "lint" / "cypher.mjs"
NEEDS_LINTER = pytest.mark.skipif(not (ROOT / "lint" / "node_modules").is_dir(),
                                  reason="the linter's npm packages are not installed: run `make lint-cypher`")
CYPHER = re.compile(r"\b(MATCH|RETURN|UNWIND|MERGE|CREATE|CALL|DELETE)\b")
# FalkorDB's dialect (embedded store) never reaches Neo4j; the collector itself holds no statement.
NOT_SENT_TO_NEO4J = {"embedded", "server", "statements"}
FORMAT_FIELD = re.compile(r"\{[a-z_]+\}")


def _cypher_constants() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "graph").glob("*.py")):
        if path.stem in NOT_SENT_TO_NEO4J or path.stem.startswith("_"):
            continue
        module = importlib.import_module(f"graph.{path.stem}")
        for name, value in vars(module).items():
            texts = value.values() if isinstance(value, dict) else [value]
            found += [(f"{path.stem}.{name}", text) for text in texts
                      if name.isupper() and isinstance(text, str) and CYPHER.search(text)]
    return found


def _collected(template: str, statements: list[str]) -> bool:
    """A constant is collected when its text, or each literal part of a format template, is in one statement."""
    sent = scoped_subqueries(template)  # as the Neo4j store sends it
    parts = [p.replace("{{", "{").replace("}}", "}") for p in FORMAT_FIELD.split(sent)]
    return any(all(p in s for p in parts) for s in statements)


def _lint(payload: dict[str, object]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["node", str(LINTER)], input=json.dumps(payload), capture_output=True, text=True,
                          timeout=120, cwd=ROOT)


def test_every_cypher_constant_of_graph_is_collected() -> None:
    statements = list(neo4j_statements().values())
    missing = [name for name, text in _cypher_constants() if not _collected(text, statements)]
    assert len(_cypher_constants()) > 25
    assert missing == []


def test_collection_holds_the_writer_the_ddl_and_the_search() -> None:
    names = set(neo4j_statements())
    assert {"writer.write_statements[0]", "search.search_statement (Neo4j)", "neo4j.AWAIT_INDEXES"} <= names
    assert any(name.startswith("neo4j.schema_statements") for name in names)


# `make lint-cypher` (part of `make test`) lints the whole collection; here the linter must prove it bites.
@NEEDS_LINTER
def test_neo4j_linter_reports_each_kind_of_mistake() -> None:
    payload = lint_input()
    payload["statements"] = [
        {"name": "variable", "text": "MATCH (n:Entity)-[:KNOWS]->(m:Robot) RETURN x", "parameters": []},
        {"name": "procedure", "text": "CALL db.labels() YIELD label RETURN label", "parameters": []},
        {"name": "syntax", "text": "MATCH (n:Entity RETURN n", "parameters": []},
        {"name": "parameter", "text": "MATCH (n:Entity {id: $id}) RETURN n", "parameters": []},
    ]
    done = _lint(payload)
    assert done.returncode == 1
    for expected in ("Variable `x` not defined", "Label Robot is not present", "Relationship type KNOWS is not present",
                     "procedure:1: error: Procedure db.labels is not present", "syntax:1: error:",
                     "parameter:1: error: Parameter $id is not defined"):
        assert expected in done.stdout
