"""Browser tests: the shipped data built with the real build, served on loopback, read in Chromium.

Chromium is Debian's package (Playwright's own browser download does not work here). Without it
the tests are skipped with a reason, except where EDUTARGETS_REQUIRE_BROWSER=1 (CI), where a
missing browser fails the run.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from edutargets.build import build_site
from tests.conftest import ROOT
from tests.site.conftest import site_config

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    configured = os.environ.get("EDUTARGETS_CHROMIUM")
    if configured:
        return configured if os.path.isfile(configured) else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    browser_tests = [item for item in items if "tests/browser/" in item.nodeid]
    for item in browser_tests:
        item.add_marker(pytest.mark.browser)
    if chromium_path() or os.environ.get("EDUTARGETS_REQUIRE_BROWSER") == "1":
        return  # where the browser is required, the browser fixture fails instead of skipping
    reason = "Chromium not found: apt-get install chromium (Debian) to run the browser tests"
    for item in browser_tests:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("shipped-site")
    config = site_config(base, ROOT / "datapackages" / "edutargets")
    result = build_site(config)
    assert result.built, result.report.problems
    return config.out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """A built site served on 127.0.0.1 for as long as the block runs; its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    with served(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if os.environ.get("EDUTARGETS_REQUIRE_BROWSER") == "1" and not chromium_path():
        pytest.fail("EDUTARGETS_REQUIRE_BROWSER=1 but Chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@dataclass
class Watched:
    """A page and everything it did wrong: console errors, failed and off-site requests."""

    page: object
    base_url: str
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)


@pytest.fixture
def watched(browser: object, base_url: str) -> Iterator[Watched]:
    context = browser.new_context(accept_downloads=True, locale="zh-CN")
    page = context.new_page()
    watched = Watched(page=page, base_url=base_url)
    page.on("console", lambda m: watched.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watched.console_errors.append(str(e)))
    # ERR_ABORTED is a request the page itself cancelled (a navigation away, or an off-site request
    # stopped below and counted in `external`); a missing file still shows as a 4xx response.
    page.on(
        "requestfailed",
        lambda r: watched.failed.append(f"{r.url} {r.failure}") if "ERR_ABORTED" not in (r.failure or "") else None,
    )
    page.on("response", lambda r: watched.failed.append(f"{r.url} {r.status}") if r.status >= 400 else None)

    def route(request_route: object) -> None:
        url = request_route.request.url
        if url.startswith(base_url) or url.startswith(("data:", "blob:")):
            request_route.continue_()
        else:
            watched.external.append(url)
            request_route.abort()

    context.route("**/*", route)
    yield watched
    context.close()
