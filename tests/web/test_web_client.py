"""The analysts' web client in headless Chromium: search, entity page, graph, timeline, path, language, export."""

import json
import re

from playwright.sync_api import Browser, Locator, Page, expect

from schema import MODEL
from tests.web.conftest import (
    ARTIFACTS,
    BROWSER_URL,
    graph_fits_view,
    guarded_page,
    is_local,
    screenshot,
    wait_for_layout,
)

AMBASSADOR = "person-fadjroel-rachman"
EMBASSY = "inst-kbri-astana"
ASTANA = "place-astana"


def offsite(requests: list[str]) -> list[str]:
    return [url for url in requests if not is_local(url)]


def results_of(page: Page, testid: str = "search-input") -> Locator:
    """The results listed under one search box."""
    return page.locator(".search", has=page.get_by_test_id(testid)).get_by_test_id("search-result")


def pick(page: Page, text: str, name: str, testid: str = "search-input") -> None:
    """Type into a search box and click the result whose name is exactly `name`."""
    page.get_by_test_id(testid).fill(text)
    exact = page.locator(".result-name", has_text=re.compile(f"^{re.escape(name)}$"))
    results_of(page, testid).filter(has=exact).first.click()


def open_entity(page: Page, entity_id: str) -> None:
    """Open an entity's page and wait until its graph is laid out."""
    page.goto(f"/#/entity/{entity_id}")
    wait_for_graph(page, entity_id)


def wait_for_graph(page: Page, root: str) -> None:
    page.wait_for_function("root => window.jalin?.cy?.$id(root).hasClass('root')", arg=root)
    wait_for_layout(page)
    expect(page.get_by_role("status").filter(has_text=re.compile(r"\d+ (node|nodes),"))).to_be_visible()


def graph_nodes(page: Page) -> set[str]:
    return set(page.evaluate("window.jalin.cy.nodes(':visible').map(n => n.id())"))


def click_node(page: Page, node_id: str) -> None:
    """Click a node where Cytoscape drew it on the canvas."""
    graph = page.get_by_test_id("entity-graph")
    graph.scroll_into_view_if_needed()
    box = graph.bounding_box()
    assert box is not None
    position = page.evaluate("id => window.jalin.cy.$id(id).renderedPosition()", node_id)
    page.mouse.click(box["x"] + position["x"], box["y"] + position["y"])


def timeline_days(page: Page) -> list[str]:
    return page.get_by_test_id("timeline-entry").evaluate_all("els => els.map(e => e.dataset.earliest)")


