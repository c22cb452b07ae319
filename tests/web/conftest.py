"""Fixtures for the browser tests of the web client.

Strategy: one real `jalin serve` process per session, over its own data dir (seeded on start),
on a free loopback port; headless Debian Chromium driven by Playwright. Every page runs in a
fresh context that records each request it makes and refuses any that would leave the machine,
so a page that needs the internet fails here as it would offline. Playwright's sync API runs an
event loop of its own while the browser is open, so each test module opens its own browser and
closes it before async tests elsewhere need the session's loop.
"""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from playwright.sync_api import Browser, Page, Playwright, Route, sync_playwright

from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
WEB_DIST = ROOT / "web" / "dist"
BROWSER_URL = "http://127.0.0.1:7474/browser/"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
START_WAIT_S = 90
WRITER_TOKEN = "draft-writer-token"


def _wait_until_ready(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_WAIT_S
    while time.monotonic() < deadline:
        assert server.poll() is None, "jalin serve exited before it was ready"
        try:
            with urlopen(f"{base}/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"jalin serve did not answer {base}/readyz within {START_WAIT_S} s")


@contextmanager
def serve(tmp_path_factory: pytest.TempPathFactory, **settings: str) -> Iterator[str]:
    """Run `jalin serve` on a free port over a fresh data dir (seeded on start); yield its base URL."""
    if not (WEB_DIST / "index.html").is_file():
        pytest.skip("the web client is not built (web/dist): `make web` builds it, `make test` does it first")
    port = free_port()
    env = {**os.environ, "JALIN_DATA_DIR": str(tmp_path_factory.mktemp("web-data")), "JALIN_PORT": str(port),
           "JALIN_HOST": "127.0.0.1", "JALIN_GRAPH_NAME": "jalin", **settings}
    log = (tmp_path_factory.mktemp("web-log") / "serve.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "cli", "serve"], cwd=ROOT, env=env,
                              stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(base, server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real uvicorn server (`jalin serve`) over a freshly seeded store, with Browser links on."""
    with serve(tmp_path_factory, JALIN_BROWSER_URL=BROWSER_URL) as base:
        yield base


@pytest.fixture(scope="session")
def events_base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second server, over the made-up article of a three-day visit with two sub-events (tests/fixtures/events)."""
    with serve(tmp_path_factory, JALIN_SEEDS_DIR=str(ROOT / "tests" / "fixtures" / "events")) as base:
        yield base


@pytest.fixture(scope="session")
def writer_base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A third server, over the made-up city of tests/fixtures/draft/graph, that writes with WRITER_TOKEN."""
    with serve(tmp_path_factory, JALIN_SEEDS_DIR=str(ROOT / "tests" / "fixtures" / "draft" / "graph"),
               JALIN_API_TOKEN=WRITER_TOKEN) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium; Playwright never downloads a browser of its own."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: `make browser` (part of `make test`) installs Debian's chromium")
    with sync_playwright() as playwright:
        yield _launch(playwright)


def _launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)


@pytest.fixture
def requests_seen() -> list[str]:
    """Every URL the page asked for, in order."""
    return []


def is_local(url: str) -> bool:
    """Whether a request stays on this machine (loopback, or data/blob URLs)."""
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob"} or parts.hostname in LOCAL_HOSTS


@pytest.fixture
def page(browser: Browser, base_url: str, requests_seen: list[str]) -> Iterator[Page]:
    """A fresh page in Bahasa Indonesia that records its requests and refuses those leaving the machine."""
    with guarded_page(browser, base_url, requests_seen) as the_page:
        yield the_page


@contextmanager
def guarded_page(browser: Browser, base: str, requests_seen: list[str]) -> Iterator[Page]:
    """A page on `base` in a fresh context that records every request and refuses those leaving the machine."""
    context = browser.new_context(base_url=base, accept_downloads=True, viewport={"width": 1400, "height": 1000})

    def guard(route: Route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            route.abort()

    context.on("request", lambda request: requests_seen.append(request.url))
    context.route("**/*", guard)
    try:
        yield context.new_page()
    finally:
        context.close()


def wait_for_layout(page: Page) -> None:
    """Wait until the graph's last layout has stopped: the client marks Cytoscape's `layoutstop`."""
    page.wait_for_selector("[data-testid=entity-graph][data-layout=ready]")


def graph_fits_view(page: Page) -> bool:
    """Whether every visible node and edge, captions included, lies inside the graph's viewport."""
    return bool(page.evaluate("""() => { const cy = window.jalin.cy;
      const box = cy.elements(':visible').boundingBox(), view = cy.extent();
      return box.x1 >= view.x1 && box.y1 >= view.y1 && box.x2 <= view.x2 && box.y2 <= view.y2; }"""))


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot under tests/artifacts and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
