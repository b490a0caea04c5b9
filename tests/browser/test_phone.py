"""A reader on a phone (412 px wide, touch), in both languages: what is drawn when, what can be
reached by keyboard, and that no table is cut off without a sign that it scrolls."""

from __future__ import annotations

import csv
from collections.abc import Iterator

import pytest

from tests.browser.conftest import Watched
from tests.conftest import ROOT

PHONE = {"viewport": {"width": 412, "height": 823}, "is_mobile": True, "has_touch": True}
LANGS = ["zh", "en"]
REGION = "regions/330300/"  # the region with the most charts


def prefix(lang: str) -> str:
    return "" if lang == "zh" else "en/"


@pytest.fixture
def phone(browser: object, base_url: str) -> Iterator[Watched]:
    """A phone's page, with the requests it made and its errors."""
    context = browser.new_context(locale="zh-CN", **PHONE)
    page = context.new_page()
    watched = Watched(page=page, base_url=base_url)
    page.on("console", lambda m: watched.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watched.console_errors.append(str(e)))
    page.on("request", lambda r: watched.external.append(r.url))  # here: every request, to look for the library
    yield watched
    context.close()


def open_page(phone: Watched, route: str) -> None:
    phone.page.goto(phone.base_url + route, wait_until="networkidle")


def chart_library_requested(phone: Watched) -> bool:
    return any("/vendor/echarts/" in url for url in phone.external)


@pytest.mark.parametrize("lang", LANGS)
def test_charts_are_drawn_only_when_scrolled_into_view(phone: Watched, lang: str) -> None:
    """With every stage unfolded (#stage-all), the charts far down the page wait until the reader
    comes near them, and drawing one moves nothing."""
    open_page(phone, prefix(lang) + REGION + "#stage-all")
    page = phone.page
    page.wait_for_selector("html[data-charts]")
    figures = page.locator("figure.et-chart")
    assert figures.count() >= 10
    last = figures.last
    assert last.locator("canvas").count() == 0
    drawn = int(page.locator("html").get_attribute("data-charts-drawn") or 0)
    assert drawn < figures.count()
    height = last.locator(".et-chart__canvas").bounding_box()["height"]
    last.scroll_into_view_if_needed()
    last.locator("canvas").first.wait_for()
    assert chart_library_requested(phone)
    assert last.locator(".et-chart__canvas").bounding_box()["height"] == height  # its room was kept
    assert phone.console_errors == []


@pytest.mark.parametrize("route", ["", "downloads/", "search/", "regions/"])
@pytest.mark.parametrize("lang", LANGS)
def test_no_chart_library_before_a_chart_is_near(phone: Watched, lang: str, route: str) -> None:
    """The home page's charts are below the first screen; the other pages have none. (A region page's
    headline charts are on its first screens, by design.)"""
    open_page(phone, prefix(lang) + route)
    phone.page.wait_for_timeout(300)
    assert not chart_library_requested(phone)
    assert phone.console_errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_skip_link_is_the_first_tab_stop(phone: Watched, lang: str) -> None:
    open_page(phone, prefix(lang) + REGION)
    page = phone.page
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert focused.inner_text().strip() == {"zh": "跳到正文", "en": "Skip to content"}[lang]
    box = focused.bounding_box()
    assert box and box["width"] > 0 and box["y"] >= 0
    page.wait_for_function(
        "() => getComputedStyle(document.activeElement).opacity === '1'", timeout=2000
    )  # after its fade-in
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "et-main"
    assert page.evaluate("() => document.activeElement.closest('.md-content') !== null")


@pytest.mark.parametrize("route", ["", REGION, "indicators/preschool_ger/"])
def test_skip_link_works_without_javascript(browser: object, base_url: str, route: str) -> None:
    context = browser.new_context(locale="zh-CN", java_script_enabled=False, **PHONE)
    try:
        page = context.new_page()
        page.goto(base_url + route)
        page.keyboard.press("Tab")
        assert page.locator(":focus").inner_text().strip() == "跳到正文"
        shown = "() => [...document.querySelectorAll('.md-skip')].filter(a => a.getClientRects().length).length"
        assert page.evaluate(shown) == 1  # not the theme's second one
        page.keyboard.press("Enter")
        assert page.evaluate("() => location.hash") == "#et-main"
        assert page.evaluate("() => document.activeElement.id") == "et-main"
    finally:
        context.close()


@pytest.mark.parametrize("key", ["Space", "Enter"])
@pytest.mark.parametrize("lang", LANGS)
def test_sortable_header_sorts_with_space_and_enter(phone: Watched, lang: str, key: str) -> None:
    open_page(phone, prefix(lang) + "indicators/preschool_ger/")
    page = phone.page
    page.wait_for_selector("table.et-by-region[data-sort-ready]")
    header = page.locator("table.et-by-region thead th").nth(2)
    header.locator("button").focus()
    scrolled = page.evaluate("() => window.scrollY")
    page.keyboard.press(key)
    first = header.get_attribute("aria-sort")
    assert first in ("ascending", "descending")
    assert page.evaluate("() => window.scrollY") == scrolled  # Space sorted, it did not scroll
    page.keyboard.press(key)
    assert header.get_attribute("aria-sort") not in (None, first)


