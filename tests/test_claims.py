"""Conflicting reports kept as ranked claims: checked with file and line, stored beside the graph on
both stores, shown through GraphQL with their sources, exported and seeded back."""

import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.export import snapshot, to_yaml
from graph.store import Store
from graph.sync import facts
from jalin.errors import InvalidData
from seeds.loader import read_fixtures, seed
from tests.conftest import FIXTURES, SEEDS, data

BAD_CLAIMS = FIXTURES / "bad" / "bad_claims.yaml"
GOOD_CLAIMS = FIXTURES / "good" / "claims.yaml"
# The ambassador's call at Balikpapan City Hall: article 000 dates it "Kamis (29/8/2025)", a Friday.
VISIT = "person-fadjroel-rachman--VISITED--place-balikpapan--2025-08-29-fadjroel-balikpapan-city-hall"
TRADERS_VISIT = "inst-traders--VISITED--place-city"
CLAIMS = "claims { value rank reason note current sources { id } provenance { where } }"
CONFLICTS = f"conflicts {{ property {CLAIMS} }}"

# (line in bad/bad_claims.yaml, words the message must hold)
BAD = [
    (8, ["about: 'inst-trader' is not the id of any entity or relation", "did you mean 'inst-traders'"]),
    (13, ["Institution has no property 'member_cont'", "did you mean 'member_count'"]),
    (17, ["'aliases' is a list", "instead of claiming it"]),
    (21, ["no claim may be about 'date_precision'", "claim 'date'"]),
    (26, ["value: expected a whole number, got 'many'", "member_count"]),
    (30, ["value: 'done' is not one of", "completed"]),
    (41, ["has a preferred claim already", "bad_claims.yaml:35", "rank the other normal"]),
    (47, ["reason: a preferred claim says why"]),
    (55, ["'2025-08-30' is claimed already", "bad_claims.yaml:51", "give all of its sources in that one claim"]),
    (56, ["sources: 'source-b' is not the id of any entity"]),
    (60, ["holds '2025-08-29', the value this claim deprecates", "mark the claim to trust preferred"]),
    (63, ["a claim's id is derived", "drop 'id'"]),
    (67, ["rank: 'best' is not one of preferred, normal, deprecated"]),
    (69, ["missing required field 'value' of the claim"]),
    (75, ["reason: a deprecated claim says why"]),
]


def claim_rows(conflict: dict[str, Any]) -> list[tuple[Any, str, bool, list[str]]]:
    """The claims of one conflict as (value, rank, current, source ids)."""
    return [(c["value"], c["rank"], c["current"], [s["id"] for s in c["sources"]]) for c in conflict["claims"]]


def by_property(conflicts: list[dict[str, Any]]) -> dict[str, list[tuple[Any, str, bool, list[str]]]]:
    return {c["property"]: claim_rows(c) for c in conflicts}


@pytest.mark.parametrize(("line", "words"), BAD, ids=[str(line) for line, _ in BAD])
def test_bad_claim_is_a_load_error_naming_file_line_and_fix(line: int, words: list[str]) -> None:
    with pytest.raises(InvalidData) as caught:
        read_fixtures(BAD_CLAIMS)
    at_line = [p for p in caught.value.problems if p.where.endswith(f"bad/bad_claims.yaml:{line}")]
    assert any(all(word in p.message for word in words) for p in at_line), caught.value.problems


async def test_seed_with_a_bad_claim_writes_nothing(empty_store: Store) -> None:
    with pytest.raises(InvalidData):
        await seed(empty_store, BAD_CLAIMS)
    assert await snapshot(empty_store) == {"nodes": [], "relations": [], "claims": []}


async def test_seed_case_shows_both_dates_of_the_visit_with_their_sources(client: httpx.AsyncClient) -> None:
    found = await data(client, f'query($id: ID!) {{ relation(id: $id) {{ date {CONFLICTS} }} }}', id=VISIT)
    visit = found["relation"]
    assert visit["date"] == "2025-08-29"
    assert by_property(visit["conflicts"]) == {"date": [("2025-08-29", "preferred", True, ["source-000"]),
                                                        ("2025-08-28", "normal", False, ["source-000"])]}
    preferred, weekday = visit["conflicts"][0]["claims"]
    assert "likelier slip" in preferred["reason"] and "Kamis" in weekday["note"]
    assert preferred["provenance"]["where"].startswith("seeds/fixtures/articles/2025-08-29-kazakh-envoy-balikpapan")


async def test_seed_case_marks_only_that_relation_of_the_ambassador(client: httpx.AsyncClient) -> None:
    found = await data(client, f"""{{ entity(id: "person-fadjroel-rachman") {{ {CONFLICTS}
        relations(types: ["VISITED"]) {{ id {CONFLICTS} }} }} }}""")
    entity = found["entity"]
    assert entity["conflicts"] == []
    marked = {r["id"]: by_property(r["conflicts"]) for r in entity["relations"] if r["conflicts"]}
    assert list(marked) == [VISIT] and [c[0] for c in marked[VISIT]["date"]] == ["2025-08-29", "2025-08-28"]


