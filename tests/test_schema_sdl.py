"""Generated artefacts and the single source of truth stay in step with the code."""

from pathlib import Path

from api.schema import sdl
from api.types import CONTRACT_FIELDS, NODE_TYPES
from graph.statements import neo4j_statements
from schema import MODEL

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schema_graphql_is_current() -> None:
    committed = (ROOT / "schema.graphql").read_text()
    assert committed == sdl(), "schema.graphql is stale: run 'make schema' and commit it"


def test_graphql_object_types_are_the_model_node_types() -> None:
    assert set(NODE_TYPES) == set(MODEL.nodes)
    for label, node_type in MODEL.nodes.items():
        fields = set(NODE_TYPES[label].__annotations__) | set(CONTRACT_FIELDS)
        assert set(node_type.properties) <= fields, label


def test_cypher_names_only_model_labels_and_types() -> None:
    import re

    known = set(MODEL.nodes) | set(MODEL.relations) | {"Entity"}
    for name, statement in neo4j_statements().items():
        if not name.startswith("favorite"):
            used = set(re.findall(r"[(\[|]:?\s*:(\w+)", statement)) | set(re.findall(r"\|(\w+)", statement))
            assert used <= known, (name, used - known)


def test_every_relation_type_joins_known_node_types() -> None:
    for relation in MODEL.relations.values():
        assert set(relation.from_labels) | set(relation.to_labels) <= set(MODEL.nodes)
        assert relation.properties["sources"].required
