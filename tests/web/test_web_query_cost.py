"""Every query the web client sends costs less than the API's limit: recorded as the client sends them while
a reader goes through every page (search, an entity with its graph and timeline, a source, a path, the
overview and office holders, a hub with more than a page of relations, and an article drafted and its
fixture rendered), costed as the API costs them."""

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from jalin.config import Settings
from tests.test_query_cost import cost
from tests.web.conftest import guarded_page, wait_for_layout
from tests.web.test_web_client import pick
from tests.web.test_web_draft import ARTICLE, downloaded_yaml, fill_article
from tests.web.test_web_large_graph import HUB, hub_url  # noqa: F401  (the hub's server, for this module too)

WEB_SRC = Path(__file__).resolve().parents[2] / "web" / "src"
OPERATION = re.compile(r"\bquery ([A-Z]\w*)")  # the operations the client names


@pytest.fixture
def sent() -> list[str]:
    """Every GraphQL query the pages sent, in order."""
    return []


def _recording(page: Page, sent: list[str]) -> Page:
    def record(request: Request) -> None:
        if request.url.endswith("/graphql") and request.method == "POST" and request.post_data:
            sent.append(json.loads(request.post_data)["query"])
    page.on("request", record)
    return page


@pytest.fixture
def reader(browser: Browser, base_url: str, sent: list[str]) -> Iterator[Page]:
    with guarded_page(browser, base_url, []) as page:
        yield _recording(page, sent)


def test_every_query_of_the_web_client_is_under_the_cost_limit(reader: Page, browser: Browser, hub_url: str,  # noqa: F811
                                                                writer_base_url: str, sent: list[str]) -> None:
    page = reader
    page.goto("/")
    page.get_by_test_id("search-input").fill("Pajrul")
    page.get_by_test_id("search-result").first.click()
    wait_for_layout(page)
    page.goto("/#/entity/source-000")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.goto("/#/path")
    pick(page, "Palu", "Palu", "path-from")
    pick(page, "Astana", "Astana", "path-to")
    page.get_by_role("button", name="Cari jalur").click()
    expect(page.get_by_test_id("path-result")).to_be_visible()
    page.goto("/")
    expect(page.get_by_role("heading", name="Entitas menurut negara")).to_be_visible()
    page.goto("/#/offices?title=Wali%20Kota%20Balikpapan&on=2025-08-29")
    expect(page.get_by_test_id("office-result")).to_be_visible()
    page.goto("/#/timeline")
    expect(page.get_by_test_id("timeline-entry").first).to_be_visible()
    with guarded_page(browser, hub_url, []) as hub:
        _recording(hub, sent).goto(f"/#/entity/{HUB}")
        wait_for_layout(hub)
    with guarded_page(browser, writer_base_url, []) as drafter:
        _recording(drafter, sent).goto("/#/draft")
        fill_article(drafter, ARTICLE)
        expect(drafter.get_by_test_id("proposal").first).to_be_visible()
        assert downloaded_yaml(drafter)["nodes"]
    declared = {name for path in WEB_SRC.glob("*.js") for name in OPERATION.findall(path.read_text())}
    seen = {name for query in sent for name in OPERATION.findall(query)}
    assert declared <= seen, f"the pages never sent {declared - seen}"
    limit = Settings().max_query_cost
    costs = {query[:60]: cost(query) for query in sent}
    assert costs and all(cost <= limit for cost in costs.values()), costs
    print(f"costliest query of the web client: {max(costs.values()):,} of {limit:,}")
