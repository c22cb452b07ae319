"""The benchmark's peer reads Jalin's graph through type definitions generated from schema/: never stale."""

from bench.peer_schema import SCHEMA_FILE, relationship_fields, target, type_definitions
from schema import MODEL


def test_peer_type_definitions_are_generated_from_the_schema() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == type_definitions(), "run: python -m bench.peer_schema"


def test_peer_has_a_relationship_field_for_each_end_the_model_allows() -> None:
    for rel_type, spec in MODEL.relations.items():
        starts = {label for label in MODEL.nodes if (f"{rel_type}", "OUT") in
                  {(t, d) for _, t, d in relationship_fields(label)}}
        assert starts == set(spec.from_labels), rel_type
    assert target("BORN_IN", "OUT") == "Place" and target("MET", "IN") == "InstitutionOrPerson"
