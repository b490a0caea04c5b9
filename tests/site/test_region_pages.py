"""A region page's targets and charts by stage, its chart selection, and the regions index, shaped
from the shipped data with the real code (the built pages are read in tests/browser)."""

from __future__ import annotations

import json

import pytest

from edutargets.model import load_dataset
from edutargets.site import overview
from edutargets.site.figures import page_spec
from edutargets.site.overview import province_list_context, regions_index_context
from edutargets.site.pages import region_context, source_context
from edutargets.site.render import Links
from edutargets.site.shape import HEADLINE_INDICATORS, STAGES, SiteData
from edutargets.site.text import Strings
from tests.conftest import ROOT

SHIPPED = ROOT / "datapackages" / "edutargets"
WENZHOU = "330300"


@pytest.fixture(scope="module")
def data() -> SiteData:
    return SiteData.from_dataset(load_dataset(SHIPPED))


@pytest.fixture(scope="module")
def strings() -> Strings:
    return Strings.load(ROOT / "site_src" / "strings.yml")


def test_stages_are_the_schema_s_in_the_page_order() -> None:
    """The stage field's enum is the order pages list stages in: a stage added to one is in both."""
    descriptor = json.loads((SHIPPED / "datapackage.json").read_text(encoding="utf-8"))
    indicators = next(r for r in descriptor["resources"] if r["name"] == "indicators")
    field = next(f for f in indicators["schema"]["fields"] if f["name"] == "stage")
    assert tuple(field["constraints"]["enum"]) == STAGES
    assert STAGES[:5] == ("preschool", "compulsory", "upper_secondary", "vocational", "higher")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_wenzhou_targets_are_grouped_by_stage_in_order(data: SiteData, strings: Strings, lang: str) -> None:
    context = region_context(data, WENZHOU, lang, strings)
    stages = [s["stage"] for s in context["stages"]]
    assert stages == [s for s in STAGES if s in stages]  # in the page order, each once
    assert stages[0] == "preschool" and "all" in stages  # 学前 first, the AI and 清廉 targets last
    listed = []
    for section in context["stages"]:
        rows = section["table"] + section["pending"]
        assert {row["stage"] for row in rows} <= {section["stage"]}
        assert section["count"] == len(rows) == sum(s["count"] for s in section["statuses"])
        listed += rows
    assert len(listed) == len(data.targets_by_region[WENZHOU]) == 48
    ai = next(s for s in context["stages"] if s["stage"] == "all")
    assert any(row["indicator_href"].endswith("/ai_education_model_schools/") for row in ai["pending"])
    assert sum(s["count"] for s in context["status_filter"]) == 48
    assert [s["id"] for s in context["status_filter"]] == [f"status-{s['slug']}" for s in context["status_filter"]]


def test_headline_targets_come_first_in_their_stage_and_stay_open(data: SiteData, strings: Strings) -> None:
    """天水 (620500): its 学前三年毛入园率 targets before its 学前一年 one, and not folded."""
    preschool = next(s for s in region_context(data, "620500", "zh", strings)["stages"] if s["stage"] == "preschool")
    rows = preschool["table"] + preschool["pending"]
    assert [row["headline"] for row in rows] == sorted((row["headline"] for row in rows), reverse=True)
    assert rows[0]["indicator_href"].endswith("/preschool_ger/") and not rows[-1]["headline"]
    assert preschool["pending_headline"] and preschool["folded"] == sum(not row["headline"] for row in rows)


def test_a_chart_only_for_a_series_with_reported_values(data: SiteData, strings: Strings) -> None:
    """In every region: the charts the page names are the series with a value of one year, each in
    its stage; a target without any reported figure is a line of the compact list, not a chart."""
    for code in data.regions:
        spec = page_spec(data, code, "zh", Links(f"regions/{code}/", "zh"), quotes=True) or {}
        drawn = spec.get("only", [])
        assert drawn == [i for i in data.indicators_by_region.get(code, []) if data.has_yearly_values(code, i)]
        assert all(
            any(y["period_start"] in (None, y["year"]) for y in map(vars, data.observations(code, i))) for i in drawn
        )
        context = region_context(data, code, "zh", strings)
        charted = [c["id"] for s in context["stages"] for c in s["charts"]]
        assert sorted(charted) == sorted(drawn)
        for section in context["stages"]:
            assert all(data.indicators[c["id"]]["stage"] == section["stage"] for c in section["charts"])
            assert all(not data.has_series(code, row["indicator_href"].split("/")[-2]) for row in section["pending"])
            assert all(data.has_series(code, row["indicator_href"].split("/")[-2]) for row in section["table"])
    wenzhou = region_context(data, WENZHOU, "zh", strings)
    assert len(wenzhou["spec"]["only"]) == 14  # of 51 indicators with a target or a figure
    assert sum(len(s["pending"]) for s in wenzhou["stages"]) == 39  # of its 48 targets
    assert next(s for s in wenzhou["stages"] if s["stage"] == "preschool")["charts"][0] == {
        "id": "preschool_ger",
        "headline": True,
    }
    assert "preschool_ger" in HEADLINE_INDICATORS


