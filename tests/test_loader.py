"""The seed loader: every fault named by file, line and cause; all checked before anything is written."""

from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.export import snapshot
from graph.store import Store
from jalin.errors import InvalidData, Problem
from schema.records import Batch, NodeRecord, RelationRecord
from seeds.loader import read_fixtures, seed
from tests.conftest import FIXTURES, SEEDS

BAD = FIXTURES / "bad"
GOOD = FIXTURES / "good"
DATED_TYPES = ("MET", "VISITED", "AGREEMENT")



def problems_of(path: Path) -> list[Problem]:
    """Read `path`, which must fail; return its problems."""
    with pytest.raises(InvalidData) as caught:
        read_fixtures(path)
    return caught.value.problems


def read(path: Path) -> Batch:
    return read_fixtures(path)[0]


def by_event(batch: Batch) -> dict[str, RelationRecord]:
    return {rel.props["event"]: rel for rel in batch.relations if "event" in rel.props}


# (fixture under bad/, line the fault is on, words the message must hold)
MALFORMED = [
    ("syntax_error.yaml", 4, ["YAML", "mapping values are not allowed"]),
    ("duplicate_key.yaml", 5, ["duplicate key 'name'", "first on line 4"]),
    ("unknown_section.yaml", 7, ["unknown section 'edges'"]),
    ("unknown_type.yaml", 4, ["unknown node type 'Persn'", "did you mean 'Person'"]),
    ("unknown_relation_type.yaml", 8, ["unknown relation type 'MEETS'"]),
    ("unknown_property.yaml", 7, ["unknown property 'descripton'", "did you mean 'description'"]),
    ("missing_name.yaml", 7, ["missing required field 'name'"]),
    ("missing_kind.yaml", 7, ["missing required field 'kind'"]),
    ("missing_sources.yaml", 7, ["missing required field 'sources'"]),
    ("empty_sources.yaml", 7, ["no source"]),
    ("bad_month.yaml", 7, ["2025-13-01", "no month 13"]),
    ("bad_day.yaml", 7, ["2025-02-30", "not a day of the calendar"]),
    ("bad_date_format.yaml", 19, ["29/8/2025", "is not a date"]),
    ("window_reversed.yaml", 20, ["date_latest 2025-07-28 is before date_earliest 2025-08-06"]),
    ("precision_contradicts.yaml", 20, ["date_precision 'month' contradicts", "'day'"]),
    ("bad_status.yaml", 19, ["'done' is not one of", "completed"]),
    ("member_count_text.yaml", 11, ["member_count", "whole number", "'many'"]),
    ("aliases_not_list.yaml", 10, ["aliases", "expected a list", "'x'"]),
    ("member_count_too_big.yaml", 11, ["member_count", "12345678901234567890123", "64 bits"]),
    ("control_character.yaml", 9, ["name", "control character U+0000", "position 5"]),
    ("dangling_ends.yaml", 9, ["from: 'person-ghost' is not the id of any entity"]),
    ("dangling_ends.yaml", 10, ["to: 'person-nobody' is not the id of any entity"]),
    ("dangling_place.yaml", 19, ["place: 'place-nowhere' is not the id of any entity"]),
    ("dangling_destination.yaml", 21, ["destination: 'place-nowhere' is not the id of any entity"]),
    ("source_not_source.yaml", 19, ["sources: 'person-b' is a Person, expected Source"]),
    ("born_in_from_place.yaml", 19, ["from: 'place-a' is a Place, expected Person"]),
    ("duplicate_relation.yaml", 20, ["duplicate relation id 'person-a--MET--person-b'",
                                     "duplicate_relation.yaml:16"]),
    ("symmetric_twice.yaml", 23, ["symmetric AGREEMENT link", "recorded twice", "symmetric_twice.yaml:18"]),
    ("self_loop.yaml", 16, ["MET joins 'person-a' to itself"]),
    ("bad_id.yaml", 8, ["id 'Person Bad'", "lowercase"]),
    ("term_window_reversed.yaml", 22, ["end_latest 2015-03 is before end_earliest 2015-09",
                                       "write the earlier date as end_earliest"]),
    ("term_ends_before_start.yaml", 22, ["ends (2014 at the latest) before it begins (2015-06-01",
                                         "swap start and end"]),
    ("term_end_and_window.yaml", 22, ["give either end or its window", "2025 means some time in 2025"]),
    ("term_attested_after_end.yaml", 22, ["as_of 2016-01-10", "after the term can have ended (2015-09-01)"]),
]


