"""温州's page on a phone (412 px), in both languages: stages in order, a filter by stage and by
status that works as anchors without a script, no chart without a reported value, and a page
that stays short (43,085 px in Chinese and 50,778 px in English before it was organised by
stage; 4,226 px and 4,698 px after, with every chart drawn)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from edutargets.site.shape import STAGES

PHONE = {"width": 412, "height": 915}
MAX_HEIGHT = 6000
"""The page's height in CSS pixels on the phone, charts drawn and quotes listed (measured 4,226 px
in Chinese, 4,698 px in English): a stage unfolding everything again would be ten times it."""
WENZHOU = "regions/330300/"


def _prefix(lang: str) -> str:
    return "" if lang == "zh" else "en/"


@pytest.fixture
def phone(browser: object, base_url: str, request: pytest.FixtureRequest) -> Iterator[object]:
    """A page at 412 px; without JavaScript where the test is parametrized script=False."""
    script = getattr(request, "param", True)
    context = browser.new_context(viewport=PHONE, is_mobile=True, java_script_enabled=script)
    try:
        yield context.new_page()
    finally:
        context.close()


def _visible(page: object, selector: str) -> list[bool]:
    return page.evaluate(
        f"() => Array.from(document.querySelectorAll({selector!r})).map(e => e.getClientRects().length > 0)"
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("phone", [False], indirect=True, ids=["no-script"])
def test_stages_in_order_and_the_stage_filter_works_without_a_script(phone: object, base_url: str, lang: str) -> None:
    page = phone
    page.goto(base_url + _prefix(lang) + WENZHOU)
    stages = page.evaluate("() => Array.from(document.querySelectorAll('section.et-stage')).map(s => s.id)")
    assert stages == [f"stage-{s}" for s in STAGES if f"stage-{s}" in stages] and stages[0] == "stage-preschool"
    assert "stage-all" in stages  # the AI and 清廉 targets: after every stage of schooling
    assert not any(_visible(page, "#stage-preschool .et-more"))  # folded until the reader opens it
    page.click('.et-stage-nav a[href="#stage-preschool"]')
    assert page.evaluate("() => location.hash") == "#stage-preschool"
    assert all(_visible(page, "#stage-preschool tr.et-more, #stage-preschool li.et-more"))
    assert not any(_visible(page, "#stage-compulsory .et-more"))
    page.click('.et-stage-nav a[href="#stage-compulsory"]')
    assert all(_visible(page, "#stage-compulsory tr.et-more")) and not any(
        _visible(page, "#stage-preschool tr.et-more")
    )
    page.click('.et-stage-nav a[href="#stage-all"]')
    assert all(_visible(page, ".et-stage tr, .et-pending li"))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("phone", [False], indirect=True, ids=["no-script"])
def test_status_filter_shows_only_that_status_without_a_script(phone: object, base_url: str, lang: str) -> None:
    page = phone
    page.goto(base_url + _prefix(lang) + WENZHOU)
    links = page.locator('.et-stage-nav a[href^="#status-"]')
    assert links.count() >= 3
    for i in range(links.count()):
        slug = links.nth(i).get_attribute("href")[len("#status-") :]
        links.nth(i).click()
        shown = page.evaluate(
            """() => Array.from(document.querySelectorAll('.et-stages [data-status]'))
                 .filter(e => e.getClientRects().length > 0).map(e => e.dataset.status)"""
        )
        count = int(
            page.locator(".et-stage-nav li", has=page.locator(f'a[href="#status-{slug}"]'))
            .locator(".et-meta")
            .inner_text()
        )
        assert shown == [slug] * count, slug
        for stage in page.locator("section.et-stage").all():
            assert stage.is_visible() == (f"et-has-{slug}" in stage.get_attribute("class"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_wenzhou_on_a_phone_has_no_chart_without_a_value_and_stays_short(
    phone: object, base_url: str, lang: str
) -> None:
    page = phone
    page.goto(base_url + _prefix(lang) + WENZHOU, wait_until="networkidle")
    page.wait_for_selector("html[data-charts-drawn][data-quotes-listed]")
    charts = page.evaluate(
        """() => Array.from(document.querySelectorAll('figure.et-chart')).map(f => ({
             id: f.id, slot: f.parentNode.id,
             values: Array.from(f.querySelectorAll('.et-chart__table tbody tr')).filter(r => r.cells[1].textContent.trim()).length
           }))"""
    )
    assert len(charts) == 14 and all(c["values"] >= 1 for c in charts), charts
    assert all(c["slot"] == "et-chart-slot-" + c["id"].split("-", 2)[2] for c in charts)  # each in its stage
    height = page.evaluate("() => document.documentElement.scrollHeight")
    print(f"{lang} {WENZHOU} height at 412 px: {height}")
    assert height < MAX_HEIGHT
    # a folded chart is drawn at its width once its stage is opened
    page.click('.et-stage-nav a[href="#stage-preschool"]')
    page.locator("#et-chart-slot-public_kindergarten_share figure").scroll_into_view_if_needed()  # drawn when seen
    canvas = page.locator("#et-chart-slot-public_kindergarten_share canvas").first
    canvas.wait_for()
    page.wait_for_function(
        "() => document.querySelector('#et-chart-slot-public_kindergarten_share canvas').clientWidth > 300"
    )
    # a figure's link opens the folded quotes at its quote
    link = page.locator('#stage-preschool table.et-targets a[href^="#q-"]').first
    anchor = link.get_attribute("href")
    link.click()
    assert page.locator(f"li{anchor}").is_visible()
