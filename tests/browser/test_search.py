"""Search as a reader uses it, in a real Chromium: Chinese words inside names, definitions, source
titles and quotes are found in both languages, on a desktop and a phone screen; a query that
finds nothing says so and suggests where to look."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import Watched

# word: a page its results must include (the indicator's or the source's own page)
WORDS = {
    "入园率": "indicators/preschool_1yr_ger/",
    "幼儿园": "indicators/preschool_enrolment/",
    "巩固率": "indicators/compulsory_retention/",
    "统计公报": "sources/zj-2020-bulletin-freewechat/",
    "新建公办幼儿园": "sources/hl-2013-preschool-chinajiaoan/",
    "温州商报": "sources/wz-2022-66wz/",
}
SCREENS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 412, "height": 915}, "is_mobile": True, "has_touch": True},
}


@pytest.fixture(params=list(SCREENS))
def reader(request: pytest.FixtureRequest, browser: object, base_url: str) -> Iterator[Watched]:
    context = browser.new_context(locale="zh-CN", **SCREENS[request.param])
    page = context.new_page()
    watched = Watched(page=page, base_url=base_url)
    page.on("pageerror", lambda e: watched.console_errors.append(str(e)))
    page.on("console", lambda m: watched.console_errors.append(m.text) if m.type == "error" else None)

    def route(request_route: object) -> None:
        url = request_route.request.url
        if url.startswith(base_url):
            request_route.continue_()
        else:
            watched.external.append(url)
            request_route.abort()

    context.route("**/*", route)
    yield watched
    context.close()


def _search(reader: Watched, lang: str, query: str) -> None:
    reader.page.goto(reader.base_url + ("" if lang == "zh" else "en/") + "search/", wait_until="networkidle")
    reader.page.locator("#et-q").fill(query)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("word", list(WORDS))
def test_a_chinese_word_is_found_in_full_text(reader: Watched, lang: str, word: str) -> None:
    _search(reader, lang, word)
    result = reader.page.locator(f'#et-text-results li a[href$="/{WORDS[word]}"]').first
    result.wait_for(timeout=15000)
    assert result.is_visible()
    marks = reader.page.locator("#et-text-results .et-excerpt mark").all_inner_texts()
    assert word in marks  # the excerpt shows the word itself, marked, not a longer run around it
    assert not reader.page.locator("#et-no-results").is_visible()
    assert reader.console_errors == [] and reader.external == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_region_ranks_first_for_its_name(reader: Watched, lang: str) -> None:
    _search(reader, lang, "温州")
    first = reader.page.locator("#et-text-results li a").first
    first.wait_for(timeout=15000)
    assert first.get_attribute("href").endswith("regions/330300/")
    assert reader.page.locator("#et-text-results li a[href*='/sources/wz-']").count() >= 1  # its documents follow


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nothing_found_says_so_with_links_to_the_lists(reader: Watched, lang: str) -> None:
    _search(reader, lang, "qqxyzzy")
    message = reader.page.locator("#et-no-results")
    message.wait_for(state="visible", timeout=15000)
    assert (
        message.locator('a[href$="regions/"]').count() == 1 and message.locator('a[href$="indicators/"]').count() == 1
    )
    assert ("没有找到" if lang == "zh" else "Nothing found") in message.inner_text()
    reader.page.locator("#et-q").fill("温州")  # a query that finds something hides it again
    reader.page.locator("#et-text-results li").first.wait_for(timeout=15000)
    assert not message.is_visible()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_document_leads_to_its_page_in_the_readers_language_with_its_title(reader: Watched, lang: str) -> None:
    """A source is indexed once for both languages: the English search page shows its English
    title and links to its English page."""
    _search(reader, lang, "温州商报")
    reader.page.locator("#et-text-results li a[href*='/sources/wz-2022-66wz/']").first.wait_for(timeout=15000)
    links = reader.page.eval_on_selector_all(
        "#et-text-results li a[href*='/sources/wz-2022-66wz/']", "links => links.map(a => [a.href, a.textContent])"
    )
    title = {
        "zh": "未来五年温州力争实施公办幼儿园建设项目240个以上",
        "en": "Wenzhou aims for over 240 public kindergarten projects in five years",
    }
    prefix = "" if lang == "zh" else "en/"
    assert links == [[f"{reader.base_url}{prefix}sources/wz-2022-66wz/", title[lang]]]
    assert reader.console_errors == [] and reader.external == []
