"""The lists of targets at national scale: the nation's and provinces' targets in the page, a
province's subdivisions' loaded from its file when the reader picks it."""

from __future__ import annotations

import csv
from collections.abc import Iterator

import pytest

from edutargets.build import build_site
from edutargets.site import target_lists
from tests.browser.conftest import served
from tests.conftest import ROOT
from tests.site.conftest import site_config

SHIPPED = ROOT / "datapackages" / "edutargets"


@pytest.fixture(scope="module")
def shortened(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object]]:
    """The shipped data built as if it had more targets than a list page holds."""
    base = tmp_path_factory.mktemp("shortened-lists")
    config = site_config(base, SHIPPED)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(target_lists, "ALL_MAX_ROWS", 3)
        assert build_site(config).built
    with served(config.out) as url:
        yield url, config.out


def _published(out: object) -> list[dict[str, str]]:
    with (out / "downloads" / "csv" / "targets.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_each_province_file_holds_its_subdivisions_targets(shortened: tuple[str, object]) -> None:
    _, out = shortened
    targets = {t["id"]: t for t in _published(out)}
    with (out / "targets" / "330000-targets.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == target_lists.CHUNK_HEADER
    assert {r["region"] for r in rows} == {"330000", "330300"}
    assert {r["id"] for r in rows} == {i for i, t in targets.items() if t["region"] in ("330000", "330300")}
    assert all(r["status"] == targets[r["id"]]["status"] for r in rows)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_picking_a_province_lists_its_subdivisions(browser: object, shortened: tuple[str, object], lang: str) -> None:
    url, out = shortened
    targets = _published(out)
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.url} {r.status}") if r.status >= 400 else None)
    try:
        page.goto(url + ("en/" if lang == "en" else "") + "targets/no_verdict/", wait_until="networkidle")
        rows = page.locator("#targets-list tbody tr")
        in_page = rows.count()
        assert in_page == sum(
            1 for t in targets if t["status"] == "no_verdict" and t["region"].endswith("0000")
        )  # the nation and provinces
        page.select_option('#et-target-filters select[name="province"]', "330000")
        page.wait_for_function("document.querySelectorAll('#targets-list tbody tr[data-loaded]').length > 0")
        shown = page.locator("#targets-list tbody tr:not([hidden])")
        expected = {t["id"] for t in targets if t["status"] == "no_verdict" and t["region"] in ("330000", "330300")}
        assert set(shown.evaluate_all("rows => rows.map(r => r.dataset.id)")) == expected
        wenzhou = shown.filter(has=page.locator('a[href*="/regions/330300/"]')).first
        assert ("温州市" if lang == "zh" else "Wenzhou") in wenzhou.inner_text()
        assert wenzhou.locator(".et-evidence").count() == 1
        page.select_option('#et-target-filters select[name="province"]', "")
        assert page.locator("#targets-list tbody tr:not([hidden])").count() == in_page
        assert errors == []
    finally:
        page.close()
