"""Contexts of the pages there is one of per region, indicator and source document."""

from __future__ import annotations

from typing import Any

from edutargets.site.charts import charts_spec, outcomes_file, targets_file
from edutargets.site.figures import assessment_text, quote_entry, status_view, target_text
from edutargets.site.links import Links
from edutargets.site.shape import Row, SiteData
from edutargets.site.text import BILINGUAL, Strings, localized, with_unit


def _region_link(region: Row, links: Links, lang: str, data: SiteData) -> dict[str, Any]:
    return {
        "name": localized(region, "name", lang),
        "href": links.page(f"regions/{region['code']}/"),
        "code": region["code"],
        "has_figures": region["code"] in data.regions_with_figures,
    }


def _source_link(source: Row, links: Links, strings: Strings, lang: str) -> dict[str, Any]:
    return {
        "title": source["title"],
        "href": links.source(source["id"]),
        "doc_type": strings.get(f"doc_type_{source['doc_type']}", lang),
        "published": source["published"],
        "issuer": source["issuer"],
    }


def target_row(target: Row, data: SiteData, links: Links, strings: Strings, lang: str, *, show_region: bool = False) -> dict[str, Any]:
    """A target as a table row: indicator, baseline, target, latest value and status, each linked to its quote."""
    indicator = data.indicators[target["indicator"]]
    unit = indicator["unit"]
    view = data.assessments[target["id"]]
    latest = data.latest_row(target["region"], target["indicator"])
    baseline = None
    if target["baseline_year"] is not None and target["baseline_value"] is not None:
        baseline = {"text": f"{with_unit(target['baseline_value'], unit, lang)} ({target['baseline_year']})", "anchor": f"q-{target['ref']}"}
    return {
        "region": _region_link(data.regions[target["region"]], links, lang, data) if show_region else None,
        "indicator": localized(indicator, "name", lang),
        "indicator_href": links.page(f"indicators/{indicator['id']}/"),
        "baseline": baseline,
        "target": {"text": target_text(target, unit, lang), "year": target["target_year"], "anchor": f"q-{target['ref']}"},
        "latest": {"text": with_unit(latest["value"], unit, lang), "year": latest["year"], "anchor": f"q-{latest['ref']}", "value": latest["value"]} if latest else None,
        "status": status_view(view.status, strings, lang),
        "why": assessment_text(view.assessment, unit, lang),
        "source_href": links.source(target["source"]),
    }


def _informative_first(row: dict[str, Any]) -> tuple[bool, bool]:
    """Targets with a reported value first: they are what a reader came to check."""
    return (row["latest"] is None, row["status"]["slug"] == "insufficient_data")


def region_context(data: SiteData, code: str, lang: str, strings: Strings) -> dict[str, Any]:
    route = f"regions/{code}/"
    links = Links(route, lang)
    region = data.regions[code]
    name = localized(region, "name", lang)
    targets = data.targets_by_region.get(code, [])
    outcome_count = data.outcome_counts.get(code, 0)
    # Quotes on the page for the figures in the targets table; every other value's quote is in
    # the region's CSV file, shown beside it in the chart's table (site.js).
    latest = {id(row): row for t in targets if (row := data.latest_row(t["region"], t["indicator"]))}
    charts = charts_spec(data, code, data.indicators_by_region.get(code, []), lang, strings, links)
    children = sorted(data.children.get(code, []), key=lambda r: r["code"])
    level = strings.get(f"level_{region['level']}", lang)
    description = (
        f"{name}（{level}）教育规划目标 {len(targets)} 项、统计结果 {outcome_count} 项，每个数字附原文与出处。"
        if lang == "zh"
        else f"{name} ({level.lower()}): {len(targets)} education plan targets and {outcome_count} reported values, each with its source sentence."
    )
    return {
        "route": route,
        "title": name,
        "description": description,
        "region": {**region, "name": name, "level_label": level, "name_other": localized(region, "name", "en" if lang == "zh" else "zh")},
        "ancestors": [_region_link(r, links, lang, data) for r in data.ancestors(code)],
        "children": [_region_link(r, links, lang, data) for r in children],
        "sources": [_source_link(s, links, strings, lang) for s in data.sources_by_region.get(code, [])],
        "targets": sorted((target_row(t, data, links, strings, lang) for t in targets), key=_informative_first),
        "charts": charts,
        "quotes": [quote_entry(t, data, links, lang, strings, target=True) for t in targets]
        + [quote_entry(o, data, links, lang, strings, target=False) for o in sorted(latest.values(), key=lambda r: (r["indicator"], r["year"]))],
        "downloads": {
            "targets": links.file(targets_file(code)) if targets else "",
            "outcomes": links.file(outcomes_file(code)) if outcome_count else "",
        },
    }


