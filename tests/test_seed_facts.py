"""The seed fixtures say only what the five articles say: one check per corrected fact, and the aliases."""

import re
from pathlib import Path

import pytest

from schema.records import Batch, NodeRecord, RelationRecord
from seeds.loader import read_fixtures
from tests.conftest import SEEDS

ARTICLES = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
TARAKAN_SIGNING = "2025-08-07-kaltim-kaltara-signing"
KALTIM_MEETING = "kaltim-kazakhstan-business-meeting"
ARCHITECTURE = "Department of Architecture, Urban Planning and Land Relations-Akimat Astana"
BERGALIEV_TITLE = f"Deputy Head of the {ARCHITECTURE}"


@pytest.fixture(scope="module")
def batch() -> Batch:
    return read_fixtures(SEEDS)[0]


def node(batch: Batch, node_id: str) -> NodeRecord:
    [found] = [n for n in batch.nodes if n.id == node_id]
    return found


def relations(batch: Batch, rel_type: str, *ends: str, event: str | None = None) -> list[RelationRecord]:
    """Return the `rel_type` edges touching every id in `ends`, of `event` when given."""
    return [r for r in batch.relations if r.type == rel_type and set(ends) <= {r.from_id, r.to_id}
            and (event is None or r.props.get("event") == event)]


def normalised(text: str) -> str:
    """Fold case, straighten curly apostrophes and collapse whitespace."""
    return " ".join(text.replace("\u2018", "'").replace("\u2019", "'").split()).casefold()


def test_tarakan_agreement_names_no_signatory(batch: Batch) -> None:
    signing = [r for r in batch.relations if r.props.get("event") == TARAKAN_SIGNING]
    assert signing and not any(r.props.get("signatories") for r in signing)
    [visit] = relations(batch, "VISITED", "person-harum", "place-tarakan", event=TARAKAN_SIGNING)
    assert not visit.props["purpose"].lower().startswith("sign")


def test_architecture_department_alias_is_one_name(batch: Batch) -> None:
    department = node(batch, "inst-akimat-astana-architecture")
    assert department.props["aliases"] == [ARCHITECTURE]


def test_kaltim_opens_cooperation_with_kazakh_entrepreneurs_not_the_state(batch: Batch) -> None:
    [agreement] = relations(batch, "AGREEMENT", "inst-pemprov-kaltim", event=KALTIM_MEETING)
    [partner] = {agreement.from_id, agreement.to_id} - {"inst-pemprov-kaltim"}
    assert partner != "place-kazakhstan"
    assert node(batch, partner).props["kind"] == "business_group"


def test_fifteen_entrepreneurs_of_000_are_not_the_business_people_of_001(batch: Batch) -> None:
    [counted] = [n for n in batch.nodes if n.props.get("member_count") == 15]
    assert counted.props["sources"] == ["source-000"]
    touching = [r for r in batch.relations if counted.id in (r.from_id, r.to_id)]
    assert all("source-001" not in r.props["sources"] for r in touching)


def test_bergaliev_title_is_written_in_full(batch: Batch) -> None:
    person = "person-bergaliev-gabbas-tokanovich"
    [position] = relations(batch, "HOLDS_POSITION", person)
    [membership] = relations(batch, "MEMBER_OF_DELEGATION", person)
    assert position.props["title"] == membership.props["role"] == BERGALIEV_TITLE


def test_ambassador_ikn_visit_is_planned_not_done(batch: Batch) -> None:
    [visit] = relations(batch, "VISITED", "person-fadjroel-rachman", "place-ikn-nusantara")
    assert visit.props["status"] == "planned"


@pytest.mark.parametrize(("entity", "alias"), [
    ("inst-kbri-astana", "KBRI Astana"),
    ("inst-pemprov-kaltara", "Pemprov Kaltara"),
    ("inst-disdag-balikpapan", "Disdag Kota Balikpapan"),
])
def test_aliases_no_article_writes_are_gone(batch: Batch, entity: str, alias: str) -> None:
    assert alias not in node(batch, entity).props.get("aliases", [])


def test_export_center_opening_has_no_place(batch: Batch) -> None:
    [opening] = relations(batch, "INAUGURATED", "inst-export-center-balikpapan")
    assert "place" not in opening.props


def test_ambassador_bare_surname_is_an_alias(batch: Batch) -> None:
    assert "Fadjroel" in node(batch, "person-fadjroel-rachman").props["aliases"]


def test_every_alias_is_written_in_one_of_its_articles(batch: Batch) -> None:
    """An alias must occur as a whole word, so a short one such as 'RI' cannot hide inside another word."""
    if not ARTICLES.is_dir():
        pytest.skip(f"the seed articles are not at {ARTICLES}")
    files = {n.id: ARTICLES / n.props["seed_file"] for n in batch.nodes if "seed_file" in n.props}
    texts = {source: normalised(path.read_text(encoding="utf-8")) for source, path in files.items() if path.is_file()}
    unwritten = []
    for entity in batch.nodes:
        articles = [texts[s] for s in entity.props["sources"] if s in texts]
        for alias in entity.props.get("aliases", []) if articles else []:
            pattern = re.compile(rf"(?<!\w){re.escape(normalised(alias))}(?!\w)")
            if not any(pattern.search(text) for text in articles):
                unwritten.append((entity.id, alias))
    assert unwritten == []
