"""The page "Draf dari artikel" in headless Chromium: a made-up article (tests/fixtures/draft/article.txt)
drafted against a made-up city, its findings marked in the text, one proposal rejected and one edited,
the YAML downloaded and read, then written with the token and found through GraphQL."""

import json
import re
from pathlib import Path
from typing import Any
from urllib.request import Request, urlopen

import yaml
from playwright.sync_api import Browser, Locator, Page, expect

from tests.web.conftest import ROOT, WRITER_TOKEN, guarded_page, is_local, screenshot
from tests.web.test_web_accessibility import axe_violations

ARTICLE = (ROOT / "tests" / "fixtures" / "draft" / "article.txt").read_text(encoding="utf-8")
ENGLISH = "The mayor visited the harbour on Tuesday and met the port authority to talk about clean water."
PERSON, EDITED_ID, EDITED_NAME = "person-sari-murni-lestari", "person-sari-lestari", "Sari M. Lestari"


def graphql(base: str, query: str, **variables: Any) -> dict[str, Any]:
    request = Request(f"{base}/graphql", data=json.dumps({"query": query, "variables": variables}).encode(),
                      headers={"Content-Type": "application/json"})
    with urlopen(request, timeout=10) as response:
        body: dict[str, Any] = json.load(response)
    assert "errors" not in body, body
    return body


def fill_article(page: Page, text: str) -> None:
    page.get_by_label("Teks artikel").fill(text)
    page.get_by_label("Tanggal terbit").fill("2025-08-13")
    page.get_by_label("Alamat (URL)").fill("https://news.example/city/visit")
    page.get_by_label("Media").fill("Warta Contoh")
    page.get_by_test_id("draft-submit").click()


def card(page: Page, label: str) -> Locator:
    """The proposal whose label is exactly `label`."""
    exact = page.locator(".proposal-label", has_text=re.compile(f"^{re.escape(label)}$"))
    return page.get_by_test_id("proposal").filter(has=exact)


def edit_person(page: Page) -> None:
    person = card(page, "Sari Murni Lestari")
    person.get_by_role("button", name="Ubah").click()
    person.get_by_label("Id").fill(EDITED_ID)
    person.get_by_label("Nama", exact=True).fill(EDITED_NAME)
    person.get_by_role("button", name="Simpan").click()
    expect(card(page, EDITED_NAME)).to_have_attribute("data-decision", "accepted")
    expect(page.locator(".proposal-label", has_text="Sari Murni Lestari")).to_have_count(0)  # relations' ends too
    assert page.locator(".proposal-label", has_text=EDITED_NAME).count() >= 2


def downloaded_yaml(page: Page) -> dict[str, Any]:
    with page.expect_download() as info:
        page.get_by_test_id("draft-download").click()
    expect(page.get_by_test_id("draft-rendered")).to_contain_text("belum diperiksa")
    found: dict[str, Any] = yaml.safe_load(Path(info.value.path()).read_text(encoding="utf-8"))
    return found


def test_draft_page_marks_findings_takes_decisions_downloads_and_writes(
        browser: Browser, writer_base_url: str, requests_seen: list[str]) -> None:
    with guarded_page(browser, writer_base_url, requests_seen) as page:
        page.goto("/#/draft")
        expect(page.get_by_role("heading", level=1)).to_have_text("Draf dari artikel")
        fill_article(page, ENGLISH)
        error = page.get_by_test_id("draft-error")
        expect(error).to_have_attribute("data-code", "BadRequest")
        expect(error).to_contain_text("does not read as an Indonesian news article")

        fill_article(page, ARTICLE)
        mayor = page.get_by_test_id("mention").filter(has_text="Andi Wirawan Contoh")
        expect(mayor).to_have_count(2)
        expect(card(page, "Andi Wirawan Contoh")).to_contain_text("sudah dikenal")
        expect(page.get_by_test_id("mention").filter(has_text="Balikpapan").first).to_be_visible()
        edit_person(page)
        relation = page.get_by_test_id("proposal").filter(has=page.locator(".type-relation")).last
        relation.locator(".proposal-head").click()
        expect(relation).to_have_class(re.compile(r"\bfocus\b"))
        expect(page.locator(".draft-text .sentence.focus")).to_have_count(relation.get_attribute("data-sentences")
                                                                           .count(",") + 1)
        rejected = json.loads(relation.locator(".record pre").text_content() or "")
        relation.get_by_role("button", name="Tolak").click()
        expect(relation).to_have_attribute("data-decision", "rejected")
        assert axe_violations(page) == []
        screenshot(page, "draft-page")

        fixture = downloaded_yaml(page)
        person = next(r for r in fixture["nodes"] if r.get("id") == EDITED_ID)
        assert person["name"] == EDITED_NAME and "review" not in person
        assert PERSON not in json.dumps(fixture)
        relations = fixture["relations"]
        assert any(r.get("from") == EDITED_ID and r.get("type") == "HOLDS_POSITION" for r in relations)
        assert rejected not in [{k: v for k, v in r.items() if k != "review"} for r in relations]
        assert any("review" in r for r in relations)

        page.get_by_label("Token API").fill(WRITER_TOKEN)
        page.get_by_test_id("draft-write").click()
        expect(page.get_by_test_id("draft-error")).to_contain_text("still marked for review")
        page.get_by_role("button", name="Switch the interface to English").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Draft from article")
        expect(card(page, EDITED_NAME)).to_have_attribute("data-decision", "accepted")
        expect(page.locator("[data-testid=proposal][data-decision=rejected]")).to_have_count(1)
        undecided = page.locator("[data-testid=proposal][data-decision=open]")
        while undecided.count():
            undecided.first.get_by_role("button", name="Accept").click()
        page.get_by_role("button", name="Write to the graph").click()
        expect(page.get_by_test_id("draft-written")).to_contain_text("Written to the graph")
        assert [url for url in requests_seen if not is_local(url)] == []

    written = 'query($id: ID!) { entity(id: $id) { name } mayor: entity(id: "person-test-mayor") { sources { id } } }'
    found = graphql(writer_base_url, written, id=EDITED_ID)["data"]
    assert found["entity"] == {"name": EDITED_NAME}
    assert len(found["mayor"]["sources"]) == 2