async def test_conflicts_list_every_subject_with_a_conflict(client: httpx.AsyncClient) -> None:
    found = await data(client, f"{{ conflicts {{ id kind property {CLAIMS} }} }}")
    assert [(c["id"], c["kind"], c["property"]) for c in found["conflicts"]] == [(VISIT, "VISITED", "date")]
    assert [c["value"] for c in found["conflicts"][0]["claims"]] == ["2025-08-29", "2025-08-28"]


async def test_claims_are_not_entities(client: httpx.AsyncClient) -> None:
    found = await data(client, """{ entities(first: 1) { totalCount } stats { entitiesByType { key } }
        search(text: "Kamis") { id } }""")
    assert found["entities"]["totalCount"] == len(read_fixtures(SEEDS)[0].nodes)
    assert "Claim" not in {c["key"] for c in found["stats"]["entitiesByType"]}
    assert found["search"] == []


async def test_preferred_claim_replaces_the_stored_value_and_keeps_the_old_one(
        empty_store: Store, writer: httpx.AsyncClient) -> None:
    await seed(empty_store, GOOD_CLAIMS)
    found = await data(writer, f"""query($visit: ID!) {{
        entity(id: "inst-traders") {{ ... on Institution {{ memberCount }} {CONFLICTS} }}
        relation(id: $visit) {{ date datePrecision status properties {CONFLICTS} }} }}""", visit=TRADERS_VISIT)
    assert found["entity"]["memberCount"] == 16
    assert by_property(found["entity"]["conflicts"]) == {"member_count": [(16, "preferred", True, ["source-b"]),
                                                                           (15, "normal", False, ["source-a"])]}
    visit = found["relation"]
    assert (visit["date"], visit["datePrecision"], visit["status"]) == ("2025-08-28", "day", "completed")
    assert (visit["properties"]["date_earliest"], visit["properties"]["date_latest"]) == ("2025-08-28", "2025-08-28")
    assert by_property(visit["conflicts"]) == {
        "date": [("2025-08-28", "preferred", True, ["source-b"]), ("2025-08-29", "normal", False, ["source-a"])],
        "status": [("planned", "normal", False, ["source-b"]), ("completed", "normal", True, ["source-a"])]}


async def test_export_yaml_seeds_back_the_same_claims(empty_store: Store, tmp_path: Path) -> None:
    await seed(empty_store, GOOD_CLAIMS)
    before = await snapshot(empty_store)
    exported = tmp_path / "export.yaml"
    exported.write_text(to_yaml(before), encoding="utf-8")
    await empty_store.clear()
    report = await seed(empty_store, exported)
    after = await snapshot(empty_store)
    assert [facts(c) for c in after["claims"]] == [facts(c) for c in before["claims"]]
    assert len(after["claims"]) == len(report.plan.batch.claims) == 5
    assert [facts(r) for r in after["relations"]] == [facts(r) for r in before["relations"]]


async def test_seed_again_after_removing_a_claim_from_yaml_removes_it(
        empty_store: Store, writer: httpx.AsyncClient, tmp_path: Path) -> None:
    root = Path(shutil.copytree(SEEDS, tmp_path / "fixtures"))
    await seed(empty_store, root)
    article = root / "articles" / "2025-08-29-kazakh-envoy-balikpapan.yaml"
    text = article.read_text(encoding="utf-8")
    weekday = text.index("  - about:", text.index('value: "2025-08-29"'))
    article.write_text(text[:weekday], encoding="utf-8")
    report = await seed(empty_store, root)
    assert [(c.kind, c.detail.split(" (")[0]) for c in report.plan.removed] == [("Claim", "no longer in the fixtures")]
    assert [c["rank"] for c in (await snapshot(empty_store))["claims"]] == ["preferred"]
    found = await data(writer, "query($id: ID!) { relation(id: $id) { conflicts { property } } }", id=VISIT)
    assert found["relation"]["conflicts"] == []  # the one claim left agrees with the stored date


@pytest.fixture(params=["embedded", "neo4j"])
def counted(request: pytest.FixtureRequest) -> tuple[httpx.AsyncClient, Store]:
    """The seeded app and the store whose round trips it spends, once per store."""
    client: httpx.AsyncClient = request.getfixturevalue(f"{request.param}_client")
    store: Store = request.getfixturevalue("store" if request.param == "embedded" else "neo4j_session_store")
    return client, store


async def round_trips(counted: tuple[httpx.AsyncClient, Store], query: str) -> int:
    client, store = counted
    before = store.round_trips
    await data(client, query)
    return store.round_trips - before


async def test_conflicts_of_every_relation_cost_one_round_trip(counted: tuple[httpx.AsyncClient, Store]) -> None:
    plain = '{ entity(id: "place-balikpapan") { relations { id } } }'
    marked = '{ entity(id: "place-balikpapan") { relations { id conflicts { property } } } }'
    assert await round_trips(counted, marked) == await round_trips(counted, plain) + 1


async def test_conflicts_of_the_whole_graph_cost_two_round_trips(counted: tuple[httpx.AsyncClient, Store]) -> None:
    assert await round_trips(counted, "{ conflicts(first: 100) { id property claims { value } } }") == 2
