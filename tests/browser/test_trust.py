"""Text from the data stays text in what site.js draws: quotes read from a region's CSV file."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from edutargets.build import build_site
from tests.browser.conftest import served
from tests.conftest import make_package, set_cell
from tests.site.conftest import site_config

HOSTILE_QUOTE = '学前教育毛入园率达到75.0% <img src=x onerror="window.pwned=1"> <b>bold</b> {{ 7*7 }}'


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("hostile-site")
    package = make_package(base / "pkg")
    set_cell(package / "outcomes.csv", 4, "quote", HOSTILE_QUOTE)
    config = site_config(base, package)
    assert build_site(config).built
    with served(config.out) as url:
        yield url


def test_quotes_drawn_from_csv_are_text(browser: object, hostile_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(hostile_url + "regions/000000/", wait_until="networkidle")
        page.wait_for_selector("html[data-charts]")  # the figures and their tables, drawn or not yet
        cells = page.locator("figure.et-chart td.et-chart__quote span", has_text="学前教育毛入园率达到75.0%")
        assert cells.count() == 1 and cells.first.text_content() == HOSTILE_QUOTE
        assert page.locator("figure.et-chart img, figure.et-chart b").count() == 0

        page.goto(hostile_url + "sources/moe-bulletin-2015/", wait_until="networkidle")
        page.wait_for_selector("html[data-quotes-listed]")
        assert (
            page.locator(
                ".et-source-outcomes td.et-chart__quote", has_text="学前教育毛入园率达到75.0%"
            ).first.text_content()
            == HOSTILE_QUOTE
        )
        assert page.locator(".et-source-outcomes img, .et-source-outcomes b").count() == 0
        assert page.evaluate("window.pwned") is None
    finally:
        page.close()
