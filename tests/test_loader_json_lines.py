"""A fixture written one JSON object per item line reads as its YAML reads: same records, same lines, same errors."""

import json
from pathlib import Path

import pytest
import yaml

from jalin.errors import InvalidData
from schema.records import Batch
from seeds.json_lines import NotAlike, json_items
from seeds.loader import read_file, read_fixtures

NODES = [
    {"type": "Source", "id": "source-a", "name": "Kaltim Post", "language": "id"},
    {"type": "Person", "id": "person-a", "name": "Ani", "aliases": ["Ani S."], "sources": ["source-a"]},
    {"type": "Person", "id": "person-b", "name": "Budi", "sources": ["source-a"]},
]
RELATIONS = [
    {"type": "MET", "from": "person-a", "to": "person-b", "date": "2025-08", "topics": ["trade"],
     "sources": ["source-a"]},
]


def json_lines(**sections: list[dict[str, object]]) -> str:
    """Write sections as `jalin generate` does: one JSON object per item line."""
    return "# written by a test\n" + "".join(
        f"{name}:\n" + "".join(f"  - {json.dumps(item)}\n" for item in items) for name, items in sections.items())


def facts(batch: Batch) -> list[tuple[str, dict[str, object]]]:
    return [(n.label, n.props) for n in batch.nodes] + [(r.type, r.props) for r in batch.relations]


def problems_of(path: Path) -> list[str]:
    with pytest.raises(InvalidData) as raised:
        read_fixtures(path)
    return [f"{p.where}: {p.message}" for p in raised.value.problems]


def test_json_lines_give_the_records_block_yaml_gives(tmp_path: Path) -> None:
    lines, block = tmp_path / "lines" / "a.yaml", tmp_path / "block" / "a.yaml"
    for path, text in ((lines, json_lines(nodes=NODES, relations=RELATIONS)),
                       (block, yaml.safe_dump({"nodes": NODES, "relations": RELATIONS}, sort_keys=False))):
        path.parent.mkdir()
        path.write_text(text)
    assert len(list(json_items(lines.read_bytes()))) == 4
    with pytest.raises(NotAlike):
        list(json_items(block.read_bytes()))

    def where(batch: Batch) -> list[tuple[str, object]]:
        return [(label, {k: v for k, v in props.items() if k not in ("origin_ref", "origin_tree")})
                for label, props in facts(batch)]
    assert where(read_fixtures(lines)[0]) == where(read_fixtures(block)[0])
    assert [n.props["origin_ref"].rsplit(":", 1)[1] for n in read_fixtures(lines)[0].nodes] == ["3", "4", "5"]


def test_json_lines_name_the_line_of_a_fault(tmp_path: Path) -> None:
    fixture = tmp_path / "a.yaml"
    fixture.write_text(json_lines(nodes=[*NODES, {"type": "Person", "id": "person-c", "name": "Citra",
                                                   "member_count": 3, "sources": ["source-a"]}]))
    [problem] = problems_of(fixture)
    assert problem.startswith(f"{fixture}:6: unknown property 'member_count'")


@pytest.mark.parametrize(("value", "read_as"), [
    ("1e5", "1e5"), ("1.5e10", "1.5e10"), ("2.5", 2.5), ("1.5e+3", 1500.0), ("7", 7), ("true", True),
])
def test_numbers_read_as_yaml_reads_them(tmp_path: Path, value: str, read_as: object) -> None:
    fixture = tmp_path / "a.yaml"
    fixture.write_text(f'nodes:\n  - {{"note": {value}}}\n')
    [record] = read_file(fixture, "a.yaml").found["nodes"]
    assert record.data == {"note": read_as} == yaml.safe_load(fixture.read_text())["nodes"][0]


@pytest.mark.parametrize("text", [
    'nodes:\n  - {"id": "a", "id": "b"}\n',  # a repeated key
    'nodes:\n  - {"name": "\\ud83d\\ude00"}\n',  # a surrogate pair: one character to JSON, an error to YAML
    'nodes:\n  - {"name": "a"}  # a comment\n',
    'nodes:\n  - {"name": "a"}\n - {"name": "b"}\n',  # items indented unlike the first
    'nodes:\n  - {"name": "a",\n     "id": "b"}\n',  # one item on two lines
    'nodes:\n  - {"name": "a\tb"}\n',
    'nodes:\n  - {"name": "a"}\nedges:\n  - {"name": "b"}\n',
    'nodes:\n  - {"name": "a"}\nnodes:\n  - {"name": "b"}\n',
    'nodes:\nrelations:\n  - {"name": "b"}\n',
])
def test_anything_json_and_yaml_may_read_apart_is_left_to_yaml(text: str) -> None:
    with pytest.raises(NotAlike):
        list(json_items(text.encode()))


def test_repeated_key_on_a_json_line_is_yamls_error_with_its_line(tmp_path: Path) -> None:
    fixture = tmp_path / "a.yaml"
    fixture.write_text('nodes:\n  - {"type": "Place", "id": "a"}\n  - {"type": "Place", "id": "b", "id": "c"}\n')
    assert problems_of(fixture) == [f"{fixture}:3: YAML: duplicate key 'id' (first on line 3)"]


def test_one_file_is_read_item_by_item_with_lines(tmp_path: Path) -> None:
    fixture = tmp_path / "a.yaml"
    fixture.write_text("nodes:\n" + "".join(f"  - type: Place\n    id: place-{i}\n    name: P{i}\n"
                                            "    kind: city\n    sources: [source-a]\n" for i in range(3))
                       + "  - {type: Source, id: source-a, name: S, language: id}\n  - type: Place\n"
                         "    id: place-x\n    name: X\n    kind: city\n    sources: [source-a]\n    nmae: X\n")
    [problem] = problems_of(fixture)
    assert problem.startswith(f"{fixture}:23: unknown property 'nmae'")


def test_second_document_in_a_file_is_refused_with_its_line(tmp_path: Path) -> None:
    fixture = tmp_path / "a.yaml"
    fixture.write_text("nodes: []\n---\nnodes: []\n")
    assert problems_of(fixture) == [f"{fixture}:2: YAML: a second document (---) in one file; "
                                    "put it in a file of its own"]


def test_json_line_holding_a_key_named_like_a_line_mark_is_a_record(tmp_path: Path) -> None:
    fixture = tmp_path / "a.yaml"
    fixture.write_text('nodes:\n  - {"type": "Place", "__line__": 7}\n')
    [record] = read_file(fixture, "a.yaml").found["nodes"]
    assert (record.line, record.data) == (2, {"type": "Place", "__line__": 7})
