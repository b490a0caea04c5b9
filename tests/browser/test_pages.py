"""What a reader sees, in a real Chromium: pages, charts, downloads, search, language, accessibility."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from tests.browser.conftest import Watched
from tests.conftest import ROOT

AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"


def _first_source_id() -> str:
    with (ROOT / "datapackages" / "edutargets" / "sources.csv").open(encoding="utf-8") as handle:
        return next(csv.DictReader(handle))["id"]


PAGES = {
    "home": "",
    "regions": "regions/",
    "province": "provinces/330000/",
    "region": "regions/330300/",
    "national": "regions/000000/",
    "indicators": "indicators/",
    "indicator": "indicators/preschool_ger/",
    "sources": "sources/",
    "source": f"sources/{_first_source_id()}/",
    "downloads": "downloads/",
    "search": "search/",
    "methodology": "methodology/",
    "targets": "targets/all/",
    "targets_by_status": "targets/met/",
}
ROUTES = [
    (f"{lang}-{name}", ("" if lang == "zh" else "en/") + route)
    for lang in ("zh", "en")
    for name, route in PAGES.items()
]


def _source_with_outcomes() -> tuple[str, dict[str, str]]:
    with (ROOT / "datapackages" / "edutargets" / "outcomes.csv").open(encoding="utf-8") as handle:
        row = next(csv.DictReader(handle))
    return row["source"], row


def visit(watched: Watched, route: str) -> None:
    watched.page.goto(watched.base_url + route, wait_until="networkidle")


def draw_first_chart(watched: Watched) -> None:
    """A chart is drawn when it comes near the screen: bring the first one there."""
    watched.page.wait_for_selector("html[data-charts]")
    watched.page.locator("figure.et-chart .et-chart__canvas").first.scroll_into_view_if_needed()
    watched.page.wait_for_selector("html[data-charts-drawn]")


@pytest.mark.parametrize("route", [r for _, r in ROUTES], ids=[i for i, _ in ROUTES])
def test_page_loads_without_errors_or_external_requests(watched: Watched, route: str) -> None:
    visit(watched, route)
    assert watched.page.locator("h1").first.is_visible()
    assert watched.console_errors == []
    assert watched.failed == []
    assert watched.external == []


def test_chart_is_drawn(watched: Watched) -> None:
    visit(watched, "regions/000000/#stage-all")  # every stage unfolded
    watched.page.wait_for_selector("html[data-charts]")
    figures = watched.page.locator("figure.et-chart")
    assert figures.count() >= 4
    for i in range(figures.count()):
        figures.nth(i).scroll_into_view_if_needed()
    watched.page.wait_for_function(
        "() => document.documentElement.dataset.chartsDrawn === document.documentElement.dataset.charts"
    )
    assert watched.page.locator("figure.et-chart .et-chart__canvas canvas").count() >= figures.count()
    label = watched.page.locator(".et-chart__canvas").first.get_attribute("aria-label")
    assert label and "数据见下表" in label


def test_chart_table_shows_each_value_with_its_quote(watched: Watched) -> None:
    """The charts' numbers come from the region's CSV file; the table beside each chart shows them
    with the sentence each was read from and a link to its source."""
    visit(watched, "regions/000000/")
    watched.page.wait_for_selector("html[data-charts]")
    table = watched.page.locator("figure.et-chart details.et-chart__table").first
    table.locator("summary").click()
    quote = table.locator("td.et-chart__quote").filter(has=watched.page.locator("a")).first
    assert quote.locator("span").inner_text().strip()
    assert "/sources/" in quote.locator("a").get_attribute("href")


def test_source_page_lists_its_values_with_quotes(watched: Watched) -> None:
    source, row = _source_with_outcomes()
    visit(watched, f"sources/{source}/")
    watched.page.wait_for_selector("html[data-quotes-listed]")
    assert int(watched.page.locator("html").get_attribute("data-quotes-listed")) >= 1
    assert watched.page.locator(".et-source-outcomes td.et-chart__quote", has_text=row["quote"]).count() >= 1
    assert watched.console_errors == [] and watched.failed == []


def test_chart_tooltip_shows_values(watched: Watched) -> None:
    visit(watched, "regions/000000/")
    draw_first_chart(watched)
    canvas = watched.page.locator("figure.et-chart .et-chart__canvas").first
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    watched.page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.6)
    watched.page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.6)
    watched.page.wait_for_function(
        "() => /20\\d\\d[\\s\\S]*\\d%/.test(document.querySelector('.et-chart__canvas').innerText)", timeout=5000
    )


def test_chart_downloads_as_png(watched: Watched, tmp_path: Path) -> None:
    visit(watched, "regions/000000/")
    draw_first_chart(watched)
    canvas = watched.page.locator("figure.et-chart .et-chart__canvas").first
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    with watched.page.expect_download() as info:
        watched.page.mouse.click(box["x"] + box["width"] - 24, box["y"] + 47)  # the toolbox's save icon
    saved = tmp_path / "chart.png"
    info.value.save_as(saved)
    assert saved.read_bytes().startswith(b"\x89PNG")
    assert info.value.suggested_filename.startswith("edutargets-000000-")


def download(watched: Watched, route: str, link: str, saved: Path) -> Path:
    """Click a download link as a reader would, and keep the file the browser received."""
    visit(watched, route)
    with watched.page.expect_download() as info:
        watched.page.get_by_role("link", name=link).click()
    info.value.save_as(saved)
    return saved


def test_zip_download_returns_the_data_package(watched: Watched, tmp_path: Path) -> None:
    saved = download(watched, "downloads/", "edutargets-datapackage.zip", tmp_path / "package.zip")
    with zipfile.ZipFile(saved) as archive:
        assert "edutargets/datapackage.json" in archive.namelist()
        descriptor = json.loads(archive.read("edutargets/datapackage.json"))
    assert [r["name"] for r in descriptor["resources"]] == ["regions", "indicators", "sources", "targets", "outcomes"]


def test_region_csv_download(watched: Watched, tmp_path: Path) -> None:
    saved = download(watched, "regions/330300/", "330300-targets.csv", tmp_path / "targets.csv")
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert rows and {r["region"] for r in rows} == {"330300"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [("温州", "regions/330300/"), ("入园率", "indicators/preschool_ger/"), ("Kunming", "regions/530100/")],
)
def test_search_finds_regions_and_indicators_by_name(watched: Watched, query: str, expected: str) -> None:
    visit(watched, "search/")
    search_box = watched.page.locator("#et-q")
    search_box.fill(query)
    result = watched.page.locator(f'#et-name-results a[href$="/{expected}"]').first
    result.wait_for(timeout=10000)
    result.click()
    watched.page.wait_for_url("**/" + expected)
    assert watched.console_errors == [] and watched.external == []


def test_full_text_search_finds_a_quote(watched: Watched) -> None:
    visit(watched, "search/")
    watched.page.locator("#et-q").fill("温州")
    watched.page.locator(
        '#et-text-results a[href*="/regions/330300/"], #et-text-results a[href*="/sources/wz-"]'
    ).first.wait_for(timeout=10000)
    assert watched.console_errors == [] and watched.external == []


def test_language_switcher_leads_to_the_english_page(watched: Watched) -> None:
    visit(watched, "regions/330300/")
    # By keyboard: a pointer travelling to the link can open the theme's language menu on its way.
    watched.page.locator(".et-lang a").focus()
    watched.page.keyboard.press("Enter")
    watched.page.wait_for_url("**/en/regions/330300/")
    assert watched.page.locator("html").get_attribute("lang") == "en"
    assert watched.page.locator("h1").first.inner_text().startswith("Wenzhou")
    watched.page.locator(".et-lang a").focus()
    watched.page.keyboard.press("Enter")
    watched.page.wait_for_url(lambda url: url.endswith("/regions/330300/") and "/en/" not in url)


def test_figure_links_to_its_quote(watched: Watched) -> None:
    visit(watched, "regions/330300/#stage-preschool")  # a stage opened: its targets' figures
    watched.page.wait_for_selector("html[data-quotes-listed]")
    link = watched.page.locator('table.et-targets a[href^="#q-"]').first
    anchor = link.get_attribute("href")
    link.click()
    quote = watched.page.locator(f"li{anchor}")
    assert quote.is_visible()
    assert quote.locator("blockquote").inner_text().strip()
    assert quote.locator(".et-quotes__source a").first.get_attribute("href").endswith("/")  # the source's page


def _region_routes() -> list[str]:
    with (ROOT / "datapackages" / "edutargets" / "regions.csv").open(encoding="utf-8") as handle:
        codes = [row["code"] for row in csv.DictReader(handle)]
    return [f"{prefix}regions/{code}/" for prefix in ("", "en/") for code in codes]


def test_every_quote_link_leads_to_its_quote(watched: Watched) -> None:
    """site.js lists the quotes from the region's CSV files: every figure's link on every region
    page of the shipped data finds its item, with the sentence and a link to the source."""
    checked = 0
    for route in _region_routes():
        visit(watched, route)
        if not watched.page.locator('a[href^="#q-"]').count():
            continue
        watched.page.wait_for_selector("html[data-quotes-listed]")
        missing = watched.page.evaluate(
            """() => Array.from(document.querySelectorAll('a[href^="#q-"]')).map(a => a.getAttribute('href').slice(1))
                 .filter(id => { const li = document.getElementById(id); return !li || !li.querySelector('blockquote').textContent.trim() || !li.querySelector('.et-quotes__source a'); })"""
        )
        assert missing == [], f"{route}: {missing}"
        checked += 1
    assert checked >= 10
    assert watched.console_errors == [] and watched.failed == []


@pytest.mark.parametrize("kind", ["target", "outcome"])
def test_page_opened_at_a_quote_goes_there(watched: Watched, kind: str) -> None:
    """A link to a quote from elsewhere (#q-t-<target>, #q-o-<region>-<indicator>-<year>-<source>)
    lands on it once site.js has listed it."""
    visit(watched, "regions/330300/")
    prefix = "#q-t-" if kind == "target" else "#q-o-"
    anchor = watched.page.locator(f'table.et-targets a[href^="{prefix}"]').last.get_attribute("href")
    watched.page.goto(watched.base_url + "en/regions/330300/" + anchor, wait_until="networkidle")
    watched.page.wait_for_selector("html[data-quotes-listed]")
    item = watched.page.locator(f"li{anchor}")
    item.wait_for()
    assert "et-target" in item.get_attribute("class")
    assert watched.page.evaluate(
        f"() => {{ const r = document.querySelector('li{anchor}').getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; }}"
    )
    assert watched.console_errors == [] and watched.failed == []


def _source_with_targets() -> tuple[str, dict[str, str]]:
    with (ROOT / "datapackages" / "edutargets" / "targets.csv").open(encoding="utf-8") as handle:
        row = next(csv.DictReader(handle))
    return row["source"], row


def test_source_page_lists_its_targets_with_quotes_and_status(watched: Watched) -> None:
    source, row = _source_with_targets()
    visit(watched, f"sources/{source}/")
    watched.page.wait_for_selector("html[data-quotes-listed]")
    target = watched.page.locator(f"tr#q-t-{row['id']}")
    assert row["quote"] in target.locator("td.et-chart__quote").inner_text()
    assert target.locator('[class^="et-status--"]').inner_text().strip()
    assert target.locator("a").first.get_attribute("href").endswith(f"/regions/{row['region']}/")
    assert watched.console_errors == [] and watched.failed == []


def test_region_page_without_javascript(browser: object, base_url: str) -> None:
    """The targets and their statuses are in the page itself; the charts and quotes wait for
    JavaScript, and the page says where their data are."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.goto(base_url + "regions/330300/#stage-all")  # every stage opened, by an anchor
        table = page.locator("table.et-targets").first
        assert table.is_visible() and page.locator(".et-stages [data-status]").count() >= 40
        assert table.locator('[class^="et-status--"]').first.inner_text().strip()
        assert page.locator("noscript").count() and page.locator('a[download][href$="-outcomes.csv"]').is_visible()
        assert not page.locator(".et-quotes").is_visible() and not page.locator(".et-charts").is_visible()
    finally:
        context.close()


def test_targets_become_labelled_cards_on_a_phone(browser: object, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base_url + "regions/330300/", wait_until="networkidle")
        cell = page.locator("table.et-targets.et-cards tbody td").nth(2)
        assert cell.get_attribute("data-label") == "目标"
        assert "目标" in page.evaluate("(td) => getComputedStyle(td, '::before').content", cell.element_handle())
        assert page.evaluate(
            "() => document.querySelector('.et-table-wrap').scrollWidth <= document.querySelector('.et-table-wrap').clientWidth + 1"
        )
    finally:
        context.close()


def test_table_sorts(watched: Watched) -> None:
    visit(watched, "indicators/preschool_ger/")
    header = watched.page.locator("table.et-sortable th", has_text="最新值").first
    header.click()
    assert header.get_attribute("aria-sort") in ("ascending", "descending")


@pytest.mark.parametrize("route", [r for _, r in ROUTES], ids=[i for i, _ in ROUTES])
def test_accessibility_wcag21_aa(watched: Watched, route: str) -> None:
    visit(watched, route)
    watched.page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = watched.page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})" for v in result["violations"]
    ]
    assert violations == []


