"""Drafts from an article over GraphQL, on both stores: the proposals read against the stored graph, the
analyst's decisions rendered as a fixture file with what the graph would refuse, and written with the
token, all or nothing. The article (tests/fixtures/draft/article.txt) is made up: a visit from a made-up
city to Balikpapan, received by a made-up mayor whom tests/fixtures/draft/graph already knows."""

import logging
import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from api.drafts import MAX_TEXT
from graph.store import Store
from seeds.loader import read_fixtures, seed
from tests.conftest import FIXTURES, SEEDS, TOKEN, data, gql

ARTICLE = (FIXTURES / "draft" / "article.txt").read_text(encoding="utf-8")
CITY: Path = FIXTURES / "draft" / "graph"
ENGLISH = ("The mayor of a small town visited the harbour on Tuesday to discuss waste management and clean "
           "water with the port authority, and both sides agreed to meet again before the end of the year.")

DRAFT = """query($text: String!, $published: Date, $url: String) {
  draftArticle(text: $text, published: $published, url: $url, outlet: "Warta Contoh") {
    sourceId missing yaml
    sentences { number start end }
    proposals { key section record type label sentences confidence check needsReview spans { start end } }
  }
}"""
RENDER = """query($records: [DraftRecordInput!]!) {
  renderDraft(records: $records) { yaml pending problems { where message } }
}"""
APPLY = """mutation($records: [DraftRecordInput!]!) { applyDraft(records: $records) { nodeIds relationIds } }"""
ENTITY = """query($id: ID!) { entity(id: $id) { name sources { id } provenance { origin }
  relations(types: ["HOLDS_POSITION"]) { id properties } } }"""


async def drafted(client: httpx.AsyncClient, **given: Any) -> dict[str, Any]:
    arguments = {"text": ARTICLE, "published": "2025-08-13", "url": "https://news.example/city/visit"} | given
    found: dict[str, Any] = (await data(client, DRAFT, **arguments))["draftArticle"]
    return found


