"""One safe write path: a seed makes the store match the fixtures, shows it first, keeps API edits;
mutations change only what they send and refuse lost updates; an export seeds back the same graph."""

import shutil
from pathlib import Path
from typing import Any

import httpx

from graph.export import snapshot, to_yaml
from graph.store import Store
from graph.sync import facts
from seeds.loader import read_fixtures, seed
from tests.conftest import SEEDS, TOKEN, data, gql

EDIT = """mutation($props: JSON, $version: Int) { upsertEntity(input: {id: "place-palu", properties: $props,
    expectedVersion: $version}) { id name ... on Place { kind description }
    provenance { origin where version updatedAt } } }"""


def copy_of_seeds(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SEEDS, tmp_path / "fixtures"))


def rename_everywhere(root: Path, old: str, new: str) -> None:
    for file in root.rglob("*.yaml"):
        file.write_text(file.read_text().replace(old, new))


async def graph_facts(store: Store) -> dict[str, Any]:
    """Every node, edge and claim of the store by id, without provenance."""
    found = await snapshot(store)
    return {item["id"]: facts(item) for item in found["nodes"] + found["relations"] + found["claims"]}


async def test_seed_again_changes_nothing(empty_store: Store) -> None:
    await seed(empty_store, SEEDS)
    again = await seed(empty_store, SEEDS)
    assert (again.plan.added, again.plan.changed, again.plan.removed, again.plan.kept) == ([], [], [], [])
    stored = await snapshot(empty_store)
    assert {n["version"] for n in stored["nodes"]} == {1}
    assert all(n["origin"] == "fixture" and ".yaml:" in n["origin_ref"] for n in stored["nodes"])


async def test_seed_after_renaming_an_id_shows_the_diff_then_leaves_no_duplicate(
        empty_store: Store, tmp_path: Path) -> None:
    root = copy_of_seeds(tmp_path)
    await seed(empty_store, root)
    before = await graph_facts(empty_store)
    rename_everywhere(root, "person-m-faisal", "person-muhammad-faisal")
    shown = await seed(empty_store, root, dry_run=True)
    assert [c.id for c in shown.plan.added if c.kind == "Person"] == ["person-muhammad-faisal"]
    assert [c.id for c in shown.plan.removed if c.kind == "Person"] == ["person-m-faisal"]
    assert await graph_facts(empty_store) == before  # a dry run writes nothing
    await seed(empty_store, root)
    after = await graph_facts(empty_store)
    assert "person-m-faisal" not in after and "person-muhammad-faisal" in after
    assert len(after) == len(before)
    assert not any("person-m-faisal" in key for key in after)


async def test_seed_removes_facts_whose_yaml_is_gone_and_changes_what_changed(
        empty_store: Store, tmp_path: Path) -> None:
    root = copy_of_seeds(tmp_path)
    await seed(empty_store, root)
    batch, _ = read_fixtures(root)
    palu = next(n for n in batch.nodes if n.id == "place-palu")
    for file in root.rglob("*.yaml"):
        text = file.read_text()
        if "id: place-palu\n" in text:
            description = str(palu.props["description"])
            file.write_text(text.replace(description, "Changed description."))
    report = await seed(empty_store, root)
    assert [(c.id, c.detail) for c in report.plan.changed] == [("place-palu", "description")]
    stored = {n["id"]: n for n in (await snapshot(empty_store))["nodes"]}
    assert stored["place-palu"]["version"] == 2
    assert stored["place-balikpapan"]["version"] == 1


async def test_api_edit_changes_only_fields_sent_and_survives_a_seed(
        empty_store: Store, writer: httpx.AsyncClient) -> None:
    await seed(empty_store, SEEDS)
    before = await data(writer, '{ entity(id: "place-palu") { name ... on Place { kind description } } }')
    edited = (await gql(writer, EDIT, token=TOKEN, props={"description": None, "iso_code": "ID-ST"}, version=1))
    place = edited["data"]["upsertEntity"]
    assert (place["name"], place["kind"]) == (before["entity"]["name"], before["entity"]["kind"])
    assert place["description"] is None
    assert place["provenance"]["origin"] == "api" and place["provenance"]["version"] == 2
    assert place["provenance"]["where"] == "api" and place["provenance"]["updatedAt"]
    stale = await gql(writer, EDIT, token=TOKEN, props={"iso_code": "ID-XX"}, version=1)
    assert stale["errors"][0]["extensions"]["code"] == "Conflict"
    assert "is at version 2, not 1" in stale["errors"][0]["message"]
    report = await seed(empty_store, SEEDS)
    assert [(c.id, "description" in c.detail) for c in report.plan.kept] == [("place-palu", True)]
    kept = await data(writer, '{ entity(id: "place-palu") { ... on Place { isoCode description } } }')
    assert kept["entity"] == {"isoCode": "ID-ST", "description": None}


async def test_export_yaml_validates_and_seeds_back_the_same_graph(empty_store: Store, tmp_path: Path) -> None:
    await seed(empty_store, SEEDS)
    before = await graph_facts(empty_store)
    exported = tmp_path / "export.yaml"
    exported.write_text(to_yaml(await snapshot(empty_store)), encoding="utf-8")
    batch, _ = read_fixtures(exported)
    assert len(batch) == len(before)
    await empty_store.clear()
    await seed(empty_store, exported)
    assert await graph_facts(empty_store) == before
