"""Offices over time: terms whose ends are windows, how sure an answer is, who came before and after, and a
person's latest office, on both stores over tests/fixtures/offices (a made-up city and its mayors)."""

import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.offices import days_of
from graph.store import Store
from jalin.errors import InvalidData
from seeds.loader import read_fixtures, seed
from tests.conftest import FIXTURES, data

OFFICES = FIXTURES / "offices"
MAYOR = "person-first-mayor--HOLDS_POSITION--inst-pemkot-contoh"
HOLDERS = """query($on: String!, $title: String, $institution: ID) {
  officeHolders(on: $on, title: $title, institutionId: $institution) {
    certainty person { id }
    predecessor { certainty person { id } predecessor { person { id } } }
    successor { certainty person { id } successor { person { id } } } } }"""


@pytest.fixture
async def seeded(empty_store: Store, writer: httpx.AsyncClient) -> httpx.AsyncClient:
    """The API over the made-up city, once per store."""
    await seed(empty_store, OFFICES)
    return writer


async def holders_on(client: httpx.AsyncClient, day: str, **args: Any) -> list[tuple[str, str]]:
    result = await data(client, HOLDERS, on=day, **args)
    return [(h["person"]["id"], h["certainty"]) for h in result["officeHolders"]]


@pytest.mark.parametrize(("props", "possible", "held"), [
    ({"as_of": ["2025-08-29"]}, ("2025-08-29", "2025-08-29"), ("2025-08-29", "2025-08-29")),
    ({"as_of": ["2025-08"]}, ("2025-08-01", "2025-08-31"), None),
    ({"start": "2020-01-01", "end": "2025"}, ("2020-01-01", "2025-12-31"), ("2020-01-01", "2025-01-01")),
    ({"end_latest": "2024-09", "as_of": ["2024-03-10"]}, ("2024-03-10", "2024-09-30"), ("2024-03-10", "2024-03-10")),
    ({"former": True, "as_of": ["2019-05-02"]}, ("2019-05-02", "2019-05-02"), ("2019-05-02", "2019-05-02")),
])
def test_days_of_a_tenure_read_every_date_as_the_days_it_can_mean(
        props: dict[str, Any], possible: tuple[str, str], held: tuple[str, str] | None) -> None:
    days = days_of(props)
    assert days is not None
    assert (days.possible, days.held) == (possible, held)


@pytest.mark.parametrize("props", [{}, {"former": True}, {"start": "2021-02-26"}, {"end": "2021"}])
def test_days_of_a_tenure_with_an_unbounded_side_are_none(props: dict[str, Any]) -> None:
    assert days_of(props) is None


async def test_office_holders_term_ended_in_a_window_is_held_then_uncertain_then_nobody(
        seeded: httpx.AsyncClient) -> None:
    mayor = {"title": "Wali Kota Contoh"}
    assert await holders_on(seeded, "2014-06-01", **mayor) == [("person-first-mayor", "HELD")]
    assert await holders_on(seeded, "2015-05-01", **mayor) == [("person-first-mayor", "UNCERTAIN"),
                                                              ("person-second-mayor", "UNCERTAIN")]
    assert await holders_on(seeded, "2015-09-02", **mayor) == [("person-second-mayor", "HELD")]


async def test_office_holders_end_given_as_a_year_is_uncertain_through_that_year(seeded: httpx.AsyncClient) -> None:
    mayor = {"title": "mayor of contoh"}
    assert await holders_on(seeded, "2019-12-31", **mayor) == [("person-second-mayor", "HELD")]
    assert await holders_on(seeded, "2020-12-31", **mayor) == [("person-second-mayor", "UNCERTAIN")]
    assert await holders_on(seeded, "2021-01-15", **mayor) == []


async def test_office_holders_predecessor_and_successor(seeded: httpx.AsyncClient) -> None:
    result = await data(seeded, HOLDERS, on="2017-01-01", institution="inst-pemkot-contoh")
    [second] = result["officeHolders"]
    assert second["person"]["id"] == "person-second-mayor"
    assert second["predecessor"] == {"certainty": None, "person": {"id": "person-first-mayor"}, "predecessor": None}
    assert second["successor"] == {"certainty": None, "person": {"id": "person-third-mayor"}, "successor": None}


async def test_office_holders_in_office_together_are_neither_predecessor_nor_successor(
        seeded: httpx.AsyncClient) -> None:
    result = await data(seeded, HOLDERS, on="2022-01-01", institution="inst-dprd-contoh")
    members = result["officeHolders"]
    assert [(m["person"]["id"], m["certainty"]) for m in members] == [("person-council-a", "HELD"),
                                                                     ("person-council-b", "HELD")]
    assert all(m["predecessor"] is None and m["successor"] is None for m in members)


async def test_latest_office_of_a_person_and_null_on_a_place(seeded: httpx.AsyncClient) -> None:
    query = """query($id: ID!) { entity(id: $id) { latestOffice { title certainty former institution { id }
        predecessor { person { id } } successor { person { id } } } } }"""
    first = (await data(seeded, query, id="person-first-mayor"))["entity"]["latestOffice"]
    assert first == {"title": "Anggota DPR", "certainty": None, "former": False,
                     "institution": {"id": "inst-dpr-contoh"}, "predecessor": None, "successor": None}
    second = (await data(seeded, query, id="person-second-mayor"))["entity"]["latestOffice"]
    assert second["predecessor"] == {"person": {"id": "person-first-mayor"}}
    assert second["successor"] == {"person": {"id": "person-third-mayor"}}
    for nobody in ("place-contoh", "inst-pemkot-contoh", "person-no-office"):
        assert (await data(seeded, query, id=nobody))["entity"] == {"latestOffice": None}


async def test_latest_office_of_many_persons_costs_one_round_trip(empty_store: Store,
                                                                  seeded: httpx.AsyncClient) -> None:
    before = empty_store.round_trips
    result = await data(seeded, """{ entities(types: ["Person"], first: 50) { edges { node { id
        latestOffice { title predecessor { title successor { title } } } } } } }""")
    offices = {e["node"]["id"]: e["node"]["latestOffice"] for e in result["entities"]["edges"]}
    assert offices["person-third-mayor"]["predecessor"]["successor"] == {"title": "Wali Kota Contoh"}
    assert offices["person-no-office"] is None
    # page + total count + one read of every position at the persons' institutions
    assert empty_store.round_trips - before == 3


def test_article_extending_a_term_with_a_reversed_window_names_its_own_line(tmp_path: Path) -> None:
    root = tmp_path / "fixtures"
    shutil.copytree(OFFICES, root)
    (root / "later.yaml").write_text(f"""relations:
  - extends: {MAYOR.replace("first", "third")}
    end_earliest: "2026-06"
    end_latest: "2026-01"
    sources: [source-contoh-2024]
""")
    with pytest.raises(InvalidData) as raised:
        read_fixtures(root)
    [problem] = raised.value.problems
    assert problem.where.endswith("later.yaml:4")
    assert "end_latest 2026-01 is before end_earliest 2026-06" in problem.message
