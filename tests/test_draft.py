"""`jalin draft`: a made-up Indonesian article read into a draft fixture file that validates once
reviewed and seeds like any fixture; and the figures on the seed articles, as the README states them.

The article in tests/fixtures/article-samarinda.txt is written for these tests; its people are made up."""

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from bench.drafting import ARTICLES, run, totals
from cli.main import fixtures_gazetteer, main
from draft.dates import find_dates
from draft.document import ArticleInfo, Draft, draft_article, to_yaml
from draft.gazetteer import Gazetteer
from draft.text import same_word, spelling_key
from graph.store import Store
from jalin.errors import BadRequest, InvalidData
from schema.validate import REVIEW
from seeds.loader import read_fixtures, seed

FIXTURES = Path(__file__).resolve().parents[1] / "seeds" / "fixtures"
ARTICLE = Path(__file__).with_name("fixtures") / "article-samarinda.txt"
PUBLISHED = date(2025, 10, 14)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return fixtures_gazetteer(FIXTURES)


@pytest.fixture(scope="module")
def drafted(gazetteer: Gazetteer) -> Draft:
    return draft_article(ARTICLE.read_text(encoding="utf-8"), gazetteer,
                         ArticleInfo(published=PUBLISHED, url="https://example.org/samarinda", outlet="Contoh"))


def records(draft: Draft, section: str) -> list[dict[str, Any]]:
    return [p.record for p in draft.proposals if p.section == section]


def node(draft: Draft, node_id: str) -> dict[str, Any]:
    return next(r for r in records(draft, "nodes") if r.get("id") == node_id or r.get("extends") == node_id)


def test_spelling_variants_of_one_name_share_a_key() -> None:
    for a, b in (("Fadjroel", "Pajrul"), ("Fadjroel", "Fadiroel"), ("Syirajudin", "Syrajudin"),
                 ("Kazakhstan", "Kazakhtan"), ("Rachman", "Rahman")):
        assert same_word(spelling_key(a), spelling_key(b)), (a, b)
    assert not same_word(spelling_key("Harum"), spelling_key("Hasan"))
    assert not same_word(spelling_key("Palu"), spelling_key("Pala"))


def test_people_are_read_with_their_office_and_honorifics_left_out(drafted: Draft) -> None:
    offices = {(r["from"], r["to"]): r for r in records(drafted, "relations") if r.get("type") == "HOLDS_POSITION"}
    mayor = offices[("person-rudi-hartawan", "inst-pemerintah-kota-samarinda")]
    assert mayor["title"] == "Wali Kota Samarinda" and mayor["as_of"] == ["2025-10-13"]
    assert ("person-yusuf-fadli", "inst-bappeda-samarinda") in offices
    assert offices[("person-yusuf-fadli", "inst-bappeda-samarinda")]["acting"] is True
    assert ("person-siti-rahmawati", "inst-dinas-perdagangan-kota-samarinda") in offices
    assert node(drafted, "inst-pemerintah-kota-samarinda")["kind"] == "government"


def test_known_entities_are_extended_and_new_ones_proposed(drafted: Draft) -> None:
    japan = node(drafted, "place-jepang")
    assert japan["kind"] == "country" and japan["iso_code"] == "JP"
    assert {"extends", "sources"} <= set(node(drafted, "place-indonesia"))
    assert node(drafted, "commodity-rotan")["category"] == "forestry"


def test_dates_are_read_at_their_precision() -> None:
    text = "Rapat (7/8) digelar di sana; Jumat, 30 Mei 2025 dan November nanti, pekan lalu, akhir tahun ini."
    found = {d.text: d for d in find_dates(text, date(2025, 8, 8))}
    assert found["7/8"].value == "2025-08-07"
    assert found["Jumat, 30 Mei 2025"].value == "2025-05-30" and found["Jumat, 30 Mei 2025"].note is None
    assert found["November nanti"].value == "2025-11" and found["November nanti"].precision == "month"
    assert (found["pekan lalu"].earliest, found["pekan lalu"].latest) == ("2025-07-28", "2025-08-07")
    assert (found["akhir tahun ini"].earliest, found["akhir tahun ini"].latest) == ("2025-10-01", "2025-12-31")
    assert find_dates("Kamis (29/8/2025)", None)[0].note is not None  # 29 August 2025 was a Friday


def test_meetings_agreements_and_figures_are_proposed_for_review(drafted: Draft) -> None:
    relations = records(drafted, "relations")
    met = next(r for r in relations if r["type"] == "MET" and {r["from"], r["to"]} ==
               {"person-rudi-hartawan", "person-kenji-sato"})
    assert met["role"] == "host" and met["from"] == "person-rudi-hartawan" and met["event"]
    agreement = next(r for r in relations if r["type"] == "AGREEMENT")
    assert agreement["status"] == "proposed"
    source = node(drafted, drafted.source_id)
    assert {"counts": "price", "value": 45000, "unit": "IDR/kg"} in source["figures"]
    assert {"counts": "pengusaha", "value": 12} in source["figures"]
    review = [p for p in drafted.proposals if p.section == "relations"]
    assert review and all(p.needs_review and p.sentences for p in review)


