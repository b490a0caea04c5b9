"""Both languages complete, in a real Chromium: English units, English source pages, canonical and
hreflang links, error pages that lead somewhere wherever the site is served, one copy of the
theme's assets."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path

from tests.browser.conftest import Watched, _QuietHandler

CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
SITE_URL = "https://edutargets.github.io/edutargets/"
"""mkdocs.yml's default site_url: the browser tests build without EDUTARGETS_SITE_URL."""

UNIT_PLACES = ", ".join(
    [
        "table.et-targets td:nth-child(2)",  # baseline
        "table.et-targets td:nth-child(3)",  # target
        ".et-evidence",
        "figure.et-chart .et-unit",
        "figure.et-chart details td:not(.et-chart__quote)",
        "table.et-by-region td",
    ]
)
"""Where a page writes a value with its unit (the quotes themselves are Chinese, marked lang=zh)."""


def _cjk_in_unit_places(watched: Watched) -> list[str]:
    texts = watched.page.locator(UNIT_PLACES).all_inner_texts()
    # a quote's label is "indicator · year: value unit"; a chart's text alternative names "indicator (unit)"
    texts += [label.rsplit(" · ", 1)[-1] for label in watched.page.locator(".et-quotes__label").all_inner_texts()]
    alts = watched.page.locator(".et-chart__canvas").evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    texts += [unit for alt in alts for unit in re.findall(r"\(([^()]*)\) in ", alt or "")]
    return [text for text in texts if CJK.search(text)]


def _drawn(watched: Watched, route: str) -> None:
    # #stage-all unfolds every stage of a region page, so that each of its charts can be seen
    watched.page.goto(
        watched.base_url + route + ("#stage-all" if "regions/" in route else ""), wait_until="networkidle"
    )
    watched.page.wait_for_selector("html[data-charts-drawn]")
    for figure in watched.page.locator("figure.et-chart").all():  # charts drawn as they come into view
        figure.scroll_into_view_if_needed()
    watched.page.wait_for_load_state("networkidle")


def test_english_region_page_writes_english_units(watched: Watched) -> None:
    """温州's English page: every value in an English unit, 万 written out (7.1 万个 is 71,000 places)."""
    _drawn(watched, "en/regions/330300/")
    assert watched.page.locator("figure.et-chart").count() > 0 and watched.page.locator(".et-quotes__label").count() > 0
    assert _cjk_in_unit_places(watched) == []
    assert "2021–2025 total 71,000 places" in " ".join(watched.page.locator("table.et-targets").all_inner_texts())
    assert watched.console_errors == [] and watched.failed == []


def test_english_indicator_page_writes_english_units(watched: Watched) -> None:
    """An indicator stored in 万人: its national chart, data table and by-region list in people."""
    _drawn(watched, "en/indicators/enrolment_total/")
    assert _cjk_in_unit_places(watched) == []
    unit = watched.page.locator("figure.et-chart .et-unit").first.inner_text()
    assert unit.strip() == "(people)"
    values = watched.page.locator("figure.et-chart details td:nth-child(2)").all_inner_texts()
    assert values and all(re.fullmatch(r"[\d,]+(\.\d+)? people", v) for v in values if v), values
    assert watched.console_errors == [] and watched.failed == []


def test_english_reader_reaches_the_english_source_page(watched: Watched) -> None:
    page = watched.page
    page.goto(watched.base_url + "en/regions/330300/", wait_until="networkidle")
    first = page.locator("ul.et-sources li a").first
    href = first.get_attribute("href")
    assert "/en/sources/" in page.evaluate("h => new URL(h, location.href).pathname", href)
    first.click()
    page.wait_for_selector("html[data-quotes-listed]")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("dt", has_text="Issuer").count() == 1 and page.locator("dt", has_text="发布机关").count() == 0
    assert int(page.evaluate("document.documentElement.dataset.quotesListed")) > 0
    assert page.locator("td.et-chart__quote[lang=zh]").count() > 0  # the document's words stay Chinese
    assert watched.console_errors == [] and watched.failed == []


def _links(watched: Watched, route: str) -> dict[str, str]:
    watched.page.goto(watched.base_url + route)
    found = {"canonical": watched.page.locator('link[rel="canonical"]').get_attribute("href")}
    for link in watched.page.locator('link[rel~="alternate"][hreflang]').all():
        found[link.get_attribute("hreflang")] = link.get_attribute("href")
    return found


