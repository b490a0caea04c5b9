"""Contexts of the pages there is one of: home, the three indexes, downloads and search."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Mapping
from typing import Any

from edutargets.downloads import EXCEL_MAX_ROWS, LOOSE_MAX_ROWS, XLSX_NAME, ZIP_NAME, offered_files
from edutargets.model import NATION
from edutargets.site.figures import page_spec, status_view, target_text, verdict_view
from edutargets.site.render import Links
from edutargets.site.shape import HEADLINE_INDICATORS, SiteData
from edutargets.site.text import Strings, display_unit, in_language, localized
from edutargets.status import Status
from edutargets.verdicts import extend_descriptor

HEADLINE_YEARS = (2020, 2025)
"""The national plans' deadlines the home page's table shows (13th and 14th Five-Year Plans)."""

TOP_PAGE_MAX_ITEMS = 500
"""A top page lists every region or document up to this many; beyond, those of the nation and
the provinces, with a link to where the rest are (each region's page)."""


def home_context(data: SiteData, lang: str, strings: Strings) -> dict[str, Any]:
    links = Links("", lang)
    counts = data.status_counts()
    headline = []
    for indicator_id in HEADLINE_INDICATORS:
        if indicator_id not in data.indicators:
            continue
        indicator = data.indicators[indicator_id]
        targets = [
            t for t in data.targets_by_region.get(NATION, []) if t["indicator"] == indicator_id and t["kind"] == "level"
        ]
        by_year = {t["target_year"]: t for t in targets}
        row = {
            "name": localized(indicator, "name", lang),
            "href": links.page(f"indicators/{indicator_id}/"),
            "cells": [],
        }
        for year in HEADLINE_YEARS:
            target = by_year.get(year)
            row["cells"].append(
                {
                    "target": target_text(target, indicator, lang) if target else "",
                    "status": verdict_view(data, target, strings, lang) if target else None,
                }
            )
        headline.append(row)
    charts = (
        page_spec(
            data, NATION, lang, links, only=[i for i in HEADLINE_INDICATORS if i in data.indicators], with_parent=False
        )
        if NATION in data.regions
        else None
    )
    # Every region with figures while they are few; at national scale the nation and provinces
    # (the regions list leads to the rest), not 3,000 links on the home page.
    with_figures = [data.regions[c] for c in sorted(data.regions_with_figures)]
    if len(with_figures) > TOP_PAGE_MAX_ITEMS:
        with_figures = [r for r in with_figures if r["depth"] <= 1]
    return {
        "route": "",
        "title": strings.get("site_name", lang),
        "description": strings.get("quotes_intro", lang),
        "counts": {
            "regions": len(data.regions_with_figures),
            "sources": len(data.sources),
            "targets": len(data.targets),
            "outcomes": len(data.outcomes),
        },
        "status_counts": [
            {**status_view(s, strings, lang), "count": counts[s], "href": links.page(f"targets/{s.value}/")}
            for s in Status
            if counts[s]
        ],
        "all_targets": links.page("targets/all/"),
        "headline_years": HEADLINE_YEARS,
        "headline": headline,
        "charts": charts if charts and charts.get("charts") else None,
        "regions": [
            {
                "name": localized(r, "name", lang),
                "href": links.page(f"regions/{r['code']}/"),
                "level": strings.get(f"level_{r['level']}", lang),
            }
            for r in sorted(with_figures, key=lambda r: (r["depth"], r["code"]))
        ],
        "indicators": [
            {"name": localized(i, "name", lang), "href": links.page(f"indicators/{i['id']}/")}
            for i in data.indicators.values()
        ],
    }


INDEX_INLINE_MAX = 300
"""The regions index lists every region with figures under its province up to this many in all;
beyond (national scale: 3,352 divisions), each province with its count and a link to its list
(province_list_context), which a page of thousands of links would be on a phone."""


def province_list_route(code: str) -> str:
    """A province's list of its regions with figures."""
    return f"provinces/{code}/"


def province_tree_codes(data: SiteData, province: str) -> list[str]:
    """The regions a province's list shows: those with figures, and the parents between them and
    the province (listed too, so that the nesting reads), by code; empty without figures."""
    keep: set[str] = set()
    for code in data.figures_by_province.get(province, []):
        while code and code not in keep:
            keep.add(code)
            code = data.regions[code]["parent"] if code != province else ""
    return sorted(keep)


def _figures_tree(data: SiteData, province: str, links: Links, lang: str, strings: Strings) -> list[dict[str, Any]]:
    """The province's regions of province_tree_codes, each under its parent, subdivisions by code:
    a list of one item, the province (none without figures)."""
    keep = set(province_tree_codes(data, province))

    def item(region: dict) -> dict[str, Any]:
        children = sorted(
            (c for c in data.children.get(region["code"], []) if c["code"] in keep), key=lambda r: r["code"]
        )
        return {
            "name": localized(region, "name", lang),
            "href": links.page(f"regions/{region['code']}/"),
            "level": strings.get(f"level_{region['level']}", lang),
            "has_figures": region["code"] in data.regions_with_figures,
            "children": [item(c) for c in children],
        }

    return [item(data.regions[province])] if province in keep else []


def regions_index_context(data: SiteData, lang: str, strings: Strings) -> dict[str, Any]:
    """The nation, then every province with the regions with figures in it (all of them up to
    INDEX_INLINE_MAX in all; beyond, their count), each province linked to its own list."""
    links = Links("regions/", lang)
    nation = data.nation()
    inline = len(data.regions_with_figures) <= INDEX_INLINE_MAX
    provinces = []
    for region in sorted(data.children.get(nation["code"], []) if nation else [], key=lambda r: r["code"]):
        found = data.figures_by_province.get(region["code"], [])
        provinces.append(
            {
                "name": localized(region, "name", lang),
                "href": links.page(f"regions/{region['code']}/"),
                "has_figures": region["code"] in data.regions_with_figures,
                "count": len(found),
                "count_text": strings.get("regions_with_figures_count", lang, count=str(len(found))),
                "list_href": links.page(province_list_route(region["code"])) if found else "",
                "tree": _figures_tree(data, region["code"], links, lang, strings)[0]["children"]
                if inline and found
                else [],
            }
        )
    return {
        "route": "regions/",
        "title": strings.get("all_regions", lang),
        "description": strings.get("all_regions", lang),
        "nation": {
            "name": localized(nation, "name", lang),
            "href": links.page(f"regions/{nation['code']}/"),
            "has_figures": nation["code"] in data.regions_with_figures,
        }
        if nation
        else None,
        "provinces": provinces,
    }


def province_list_context(data: SiteData, code: str, lang: str, strings: Strings) -> dict[str, Any]:
    """A province's page of its regions with figures, nested by level: where the regions index
    sends a reader to find a city or county at national scale."""
    route = province_list_route(code)
    links = Links(route, lang)
    region = data.regions[code]
    name = localized(region, "name", lang)
    count = len(data.figures_by_province.get(code, []))
    title = strings.get("province_regions_title", lang, name=name)
    return {
        "route": route,
        "title": title,
        "description": strings.get("province_regions_description", lang, name=name, count=str(count)),
        "index_href": links.page("regions/"),
        "count_text": strings.get("regions_with_figures_count", lang, count=str(count)),
        "tree": _figures_tree(data, code, links, lang, strings),
    }


def indicators_index_context(data: SiteData, lang: str, strings: Strings) -> dict[str, Any]:
    links = Links("indicators/", lang)
    rows = []
    for indicator in data.indicators.values():
        rows.append(
            {
                "name": localized(indicator, "name", lang),
                "href": links.page(f"indicators/{indicator['id']}/"),
                "unit": display_unit(indicator, lang)[0],
                "stage": strings.get(f"stage_{indicator['stage']}", lang),
                "targets": len(data.targets_by_indicator.get(indicator["id"], [])),
            }
        )
    return {
        "route": "indicators/",
        "title": strings.get("all_indicators", lang),
        "description": strings.get("all_indicators", lang),
        "rows": rows,
    }


def sources_index_context(data: SiteData, lang: str, strings: Strings) -> dict[str, Any]:
    """Every source document grouped by region while they are few; at national scale those of the
    nation and the provinces, since each region's page lists its own (ten thousand would be
    megabytes)."""
    links = Links("sources/", lang)
    groups: dict[str, list[dict[str, Any]]] = {}
    sources = sorted(data.sources.values(), key=lambda s: (s["region"], s["published"], s["id"]))
    shortened = len(sources) > TOP_PAGE_MAX_ITEMS
    if shortened:
        sources = [s for s in sources if data.regions[s["region"]]["depth"] <= 1]
    for source in sources:
        groups.setdefault(source["region"], []).append(
            {
                "title": in_language(source, "title", "title_en", lang),
                "href": links.source(source["id"]),
                "doc_type": strings.get(f"doc_type_{source['doc_type']}", lang),
                "issuer": in_language(source, "issuer", "issuer_en", lang),
                "published": source["published"],
            }
        )
    return {
        "route": "sources/",
        "title": strings.get("all_sources", lang),
        "description": strings.get("all_sources", lang),
        "shortened": {"count": len(data.sources), "regions": links.page("regions/")} if shortened else None,
        "groups": [
            {
                "region": localized(data.regions[code], "name", lang),
                "href": links.page(f"regions/{code}/"),
                "sources": rows,
            }
            for code, rows in groups.items()
        ],
    }


def search_names(data: SiteData) -> dict[str, list[list[str]]]:
    """Names of every region and indicator for the search page's substring match.

    Pagefind segments Chinese into words at index time and again, differently, in the browser,
    so a query such as 入园率 inside 学前教育毛入园率 can miss; names are matched as substrings.
    At national scale this list is the largest thing a search fetches, so it is compact:
    {"r": [[code, zh, en, parent code], ...], "i": [[id, zh, en], ...]}, regions from the nation
    down; search.js makes the links from kind and code. `names_file` gzips it.
    """
    regions = [
        [r["code"], r["name_zh"], r["name_en"] or "", r["parent"] or ""]
        for r in sorted(data.regions.values(), key=lambda r: (r["depth"], r["code"]))
    ]
    indicators = [[i["id"], i["name_zh"], i["name_en"] or ""] for i in data.indicators.values()]
    return {"r": regions, "i": indicators}


def names_file(names: Mapping[str, Any]) -> bytes:
    """search/names.json.gz: the names list of `search_names`, gzipped.

    Compact JSON is still ~40 bytes a region; gzipped, a national list is a third of that.
    search.js inflates it with the browser's DecompressionStream. mtime 0: the same names give
    the same bytes.
    """
    text = json.dumps(names, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def search_context(lang: str, strings: Strings, merged: Iterable[str] = ()) -> dict[str, Any]:
    """The search page; `merged` are the folders of the bundles it merges into the main one
    (search_index.source_bundles)."""
    links = Links("search/", lang)
    return {
        "merged": " ".join(links.file(f"{folder}/") for folder in merged),
        "route": "search/",
        "title": strings.get("search", lang),
        "description": strings.get("search", lang),
        "names_file": links.file("search/names.json.gz"),  # written with names_file
        "pagefind_js": links.file("pagefind/pagefind.js"),
        "regions_href": links.page("regions/"),  # where a search that found nothing suggests looking
        "indicators_href": links.page("indicators/"),
    }


def dataset_jsonld(
    data: SiteData, name: str, description: str, url_path: str, files: list[str], lang: str, date: str
) -> dict[str, Any]:
    """schema.org Dataset metadata, so that dataset search engines can find the data: what they
    require and recommend (name, description, licence, creator, files), nothing repeated from the
    page's own <html lang> and title. It is on every region page, so it is kept short."""
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": name,
        "description": description,
        "version": data.dataset.version,
        "dateModified": date,
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "creator": {"@type": "Organization", "name": "edutargets"},
        "url": url_path,
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": _format_of(path), "contentUrl": path} for path in files
        ],
    }