@pytest.mark.parametrize(("name", "line", "words"), MALFORMED, ids=[f"{n}:{ln}" for n, ln, _ in MALFORMED])
def test_read_fixtures_names_file_line_and_fault(name: str, line: int, words: list[str]) -> None:
    problems = problems_of(BAD / name)
    at_line = [p for p in problems if p.where.endswith(f"bad/{name}:{line}")]
    assert any(all(word in p.message for word in words) for p in at_line), problems


def test_read_fixtures_top_level_list_is_refused() -> None:
    problems = problems_of(BAD / "top_level_list.yaml")
    assert len(problems) == 1
    # The whole file is at fault, so naming the file alone (or its first line) will do.
    assert problems[0].where.endswith(("bad/top_level_list.yaml", "bad/top_level_list.yaml:1"))
    assert "must hold a mapping with 'nodes' and/or 'relations'" in problems[0].message


def test_read_fixtures_item_not_mapping_names_its_line() -> None:
    problems = problems_of(BAD / "item_not_mapping.yaml")
    assert any(p.where.endswith("bad/item_not_mapping.yaml:7") and "nodes[1] must be a mapping" in p.message
               for p in problems), problems


def test_read_fixtures_item_not_mapping_names_file_and_item() -> None:
    problems = problems_of(BAD / "item_not_mapping.yaml")
    assert [p.message for p in problems] == ["nodes[1] must be a mapping, got 'source-b'"]
    assert "bad/item_not_mapping.yaml" in problems[0].where


def test_read_fixtures_unquoted_impossible_date_is_a_problem() -> None:
    problems = problems_of(BAD / "unquoted_bad_day.yaml")
    assert any(p.where.endswith("bad/unquoted_bad_day.yaml:7") for p in problems), problems


def test_read_fixtures_type_given_as_list_is_a_problem() -> None:
    problems = problems_of(BAD / "type_not_text.yaml")
    assert any(p.where.endswith("bad/type_not_text.yaml:7") for p in problems), problems


def test_read_fixtures_duplicate_node_names_both_files() -> None:
    problems = problems_of(BAD / "duplicate_node")
    assert len(problems) == 1
    assert problems[0].where.endswith("duplicate_node/b.yaml:3")
    assert "duplicate id 'person-a'" in problems[0].message
    assert "first defined at" in problems[0].message
    assert problems[0].message.endswith("duplicate_node/a.yaml:8")


def test_read_fixtures_collects_every_problem_at_once() -> None:
    problems = problems_of(BAD / "three_errors.yaml")
    lines = {p.where.rsplit(":", 1)[1] for p in problems}
    assert len(problems) >= 3
    assert {"7", "11", "16"} <= lines


def test_read_fixtures_invalid_required_field_is_not_also_missing() -> None:
    problems = problems_of(BAD / "three_errors.yaml")
    assert not [p for p in problems if "missing required field 'kind'" in p.message], problems


async def test_seed_bad_folder_leaves_graph_unchanged(empty_store: Store) -> None:
    await seed(empty_store, GOOD / "small.yaml")
    before = await snapshot(empty_store)
    with pytest.raises(InvalidData) as caught:
        await seed(empty_store, BAD / "partly_bad")
    assert caught.value.problems[0].where.endswith("partly_bad/b_broken.yaml:4")
    assert len(before["nodes"]) == 3
    assert await snapshot(empty_store) == before


async def test_seed_twice_gives_the_same_graph(empty_store: Store) -> None:
    first = await seed(empty_store, SEEDS)
    once = await snapshot(empty_store)
    await seed(empty_store, SEEDS)
    twice = await snapshot(empty_store)
    batch, files = read_fixtures(SEEDS)
    assert twice == once
    assert (first.files, first.nodes, first.relations) == (files, len(batch.nodes), len(batch.relations))
    assert len(twice["nodes"]) == len(batch.nodes)
    assert len(twice["relations"]) == len(batch.relations)