def test_canonical_and_hreflang_per_language(watched: Watched) -> None:
    for route in ("", "regions/330300/", "indicators/preschool_ger/", "sources/cn-13fyp-cctv-hbcasj/", "methodology/"):
        both = {"zh": SITE_URL + route, "en": SITE_URL + "en/" + route, "x-default": SITE_URL + route}
        assert _links(watched, route) == {"canonical": SITE_URL + route, **both}, route
        assert _links(watched, "en/" + route) == {"canonical": SITE_URL + "en/" + route, **both}, route


class _StaticHostHandler(_QuietHandler):
    """A static host: a missing file is answered with the site's 404.html (the English one under
    en/), status 404, as GitHub Pages and most hosts do."""

    site_path = "/edutargets/"

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            return super().send_error(code, message, explain)
        rest = self.path[len(self.site_path) :] if self.path.startswith(self.site_path) else ""
        lang = "en/" if rest.startswith("en/") else ""
        page = Path(self.directory) / self.site_path.strip("/") / lang / "404.html"
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def _host(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler]) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _error_page_leads_home(
    browser: object, url: str, home: str, words: tuple[str, str, str], strict: bool = True
) -> None:
    """The error page at `url` has its styles, says it in its language, and its links lead to the
    site's home page and search page (`home` is where the site lives). Not `strict`: at a deep
    address the browser's look-ahead may ask for the stylesheets where they are not, before the
    page's script has set its base; what counts is that the page gets them and its links work."""
    context = browser.new_context()
    failed: list[str] = []
    try:
        page = context.new_page()
        page.on(
            "response", lambda r: failed.append(f"{r.url} {r.status}") if r.status >= 400 and r.url != url else None
        )
        page.on("requestfailed", lambda r: failed.append(r.url) if "ERR_ABORTED" not in (r.failure or "") else None)
        page.goto(url, wait_until="networkidle")
        assert page.locator("h1").first.inner_text() == words[0]
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        )  # the theme's CSS
        assert page.evaluate("getComputedStyle(document.querySelector('.md-typeset h1')).display") != "none"
        assert failed == [] or not strict
        failed.clear()
        for text, target in ((words[1], home), (words[2], home + "search/")):
            page.goto(url, wait_until="networkidle")
            with page.expect_navigation():
                page.locator("article a", has_text=text).click()
            assert page.url == target, text
            assert page.locator("h1").first.is_visible()
        assert failed == [] or not strict
    finally:
        context.close()


ZH = ("找不到这个页面", "回到首页", "搜索")
EN = ("Page not found", "Go to the home page", "Search")


def test_error_pages_work_under_another_path(browser: object, site_dir: Path) -> None:
    """The site copied under /site/ (not the path its site URL names): each 404.html, opened there,
    loads its styles from the site and leads home and to search in its language."""
    with _host(site_dir.parent, _QuietHandler) as base:
        _error_page_leads_home(browser, base + "site/404.html", base + "site/", ZH)
        _error_page_leads_home(browser, base + "site/en/404.html", base + "site/en/", EN)


def test_error_pages_work_at_any_missing_address(browser: object, site_dir: Path, tmp_path: Path) -> None:
    """Served under its site URL's path by a host that answers every missing address with the
    error page: a deep missing address still has the styles and the links."""
    (tmp_path / "edutargets").symlink_to(site_dir, target_is_directory=True)
    with _host(tmp_path, _StaticHostHandler) as base:
        _error_page_leads_home(
            browser, base + "edutargets/regions/999999/nothing/", base + "edutargets/", ZH, strict=False
        )
        _error_page_leads_home(
            browser, base + "edutargets/en/indicators/gone/", base + "edutargets/en/", EN, strict=False
        )


def test_english_pages_share_the_theme_assets(watched: Watched) -> None:
    """The reader downloads the theme's CSS and JavaScript once: English pages ask for the same
    URLs as Chinese ones, none under en/assets/."""
    requested: list[str] = []
    watched.page.on("request", lambda r: requested.append(r.url))
    for route in ("regions/330300/", "en/regions/330300/", "en/", "en/sources/cn-13fyp-cctv-hbcasj/"):
        watched.page.goto(watched.base_url + route, wait_until="networkidle")
    assert [url for url in requested if "/en/assets/" in url] == []
    theme = {url for url in requested if "/assets/stylesheets/" in url or "/assets/javascripts/" in url}
    assert len(theme) == 2, theme  # one stylesheet and one script, for both languages
    assert watched.failed == []