@pytest.mark.parametrize("lang", LANGS)
def test_back_from_a_quote_to_the_row_that_links_to_it(phone: Watched, lang: str) -> None:
    """The row is in a stage the reader unfolded: coming back, it is shown again, not folded away
    with the stage that is no longer the page's target."""
    open_page(phone, prefix(lang) + REGION + "#stage-preschool")
    page = phone.page
    page.wait_for_selector("html[data-quotes-listed]")
    link = page.locator('table.et-targets td a[href^="#q-t-"]:visible').nth(3)
    anchor = link.get_attribute("href")
    link.click()
    assert page.evaluate("() => location.hash") == anchor
    back = page.locator(f"li{anchor} .et-back a")
    assert back.is_visible()
    back.click()
    assert page.evaluate("(a) => location.hash === '#' + a.id", link.element_handle())
    box = link.bounding_box()
    assert 0 <= box["y"] <= 823


def _source_with_many_targets() -> str:
    with (ROOT / "datapackages" / "edutargets" / "targets.csv").open(encoding="utf-8") as handle:
        counts: dict[str, int] = {}
        for row in csv.DictReader(handle):
            counts[row["source"]] = counts.get(row["source"], 0) + 1
    return max(counts, key=lambda s: counts[s])


CUT_OFF = """() => {
  /* tables that reach past the screen's edge, and scrolling boxes without a name, a focus or a cue */
  const width = document.documentElement.clientWidth;
  const problems = [];
  for (const table of document.querySelectorAll('.md-content table')) {
    if (!table.getClientRects().length) continue;
    let box = table;
    while (box && box !== document.body && !(box.scrollWidth > box.clientWidth + 1 && /auto|scroll/.test(getComputedStyle(box).overflowX))) box = box.parentElement;
    const scrolls = box && box !== document.body;
    if (!scrolls) {
      if (table.getBoundingClientRect().right > width + 1) problems.push('cut off: ' + table.className);
      continue;
    }
    const cue = box.previousElementSibling;
    if (!(box.tabIndex === 0 && box.getAttribute('aria-label') && cue && cue.classList.contains('et-scroll-cue') && cue.getClientRects().length))
      problems.push('scrolls without a cue: ' + (table.className || table.caption && table.caption.textContent));
  }
  return problems;
}"""


@pytest.mark.parametrize(
    "route",
    ["", "indicators/preschool_ger/", REGION],
    ids=["home", "indicator", "region"],
)
@pytest.mark.parametrize("lang", LANGS)
def test_no_table_is_cut_off_without_a_scroll_cue(phone: Watched, lang: str, route: str) -> None:
    open_page(phone, prefix(lang) + route)
    phone.page.wait_for_timeout(300)
    assert phone.page.evaluate(CUT_OFF) == []


@pytest.mark.parametrize("lang", LANGS)
def test_chart_data_table_gives_the_quote_room(phone: Watched, lang: str) -> None:
    """A chart's data table is one card per year on a phone: its quote is as wide as the card."""
    open_page(phone, prefix(lang) + REGION)
    page = phone.page
    page.wait_for_selector("html[data-charts]")
    table = (
        page.locator("figure.et-chart details.et-chart__table")
        .filter(has=page.locator("td.et-chart__quote span"))
        .first
    )
    table.scroll_into_view_if_needed()
    table.locator("summary").click()
    quote = table.locator("td.et-chart__quote").filter(has=page.locator("span")).first
    assert quote.bounding_box()["width"] > 300
    assert page.evaluate(CUT_OFF) == []


def test_source_table_rows_are_cards_with_wide_quotes(phone: Watched) -> None:
    open_page(phone, f"sources/{_source_with_many_targets()}/")
    page = phone.page
    page.wait_for_selector("html[data-quotes-listed]")
    quote = page.locator(".et-source-targets td.et-chart__quote").first
    assert quote.bounding_box()["width"] > 300
    assert quote.get_attribute("data-label")
    assert page.evaluate(CUT_OFF) == []


@pytest.mark.parametrize("lang", LANGS)
def test_region_names_are_one_line_in_the_by_region_table(phone: Watched, lang: str) -> None:
    open_page(phone, prefix(lang) + "indicators/preschool_ger/")
    cells = phone.page.locator("table.et-by-region tbody td:first-child a")
    heights = [cells.nth(i).bounding_box()["height"] for i in range(min(cells.count(), 12))]
    line = phone.page.evaluate("(a) => parseFloat(getComputedStyle(a).lineHeight)", cells.first.element_handle())
    assert heights and max(heights) < 1.5 * line


@pytest.mark.parametrize("lang", LANGS)
def test_stage_links_are_finger_sized_and_nothing_reaches_over_them(phone: Watched, lang: str) -> None:
    """WCAG 2.5.8: the stage and status links are at least 24 px tall, and no chart below the
    screen (laid out later, content-visibility) reaches over the link after it."""
    open_page(phone, prefix(lang) + REGION)
    found = phone.page.evaluate(
        """() => {
      const small = [...document.querySelectorAll('.et-stage-nav .et-chips a, .et-stage__open a, .et-stage__close a')]
        .filter(a => a.getClientRects().length && a.getBoundingClientRect().height < 24).map(a => a.textContent);
      const over = [...document.querySelectorAll('figure.et-chart')].filter(f => {
        const summary = f.querySelector('summary');  /* the last thing a closed chart shows */
        return summary && summary.getBoundingClientRect().bottom > f.getBoundingClientRect().bottom + 1;
      }).length;
      return {small, over};
    }"""
    )
    assert found == {"small": [], "over": 0}