async def test_seed_dry_run_writes_nothing(empty_store: Store) -> None:
    report = await seed(empty_store, SEEDS, dry_run=True)
    assert report.written is False
    assert report.nodes > 0
    assert await snapshot(empty_store) == {"nodes": [], "relations": [], "claims": []}


def test_dates_day_gives_day_precision() -> None:
    props = by_event(read(GOOD / "dates.yaml"))["on-a-day"].props
    assert props["date_precision"] == "day"
    assert props["date_earliest"] == props["date_latest"] == props["date"] == "2025-08-29"


def test_dates_month_spans_the_month() -> None:
    props = by_event(read(GOOD / "dates.yaml"))["in-a-month"].props
    assert props["date_precision"] == "month"
    assert (props["date_earliest"], props["date_latest"]) == ("2025-08-01", "2025-08-31")


def test_dates_window_without_date_is_approximate() -> None:
    props = by_event(read(GOOD / "dates.yaml"))["in-a-window"].props
    assert props["date_precision"] == "approximate"
    assert props["date"] == "2025"
    assert (props["date_earliest"], props["date_latest"]) == ("2025-07-28", "2025-08-06")


def test_dates_text_only_is_unknown() -> None:
    props = by_event(read(GOOD / "dates.yaml"))["on-a-sunday"].props
    assert props["date_precision"] == "unknown"
    assert props["date_text"] == "Minggu"
    assert "date" not in props


def test_symmetric_relations_read_in_one_direction() -> None:
    relations = read(GOOD / "symmetric.yaml").relations
    assert sorted(r.type for r in relations) == ["AGREEMENT", "SISTER_CITY"]
    assert all((r.from_id, r.to_id) == ("place-a", "place-b") for r in relations)
    assert {r.id for r in relations} == {"place-a--AGREEMENT--place-b", "place-a--SISTER_CITY--place-b"}


async def test_symmetric_relations_stored_in_one_direction(empty_store: Store) -> None:
    await seed(empty_store, GOOD / "symmetric.yaml")
    stored = (await snapshot(empty_store))["relations"]
    assert len(stored) == 2
    assert all(r["from"] < r["to"] for r in stored)


async def test_real_fixtures_ambassador_is_one_person(store: EmbeddedStore) -> None:
    nodes = (await snapshot(store))["nodes"]
    matches = [n for n in nodes if "Pajrul Rahman" in n.get("aliases", [])
               or "Fadiroel Rachman" in n.get("aliases", [])]
    assert len(matches) == 1
    assert matches[0]["type"] == "Person"
    assert {"Pajrul Rahman", "Fadiroel Rachman"} <= set(matches[0]["aliases"])


def test_real_fixtures_everything_has_sources() -> None:
    batch = read(SEEDS)
    source_ids = {n.id for n in batch.nodes if n.label == "Source"}
    records: list[NodeRecord | RelationRecord] = [*batch.nodes, *batch.relations]
    assert len(source_ids) == 5
    assert all(r.props.get("sources") for r in records)
    assert all(set(r.props["sources"]) <= source_ids for r in records)


def test_real_fixtures_day_precision_only_for_full_dates() -> None:
    dated = [r for r in read(SEEDS).relations if r.type in DATED_TYPES]
    day = [r for r in dated if r.props.get("date_precision") == "day"]
    assert day
    assert all(len(r.props.get("date", "")) == 10 for r in day)


def test_read_fixtures_names_the_line_of_a_field_far_below_its_record(tmp_path: Path) -> None:
    # A field 300 lines below the start of its record, past a long text: its line is still exact.
    long_text = "\n".join(f"      line {i}" for i in range(300))
    (tmp_path / "far.yaml").write_text(
        "nodes:\n  - type: Source\n    id: source-a\n    name: A\n    language: id\n    seed_file: a.txt\n"
        f"  - type: Place\n    id: place-a\n    name: A\n    description: |\n{long_text}\n"
        "    kind: kota\n    sources: [source-a]\n", encoding="utf-8")
    problems = problems_of(tmp_path / "far.yaml")
    assert [p.where.rsplit(":", 1)[1] for p in problems if "kind" in p.message] == [str(11 + 300)]