def kept(draft: dict[str, Any], reviewed: bool = False, reject: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The records an analyst sends back: every proposal but those rejected, checked or not."""
    return [{"key": p["key"], "section": p["section"], "record": p["record"], "reviewed": reviewed,
             "sentences": p["sentences"], "confidence": p["confidence"], "check": p["check"]}
            for p in draft["proposals"] if p["key"] not in reject]


def proposal(draft: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """The first proposal whose fields (or record fields) have these values."""
    found: dict[str, Any] = next(p for p in draft["proposals"]
                                 if all(p.get(k, p["record"].get(k)) == v for k, v in fields.items()))
    return found


def error_of(body: dict[str, Any]) -> dict[str, Any]:
    assert body["data"] is None or not any(body["data"].values())
    found: dict[str, Any] = body["errors"][0]
    return found


async def test_draft_finds_known_entities_where_the_text_names_them(client: httpx.AsyncClient) -> None:
    draft = await drafted(client)
    balikpapan = proposal(draft, extends="place-balikpapan")
    assert (balikpapan["type"], balikpapan["label"], balikpapan["section"]) == ("Place", "Balikpapan", "NODES")
    assert balikpapan["spans"] and all(ARTICLE[s["start"]:s["end"]].lower().endswith("balikpapan")
                                       for s in balikpapan["spans"])
    assert draft["sentences"][0] == {"number": 1, "start": 0, "end": draft["sentences"][0]["end"]}
    assert ARTICLE[draft["sentences"][-1]["start"]:draft["sentences"][-1]["end"]].endswith("ini.")
    assert draft["missing"] == []
    source = proposal(draft, key="source")
    assert source["record"]["id"] == draft["sourceId"] and source["record"]["published"] == "2025-08-13"


async def test_draft_proposes_new_entities_and_relations_for_review(client: httpx.AsyncClient) -> None:
    draft = await drafted(client)
    person = proposal(draft, type="Person", name="Sari Murni Lestari")
    assert person["needsReview"] and person["confidence"] < 0.9 and "new person" in person["check"]
    relations = [p for p in draft["proposals"] if p["section"] == "RELATIONS"]
    assert relations and all(p["spans"] == [] and p["sentences"] and " → " in p["label"] for p in relations)
    fixture = yaml.safe_load(draft["yaml"])
    marked = [r for r in fixture["nodes"] if r.get("name") == "Sari Murni Lestari"]
    assert marked[0]["review"]["sentences"] == person["sentences"]


async def test_draft_says_what_it_could_not_find(client: httpx.AsyncClient) -> None:
    draft = await drafted(client, published=None, url=None)
    assert any("publication date" in m for m in draft["missing"])
    assert any("address" in m for m in draft["missing"])
    assert "# Missing: no publication date" in draft["yaml"]


@pytest.mark.parametrize(("text", "says"), [
    ("  ", "the article is empty"),
    (ENGLISH, "does not read as an Indonesian news article"),
    ("kata " * (MAX_TEXT // 5 + 1), "at most 100,000"),
])
async def test_draft_refuses_bad_input_with_a_code(client: httpx.AsyncClient, text: str, says: str) -> None:
    error = error_of(await gql(client, DRAFT, text=text))
    assert error["extensions"]["code"] == "BadRequest" and error["extensions"]["status"] == 400
    assert says in error["message"]


async def test_draft_refuses_a_date_that_is_no_day_in_one_log_line(embedded_client: httpx.AsyncClient,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    response = await embedded_client.post("/graphql", json={"query": DRAFT,
                                                            "variables": {"text": ARTICLE, "published": "2025-13-01"}})
    assert response.status_code == 400  # refused before any field ran: the whole request is
    error = error_of(response.json())
    assert error["extensions"] == {"code": "BadRequest", "status": 400} and "month must be in 1..12" in error["message"]
    assert [r.getMessage().split(":")[0] for r in caplog.records if r.name == "jalin.requests"] == ["refused"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


async def test_render_draft_writes_decisions_and_marks_what_is_unchecked(client: httpx.AsyncClient) -> None:
    draft = await drafted(client)
    person, relation = proposal(draft, type="Person", name="Sari Murni Lestari"), proposal(draft, section="RELATIONS")
    records = kept(draft, reject=(relation["key"],))
    edited = next(r for r in records if r["key"] == person["key"])
    edited.update(reviewed=True, record={**edited["record"], "name": "Sari M. Lestari"})
    rendered = (await data(client, RENDER, records=records))["renderDraft"]
    fixture = yaml.safe_load(rendered["yaml"])
    written = next(r for r in fixture["nodes"] if r.get("id") == person["record"]["id"])
    assert written["name"] == "Sari M. Lestari" and "review" not in written
    assert relation["record"] not in [{k: v for k, v in r.items() if k != "review"} for r in fixture["relations"]]
    assert rendered["pending"] == [p["key"] for p in draft["proposals"]
                                   if p["needsReview"] and p["key"] not in (person["key"], relation["key"])]
    assert rendered["problems"] == []


async def test_rendered_draft_once_reviewed_loads_with_the_fixtures(embedded_client: httpx.AsyncClient,
                                                                     tmp_path: Path) -> None:
    draft = await drafted(embedded_client)
    rendered = (await data(embedded_client, RENDER, records=kept(draft, reviewed=True)))["renderDraft"]
    assert rendered["pending"] == [] and rendered["problems"] == [] and "review:" not in rendered["yaml"]
    shutil.copytree(SEEDS, tmp_path / "fixtures")
    (tmp_path / "fixtures" / "articles" / "2025-08-12-made-up.yaml").write_text(rendered["yaml"], encoding="utf-8")
    batch, _ = read_fixtures(tmp_path / "fixtures")
    assert draft["sourceId"] in {n.id for n in batch.nodes}


async def test_render_draft_reports_what_the_graph_would_refuse(client: httpx.AsyncClient) -> None:
    draft = await drafted(client)
    source = draft["sourceId"]
    records = [*kept(draft, reviewed=True),
               {"key": "n90", "section": "NODES", "record": {"type": "Place", "id": "place-kalimantan-timur",
                                                           "name": "Kaltim", "kind": "province", "sources": [source]}},
               {"key": "r90", "section": "RELATIONS", "record": {"type": "PART_OF", "from": "place-nowhere-x",
                                                                "to": "place-balikpapan", "sources": [source]}}]
    problems = (await data(client, RENDER, records=records))["renderDraft"]["problems"]
    assert {p["where"] for p in problems} == {"n90", "r90"}
    assert any("already a Place in the graph" in p["message"] and "extends: place-kalimantan-timur" in p["message"]
               for p in problems)
    assert any("'place-nowhere-x' is not the id of any entity" in p["message"] for p in problems)


async def test_render_draft_refuses_a_record_that_is_no_object(client: httpx.AsyncClient) -> None:
    body = await gql(client, RENDER, records=[{"key": "n1", "section": "NODES", "record": ["place-x"]}])
    error = error_of(body)
    assert error["extensions"]["code"] == "BadRequest" and "records[0] (n1).record: expected an object" in \
        error["message"]


@pytest.fixture
async def city(empty_store: Store, writer: httpx.AsyncClient) -> httpx.AsyncClient:
    """The API over a graph that knows Balikpapan and its made-up mayor, for drafts to write into."""
    await seed(empty_store, CITY)
    return writer


async def test_apply_draft_needs_the_token(city: httpx.AsyncClient) -> None:
    draft = await drafted(city)
    error = error_of(await gql(city, APPLY, records=kept(draft, reviewed=True)))
    assert error["extensions"]["code"] == "Unauthorized"
    assert (await data(city, ENTITY, id=draft["sourceId"]))["entity"] is None


async def test_apply_draft_refuses_records_still_marked_for_review(city: httpx.AsyncClient) -> None:
    draft = await drafted(city)
    error = error_of(await gql(city, APPLY, token=TOKEN, records=kept(draft)))
    assert error["extensions"]["code"] == "InvalidData" and error["extensions"]["status"] == 422
    pending = [p["key"] for p in draft["proposals"] if p["needsReview"]]
    assert [p["where"] for p in error["extensions"]["problems"]] == pending
    assert "still marked for review" in error["message"]
    assert (await data(city, ENTITY, id=draft["sourceId"]))["entity"] is None


async def test_apply_draft_writes_new_records_and_extends_stored_ones(city: httpx.AsyncClient) -> None:
    draft = await drafted(city)
    mayor = proposal(draft, extends="person-test-mayor")
    assert (mayor["type"], mayor["label"]) == ("Person", "Andi Wirawan Contoh")
    office = proposal(draft, extends="person-test-mayor--HOLDS_POSITION--inst-pemkot-balikpapan")
    assert office["type"] == "HOLDS_POSITION" and office["label"] == "Andi Wirawan Contoh → Pemerintah Kota Balikpapan"
    applied = (await gql(city, APPLY, token=TOKEN, records=kept(draft, reviewed=True)))["data"]["applyDraft"]
    assert {draft["sourceId"], "person-sari-murni-lestari", "place-balikpapan"} <= set(applied["nodeIds"])
    assert office["record"]["extends"] in applied["relationIds"]
    person = (await data(city, ENTITY, id="person-sari-murni-lestari"))["entity"]
    assert person["name"] == "Sari Murni Lestari" and person["provenance"]["origin"] == "api"
    assert [s["id"] for s in person["sources"]] == [draft["sourceId"]]
    stored = (await data(city, ENTITY, id="person-test-mayor"))["entity"]
    assert {s["id"] for s in stored["sources"]} == {"source-test-earlier", draft["sourceId"]}
    assert stored["relations"][0]["properties"]["as_of"] == ["2025-03-01", "2025-08-12"]


async def test_apply_draft_again_is_refused_as_already_written(city: httpx.AsyncClient) -> None:
    draft = await drafted(city)
    await gql(city, APPLY, token=TOKEN, records=kept(draft, reviewed=True))
    error = error_of(await gql(city, APPLY, token=TOKEN, records=kept(draft, reviewed=True)))
    assert error["extensions"]["code"] == "InvalidData"
    assert any(f"id '{draft['sourceId']}' is already a Source in the graph" in p["message"]
               for p in error["extensions"]["problems"])


async def test_apply_draft_is_all_or_nothing(city: httpx.AsyncClient) -> None:
    draft = await drafted(city)
    dangling = {"type": "PART_OF", "from": "place-balikpapan", "to": "place-nowhere-x", "sources": [draft["sourceId"]]}
    records = [*kept(draft, reviewed=True), {"key": "r90", "section": "RELATIONS", "record": dangling}]
    error = error_of(await gql(city, APPLY, token=TOKEN, records=records))
    assert [p["where"] for p in error["extensions"]["problems"]] == ["r90"]
    assert (await data(city, ENTITY, id="person-sari-murni-lestari"))["entity"] is None
    stored = (await data(city, ENTITY, id="place-balikpapan"))["entity"]
    assert [s["id"] for s in stored["sources"]] == ["source-test-earlier"]


async def test_drafts_read_the_graph_once_until_a_write_moves_it(city: httpx.AsyncClient, empty_store: Store) -> None:
    first = await drafted(city)
    assert proposal(first, name="Sari Murni Lestari")["record"]["id"] == "person-sari-murni-lestari"
    read = empty_store.round_trips
    await drafted(city, url="https://news.example/city/visit-again")  # another query: not an answer kept
    assert empty_store.round_trips == read
    await gql(city, APPLY, token=TOKEN, records=kept(first, reviewed=True))
    after = await drafted(city, url="https://news.example/city/visit-once-more")
    assert empty_store.round_trips > read
    assert proposal(after, extends="person-sari-murni-lestari")["type"] == "Person"
