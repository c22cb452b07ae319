"""Neo4j Browser in headless Chromium on the tests' Neo4j: Jalin's style, guide, favorites and deep links.

Strategy: the session's Neo4j (fixture `neo4j`) has Browser run `style` and `play` against Jalin's API
on `neo4j_api_port` once it connects. This module seeds that Neo4j, starts one `jalin serve --no-seed`
on that port over it, and opens the Browser that Neo4j serves itself, in a fresh guarded context per
test, connecting through the form as a user would. Browser reaches Bolt over a WebSocket on another
loopback port, which the guard allows; its calls to the internet (fonts, telemetry) are refused.
"""

import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.request import Request, urlopen

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from api.browser_guide import load_favorites
from api.browser_style import node_style
from graph.neo4j import Neo4jStore
from graph.stats import count_entities
from seeds.loader import read_fixtures, seed
from tests.conftest import SEEDS
from tests.neo4j_server import Neo4jEndpoint
from tests.web.conftest import ROOT, _wait_until_ready, guarded_page, screenshot

AMBASSADOR = ("person-fadjroel-rachman", "Fadjroel Rachman")
PALU = ("place-palu", "Palu")
FAVORITES = {favorite.path.stem: favorite for favorite in load_favorites()}
ELLIPSIS = "…"  # Browser cuts a long caption to fit its circle
CONNECT_WAIT_MS = 30_000  # a first Bolt connection to a fresh Neo4j, then fetching the style and the guide


@pytest.fixture(scope="session")
async def neo4j_seeded(neo4j_session_store: Neo4jStore) -> AsyncIterator[Neo4jStore]:
    """Neo4j holding exactly the seeds, re-seeded if a writing test left something else."""
    expected = len(read_fixtures(SEEDS)[0].nodes)
    if await count_entities(neo4j_session_store) != expected:
        await neo4j_session_store.clear()
        await seed(neo4j_session_store, SEEDS)
    yield neo4j_session_store


@pytest.fixture(scope="session")
def browser_api(neo4j: Neo4jEndpoint, neo4j_seeded: Neo4jStore, neo4j_api_port: int,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`jalin serve` over the seeded Neo4j, on the port Browser's post-connect commands name."""
    if neo4j.server is None:
        pytest.skip("Browser tests need the Neo4j the session starts (JALIN_TEST_NEO4J_URI names another)")
    env = {**os.environ, "JALIN_NEO4J_URI": neo4j.uri, "JALIN_NEO4J_USER": neo4j.user,
           "JALIN_NEO4J_PASSWORD": neo4j.password, "JALIN_PORT": str(neo4j_api_port), "JALIN_HOST": "127.0.0.1",
           "JALIN_BROWSER_URL": f"{neo4j.server.http_url}/browser/",
           "JALIN_DATA_DIR": str(tmp_path_factory.mktemp("browser-api-data"))}
    log_path = tmp_path_factory.mktemp("browser-api-log") / "serve.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--no-seed"], cwd=ROOT, env=env,
                                  stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{neo4j_api_port}"
        try:
            wait_until_ready(base, server, log_path)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)


