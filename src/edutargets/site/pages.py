"""Contexts of the pages there is one of per region, indicator and source document.

At national scale there are tens of thousands of these pages, so each carries what only it can say and leaves the
rest to the files the site publishes anyway: a region page has its targets table with statuses
in the HTML (readable without JavaScript and by search engines), while its charts and the list
of quotes its figures link to are drawn by site.js from the region's CSV files (see charts.py).
"""

from __future__ import annotations

from typing import Any

from edutargets.csvfile import csv_bytes
from edutargets.site.charts import outcomes_file, page_spec, targets_file
from edutargets.site.figures import verdict_view, target_text
from edutargets.site.links import Links
from edutargets.site.shape import Row, SiteData
from edutargets.site.text import BILINGUAL, LANGUAGES, Strings, localized, unit_of, with_unit

INDICATOR_PAGE_MAX_ROWS = 200
"""An indicator page lists every region up to this many; beyond, the nation and the provinces,
and the whole list is a CSV file beside the page (indicator_regions_file) that site.js shows
on demand: every region's rows in HTML would be far too much for a phone."""

INDICATOR_REGIONS_HEADER = ["region", "year", "value", "target_year", "target_zh", "target_en", "status", "evidence_zh", "evidence_en"]
"""A row per target (and per region without one): the region's latest value, the target as the
plan put it, its status and the evidence it was judged on. Names are in the regions table; the
page reads them from search/names.json.gz, which the search page reads too."""


def _region_link(region: Row, links: Links, lang: str, data: SiteData) -> dict[str, Any]:
    return {
        "name": localized(region, "name", lang),
        "href": links.page(f"regions/{region['code']}/"),
        "code": region["code"],
        "has_figures": region["code"] in data.regions_with_figures,
    }


def document_path(source_id: str, ext: str) -> str:
    """Where an archived document is published: its captured text as it is (ext "txt", the
    download) and, beside it, the page that shows that text to readers (ext "html", document_context)."""
    return f"documents/{source_id}.{ext}"


def _source_link(source: Row, links: Links, strings: Strings, lang: str) -> dict[str, Any]:
    return {
        "title": source["title"],
        "href": links.source(source["id"]),
        "doc_type": strings.get(f"doc_type_{source['doc_type']}", lang),
        "published": source["published"],
        "issuer": source["issuer"],
        "url": source["url"] or "",
        "copy_href": links.file(document_path(source["id"], "html")) if source.get("copy") else "",
    }


def target_row(target: Row, data: SiteData, links: Links, strings: Strings, lang: str) -> dict[str, Any]:
    """A target as a table row: indicator, baseline, target, and its status beside the figure it
    was judged on; each figure linked to its quote."""
    indicator = data.indicators[target["indicator"]]
    baseline = None
    if target["baseline_year"] is not None and target["baseline_value"] is not None:
        baseline = f"{with_unit(target['baseline_value'], unit_of(indicator, lang))} ({target['baseline_year']})"
    return {
        "indicator": localized(indicator, "name", lang),
        "indicator_href": links.page(f"indicators/{indicator['id']}/"),
        "stage": indicator["stage"],
        "anchor": f"q-{target['ref']}",
        "baseline": baseline,
        "target": target_text(target, indicator, lang),
        "year": target["target_year"],
        "status": verdict_view(data, target, strings, lang),
    }


def _informative_first(row: dict[str, Any]) -> tuple[bool, bool]:
    """Targets with a reported value first: they are what a reader came to check."""
    return (row["status"]["year"] is None, row["status"]["slug"] in ("insufficient_data", "no_verdict"))


def region_context(data: SiteData, code: str, lang: str, strings: Strings) -> dict[str, Any]:
    route = f"regions/{code}/"
    links = Links(route, lang)
    region = data.regions[code]
    name = localized(region, "name", lang)
    targets = data.targets_by_region.get(code, [])
    outcome_count = data.outcome_counts.get(code, 0)
    children = sorted(data.children.get(code, []), key=lambda r: r["code"])
    level = strings.get(f"level_{region['level']}", lang)
    description = (
        f"{name}（{level}）教育规划目标 {len(targets)} 项、统计结果 {outcome_count} 项，每个数字附原文与出处。"
        if lang == "zh"
        else f"{name} ({level.lower()}): {len(targets)} education plan targets and {outcome_count} reported values, each with its source sentence."
    )
    # The quotes of the figures in the targets table are listed by site.js from the region's CSV
    # files; the sources list below carries each document's title and links once.
    spec = page_spec(data, code, lang, links, quotes=True)
    return {
        "route": route,
        "title": name,
        "description": description,
        "region": {**region, "name": name, "level_label": level, "name_other": localized(region, "name", "en" if lang == "zh" else "zh")},
        "ancestors": [_region_link(r, links, lang, data) for r in data.ancestors(code)],
        "children": [_region_link(r, links, lang, data) for r in children],
        "sources": [_source_link(s, links, strings, lang) for s in data.sources_by_region.get(code, [])],
        "targets": sorted((target_row(t, data, links, strings, lang) for t in targets), key=_informative_first),
        "spec": spec,
        "charts": bool(spec and spec.get("charts")),
        "downloads": {
            "targets": links.file(targets_file(code)) if targets else "",
            "outcomes": links.file(outcomes_file(code)) if outcome_count else "",
        },
    }


