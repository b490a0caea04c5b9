"""Pages stay light: at national scale there are ≈17,000 of them, and every byte is repeated.

A region page carries its targets table and links; the sentences behind its figures, its charts'
values and the labels site.js writes are in files published once (the region's CSV files,
downloads/csv/indicators.csv, assets/js/labels.json) and read by site.js (tests/browser).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from edutargets.model import load_dataset
from edutargets.site import pages
from edutargets.site.figures import labels_file
from edutargets.site.pages import INDICATOR_REGIONS_HEADER, indicator_context, indicator_regions_file
from edutargets.site.shape import SiteData
from edutargets.site.text import Strings
from edutargets.status import Status
from tests.conftest import ROOT

FRAME_MAX = 6_000  # the theme's frame of every page: head, header, navigation, scripts
REGION_BASE, PER_TARGET, PER_LINK, PER_SOURCE = (
    2_600,
    550,
    150,
    450,
)  # base: with the stage and status filters; a target: its row, status and evidence
SOURCE_MAX = 2_500


def _content(page: str) -> tuple[int, str]:
    """The frame's size and the page's own content (what our templates wrote)."""
    start, stop = page.index('<div class="et-page"'), page.index("</article>")
    return len(page[:start].encode()) + len(page[stop:].encode()), page[start:stop]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_region_pages_carry_no_copy_of_their_files(tiny_site: Path) -> None:
    for page in sorted(tiny_site.glob("regions/*/index.html")) + sorted(tiny_site.glob("en/regions/*/index.html")):
        frame, content = _content(page.read_text(encoding="utf-8"))
        folder = tiny_site / "regions" / page.parent.name
        quotes = [row["quote"] for name in folder.glob("*.csv") for row in _rows(name)]
        for quote in quotes:
            assert quote not in content, f"{page}: a quote copied from the CSV file"
        assert frame <= FRAME_MAX, f"{page}: frame of {frame} bytes"
        targets = content.count("<tr><td>")
        links = content.count("<li>")
        budget = REGION_BASE + PER_TARGET * targets + PER_LINK * links + PER_SOURCE * content.count('rel="nofollow"')
        assert len(content.encode()) <= budget, f"{page}: {len(content.encode())} bytes of content, budget {budget}"


def test_source_pages_are_small(tiny_site: Path) -> None:
    for page in tiny_site.glob("sources/*/index.html"):
        frame, content = _content(page.read_text(encoding="utf-8"))
        assert frame <= FRAME_MAX + 300, f"{page}: frame of {frame} bytes"  # the title is in it three times
        assert len(content.encode()) <= SOURCE_MAX, f"{page}: {len(content.encode())} bytes of content"


def test_no_inline_logo_and_no_tabs(tiny_site: Path) -> None:
    page = (tiny_site / "regions" / "330300" / "index.html").read_text(encoding="utf-8")
    assert "<svg" not in page.split('<label class="md-header__button md-icon"')[0]  # the logo is a file
    assert "md-tabs" not in page and "md-sidebar--secondary" not in page
    assert (tiny_site / "assets" / "images" / "logo.svg").is_file()


def test_labels_file_is_current() -> None:
    """site.js's labels are strings.yml's: run `python -m edutargets.site.figures` after editing it."""
    written = (ROOT / "site_src" / "assets" / "js" / "labels.json").read_bytes()
    assert written == labels_file(Strings.load(ROOT / "site_src" / "strings.yml"))


@pytest.fixture(scope="module")
def shipped() -> SiteData:
    return SiteData.from_dataset(load_dataset(ROOT / "datapackages" / "edutargets"))


def test_indicator_page_is_shortened_at_scale(shipped: SiteData, monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond INDICATOR_PAGE_MAX_ROWS rows an indicator page lists the nation and the provinces,
    and offers the whole list (a row per target) as the CSV file indicator_regions_file writes."""
    strings = Strings.load(ROOT / "site_src" / "strings.yml")
    whole = indicator_context(shipped, "preschool_ger", "zh", strings)
    assert whole["full"] is None and len(whole["rows"]) > 3
    monkeypatch.setattr(pages, "INDICATOR_PAGE_MAX_ROWS", 3)
    short = indicator_context(shipped, "preschool_ger", "en", strings)
    assert short["full"] == {
        "count": len(whole["rows"]),
        "csv": "../../../indicators/preschool_ger/preschool_ger-regions.csv",
        "names": "../../../search/names.json.gz",
        "unit": "%",
        "factor": 1,
        "lang": "en",
    }
    assert {row["depth"] for row in short["rows"]} == {0, 1}
    rows = list(csv.DictReader(indicator_regions_file(shipped, "preschool_ger", strings).decode("utf-8").splitlines()))
    assert list(rows[0]) == INDICATOR_REGIONS_HEADER
    assert [row["region"] for row in rows] == [row["region"]["code"] for row in whole["rows"]]
    # every target of a region has its row: 昆明's ≥ 65% beside its +3–5 percentage points
    kunming = [row for row in rows if row["region"] == "530100" and row["target_year"] == "2006"]
    assert sorted(row["target_zh"] for row in kunming) == ["+3–5 个百分点", "≥ 65%"]
    nation = next(row for row in rows if row["region"] == "000000" and row["target_year"] == "2020")
    assert (
        nation["status"] == "met"
        and nation["evidence_zh"].startswith("2020年：85.2%")
        and nation["evidence_en"].startswith("2020: 85.2%")
    )
    assert all(row["status"] in {s.value for s in Status} for row in rows if row["target_year"])


@pytest.mark.parametrize("limit", [0, 1, 2, 5, 10, 40])
def test_a_list_is_shortened_when_its_rows_exceed_the_limit(limit: int, monkeypatch: pytest.MonkeyPatch) -> None:
    data = SiteData.from_dataset(load_dataset(ROOT / "datapackages" / "edutargets"))
    monkeypatch.setattr(pages, "INDICATOR_PAGE_MAX_ROWS", limit)
    for indicator_id in data.indicators:
        rows = len(pages._indicator_regions(data, indicator_id))
        assert pages.indicator_list_shortened(data, indicator_id) == (rows > limit), indicator_id