def wait_until_ready(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    """Wait for the API's /readyz; on failure, say what its log ends with."""
    try:
        _wait_until_ready(base, server)
    except AssertionError as error:
        raise AssertionError(f"{error}; its log, {log}, ends: {log.read_text()[-1000:]}") from error


@pytest.fixture
def neo4j_page(browser: Browser, browser_api: str, neo4j: Neo4jEndpoint) -> Iterator[Page]:
    """A fresh page, on Neo4j's HTTP origin, that refuses requests leaving the machine."""
    assert neo4j.server is not None
    with guarded_page(browser, neo4j.server.http_url, []) as page:
        yield page


def connect(page: Page, neo4j: Neo4jEndpoint, url: str) -> None:
    """Open Browser at `url`, log in with the password through the form and wait for Jalin's guide."""
    page.goto(url)
    page.get_by_test_id("username").fill(neo4j.user)
    page.get_by_test_id("password").fill(neo4j.password)
    page.get_by_test_id("connect").click()
    expect(page.get_by_test_id("carousel")).to_be_visible(timeout=CONNECT_WAIT_MS)
    # The usage-report banner pushes frames down and covers the screenshots.
    banner = page.get_by_text("To help make Neo4j Browser better")
    if banner.is_visible():
        banner.locator("xpath=following-sibling::span").click()
        expect(banner).to_be_hidden()


def connect_form_url(neo4j: Neo4jEndpoint) -> str:
    assert neo4j.server is not None
    return f"{neo4j.server.browser_url(neo4j.user)}&preselectAuthMethod=NATIVE"


def frame(page: Page, command: str) -> Locator:
    """The newest frame whose command holds `command`'s first line (Browser shows a command on one line)."""
    first_line = command.strip().splitlines()[0]
    label = page.get_by_test_id("frameCommand").filter(has_text=first_line)
    return page.get_by_test_id("stream").get_by_test_id("frame").filter(has=label).first


def run(page: Page, query: str) -> Locator:
    """Paste `query` into the editor, run it, and return its frame."""
    page.get_by_test_id("activeEditor").click()
    page.keyboard.insert_text(query)
    page.get_by_test_id("editor-Run").click()
    return frame(page, query)


def nodes(result: Locator) -> Locator:
    """The nodes Browser drew in a result frame, once there are some (its layout takes seconds on a busy
    machine: the suite's other process may be seeding a store meanwhile)."""
    drawn = result.locator("svg g.node")
    expect(drawn.first).to_be_visible(timeout=30_000)
    return drawn


def captions(result: Locator) -> list[str]:
    """The caption of every drawn node, its lines joined."""
    return [" ".join(line.strip() for line in node.locator("text.caption").all_text_contents())
            for node in nodes(result).all()]


def shows_name(caption: str, name: str) -> bool:
    """Whether a caption is `name`, or its start cut by Browser's ellipsis."""
    return caption == name or (caption.endswith(ELLIPSIS) and len(caption) > 3
                               and name.startswith(caption.removesuffix(ELLIPSIS)))


def graphql(api: str, query: str) -> dict[str, object]:
    """Post a GraphQL query to the running API; return its data."""
    request = Request(f"{api}/graphql", data=json.dumps({"query": query}).encode(),
                      headers={"Content-Type": "application/json"})
    with urlopen(request, timeout=10) as response:
        body = json.load(response)
    assert "errors" not in body, body["errors"]
    data: dict[str, object] = body["data"]
    return data


def test_browser_applies_jalin_style_after_connect(neo4j_page: Page, neo4j: Neo4jEndpoint, browser_api: str) -> None:
    connect(neo4j_page, neo4j, connect_form_url(neo4j))
    style_frame = frame(neo4j_page, f":style {browser_api}/browser/style.grass")
    expect(style_frame).to_contain_text("node.Person")
    entity_id, name = AMBASSADOR
    result = run(neo4j_page, f"MATCH (p:Person {{id: '{entity_id}'}}) RETURN p")
    person = nodes(result)
    expect(person).to_have_count(1)
    circle = person.locator("circle.b-outline")
    style = node_style("Person")
    assert circle.get_attribute("fill") == style.color
    assert circle.get_attribute("stroke") == style.border
    assert circle.get_attribute("r") == str(style.diameter // 2)
    assert person.locator("text.caption").first.get_attribute("fill") == style.text
    [caption] = captions(result)
    assert shows_name(caption, name), caption
    screenshot(neo4j_page, "neo4j-browser-style")


def test_browser_plays_jalin_guide_whose_slide_query_draws_a_path(neo4j_page: Page, neo4j: Neo4jEndpoint,
                                                                  browser_api: str) -> None:
    connect(neo4j_page, neo4j, connect_form_url(neo4j))
    guide = frame(neo4j_page, f":play {browser_api}/browser/guide.html")
    expect(guide).to_contain_text(f"1 / {len(FAVORITES) + 1}")
    expect(guide.locator("h3").first).to_have_text("Jalin")
    expect(guide.locator("pre.runnable").first).to_have_text(f":style {browser_api}/browser/style.grass")
    favorite = FAVORITES["4-palu-to-astana"]
    slide = list(FAVORITES).index(favorite.path.stem) + 2
    guide.locator(f"li[aria-label='{slide}']").click()
    expect(guide).to_contain_text(f"{slide} / {len(FAVORITES) + 1}")
    expect(guide.locator("h3", has_text=favorite.title)).to_be_visible()
    guide.locator("pre.runnable", has_text=favorite.title).click()
    expect(neo4j_page.get_by_test_id("activeEditor")).to_contain_text("MATCH chain")
    neo4j_page.get_by_test_id("editor-Run").click()
    drawn = captions(frame(neo4j_page, favorite.text))
    assert "Palu" in drawn and "Astana" in drawn, drawn
    screenshot(neo4j_page, "neo4j-browser-guide")


def test_browser_runs_a_favorite_into_rows(neo4j_page: Page, neo4j: Neo4jEndpoint) -> None:
    connect(neo4j_page, neo4j, connect_form_url(neo4j))
    favorite = FAVORITES["2-agreements"]
    result = run(neo4j_page, favorite.text)
    expect(result.get_by_test_id("frameStatusbar")).to_contain_text(" records ")
    rows = result.get_by_role("row")
    expect(rows.first).to_be_visible()
    assert rows.count() > 2
    expect(result).to_contain_text("Pemerintah Kota Balikpapan")
    expect(result).to_contain_text("SISTER_CITY")
    screenshot(neo4j_page, "neo4j-browser-favorite")


def test_entity_browser_link_opens_its_neighbourhood(neo4j_page: Page, neo4j: Neo4jEndpoint, browser_api: str) -> None:
    entity_id, name = PALU
    data = graphql(browser_api, f'{{ entity(id: "{entity_id}") {{ name browserUrl }} }}')
    entity = data["entity"]
    assert isinstance(entity, dict) and entity["name"] == name
    link = entity["browserUrl"]
    assert neo4j.server is not None and link.startswith(f"{neo4j.server.http_url}/browser/?cmd=edit&arg=")
    connect(neo4j_page, neo4j, link)
    editor = neo4j_page.get_by_test_id("activeEditor")
    expect(editor).to_contain_text(f"'{entity_id}'")
    neo4j_page.get_by_test_id("editor-Run").click()
    drawn = captions(frame(neo4j_page, f"MATCH (n:Entity {{id: '{entity_id}'}})"))
    assert name in drawn and len(drawn) > 2, drawn
    screenshot(neo4j_page, "neo4j-browser-deep-link")

