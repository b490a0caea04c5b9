"""An archived document as a reader opens it from its source page, from a server that sends no charset
(as static hosts often do) or a wrong one: its Chinese text must be readable, and the download the
captured bytes."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"

DOCUMENT = "wenzhou-2022-work-points"
SENTENCE = "2022年,xx教育工作的总体思路是"
"""A sentence of the document's first paragraph, as it was captured."""
CHARSETS = {"none": "", "latin1": "; charset=iso-8859-1"}


def _handler(charset: str) -> type[http.server.SimpleHTTPRequestHandler]:
    """Serves .html as text/html and .txt as text/plain with `charset` after them (none: no charset)."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map = {
            **http.server.SimpleHTTPRequestHandler.extensions_map,
            ".html": "text/html" + charset,
            ".txt": "text/plain" + charset,
        }

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextlib.contextmanager
def _served(folder: Path, charset: str) -> Iterator[str]:
    handler = functools.partial(_handler(charset), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Served:
    page: object
    base_url: str


@pytest.fixture(params=list(CHARSETS), ids=list(CHARSETS))
def served(request: pytest.FixtureRequest, browser: object, site_dir: Path) -> Iterator[Served]:
    """A phone-sized page of the shipped site, served with the charset of the test's parameter."""
    with _served(site_dir, CHARSETS[request.param]) as url:
        context = browser.new_context(locale="zh-CN", viewport={"width": 412, "height": 823}, accept_downloads=True)
        yield Served(context.new_page(), url)
        context.close()


def _open_from_the_source_page(served: Served) -> object:
    page = served.page
    page.goto(served.base_url + f"sources/{DOCUMENT}/", wait_until="networkidle")
    # the reader's link to the archived copy (not the download); followed by its address, which stays
    # ASCII when a wrong charset garbles the source page's own text
    page.locator('a[href*="documents/"]:not([download])').first.click()
    page.wait_for_load_state("networkidle")
    return page


def test_the_archived_copy_reads_as_chinese(served: Served) -> None:
    page = _open_from_the_source_page(served)
    assert SENTENCE in page.inner_text("body")  # the .txt itself, served so, shows mojibake here
    assert page.url.endswith(f"documents/{DOCUMENT}.html")
    assert page.evaluate("document.characterSet") == "UTF-8"
    # no sideways scrolling on a phone
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_archived_copy_links_back_and_downloads_the_captured_bytes(served: Served, tmp_path: Path) -> None:
    page = _open_from_the_source_page(served)
    with page.expect_download() as download:
        page.get_by_role("link", name="下载文本文件（.txt，UTF-8） / Download the text file (.txt, UTF-8)").click()
    saved = tmp_path / "document.txt"
    download.value.save_as(saved)
    assert saved.read_bytes() == (ROOT / "datapackages" / "edutargets" / "documents" / f"{DOCUMENT}.txt").read_bytes()
    page.get_by_role("link", name="来源详情", exact=True).click()  # one link per language of the source pages
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"sources/{DOCUMENT}/")


def test_the_archived_copy_is_accessible(served: Served) -> None:
    page = _open_from_the_source_page(served)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    assert [f"{v['id']}: {v['help']} ({v['nodes'][0]['target']})" for v in result["violations"]] == []
