"""Basic accessibility of the web client: labelled controls and sufficient contrast, checked by axe-core."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import ROOT

AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["color-contrast", "label", "button-name", "link-name", "select-name", "aria-allowed-attr",
         "aria-required-children", "aria-required-parent", "aria-valid-attr-value", "html-has-lang",
         "image-alt", "list", "listitem", "duplicate-id-aria"]


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run the chosen axe-core rules on the page; return the violations, each with the failing nodes."""
    if not AXE.is_file():
        pytest.skip(f"{AXE} is missing: `make web` installs the front-end packages")
    # Evaluated by the browser's debugging protocol: a script tag would be inline script, which the
    # pages' Content-Security-Policy refuses, as it should.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;window.axe !== undefined")
    result = page.evaluate("rules => axe.run(document, { runOnly: { type: 'rule', values: rules } })", RULES)
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]]


@pytest.mark.parametrize("address", ["/", "/#/entity/person-fadjroel-rachman", "/#/timeline",
                                     "/#/path?from=place-palu&to=place-astana", "/#/offices"])
def test_pages_pass_contrast_and_label_checks(page: Page, address: str) -> None:
    page.goto(address)
    expect(page.locator("main h1, main h2").first).to_be_visible()
    page.get_by_test_id("search-input").fill("balik")
    expect(page.get_by_test_id("search-result").first).to_be_visible()
    assert axe_violations(page) == []


def test_every_control_has_a_name(page: Page) -> None:
    page.goto("/#/entity/person-fadjroel-rachman")
    expect(page.get_by_test_id("entity-graph")).to_be_visible()
    unnamed = page.locator("input, select, button").evaluate_all(
        "els => els.filter(e => !(e.labels?.length || e.getAttribute('aria-label') || e.textContent.trim()))"
        ".map(e => e.outerHTML)")
    assert unnamed == []
    expect(page.get_by_role("combobox", name="Cari entitas")).to_be_visible()
    expect(page.get_by_role("img", name="Graf relasi")).to_be_visible()
