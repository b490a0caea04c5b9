"""Contexts of the pages there is one of per region, indicator and source document.

At national scale there are tens of thousands of these pages, so each carries what only it can say and leaves the
rest to the files the site publishes anyway: a region page has its targets table with statuses
in the HTML (readable without JavaScript and by search engines), while its charts and the list
of quotes its figures link to are drawn by site.js from the region's CSV files (see figures.py).
"""

from __future__ import annotations

from typing import Any

from edutargets.csvfile import csv_bytes
from edutargets.site.figures import (
    chart_indicators,
    indicator_names,
    outcomes_file,
    page_spec,
    status_view,
    target_text,
    targets_file,
    verdict_view,
)
from edutargets.site.render import Links
from edutargets.site.shape import HEADLINE_INDICATORS, STAGES, Row, SiteData
from edutargets.site.text import LANGUAGES, Strings, display_unit, in_language, language_folder, localized, quantity
from edutargets.status import Status

STATUS_ORDER = {status.value: i for i, status in enumerate(Status)}

INDICATOR_PAGE_MAX_ROWS = 200
"""An indicator page lists every region up to this many; beyond, the nation and the provinces,
and the whole list is a CSV file beside the page (indicator_regions_file) that site.js shows
on demand: every region's rows in HTML would be far too much for a phone."""

INDICATOR_REGIONS_HEADER = [
    "region",
    "year",
    "value",
    "target_year",
    "target_zh",
    "target_en",
    "status",
    "evidence_zh",
    "evidence_en",
]
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
        "title": in_language(source, "title", "title_en", lang),
        "href": links.source(source["id"]),
        "doc_type": strings.get(f"doc_type_{source['doc_type']}", lang),
        "published": source["published"],
        "issuer": in_language(source, "issuer", "issuer_en", lang),
        "url": source["url"] or "",
        "copy_href": links.file(document_path(source["id"], "html")) if source.get("copy") else "",
    }


def target_row(target: Row, data: SiteData, links: Links, strings: Strings, lang: str) -> dict[str, Any]:
    """A target as a table row: indicator, baseline, target, and its status beside the figure it
    was judged on; each figure linked to its quote."""
    indicator = data.indicators[target["indicator"]]
    baseline = None
    if target["baseline_year"] is not None and target["baseline_value"] is not None:
        baseline = f"{quantity(target['baseline_value'], indicator, lang)} ({target['baseline_year']})"
    return {
        "indicator": localized(indicator, "name", lang),
        "indicator_href": links.page(f"indicators/{indicator['id']}/"),
        "stage": indicator["stage"],
        "headline": indicator["id"] in HEADLINE_INDICATORS,
        "reported": data.has_series(target["region"], indicator["id"]),
        "anchor": f"q-{target['ref']}",
        "baseline": baseline,
        "target": target_text(target, indicator, lang),
        "year": target["target_year"],
        "status": verdict_view(data, target, strings, lang),
    }


def _informative_first(row: dict[str, Any]) -> tuple[bool, bool, bool]:
    """Headline targets first, then those with a reported value: they are what a reader came to check."""
    return (
        not row["headline"],
        row["status"]["year"] is None,
        row["status"]["slug"] in ("insufficient_data", "no_verdict"),
    )


def stage_sections(
    data: SiteData, code: str, rows: list[dict[str, Any]], strings: Strings, lang: str
) -> list[dict[str, Any]]:
    """A region's targets and charts by stage (shape.STAGES, in that order; a stage without
    either is left out), each stage's headline figures first (shape.HEADLINE_INDICATORS).

    In a stage, a target whose series has any reported figure is a row of its table (`table`);
    one without is a line of `pending` ("no reported figure yet"): a chart of its target's point
    alone would say nothing. `charts` are the indicators drawn (charts.has_chart), which the
    page's spec names too. Everything not headline is `folded` on the page until the reader
    opens the stage or picks a status (region.html.j2), so the page stays short whatever the
    number of targets; `statuses` counts each stage's targets by status, for its summary and
    for the status filter, which hides a stage without the status picked.
    """
    order = {indicator_id: i for i, indicator_id in enumerate(data.indicators)}

    def headline_first(indicator_id: str) -> tuple[bool, int]:
        return (indicator_id not in HEADLINE_INDICATORS, order[indicator_id])

    by_stage: dict[str, list[dict[str, Any]]] = {stage: [] for stage in STAGES}
    for row in sorted(rows, key=_informative_first):
        by_stage[row["stage"]].append(row)
    charted: dict[str, list[str]] = {stage: [] for stage in STAGES}
    for indicator_id in sorted(chart_indicators(data, code), key=headline_first):
        charted[data.indicators[indicator_id]["stage"]].append(indicator_id)
    sections = []
    for stage in STAGES:
        found, charts = by_stage[stage], charted[stage]
        if not found and not charts:
            continue
        counts: dict[str, int] = {}
        for row in found:
            counts[row["status"]["slug"]] = counts.get(row["status"]["slug"], 0) + 1
        table = [row for row in found if row["reported"]]
        pending = [row for row in found if not row["reported"]]
        folded = sum(not row["headline"] for row in found) + sum(i not in HEADLINE_INDICATORS for i in charts)
        sections.append(
            {
                "stage": stage,
                "id": f"stage-{stage}",
                "label": strings.get("stage_other" if stage == "all" else f"stage_{stage}", lang),
                "count": len(found),
                "summary": strings.get("stage_summary", lang, targets=str(len(found)), charts=str(len(charts))),
                "open": strings.get("stage_open", lang, count=str(folded)) if folded else "",
                "statuses": [
                    {**status_view(Status(slug), strings, lang), "count": n}
                    for slug, n in sorted(counts.items(), key=lambda kv: STATUS_ORDER[kv[0]])
                ],
                "table": table,
                "table_headline": any(row["headline"] for row in table),
                "table_statuses": sorted({row["status"]["slug"] for row in table}),
                "pending": pending,
                "pending_headline": any(row["headline"] for row in pending),
                "pending_statuses": sorted({row["status"]["slug"] for row in pending}),
                "charts": [
                    {"id": indicator_id, "headline": indicator_id in HEADLINE_INDICATORS} for indicator_id in charts
                ],
                "folded": folded,
            }
        )
    return sections


