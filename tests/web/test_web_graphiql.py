"""GraphiQL at /graphql in headless Chromium: bundled locally, it renders and runs a query offline."""

import re

from playwright.sync_api import Page, expect

from tests.web.conftest import is_local, screenshot


def test_graphiql_renders_and_runs_a_query_offline(page: Page, requests_seen: list[str]) -> None:
    page.goto("/graphql")
    expect(page.locator(".graphiql-container .monaco-editor").first).to_be_visible()
    expect(page.get_by_role("button", name="Show GraphiQL Explorer")).to_be_visible()
    page.get_by_role("button", name=re.compile("Execute query")).click()
    expect(page.locator(".graphiql-response")).to_contain_text("person-fadjroel-rachman")
    screenshot(page, "graphiql")
    assert any(url.endswith("/graphql") for url in requests_seen)
    assert [url for url in requests_seen if not is_local(url)] == []