def test_targets_list_filters(watched: Watched) -> None:
    """The list of all targets filters its rows by the values the server wrote on each."""
    visit(watched, "targets/all/")
    page = watched.page
    rows = page.locator("#targets-list tbody tr")
    total = rows.count()
    assert page.locator("#et-target-filters").is_visible()
    page.select_option('#et-target-filters select[name="stage"]', "preschool")
    shown = int(page.locator("html").get_attribute("data-targets-shown"))
    assert 0 < shown < total
    assert rows.locator(":visible").count() >= shown
    assert all(
        stage == "preschool"
        for stage in rows.evaluate_all("rows => rows.filter(r => !r.hidden).map(r => r.dataset.stage)")
    )
    page.select_option('#et-target-filters select[name="status"]', "met")
    assert all(
        row == ["preschool", "met"]
        for row in rows.evaluate_all(
            "rows => rows.filter(r => !r.hidden).map(r => [r.dataset.stage, r.dataset.status])"
        )
    )
    page.fill('#et-target-filters input[name="region"]', "温州")
    names = rows.evaluate_all("rows => rows.filter(r => !r.hidden).map(r => r.cells[0].textContent)")
    assert names and all("温州" in name for name in names)
    assert "显示" in page.locator("#et-target-filters output").inner_text()
