"""Every Cypher statement the Neo4j store can send, gathered in one place to be linted by Neo4j's own tools.

`python -m graph.statements` prints them as JSON with the schema the linter checks them against.
"""

import json
import re
from pathlib import Path
from typing import Any

from graph import cypher, integrity, neo4j, search
from graph.links import neighbourhood_query
from graph.subqueries import scoped_subqueries
from graph.sync import SyncPlan, removal_statements
from graph.writer import write_statements
from schema import CLAIM, DERIVED_PROPERTIES, ENTITY_LABEL, GENERATION_LABEL, MODEL
from schema.provenance import PROVENANCE_PROPERTIES
from schema.records import Batch, ClaimRecord, NodeRecord, RelationRecord

FAVORITES = Path(__file__).resolve().parent.parent / "browser" / "favorites"
# The procedures Jalin calls on Neo4j; any other procedure in a statement is an error.
PROCEDURES = ("db.index.fulltext.queryNodes", "db.awaitIndexes")
PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def _shared() -> dict[str, str]:
    """Return the shared statements: string constants, and constants that map a key to a statement."""
    found: dict[str, str] = {}
    for name, value in vars(cypher).items():
        if name.isupper() and isinstance(value, str) and " " in value:
            found[f"cypher.{name}"] = value
        elif name.isupper() and isinstance(value, dict):
            found |= {f"cypher.{name}[{key}]": text for key, text in value.items() if isinstance(text, str)}
    return found


def _every_type_batch() -> Batch:
    """Return a batch with one node of every label, one edge of every type and a claim: every statement the
    writer sends."""
    nodes = [NodeRecord(label, {"id": f"x-{label.lower()}"}) for label in MODEL.nodes]
    edges = [RelationRecord(t, "x-a", "x-b", {"id": f"x-{t.lower()}"}) for t in MODEL.relations]
    return Batch(nodes, edges, [ClaimRecord({"id": "x-a--name--0"})])


def _favorites() -> dict[str, str]:
    return {f"browser/favorites/{path.name}": path.read_text(encoding="utf-8")
            for path in sorted(FAVORITES.glob("*.cypher"))}


def neo4j_statements() -> dict[str, str]:
    """Return every statement the Neo4j store can send or users are given to run, by where it comes from."""
    found = {name: scoped_subqueries(text) for name, text in _shared().items()}  # as the Neo4j store sends them
    found["search.search_statement (Neo4j)"] = scoped_subqueries(search.search_statement(neo4j.EXACT_NAME,
                                                                                          neo4j.FULLTEXT))
    found |= {f"neo4j.SHORTEST_PATH[{hops}]": text for hops, text in neo4j.SHORTEST_PATH.items()}
    found["cypher.neighbour_ids (Neo4j)"] = cypher.neighbour_ids(neo4j.degree("n"))
    writes = write_statements(_every_type_batch())
    found |= {f"writer.write_statements[{i}]": text for i, (text, _) in enumerate(writes)}
    creates = write_statements(_every_type_batch(), into_empty=True)
    found |= {f"writer.write_statements[into_empty, {i}]": text for i, (text, _) in enumerate(creates)}
    removals = removal_statements(SyncPlan(remove_nodes=["x-a"], remove_edges={t: ["x"] for t in MODEL.relations},
                                           remove_claims=["x-a--name--0"]))
    found |= {f"sync.removal_statements[{i}]": text for i, (text, _) in enumerate(removals)}
    found |= {f"neo4j.schema_statements[{name}]": ddl for name, ddl in neo4j.schema_statements(MODEL).items()}
    found["neo4j.INDEX_NAMES"] = neo4j.INDEX_NAMES
    found["neo4j.AWAIT_INDEXES"] = neo4j.AWAIT_INDEXES
    found["neo4j.CLEAR_SLICE"] = neo4j.CLEAR_SLICE
    found["neo4j.ANY_NODE"] = neo4j.ANY_NODE
    found["neo4j.GENERATION"] = neo4j.GENERATION
    found["neo4j.NEXT_GENERATION"] = neo4j.NEXT_GENERATION
    found |= {f"integrity.delete_statement({label})": scoped_subqueries(integrity.delete_statement(label))
              for label in MODEL.nodes}
    found |= {f"integrity.guarded(writer.write_statements[{i}])": integrity.guarded(text)
              for i, (text, _) in enumerate(writes)}
    found["links.NEIGHBOURHOOD"] = neighbourhood_query("place-palu")
    return found | _favorites()


def db_schema() -> dict[str, Any]:
    """Return what the linter may assume exists: the model's labels, types and property keys."""
    keys = {*DERIVED_PROPERTIES, *PROVENANCE_PROPERTIES, integrity.LOCK, "value",
            *(p for n in MODEL.nodes.values() for p in n.properties),
            *(p for r in MODEL.relations.values() for p in r.properties), *CLAIM.properties}
    return {
        "labels": sorted({ENTITY_LABEL, *MODEL.nodes, CLAIM.label, GENERATION_LABEL}),
        "relationshipTypes": sorted(MODEL.relations),
        "propertyKeys": sorted(keys),
        "procedures": list(PROCEDURES),
    }


def lint_input() -> dict[str, Any]:
    """Return the statements, each with the parameters it takes, and the schema, as the linter reads them."""
    statements = [{"name": name, "text": text, "parameters": sorted(set(PARAMETER.findall(text)))}
                  for name, text in neo4j_statements().items()]
    return {"statements": statements, "schema": db_schema()}


if __name__ == "__main__":
    print(json.dumps(lint_input(), indent=1))