def test_alias_search_opens_entity_graph_expands_and_timeline_is_ordered(page: Page, requests_seen: list[str]) -> None:
    page.goto("/")
    page.get_by_test_id("search-input").fill("Pajrul")
    first = results_of(page).first
    expect(first).to_contain_text("Fadjroel Rachman")
    expect(first).to_contain_text("Orang")
    expect(first).to_contain_text("Duta Besar")
    expect(first).to_contain_text("2 sumber")
    first.click()
    expect(page).to_have_url(re.compile(f"#/entity/{AMBASSADOR}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Fadjroel Rachman")
    wait_for_graph(page, AMBASSADOR)
    nodes = graph_nodes(page)
    assert {EMBASSY, "place-balikpapan", "person-rahmad-masud"} <= nodes
    assert ASTANA not in nodes
    click_node(page, EMBASSY)
    selected = page.locator(".selected")
    expect(selected).to_contain_text("Kedutaan Besar Republik Indonesia di Astana")
    selected.get_by_role("button", name="Perluas tetangga").click()
    page.wait_for_function("id => window.jalin.cy.$id(id).nonempty()", arg=ASTANA)
    assert graph_nodes(page) > nodes
    expect(selected).not_to_contain_text("null")
    days = timeline_days(page)
    dated = [d for d in days if d]
    assert dated and dated == sorted(dated)
    assert days == dated + [""] * (len(days) - len(dated))
    screenshot(page, "entity-fadjroel-rachman")
    assert offsite(requests_seen) == []


def test_entity_page_shows_offices_sources_grouped_relations_and_browser_link(page: Page) -> None:
    open_entity(page, AMBASSADOR)
    latest = page.get_by_test_id("latest-office")
    expect(latest).to_contain_text("Jabatan terakhir: Duta Besar Luar Biasa")
    expect(latest).to_contain_text("per 29 Agu 2025")
    expect(latest.get_by_role("link", name="Kedutaan Besar Republik Indonesia di Astana")).to_be_visible()
    expect(page.get_by_text("Pajrul Rahman", exact=False).first).to_be_visible()
    expect(page.locator("strong", has_text="Duta Besar Luar Biasa")).to_be_visible()
    expect(page.get_by_text("Antara Kaltim").first).to_be_visible()
    met = page.get_by_role("heading", name=re.compile(r"^Bertemu \(\d+\)$"))
    expect(met).to_have_attribute("title", "MET")
    link = page.get_by_test_id("browser-link")
    expect(link).to_have_attribute("href", re.compile("^" + re.escape(BROWSER_URL)))


def test_source_page_lists_the_report_and_every_fact_it_supports(page: Page) -> None:
    open_entity(page, "source-001")
    expect(page.get_by_test_id("source-record")).to_contain_text("Antara Kaltim")
    expect(page.get_by_test_id("supported-entities").get_by_role("link", name="Fadjroel Rachman")).to_be_visible()
    rows = page.get_by_test_id("supported-relation")
    expect(rows.first).to_be_visible()
    assert rows.count() >= 10
    expect(rows.filter(has_text="M Syirajudin").first).to_be_visible()
    screenshot(page, "source-page")


def test_search_results_show_the_latest_office_marked_former_when_over(page: Page) -> None:
    page.goto("/")
    page.get_by_test_id("search-input").fill("Joko Widodo")
    expect(results_of(page).first.locator(".result-sub")).to_have_text("mantan Presiden RI")
    page.get_by_role("button", name="Switch the interface to English").click()
    page.get_by_test_id("search-input").fill("Joko Widodo")
    expect(results_of(page).first.locator(".result-sub")).to_have_text("former Presiden RI")
    open_entity(page, "person-prabowo-subianto")
    expect(page.get_by_test_id("latest-office")).to_contain_text("Latest office: Presiden RI")
    page.goto("/")
    page.get_by_test_id("search-input").fill("Kedutaan Besar Astana")
    expect(results_of(page).first.locator(".result-sub")).to_have_text("Astana")


def test_search_results_are_navigable_by_keyboard(page: Page) -> None:
    page.goto("/")
    box = page.get_by_test_id("search-input")
    box.focus()
    page.keyboard.type("Fadiroel")
    expect(results_of(page).first).to_contain_text("Fadjroel Rachman")
    expect(box).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    first = results_of(page).first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id") or "")
    page.keyboard.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("End")
    page.keyboard.type(" ")
    expect(results_of(page).first).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"#/entity/{AMBASSADOR}$"))


def test_path_from_palu_to_astana_is_drawn_hop_by_hop(page: Page, requests_seen: list[str]) -> None:
    page.goto("/#/path")
    pick(page, "Palu", "Palu", "path-from")
    pick(page, "Astana", "Astana", "path-to")
    page.get_by_role("button", name="Cari jalur").click()
    result = page.get_by_test_id("path-result")
    expect(result).to_have_attribute("data-length", "4")
    expect(result).to_contain_text("4 langkah")
    hops = result.locator(".hop")
    expect(hops).to_have_count(4)
    expect(hops.first.locator(".rel")).to_contain_text("Memasok")
    expect(hops.first.locator(".rel")).to_have_attribute("data-type", "SUPPLIES")
    expect(hops.first).to_contain_text("Focuskaltim.id")
    expect(hops.last).to_contain_text("Astana")
    screenshot(page, "path-palu-astana")
    assert offsite(requests_seen) == []


def test_language_toggle_switches_words_and_dates(page: Page) -> None:
    page.goto("/#/timeline")
    expect(page.get_by_test_id("timeline-entry").first).to_be_visible()
    expect(page.get_by_text("akhir 2025")).to_be_visible()
    expect(page.get_by_text("29 Agu 2025").first).to_be_visible()
    page.get_by_role("button", name="Switch the interface to English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Timeline")
    expect(page.get_by_text("late 2025")).to_be_visible()
    expect(page.get_by_text("29 Aug 2025").first).to_be_visible()
    screenshot(page, "timeline-english")
    page.get_by_role("button", name="Ganti bahasa ke Bahasa Indonesia").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Linimasa")


