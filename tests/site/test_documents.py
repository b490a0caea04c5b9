"""An archived document is published twice: its captured bytes as they are (the download), and a page
that shows its text as UTF-8 whatever charset the server sends."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from edutargets.build import build_site
from tests.conftest import make_package, set_cell
from tests.site.conftest import site_config
from tests.site.htmlcheck import broken_links, parse

# CRLF and LF, markup to be shown as text, no final newline: the .txt must keep all of it.
CAPTURED = "2020年全国教育事业发展统计公报\r\n专任教师1792.97万人。\n<script>alert(1)</script> & “引号”\n\n  缩进的一行".encode()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("documents")
    package = make_package(base / "pkg")
    (package / "documents").mkdir()
    (package / "documents" / "moe-bulletin-2020.txt").write_bytes(CAPTURED)
    set_cell(package / "sources.csv", 3, "copy", "documents/moe-bulletin-2020.txt")  # moe-bulletin-2020
    config = site_config(base, package)
    result = build_site(config)
    assert result.built, result.report.problems
    return config.out


def test_the_download_is_the_captured_bytes(site: Path) -> None:
    assert (site / "documents" / "moe-bulletin-2020.txt").read_bytes() == CAPTURED


def test_the_page_shows_the_text_as_utf8_whatever_the_server_says(site: Path) -> None:
    page = (site / "documents" / "moe-bulletin-2020.html").read_bytes()
    assert page.startswith("\ufeff<!DOCTYPE html>".encode())  # a BOM outranks the Content-Type's charset
    text = page.decode("utf-8")
    assert '<meta charset="utf-8">' in text[:1024] and '<html lang="zh-CN">' in text
    shown = text.split('<div class="text" id="text">', 1)[1].split("</div>", 1)[0]
    assert html.unescape(shown) == CAPTURED.decode("utf-8")
    assert "<script>alert(1)</script>" not in text
    about = text.split('<div class="text"')[0]
    assert "2026-11-01" in about  # when it was captured, and where
    assert 'href="https://ckhq.net/arc/hqck/jsck/2021/0829/541867.html"' in about


def test_readers_links_lead_to_the_page_and_the_download_stays_offered(site: Path) -> None:
    source = parse(site / "sources" / "moe-bulletin-2020" / "index.html").links
    assert "../../documents/moe-bulletin-2020.html" in source and "../../documents/moe-bulletin-2020.txt" in source
    for region in ("regions/000000/index.html", "en/regions/000000/index.html"):
        links = parse(site / region).links
        assert any(href.endswith("documents/moe-bulletin-2020.html") for href in links), region
        assert not any(href.endswith(".txt") for href in links), region
    page = parse(site / "documents" / "moe-bulletin-2020.html").links
    assert "../sources/moe-bulletin-2020/" in page and "moe-bulletin-2020.txt" in page


def test_the_page_links_lead_to_files_that_exist(site: Path) -> None:
    # as in test_build: quote anchors are made by site.js, the methodology links the shipped data
    broken = broken_links(site, skip_anchor=lambda anchor: anchor.startswith("q-"))
    assert [line for line in broken if not line.startswith(("methodology/", "en/methodology/"))] == []
    assert (site / "documents" / "moe-bulletin-2020.html").is_file()


def test_the_page_is_in_the_sitemap_and_the_download_is_not(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/documents/moe-bulletin-2020.html</loc>" in sitemap
    assert ".txt</loc>" not in sitemap


def _published(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


EDITS = {
    "text": lambda package: (package / "documents" / "moe-bulletin-2020.txt").write_bytes(
        CAPTURED + "\n补记一行".encode()
    ),
    "source": lambda package: (
        set_cell(package / "sources.csv", 3, "accessed", "2026-10-30"),
        set_cell(package / "sources.csv", 3, "title_en", "Bulletin 2020, edited"),
    ),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_rebuild_after_editing_the_text_or_its_source_equals_a_build_from_scratch(tmp_path: Path, edit: str) -> None:
    """The page's declared inputs (files.py) cover the document's bytes and its source's row."""
    package = make_package(tmp_path / "pkg")
    (package / "documents").mkdir()
    (package / "documents" / "moe-bulletin-2020.txt").write_bytes(CAPTURED)
    set_cell(package / "sources.csv", 3, "copy", "documents/moe-bulletin-2020.txt")
    config = site_config(tmp_path / "before", package)
    assert build_site(config).built
    before = _published(config.out)["documents/moe-bulletin-2020.html"]
    EDITS[edit](package)
    assert build_site(config).built
    scratch = site_config(tmp_path / "scratch", package)
    assert build_site(scratch).built
    rebuilt, fresh = _published(config.out), _published(scratch.out)
    assert fresh["documents/moe-bulletin-2020.html"] != before
    assert [name for name in sorted(fresh) if rebuilt.get(name) != fresh[name]] == []