def status_filter(rows: list[dict[str, Any]], strings: Strings, lang: str) -> list[dict[str, Any]]:
    """The statuses a region's targets have, each with its count and the anchor that shows only
    its targets (#status-<status>), in the status rule's order."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["status"]["slug"]] = counts.get(row["status"]["slug"], 0) + 1
    return [
        {**status_view(Status(slug), strings, lang), "count": n, "id": f"status-{slug}"}
        for slug, n in sorted(counts.items(), key=lambda kv: STATUS_ORDER[kv[0]])
    ]


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
    rows = sorted((target_row(t, data, links, strings, lang) for t in targets), key=_informative_first)
    return {
        "route": route,
        "title": name,
        "description": description,
        "region": {
            **region,
            "name": name,
            "level_label": level,
            "name_other": localized(region, "name", "en" if lang == "zh" else "zh"),
        },
        "ancestors": [_region_link(r, links, lang, data) for r in data.ancestors(code)],
        "children": [_region_link(r, links, lang, data) for r in children],
        "sources": [_source_link(s, links, strings, lang) for s in data.sources_by_region.get(code, [])],
        "targets": rows,
        "stages": stage_sections(data, code, rows, strings, lang),
        "status_filter": status_filter(rows, strings, lang),
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
        targets = sorted(
            (t for t in data.targets_by_region.get(code, []) if t["indicator"] == indicator_id),
            key=lambda t: (t["target_year"], t["id"]),
        )
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
    unit, factor = display_unit(indicator, lang)
    found = _indicator_regions(data, indicator_id)
    shortened = indicator_list_shortened(data, indicator_id)
    rows = [
        {
            "region": _region_link(region, links, lang, data),
            "level": strings.get(f"level_{region['level']}", lang),
            "depth": region["depth"],
            "latest": {
                "text": quantity(latest["value"], indicator, lang),
                "value": latest["value"],
                "year": latest["year"],
            }
            if latest
            else None,
            "target": {
                "text": target_text(target, indicator, lang),
                "year": target["target_year"],
                "value": target["value"],
            }
            if target
            else None,
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
        full = {
            "count": len(found),
            "csv": links.file(indicator_regions_path(indicator_id)),
            "names": links.file("search/names.json.gz"),
            "unit": unit,
            "factor": factor if lang == "en" else None,
            "lang": lang,
        }
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


def source_context(data: SiteData, source_id: str, lang: str, strings: Strings) -> dict[str, Any]:
    """A source document's page in a language: the document is Chinese (its quotes stay so, marked
    lang="zh"), the page's labels, title, issuer and notes are in the page's language where the
    data have them.

    Its targets and reported values are listed by site.js, with their quotes, from the CSV files
    of the regions they describe (listed here with their counts: the page's figures without
    JavaScript); the page carries what those files do not say: each target as the plan put it
    and its status.
    """
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
    title = in_language(source, "title", "title_en", lang)
    issuer = in_language(source, "issuer", "issuer_en", lang)
    if lang == "zh":
        description = (
            f"{issuer['text']}（{source['published']}）：目标 {len(targets)} 项、统计结果 {outcome_count} 项及原文。"
        )
    else:
        description = f"{issuer['text']} ({source['published']}): {len(targets)} targets, {outcome_count} reported values, with their quotes."

    def listed(counts: dict[str, int], file) -> list[dict[str, Any]]:
        return [
            {**_region_link(data.regions[code], links, lang, data), "count": count, "csv": links.file(file(code))}
            for code, count in sorted(counts.items())
        ]

    # What the regions' files do not say (site.js reads those from the lists of regions and files):
    # each target as the plan put it, and its status.
    verdicts = {t["id"]: verdict_view(data, t, strings, lang) for t in targets}
    spec: dict[str, Any] = {
        "source": source_id,
        "lang": lang,
        "targets": {
            t["id"]: [
                target_text(t, data.indicators[t["indicator"]], lang),
                verdicts[t["id"]]["slug"],
                verdicts[t["id"]]["evidence"],
            ]
            for t in targets
        },
        # the names of the indicators its regions have figures for (a superset of this document's)
        "names": indicator_names(
            data,
            {t["indicator"] for t in targets}
            | {i for code in {*target_regions, *outcome_regions} for i in data.indicators_by_region.get(code, [])},
            lang,
        ),
    }
    other = "en" if lang == "zh" else "zh"
    other_title = source["title"] if other == "zh" else source.get("title_en")
    return {
        "route": route,
        "title": title["text"],
        "description": description,
        "source": {
            **source,
            "title": title,
            "title_other": {"text": other_title, "lang": other}
            if other_title and other_title != title["text"]
            else None,
            "issuer": issuer,
            "original_publisher": in_language(source, "original_publisher", "original_publisher_en", lang)
            if source.get("original_publisher")
            else None,
            "note": in_language(source, "note_zh", "note_en", lang),
            "doc_type_label": strings.get(f"doc_type_{source['doc_type']}", lang),
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
            {"lang": lang, "href": links.file(f"{language_folder(lang)}sources/{source_id}/")}
            for lang in source_languages
        ],
        "home": links.file(""),
        "txt": f"{source_id}.txt",
        "text": text,
    }