def test_timeline_shows_dates_at_their_precision_and_filters(page: Page) -> None:
    page.goto("/#/timeline")
    entries = page.get_by_test_id("timeline-entry")
    expect(entries.first).to_be_visible()
    later = entries.filter(has_text="akhir tahun ini")
    expect(later.locator("time")).to_have_text("akhir 2025")
    expect(entries.filter(has_text="pekan lalu").locator("time")).to_have_text("Jul–Agu 2025")
    expect(entries.filter(has_text="“Minggu”").first.locator("time")).to_have_text("tanggal tidak diketahui")
    total = entries.count()
    page.get_by_label("Status").select_option("completed")
    expect(entries.first).to_be_visible()
    assert 0 < entries.count() < total
    assert set(entries.evaluate_all("els => els.map(e => e.dataset.status)")) == {"completed"}
    page.get_by_label("Jenis").select_option("agreement")
    assert set(entries.evaluate_all("els => els.map(e => e.dataset.kind)")) == {"agreement"}


def test_event_shows_its_span_and_its_sub_events_nested(browser: Browser, events_base_url: str,
                                                        requests_seen: list[str]) -> None:
    with guarded_page(browser, events_base_url, requests_seen) as page:
        page.goto("/#/entity/person-test-envoy")
        entries = page.get_by_test_id("timeline-entry")
        expect(entries).to_have_count(2)  # the visit with its sub-events, then the football match
        visit, match = entries.nth(0), entries.nth(1)
        expect(visit.locator("time").first).to_have_text("12–14 Agu 2025")
        expect(visit.locator(":scope > .event-title")).to_have_text("Verdanian delegation's visit to the province")
        expect(visit.locator(":scope > .kind")).to_have_text("kunjungan kerja")
        subs = visit.get_by_test_id("timeline-subevent")
        expect(subs).to_have_count(2)
        expect(subs.nth(0).locator("time")).to_have_text("13 Agu 2025")
        expect(subs.nth(0)).to_contain_text("Delegation tours the smelter")
        expect(subs.nth(1)).to_contain_text("Seminar on trade with Verdania")
        expect(match.locator("time")).to_have_text("13 Agu 2025")
        expect(match.get_by_test_id("timeline-subevent")).to_have_count(0)
        page.get_by_role("button", name="Switch the interface to English").click()
        expect(page.get_by_test_id("timeline-entry").first.locator("time").first).to_have_text("12–14 Aug 2025")
        expect(page.get_by_test_id("timeline-subevent").nth(1).locator(".kind")).to_have_text("seminar")
        screenshot(page, "timeline-event-sub-events")
    assert offsite(requests_seen) == []


def test_graph_filters_by_relation_type_and_date(page: Page) -> None:
    open_entity(page, "place-balikpapan")
    may = "cy => cy.edges().filter(e => e.data('date') === '2025-05-30')"
    assert page.evaluate(f"({may})(window.jalin.cy).length") > 0
    page.get_by_label("Dari tanggal").fill("2025-08-01")
    # Cytoscape restyles on its next frame, so visibility is awaited rather than read at once.
    # Waited on as functions: a bare expression is evaluated with eval(), which the page's CSP refuses.
    page.wait_for_function(f"() => ({may})(window.jalin.cy).every(e => e.hidden())")
    visits = "window.jalin.cy.edges('[type = \"VISITED\"]')"
    assert page.evaluate(f"{visits}.filter(':visible').length") > 0
    page.get_by_label("Mengunjungi", exact=True).uncheck()
    page.wait_for_function(f"() => {visits}.every(e => e.hidden())")
    expect(page.get_by_role("status").filter(has_text="node")).not_to_contain_text(" 0 relasi")


def test_graph_view_exports_png_and_json(page: Page) -> None:
    open_entity(page, AMBASSADOR)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with page.expect_download() as png_download:
        page.get_by_test_id("export-png").click()
    png = ARTIFACTS / png_download.value.suggested_filename
    png_download.value.save_as(png)
    assert png.name == f"jalin-{AMBASSADOR}.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as json_download:
        page.get_by_test_id("export-json").click()
    saved = ARTIFACTS / json_download.value.suggested_filename
    json_download.value.save_as(saved)
    body = json.loads(saved.read_text(encoding="utf-8"))
    assert body["root"] == AMBASSADOR
    assert {n["id"] for n in body["nodes"]} == graph_nodes(page)
    assert {e["type"] for e in body["edges"]} >= {"MET", "HOLDS_POSITION"}