def indicator_regions_path(indicator_id: str) -> str:
    """Where the whole by-region list of an indicator page is published, beside the page."""
    return f"indicators/{indicator_id}/{indicator_id}-regions.csv"


def _indicator_regions(data: SiteData, indicator_id: str) -> list[tuple[Row, Row | None, Row | None]]:
    """A row per target of the indicator, region by region, and one for a region with figures but
    no target: (region, latest outcome row, target or None)."""
    rows = []
    for code in sorted(data.regions_by_indicator.get(indicator_id, set())):
        targets = sorted((t for t in data.targets_by_region.get(code, []) if t["indicator"] == indicator_id), key=lambda t: (t["target_year"], t["id"]))
        latest = data.latest_row(code, indicator_id)
        rows += [(data.regions[code], latest, t) for t in targets] or [(data.regions[code], latest, None)]
    return rows


def indicator_list_shortened(data: SiteData, indicator_id: str) -> bool:
    """Whether the indicator's page lists only the nation and provinces, the whole list being a
    CSV file beside it (indicator_regions_file)."""
    rows = 0  # as many as _indicator_regions gives, counted without reading any series
    for code in data.regions_by_indicator.get(indicator_id, set()):
        rows += max(1, sum(1 for t in data.targets_by_region.get(code, []) if t["indicator"] == indicator_id))
        if rows > INDICATOR_PAGE_MAX_ROWS:
            return True
    return False


def indicator_regions_file(data: SiteData, indicator_id: str, strings: Strings) -> bytes:
    """The whole by-region list of an indicator page as CSV (UTF-8), for both languages: a row per
    target (and per region without one) with the region's latest value and the target's status
    beside its evidence."""
    indicator = data.indicators[indicator_id]
    rows = []
    for region, latest, target in _indicator_regions(data, indicator_id):
        texts = [target_text(target, indicator, lang) for lang in LANGUAGES] if target else ["", ""]
        verdicts = [verdict_view(data, target, strings, lang) for lang in LANGUAGES] if target else None
        rows.append(
            [
                region["code"],
                latest["year"] if latest else "",
                latest["value"] if latest else "",
                target["target_year"] if target else "",
                texts[0],
                texts[1],
                verdicts[0]["slug"] if verdicts else "",
                verdicts[0]["evidence"] if verdicts else "",
                verdicts[1]["evidence"] if verdicts else "",
            ]
        )
    return csv_bytes(INDICATOR_REGIONS_HEADER, rows)


def indicator_context(data: SiteData, indicator_id: str, lang: str, strings: Strings) -> dict[str, Any]:
    route = f"indicators/{indicator_id}/"
    links = Links(route, lang)
    indicator = data.indicators[indicator_id]
    name = localized(indicator, "name", lang)
    unit = unit_of(indicator, lang)
    found = _indicator_regions(data, indicator_id)
    shortened = indicator_list_shortened(data, indicator_id)
    rows = [
        {
            "region": _region_link(region, links, lang, data),
            "level": strings.get(f"level_{region['level']}", lang),
            "depth": region["depth"],
            "latest": {"text": with_unit(latest["value"], unit), "value": latest["value"], "year": latest["year"]} if latest else None,
            "target": {"text": target_text(target, indicator, lang), "year": target["target_year"], "value": target["value"]} if target else None,
            "status": verdict_view(data, target, strings, lang) if target else None,
        }
        for region, latest, target in found
        if not shortened or region["depth"] <= 1
    ]
    nation = data.nation()
    chart = page_spec(data, nation["code"], lang, links, only=[indicator_id], with_parent=False) if nation else None
    definition = localized(indicator, "definition", lang)
    full = None
    if shortened:
        full = {"count": len(found), "csv": links.file(indicator_regions_path(indicator_id)), "names": links.file("search/names.json.gz"), "unit": unit, "lang": lang}
    return {
        "route": route,
        "title": name,
        "description": definition[:150],
        "indicator": {
            **indicator,
            "name": name,
            "definition": definition,
            "unit_label": unit,
            "direction_label": strings.get(f"direction_{indicator['direction']}", lang),
            "stage_label": strings.get(f"stage_{indicator['stage']}", lang),
        },
        "rows": rows,
        "full": full,
        "national_chart": chart if chart and chart.get("charts") else None,
    }


