"""A hub with 300 neighbours, on a second `jalin serve` over a generated fixture: drawn whole, laid out, filterable."""

import time
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from seeds.loader import read_fixtures
from tests.web.conftest import graph_fits_view, guarded_page, is_local, screenshot, serve, wait_for_layout

HUB = "inst-hub"
NEIGHBOURS = 300
REGIONS = 3
SOURCE = "source-hub"
# (relation type, neighbour's node type, its required properties, hub at the `from` end, relation properties)
LINKS: list[tuple[str, str, dict[str, str], bool, dict[str, str]]] = [
    ("MET", "Person", {}, True, {"status": "completed"}),
    ("HOLDS_POSITION", "Person", {}, False, {"title": "Anggota dewan"}),
    ("MEMBER_OF_DELEGATION", "Person", {}, True, {}),
    ("VISITED", "Place", {"kind": "city"}, True, {"status": "completed"}),
    ("AGREEMENT", "Institution", {"kind": "company"}, True, {"kind": "mou", "status": "signed"}),
    ("PART_OF", "Institution", {"kind": "office"}, False, {}),
    ("PRODUCES", "Commodity", {"category": "food"}, True, {}),
    ("DEMANDS", "Commodity", {"category": "energy"}, True, {}),
]
DATED = {"MET", "VISITED", "AGREEMENT"}
# The first neighbours all met the hub: one type alone exceeds the API's page of 100 relations.
MET_FIRST = 120


def node(label: str, node_id: str, name: str, **properties: str) -> dict[str, Any]:
    return {"type": label, "id": node_id, "name": name, **properties, "sources": [SOURCE]}


def link_of(index: int) -> tuple[str, str, dict[str, str], bool, dict[str, str]]:
    """How the index-th neighbour is linked to the hub."""
    return LINKS[0 if index < MET_FIRST else index % len(LINKS)]


def neighbour_and_link(index: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The index-th neighbour of the hub, its link to the hub and, for places, the region it lies in."""
    kind, label, required, hub_first, extra = link_of(index)
    other = f"{label.lower()}-{index:03d}"
    ends = {"from": HUB, "to": other} if hub_first else {"from": other, "to": HUB}
    link = {"type": kind, **ends, **extra, "sources": [SOURCE]}
    if kind in DATED:
        link["date"] = f"2025-{1 + index % 12:02d}-{1 + index % 28:02d}"
    links = [link]
    if label == "Place":
        links.append({"type": "LOCATED_IN", "from": other, "to": f"region-{index % REGIONS}", "sources": [SOURCE]})
    return node(label, other, f"{label} {index:03d}", **required), links


def hub_fixture() -> dict[str, Any]:
    """One hub institution linked to NEIGHBOURS entities of every kind, some links dated, all sourced."""
    nodes = [node("Source", SOURCE, "Generated hub fixture", language="en", seed_file="hub.yaml"),
             node("Institution", HUB, "Pusat Uji", kind="trade_center")]
    nodes += [node("Place", f"region-{r}", f"Region {r}", kind="region") for r in range(REGIONS)]
    relations: list[dict[str, Any]] = []
    for index in range(NEIGHBOURS):
        other, links = neighbour_and_link(index)
        nodes.append(other)
        relations += links
    return {"nodes": nodes, "relations": relations}


@pytest.fixture(scope="module")
def hub_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second real server, seeded from a folder holding only the hub fixture."""
    seeds = tmp_path_factory.mktemp("hub-seeds")
    (seeds / "hub.yaml").write_text(yaml.safe_dump(hub_fixture(), sort_keys=False), encoding="utf-8")
    read_fixtures(seeds)  # a fixture the loader refuses fails here, with its problems listed
    with serve(tmp_path_factory, JALIN_SEEDS_DIR=str(seeds)) as base:
        yield base


@pytest.fixture
def hub_page(browser: Browser, hub_url: str, requests_seen: list[str]) -> Iterator[Page]:
    with guarded_page(browser, hub_url, requests_seen) as page:
        yield page


def visible_nodes(page: Page) -> set[str]:
    return set(page.evaluate("window.jalin.cy.nodes(':visible').map(n => n.id())"))


def test_hub_with_300_neighbours_is_drawn_whole_laid_out_filtered_and_expanded(
        hub_page: Page, requests_seen: list[str]) -> None:
    page = hub_page
    started = time.monotonic()
    page.goto(f"/#/entity/{HUB}")
    wait_for_layout(page)
    print(f"hub with {NEIGHBOURS} neighbours drawn and laid out in {time.monotonic() - started:.2f} s")
    everyone = {HUB} | {n["id"] for n in hub_fixture()["nodes"][2 + REGIONS:]}
    assert visible_nodes(page) == everyone
    places = page.evaluate("new Set(window.jalin.cy.nodes().map(n => `${n.position().x},${n.position().y}`)).size")
    assert places == len(everyone)
    assert graph_fits_view(page)
    headings = page.locator(".rel-group h3").all_inner_texts()
    assert sum(int(h.rsplit("(", 1)[1].rstrip(")")) for h in headings) == NEIGHBOURS

    met = sum(1 for i in range(NEIGHBOURS) if link_of(i)[0] == "MET")
    assert met > 100  # more than one page of the API's relations, all drawn
    page.get_by_label("Bertemu", exact=True).uncheck()
    page.wait_for_function("() => window.jalin.cy.edges('[type = \"MET\"]').every(e => e.hidden())")
    assert len(visible_nodes(page)) == len(everyone) - met
    page.get_by_label("Bertemu", exact=True).check()

    page.get_by_text("Daftar node").click()
    index = next(i for i in range(NEIGHBOURS) if link_of(i)[1] == "Place")
    place, region = f"place-{index:03d}", f"region-{index % REGIONS}"
    page.locator(f'[data-expand="{place}"]').click()
    page.wait_for_function("id => window.jalin.cy.$id(id).nonempty()", arg=region)
    wait_for_layout(page)
    assert visible_nodes(page) == everyone | {region}
    captioned = "window.jalin.cy.edges().filter(e => e.style('text-opacity') !== '0').map(e => e.target().id())"
    assert set(page.evaluate(captioned)) == {place, region}  # only the selected node's edges
    assert graph_fits_view(page)
    expect(page.get_by_role("status").filter(has_text="node")).to_contain_text(f"{len(everyone) + 1} node")
    screenshot(page, "graph-hub-300")
    assert [url for url in requests_seen if not is_local(url)] == []