def _format_of(path: str) -> str:
    if path.endswith(".zip"):
        return "application/zip"
    if path.endswith(".xlsx"):
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return "text/csv"


SIZE = "ET-SIZE-{}"
"""Where the downloads page shows a file's size (`fill_sizes`): the page is rendered beside the
downloads, the sizes are known once they are written."""


def downloads_context(
    data: SiteData,
    lang: str,
    strings: Strings,
    date: str,
    changelog: str,
    loose_max_rows: int = LOOSE_MAX_ROWS,
) -> dict[str, Any]:
    """The downloads page: the files offered (downloads.offered_files); a table too large for
    loose files is listed as in the zip only, with its row count."""
    links = Links("downloads/", lang)
    descriptor = extend_descriptor(data.dataset.descriptor)  # the targets table as published, with its verdicts
    rows = {r["name"]: len(getattr(data.dataset, r["name"])) for r in descriptor["resources"]}
    offered = offered_files(rows, loose_max_rows)
    resources = []
    for resource in descriptor["resources"]:
        name = resource["name"]
        resources.append(
            {
                "name": name,
                "title": resource.get("title", name),
                "description": resource.get("description", ""),
                "csv": links.file(f"downloads/csv/{name}.csv") if f"csv/{name}.csv" in offered else "",
                "excel": links.file(f"downloads/excel/{name}.csv") if f"excel/{name}.csv" in offered else "",
                "rows": f"{rows[name]:,}",
                "key": ", ".join(resource["schema"].get("primaryKey", [])),
                "fields": [
                    {
                        "name": f["name"],
                        "type": f["type"],
                        "title": f.get("title", ""),
                        "description": f.get("description", ""),
                        "required": bool(f.get("constraints", {}).get("required")),
                        "allowed": ", ".join(f.get("constraints", {}).get("enum", [])),
                    }
                    for f in resource["schema"]["fields"]
                ],
            }
        )
    title = descriptor.get("title", "edutargets")
    all_files = [links.file(f"downloads/{path}") for path in offered]
    return {
        "route": "downloads/",
        "title": strings.get("downloads", lang),
        "description": descriptor.get("description", ""),
        "version": data.dataset.version,
        "date": date,
        "zip": {"href": links.file(f"downloads/{ZIP_NAME}"), "size": SIZE.format(ZIP_NAME)},
        "xlsx": {"href": links.file(f"downloads/{XLSX_NAME}"), "size": SIZE.format(XLSX_NAME)},
        "loose_max_rows": f"{loose_max_rows:,}",
        "excel_max_rows": f"{EXCEL_MAX_ROWS:,}",
        "regions_href": links.page("regions/"),
        "resources": resources,
        "changelog": changelog,
        "jsonld": dataset_jsonld(
            data, title, descriptor.get("description", ""), links.page("downloads/"), all_files, lang, date
        ),
    }


def fill_sizes(page: str, sizes: Mapping[str, int]) -> str:
    """The downloads page with each file's size (by path under downloads/) where it says `SIZE`."""
    for path, size in sizes.items():
        page = page.replace(SIZE.format(path), _size(size))
    return page


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} B"