def _bilingual_verdict(data: SiteData, target: Row, strings: Strings) -> list[str]:
    """A target's status slug and its evidence in both languages (the source page is bilingual)."""
    zh, en = (verdict_view(data, target, strings, lang) for lang in LANGUAGES)
    return [zh["slug"], zh["evidence"] if zh["evidence"] == en["evidence"] else f"{zh['evidence']} / {en['evidence']}"]


def source_context(data: SiteData, source_id: str, strings: Strings) -> dict[str, Any]:
    """A source document's page: one page for both languages, since the document is Chinese.

    Its targets and reported values are listed by site.js, with their quotes, from the CSV files
    of the regions they describe (listed here with their counts: the page's figures without
    JavaScript); the page carries what those files do not say: each target as the plan put it
    and its status.
    """
    lang = "zh"
    route = f"sources/{source_id}/"
    links = Links(route, lang)
    source = data.sources[source_id]
    targets = data.targets_by_source.get(source_id, [])
    target_regions: dict[str, int] = {}
    for target in targets:
        target_regions[target["region"]] = target_regions.get(target["region"], 0) + 1
    outcome_regions = data.outcome_regions_by_source.get(source_id, {})
    outcome_count = sum(outcome_regions.values())
    region = data.regions[source["region"]]
    title = source["title"]
    english = f"{source['title_en']}: " if source.get("title_en") else ""
    description = f"{source['issuer']}（{source['published']}）：目标 {len(targets)} 项、统计结果 {outcome_count} 项及原文。 {english}{len(targets)} targets, {outcome_count} reported values."

    def listed(counts: dict[str, int], file) -> list[dict[str, Any]]:
        return [{**_region_link(data.regions[code], links, lang, data), "count": count, "csv": links.file(file(code))} for code, count in sorted(counts.items())]

    # What the regions' files do not say (site.js reads those from the lists of regions and files):
    # each target as the plan put it, and its status.
    spec = {
        "source": source_id,
        "lang": BILINGUAL,
        "targets": {t["id"]: [target_text(t, data.indicators[t["indicator"]], lang), *_bilingual_verdict(data, t, strings)] for t in targets},
    }
    return {
        "route": route,
        "title": title,
        "description": description,
        "bilingual": True,
        "source": {
            **source,
            "doc_type_label": strings.get(f"doc_type_{source['doc_type']}", BILINGUAL),
            "region": _region_link(region, links, lang, data),
            "copy_href": links.file(document_path(source_id, "html")) if source.get("copy") else "",
            "copy_txt": links.file(document_path(source_id, "txt")) if source.get("copy") else "",
        },
        "target_regions": listed(target_regions, targets_file),
        "outcome_regions": listed(outcome_regions, outcomes_file),
        "spec": spec,
    }


def document_context(data: SiteData, source_id: str, text: str, source_languages: tuple[str, ...]) -> dict[str, Any]:
    """The page that shows an archived document's text (document.html.j2), one page in both
    languages. It exists because a static host often serves the .txt without a charset and a
    browser then shows UTF-8 Chinese as mojibake; the page is UTF-8 whatever the server says
    (files.py), while the .txt stays the captured bytes, offered for download.

    `source_languages` are the languages the source's own page is published in (kinds.py):
    the page links back to each. It sits in documents/, one folder below the root.
    """
    route = "documents/"
    links = Links(route, "zh")
    source = data.sources[source_id]
    return {
        "route": route,
        "title": source["title"],
        "source": {
            "title": source["title"],
            "title_en": source.get("title_en") or "",
            "issuer": source["issuer"],
            "published": source["published"],
            "accessed": source["accessed"],
            "url": source["url"] or "",
        },
        "source_pages": [
            {"lang": lang, "href": links.file(("" if lang == "zh" else f"{lang}/") + f"sources/{source_id}/")}
            for lang in source_languages
        ],
        "home": links.file(""),
        "txt": f"{source_id}.txt",
        "text": text,
    }