def test_overview_and_office_holder_pages(page: Page) -> None:
    page.goto("/")
    by_country = page.locator("section", has=page.get_by_role("heading", name="Entitas menurut negara"))
    expect(by_country.get_by_role("row", name=re.compile("Kazakhstan"))).to_contain_text(re.compile(r"\d+"))
    by_status = page.locator("section", has=page.get_by_role("heading", name="Kesepakatan menurut status"))
    expect(by_status).to_contain_text("diusulkan")
    page.goto("/#/offices?title=Wali%20Kota%20Balikpapan&on=2025-08-29")
    expect(page.get_by_test_id("office-result")).to_contain_text("Rahmad Mas'ud")
    expect(page.get_by_test_id("office-result").locator("tbody tr")).to_have_attribute("data-certainty", "HELD")
    screenshot(page, "offices")


def test_every_relation_type_of_the_model_has_a_label_in_both_languages(page: Page) -> None:
    page.goto("/")
    labels = page.evaluate("window.jalin.relationLabels")
    missing = [(kind, lang) for kind in MODEL.relations for lang in ("id", "en")
               if not str(labels.get(kind, {}).get(lang, "")).strip()]
    assert missing == []
    assert set(labels) - set(MODEL.relations) == set()


def test_relation_labels_follow_the_language_everywhere(page: Page) -> None:
    open_entity(page, AMBASSADOR)
    expect(page.get_by_label("Anggota delegasi", exact=True)).to_be_checked()
    assert "Bertemu" in page.evaluate("window.jalin.cy.edges('[type = \"MET\"]').map(e => e.data('label'))")
    page.get_by_role("button", name="Switch the interface to English").click()
    wait_for_graph(page, AMBASSADOR)
    expect(page.get_by_role("heading", name=re.compile(r"^Delegation member \(\d+\)$"))).to_be_visible()
    expect(page.get_by_label("Holds office", exact=True)).to_have_attribute("value", "HOLDS_POSITION")
    assert "Met" in page.evaluate("window.jalin.cy.edges('[type = \"MET\"]').map(e => e.data('label'))")
    page.goto("/")
    by_type = page.locator("section", has=page.get_by_role("heading", name="Relations by type"))
    expect(by_type.locator("th[data-key=SISTER_CITY]")).to_have_text("Sister city")


def test_graph_captions_are_legible_and_the_fit_button_brings_everything_back(page: Page) -> None:
    open_entity(page, AMBASSADOR)
    smallest = page.evaluate("Math.min(...window.jalin.cy.nodes().map(n => parseFloat(n.renderedStyle('font-size'))))")
    assert smallest >= 11
    assert graph_fits_view(page)
    page.evaluate("() => { window.jalin.cy.zoom(3).pan({ x: -2000, y: -2000 }); }")  # return nothing, not the core
    assert not graph_fits_view(page)
    page.get_by_test_id("export-json").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Paskan ke layar")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.jalin.cy.zoom() < 3")
    assert graph_fits_view(page)


def test_entity_page_marks_the_visit_whose_sources_disagree_with_both_claims(page: Page) -> None:
    open_entity(page, AMBASSADOR)
    marker = page.get_by_test_id("conflict")
    expect(marker).to_have_count(1)
    expect(page.locator(".rel-group li", has=marker)).to_contain_text("Balikpapan")
    expect(marker.locator("summary")).to_have_text("⚠ Sumber berbeda: date")
    marker.locator("summary").click()
    preferred, weekday = marker.get_by_test_id("claim").all()
    for claim, day, rank in ((preferred, "29 Agu 2025", "diutamakan"), (weekday, "28 Agu 2025", "biasa")):
        expect(claim).to_contain_text(day)
        expect(claim.locator(".rank")).to_have_text(rank)
        expect(claim.locator(".cite")).to_contain_text("Kazakhstan ambassador visits Balikpapan City Hall")
    expect(preferred).to_contain_text("nilai tersimpan")
    expect(weekday).not_to_contain_text("nilai tersimpan")
    screenshot(page, "entity-conflict")
    page.get_by_role("button", name="Switch the interface to English").click()
    wait_for_graph(page, AMBASSADOR)
    expect(page.get_by_test_id("conflict").locator("summary")).to_have_text("⚠ Sources disagree: date")