def indicator_context(data: SiteData, indicator_id: str, lang: str, strings: Strings) -> dict[str, Any]:
    route = f"indicators/{indicator_id}/"
    links = Links(route, lang)
    indicator = data.indicators[indicator_id]
    name = localized(indicator, "name", lang)
    unit = indicator["unit"]
    codes = sorted(data.regions_by_indicator.get(indicator_id, set()))
    rows = []
    for code in codes:
        region = data.regions[code]
        latest = data.latest_row(code, indicator_id)
        targets = [t for t in data.targets_by_region.get(code, []) if t["indicator"] == indicator_id]
        furthest = max(targets, key=lambda t: (t["target_year"], t["id"])) if targets else None
        rows.append(
            {
                "region": _region_link(region, links, lang, data),
                "level": strings.get(f"level_{region['level']}", lang),
                "depth": region["depth"],
                "latest": {"text": with_unit(latest["value"], unit, lang), "value": latest["value"], "year": latest["year"]} if latest else None,
                "target": {"text": target_text(furthest, unit, lang), "year": furthest["target_year"], "value": furthest["value"]} if furthest else None,
                "status": status_view(data.assessments[furthest["id"]].status, strings, lang) if furthest else None,
            }
        )
    nation = data.nation()
    chart = charts_spec(data, nation["code"], [indicator_id], lang, strings, links, with_parent=False) if nation else None
    definition = localized(indicator, "definition", lang)
    return {
        "route": route,
        "title": name,
        "description": definition[:150],
        "indicator": {
            **indicator,
            "name": name,
            "definition": definition,
            "direction_label": strings.get(f"direction_{indicator['direction']}", lang),
            "stage_label": strings.get(f"stage_{indicator['stage']}", lang),
        },
        "rows": rows,
        "national_chart": chart,
    }


def source_context(data: SiteData, source_id: str, strings: Strings) -> dict[str, Any]:
    """A source document's page: one page for both languages, since the document is Chinese.

    Its targets are on the page; its reported values are read by site.js from the CSV files of
    the regions they describe (listed here with their counts), as on the region pages.
    """
    lang = "zh"
    route = f"sources/{source_id}/"
    links = Links(route, lang)
    source = data.sources[source_id]
    targets = data.targets_by_source.get(source_id, [])
    regions = data.outcome_regions_by_source.get(source_id, {})
    outcome_count = sum(regions.values())
    region = data.regions[source["region"]]
    title = source["title"]
    description = (
        f"{source['issuer']}《{title}》（{source['published']}）：目标 {len(targets)} 项、统计结果 {outcome_count} 项及原文。"
        f" {source.get('title_en') or title}: {len(targets)} targets, {outcome_count} reported values."
    )
    indicators = sorted({i for code in regions for i in data.indicators_by_region.get(code, [])})
    return {
        "route": route,
        "title": title,
        "description": description,
        "bilingual": True,
        "source": {
            **source,
            "doc_type_label": strings.get(f"doc_type_{source['doc_type']}", BILINGUAL),
            "region": _region_link(region, links, lang, data),
            "copy_href": links.file(f"documents/{source_id}.txt") if source.get("copy") else "",
        },
        "targets": [{**target_row(t, data, links, strings, lang, show_region=True), "quote": t["quote"], "anchor": f"q-{t['ref']}"} for t in targets],
        "outcome_regions": [
            {**_region_link(data.regions[code], links, lang, data), "count": count, "csv": links.file(outcomes_file(code))} for code, count in regions.items()
        ],
        "outcomes_spec": {
            "source": source_id,
            "regions": [{"code": code, "name": localized(data.regions[code], "name", lang), "csv": links.file(outcomes_file(code))} for code in regions],
            "indicators": {i: [localized(data.indicators[i], "name", lang), data.indicators[i]["unit"]] for i in indicators},
            "labels": {key: strings.get(key, BILINGUAL) for key in ("region", "indicator", "year", "value", "quote", "charts_failed")},
        }
        if regions
        else None,
    }