def test_a_region_without_any_reported_value_has_no_chart(data: SiteData, strings: Strings) -> None:
    """天水 has 19 targets and no reported figure: no chart at all, every target in the compact list."""
    context = region_context(data, "620500", "en", strings)
    assert not context["charts"] and "only" not in (context["spec"] or {})
    assert all(not s["table"] and not s["charts"] for s in context["stages"])
    assert sum(len(s["pending"]) for s in context["stages"]) == 19


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_regions_index_lists_every_region_with_figures_under_its_province(
    data: SiteData, strings: Strings, lang: str
) -> None:
    index = regions_index_context(data, lang, strings)

    def hrefs(items: list[dict]) -> list[str]:
        return [h for item in items for h in [item["href"], *hrefs(item["children"])]]

    listed = [
        index["nation"]["href"],
        *(p["href"] for p in index["provinces"]),
        *(h for p in index["provinces"] for h in hrefs(p["tree"])),
    ]
    assert data.regions_with_figures <= {href.split("/")[-2] for href in listed}
    zhejiang = next(p for p in index["provinces"] if p["href"].endswith("/regions/330000/"))
    assert [h.split("/")[-2] for h in hrefs(zhejiang["tree"])] == [WENZHOU]
    for province in index["provinces"]:
        code = province["href"].split("/")[-2]
        assert province["count"] == len(data.figures_by_province.get(code, []))
        assert (
            province["list_href"].endswith(f"provinces/{code}/") if province["count"] else province["list_href"] == ""
        )


def test_each_province_lists_its_own_regions_with_figures(data: SiteData, strings: Strings) -> None:
    for province, codes in data.figures_by_province.items():
        context = province_list_context(data, province, "zh", strings)
        assert context["route"] == f"provinces/{province}/"

        def hrefs(items: list[dict]) -> list[str]:
            return [h for item in items for h in [item["href"], *hrefs(item["children"])]]

        shown = {h.split("/")[-2] for h in hrefs(context["tree"])}
        assert set(codes) <= shown and all(data.province_of[c] == province for c in shown)


def test_at_national_scale_the_index_gives_counts_and_links(
    data: SiteData, strings: Strings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beyond INDEX_INLINE_MAX regions with figures (3,352 divisions), the index holds the
    provinces only, each with its count and its list's link, not every city and county."""
    monkeypatch.setattr(overview, "INDEX_INLINE_MAX", len(data.regions_with_figures) - 1)
    index = regions_index_context(data, "zh", strings)
    assert all(p["tree"] == [] for p in index["provinces"])
    assert sum(p["count"] for p in index["provinces"]) == len(data.regions_with_figures) - 1  # all but the nation
    assert all(p["list_href"] for p in index["provinces"] if p["count"])


def test_a_source_s_issuer_in_english_else_the_chinese_one_marked_as_chinese(
    data: SiteData, strings: Strings, monkeypatch: pytest.MonkeyPatch
) -> None:
    source_id = "zj-13fyp-koolearn"
    assert source_context(data, source_id, "zh", strings)["source"]["issuer"] == {"text": "浙江省教育厅", "lang": ""}
    english = source_context(data, source_id, "en", strings)
    assert english["source"]["issuer"] == {"text": "Zhejiang Provincial Department of Education", "lang": ""}
    assert english["description"].startswith("Zhejiang Provincial Department of Education (")
    monkeypatch.setitem(data.sources, source_id, {**data.sources[source_id], "issuer_en": ""})
    assert source_context(data, source_id, "en", strings)["source"]["issuer"] == {"text": "浙江省教育厅", "lang": "zh"}
