"""An indicator page at national scale: nation and provinces in the page, every region on demand."""

from __future__ import annotations

import csv
from collections.abc import Iterator

import pytest

from edutargets.build import build_site
from edutargets.model import load_dataset
from edutargets.site import pages
from edutargets.site.shape import SiteData
from tests.browser.conftest import served
from tests.conftest import ROOT
from tests.site.conftest import site_config

INDICATOR = "preschool_ger"


@pytest.fixture(scope="module")
def shortened_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shipped data built as if it had more regions than an indicator page lists."""
    base = tmp_path_factory.mktemp("shortened-site")
    config = site_config(base, ROOT / "datapackages" / "edutargets")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pages, "INDICATOR_PAGE_MAX_ROWS", 3)
        assert build_site(config).built
    with served(config.out) as url:
        yield url


def _all_codes() -> list[str]:
    """A row per target (and per region with figures but none), region by region."""
    data = SiteData.from_dataset(load_dataset(ROOT / "datapackages" / "edutargets"))
    return [region["code"] for region, _, _ in pages._indicator_regions(data, INDICATOR)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_indicator_page_lists_every_region_on_demand(browser: object, shortened_url: str, lang: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.url} {r.status}") if r.status >= 400 else None)
    try:
        page.goto(
            shortened_url + ("en/" if lang == "en" else "") + f"indicators/{INDICATOR}/", wait_until="networkidle"
        )
        table = page.locator("table.et-by-region")
        shown = table.locator("tbody tr").count()
        codes = _all_codes()
        assert 1 < shown < len(codes)
        link = page.locator(f'#et-regions-shortened a[href$="{INDICATOR}-regions.csv"]')
        assert link.is_visible()
        page.locator("#et-regions-shortened button").click()
        page.wait_for_selector("html[data-regions-listed]")
        assert table.locator("tbody tr").count() == len(codes)
        hrefs = table.locator("tbody tr td:first-child a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        assert [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs] == codes
        assert all(("/en/regions/" in href) == (lang == "en") for href in hrefs)
        assert len(set(codes)) < len(codes)  # a region with several targets has a row for each
        wenzhou = table.locator("tbody tr", has=page.locator('a[href$="/regions/330300/"]')).first
        assert wenzhou.locator("td").nth(1).inner_text() == ("地级" if lang == "zh" else "Prefecture")
        assert "%" in wenzhou.locator("td").nth(2).inner_text()
        header = table.locator("th").nth(2)
        header.click()
        assert header.get_attribute("aria-sort") in ("ascending", "descending")
        with (ROOT / "datapackages" / "edutargets" / "regions.csv").open(encoding="utf-8") as handle:
            assert {row["code"] for row in csv.DictReader(handle)} >= set(codes)
        nation = table.locator("tbody tr", has=page.locator('a[href$="/regions/000000/"]'))
        assert nation.locator(".et-evidence").count() >= 1  # every status beside its evidence
        assert errors == []
    finally:
        page.close()