def test_bad_articles_are_refused_with_what_to_do(gazetteer: Gazetteer, tmp_path: Path) -> None:
    with pytest.raises(BadRequest, match="empty"):
        draft_article("  ", gazetteer, ArticleInfo())
    with pytest.raises(BadRequest, match="Indonesian"):
        draft_article("The mayor met the ambassador on Monday to talk about trade. " * 5, gazetteer, ArticleInfo())
    binary = tmp_path / "a.txt"
    binary.write_bytes(b"\x00\x01\x02")
    assert main(["draft", str(binary)]) == 2


def test_an_undated_article_says_what_is_missing(gazetteer: Gazetteer) -> None:
    text = ARTICLE.read_text(encoding="utf-8").replace("Senin (13/10/2025)", "Senin")
    draft = draft_article(text, gazetteer, ArticleInfo())
    assert any("publication date" in m for m in draft.missing)
    assert "# Missing: no publication date" in to_yaml(draft)


async def test_a_draft_validates_only_its_review_marks_then_seeds(tmp_path: Path, drafted: Draft,
                                                                  empty_store: Store) -> None:
    tree = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, tree)
    (tree / "articles" / "draft.yaml").write_text(to_yaml(drafted), encoding="utf-8")
    with pytest.raises(InvalidData) as refused:
        read_fixtures(tree)
    assert refused.value.problems and all("marked for review" in p.message for p in refused.value.problems)
    reviewed = yaml.safe_load(to_yaml(drafted))
    for section in reviewed.values():
        for record in section:
            record.pop(REVIEW, None)
    (tree / "articles" / "draft.yaml").write_text(yaml.safe_dump(reviewed, allow_unicode=True), encoding="utf-8")
    report = await seed(empty_store, tree)
    assert report.nodes == len(read_fixtures(tree)[0].nodes)
    stored = await empty_store.run("MATCH (n:Entity {id: $id}) RETURN n.name AS name", {"id": "person-kenji-sato"})
    assert stored == [{"name": "Kenji Sato"}]


@pytest.mark.skipif(not ARTICLES.is_dir(), reason="the seed articles are not beside the project (../shared/seeds)")
def test_drafts_of_the_seed_articles_reach_the_figures_the_readme_gives() -> None:
    results = run()
    unseen, known = totals(results["unseen"]), totals(results["known"])
    assert known["entity_recall"] >= 0.9 and known["entity_precision"] >= 0.9
    assert unseen["entity_recall"] >= 0.85 and unseen["entity_precision"] >= 0.9
    assert unseen["relations_proposed"] >= 0.7 and unseen["dates_right"] == 1.0


def test_a_one_word_name_is_no_spelling_of_another_person(gazetteer: Gazetteer) -> None:
    # The graph knows "M Faisal"; "H. Andi Faizal" of another article is someone else.
    text = (Path(__file__).with_name("fixtures") / "article-bontang.txt").read_text(encoding="utf-8")
    draft = draft_article(text, gazetteer, ArticleInfo(published=date(2025, 11, 6)))
    offices = {r["from"]: r for r in records(draft, "relations") if r.get("type") == "HOLDS_POSITION"}
    assert offices["person-andi-faizal"]["to"] == "inst-dprd-bontang"
    assert "person-m-faisal" not in offices
    assert offices["person-rina-kusuma"]["title"] == "Konsul Jenderal RI di Busan"
    assert node(draft, "event-" + draft.source_id.removeprefix("source-"))["kind"] == "signing"
    agreement = next(r for r in records(draft, "relations") if r["type"] == "AGREEMENT")
    assert (agreement["kind"], agreement["status"]) == ("mou", "signed")
    assert all(r.get("status") != "signed" for r in records(draft, "relations") if r["type"] == "MET")


def test_a_title_after_the_name_and_a_speaker_without_one_are_read(gazetteer: Gazetteer) -> None:
    text = ("Hal itu disampaikan Andi Sulaiman, Ketua Kadin Balikpapan, saat membuka pameran dagang di kota itu. "
            "“Kami siap bekerja sama dengan siapa pun,” kata Budi Prasetyo kepada wartawan yang hadir. "
            "Menurut Rahmad Mas'ud, Wali Kota Balikpapan, kerja sama itu penting bagi para pelaku usaha dan "
            "pemerintah daerah untuk memperluas pasar ekspor.")
    draft = draft_article(text, gazetteer, ArticleInfo(published=date(2025, 9, 1)))
    offices = {(r["from"], r["to"]) for r in records(draft, "relations") if r.get("type") == "HOLDS_POSITION"}
    assert ("person-andi-sulaiman", "inst-kadin-balikpapan") in offices
    assert "person-rahmad-masud--HOLDS_POSITION--inst-pemkot-balikpapan" in {
        r.get("extends") for r in records(draft, "relations")}
    assert node(draft, "person-budi-prasetyo")["name"] == "Budi Prasetyo"
