"""One file per article: a new report adds to entities defined elsewhere without touching another file."""

import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from graph.store import Store
from jalin.errors import InvalidData
from seeds.loader import fixture_files, read_fixtures, seed
from tests.conftest import SEEDS, data

# A made-up report in the layout an analyst writes: its Source, what it adds to known entities
# (`extends`), a new person and the offices it shows on its day.
NEW_ARTICLE = """\
nodes:
  - type: Source
    id: source-test-deputy
    name: Deputy mayor receives a trade mission
    outlet: Test Outlet
    url: https://news.example/balikpapan/deputy-mayor
    published: "2025-08-30"
    author: A. Reporter
    language: id

  - extends: person-rahmad-masud
    aliases: [Rahmad Masud]
    sources: [source-test-deputy]

  - extends: place-balikpapan
    sources: [source-test-deputy]

  - type: Person
    id: person-test-deputy
    name: Deputy Tester
    sources: [source-test-deputy]

relations:
  - type: HOLDS_POSITION
    from: person-test-deputy
    to: inst-pemkot-balikpapan
    title: Wakil Wali Kota Balikpapan
    title_en: Deputy Mayor of Balikpapan
    as_of: ["2025-08-29"]
    sources: [source-test-deputy]

  - extends: person-rahmad-masud--HOLDS_POSITION--inst-pemkot-balikpapan
    sources: [source-test-deputy]
"""


def tree_with(tmp_path: Path, name: str, text: str) -> Path:
    """Return a copy of the bundled fixtures with one more file at `name`."""
    root = tmp_path / "fixtures"
    shutil.copytree(SEEDS, root)
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(text)
    return root


def test_article_file_merges_into_entities_defined_elsewhere(tmp_path: Path) -> None:
    before, _ = read_fixtures(SEEDS)
    batch, _ = read_fixtures(tree_with(tmp_path, "articles/2025-08-30-deputy.yaml", NEW_ARTICLE))
    nodes = {n.id: n for n in batch.nodes}
    old = {n.id: n for n in before.nodes}["person-rahmad-masud"]
    mayor = nodes["person-rahmad-masud"]
    assert mayor.props["aliases"] == [*old.props.get("aliases", []), "Rahmad Masud"]
    assert mayor.props["sources"] == [*old.props["sources"], "source-test-deputy"]
    assert nodes["source-test-deputy"].props["url"] == "https://news.example/balikpapan/deputy-mayor"
    assert nodes["source-test-deputy"].props["published"] == "2025-08-30"
    assert len(batch.nodes) == len(before.nodes) + 2
    tenure = next(r for r in batch.relations if r.id == "person-rahmad-masud--HOLDS_POSITION--inst-pemkot-balikpapan")
    assert tenure.props["sources"][-1] == "source-test-deputy"


@pytest.mark.parametrize(("text", "where", "expected"), [
    ("nodes:\n  - extends: place-balikpapan\n    name: Balikpapan City\n    sources: [source-000]\n",
     ":3", "'Balikpapan City' here, but 'Balikpapan' at "),
    ("nodes:\n  - extends: place-balikpapn\n    sources: [source-000]\n",
     ":2", "did you mean 'place-balikpapan'"),
    ("nodes:\n  - extends: place-balikpapan\n    type: Place\n    sources: [source-000]\n",
     ":3", "drop 'type'"),
    ("nodes:\n  - extends: place-balikpapan\n    sources: [source-999]\n",
     ":3", "'source-999' is not the id of any entity"),
    ("relations:\n  - extends: person-rahmad-masud--HOLDS_POSITION--inst-pemkot-balikpapan\n"
     "    title: Walikota\n    sources: [source-000]\n", ":3", "'Walikota' here, but 'Wali Kota Balikpapan'"),
])
def test_article_file_conflict_names_both_places(tmp_path: Path, text: str, where: str, expected: str) -> None:
    root = tree_with(tmp_path, "articles/bad.yaml", text)
    with pytest.raises(InvalidData) as raised:
        read_fixtures(root)
    [problem] = raised.value.problems
    assert problem.where.endswith(f"articles/bad.yaml{where}")
    assert expected in problem.message


def test_article_file_rejects_bad_url(tmp_path: Path) -> None:
    root = tree_with(tmp_path, "articles/bad.yaml", NEW_ARTICLE.replace("https://news.example", "news.example"))
    with pytest.raises(InvalidData) as raised:
        read_fixtures(root)
    [problem] = raised.value.problems
    assert problem.where.endswith("articles/bad.yaml:6")
    assert "is not a web address" in problem.message


async def test_office_holders_match_a_whole_title(tmp_path: Path, empty_store: Store,
                                                  writer: httpx.AsyncClient) -> None:
    await seed(empty_store, tree_with(tmp_path, "articles/2025-08-30-deputy.yaml", NEW_ARTICLE))
    query = """query($t: String, $on: String!) { officeHolders(title: $t, on: $on) { title person { id } } }"""
    mayor = await data(writer, query, t="Wali Kota Balikpapan", on="2025-08-29")
    assert [h["person"]["id"] for h in mayor["officeHolders"]] == ["person-rahmad-masud"]
    deputy = await data(writer, query, t="deputy mayor of balikpapan", on="2025-08-29")
    assert [h["person"]["id"] for h in deputy["officeHolders"]] == ["person-test-deputy"]


def records_of(file: Path) -> list[dict[str, Any]]:
    """Return the node and relation records `file` holds, as written."""
    document = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    return [*(document.get("nodes") or []), *(document.get("relations") or [])]


def defined_sources(file: Path) -> list[str]:
    """Return the ids of the Source nodes `file` defines."""
    return [record["id"] for record in records_of(file) if record.get("type") == "Source"]


def test_bundled_fixtures_hold_one_article_file_per_source() -> None:
    batch, _ = read_fixtures(SEEDS)
    per_file = [defined_sources(file) for file in fixture_files(SEEDS / "articles")]
    assert all(len(ids) == 1 for ids in per_file), per_file
    assert sorted(ids[0] for ids in per_file) == sorted(n.id for n in batch.nodes if n.label == "Source")
    assert not any(defined_sources(file) for file in fixture_files(SEEDS / "gazetteer"))


def test_bundled_article_file_cites_only_its_own_article() -> None:
    for file in fixture_files(SEEDS / "articles"):
        [source] = defined_sources(file)
        assert {cited for record in records_of(file) for cited in record["sources"]} == {source}, file.name
