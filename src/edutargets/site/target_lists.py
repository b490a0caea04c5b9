"""The lists of targets across regions: all of them, and one list per status, for finding and
comparing verdicts (the home page's status counts link to them).

They are plain tables that work without JavaScript; site.js adds filters (level of region,
stage, target year, type of document, region name, status) over the rows. While a list has at
most ALL_MAX_ROWS targets the page holds them all. Beyond that (national scale: 33,520 targets)
it holds those of the nation and the provinces, and every target is in one CSV file per
province (`targets/<province>-targets.csv`, the province's and its subregions' targets with
the texts both languages show), which site.js loads for the province a reader picks and filters
like the rows in the page: a list of 33,520 rows in HTML would be tens of megabytes in all.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from edutargets.csvfile import csv_bytes
from edutargets.site.figures import target_text, verdict_view
from edutargets.site.render import Links
from edutargets.site.shape import STAGES, Row, SiteData
from edutargets.site.text import LANGUAGES, Strings, localized
from edutargets.status import Status

ALL_MAX_ROWS = 1000
ALL = "all"
CHUNK_HEADER = [
    "id",
    "region",
    "level",
    "region_zh",
    "region_en",
    "indicator",
    "indicator_zh",
    "indicator_en",
    "stage",
    "target_zh",
    "target_en",
    "target_year",
    "status",
    "evidence_zh",
    "evidence_en",
    "doc_type",
]
"""A row of a province's file of targets: what a list's row shows, in both languages."""


def chunk_path(province: str) -> str:
    return f"targets/{province}-targets.csv"


class TargetLists:
    """Which list pages exist and which targets each shows, computed once per build."""

    def __init__(self, data: SiteData) -> None:
        self.data = data

    @cached_property
    def ordered(self) -> list[Row]:
        data = self.data
        order = {indicator: i for i, indicator in enumerate(data.indicators)}
        return sorted(
            data.targets,
            key=lambda t: (
                data.regions[t["region"]]["depth"],
                t["region"],
                order[t["indicator"]],
                t["target_year"],
                t["id"],
            ),
        )

    @cached_property
    def shortened(self) -> bool:
        """Whether the pages show only the nation's and provinces' targets (the rest in files)."""
        return len(self.data.targets) > ALL_MAX_ROWS

    @cached_property
    def lists(self) -> dict[str, list[Row]]:
        """Each list page's rows, by list id (all, then each status that has any)."""
        rows = self.ordered
        if self.shortened:
            rows = [t for t in rows if self.data.regions[t["region"]]["depth"] <= 1]
        found = {ALL: rows}
        for status in Status:
            if self.data.status_counts()[status]:
                found[status.value] = [t for t in rows if self.data.assessments[t["id"]].status is status]
        return found

    def province_of(self, code: str) -> str:
        """The province a region belongs to (the nation's own targets are filed under 000000)."""
        region = self.data.regions[code]
        while region["depth"] > 1:
            region = self.data.regions[region["parent"]]
        return region["code"]

    @cached_property
    def by_province(self) -> dict[str, list[Row]]:
        """Every target, by the province whose file holds it (only when the pages are shortened)."""
        found: dict[str, list[Row]] = {}
        if self.shortened:
            for target in self.ordered:
                found.setdefault(self.province_of(target["region"]), []).append(target)
        return found


def chunk_file(lists: TargetLists, province: str, strings: Strings) -> bytes:
    """A province's targets as a list shows them, in both languages (UTF-8 CSV)."""
    data = lists.data
    rows = []
    for target in lists.by_province[province]:
        region = data.regions[target["region"]]
        indicator = data.indicators[target["indicator"]]
        verdicts = [verdict_view(data, target, strings, lang) for lang in LANGUAGES]
        rows.append(
            [
                target["id"], region["code"], region["level"], region["name_zh"], localized(region, "name", "en"),
                indicator["id"], indicator["name_zh"], localized(indicator, "name", "en"), indicator["stage"],
                target_text(target, indicator, "zh"), target_text(target, indicator, "en"), target["target_year"],
                verdicts[0]["slug"], verdicts[0]["evidence"], verdicts[1]["evidence"], data.sources[target["source"]]["doc_type"],
            ]
        )  # fmt: skip
    return csv_bytes(CHUNK_HEADER, rows)


def list_context(lists: TargetLists, list_id: str, lang: str, strings: Strings) -> dict[str, Any]:
    data = lists.data
    route = f"targets/{list_id}/"
    links = Links(route, lang)
    title = (
        strings.get("all_targets", lang)
        if list_id == ALL
        else f"{strings.get('all_targets', lang)} · {strings.get(f'status_{list_id}', lang)}"
    )
    counts = data.status_counts()
    rows = []
    for target in lists.lists[list_id]:
        region = data.regions[target["region"]]
        indicator = data.indicators[target["indicator"]]
        rows.append(
            {
                "id": target["id"],
                "province": lists.province_of(region["code"]),
                "region": localized(region, "name", lang),
                "region_href": links.page(f"regions/{region['code']}/") + f"#q-{target['ref']}",
                "level": region["level"],
                "level_label": strings.get(f"level_{region['level']}", lang),
                "indicator": localized(indicator, "name", lang),
                "indicator_href": links.page(f"indicators/{indicator['id']}/"),
                "stage": indicator["stage"],
                "target": target_text(target, indicator, lang),
                "year": target["target_year"],
                "status": verdict_view(data, target, strings, lang),
                "doc_type": data.sources[target["source"]]["doc_type"],
            }
        )
    filters = {
        "level": [
            (level, strings.get(f"level_{level}", lang)) for level in ("nation", "province", "prefecture", "county")
        ],
        "stage": [(stage, strings.get(f"stage_{stage}", lang)) for stage in STAGES],
        "year": sorted({t["target_year"] for t in (lists.ordered if lists.shortened else lists.lists[list_id])}),
        "doc_type": [
            (kind, strings.get(f"doc_type_{kind}", lang))
            for kind in ("plan", "work_plan", "midterm_review", "statistical_bulletin", "report", "news")
        ],
        "status": [(s.value, strings.get(f"status_{s.value}", lang)) for s in Status if counts[s]],
    }
    spec = None
    if lists.shortened:
        spec = {
            "lang": lang,
            "status": "" if list_id == ALL else list_id,
            "regions": links.page("regions/"),
            "labels": {
                level: strings.get(f"level_{level}", lang) for level in ("nation", "province", "prefecture", "county")
            }
            | {f"status_{s.value}": strings.get(f"status_{s.value}", lang) for s in Status},
            "provinces": [
                {
                    "code": code,
                    "name": localized(data.regions[code], "name", lang),
                    "csv": links.file(chunk_path(code)),
                    "count": len(found),
                }
                for code, found in sorted(lists.by_province.items())
            ],
        }
    return {
        "route": route,
        "title": title,
        "description": strings.get("all_targets_intro", lang),
        "list_id": list_id,
        "status_links": [
            {
                "slug": s.value,
                "label": strings.get(f"status_{s.value}", lang),
                "count": counts[s],
                "href": links.page(f"targets/{s.value}/"),
                "current": s.value == list_id,
            }
            for s in Status
            if counts[s]
        ],
        "all_href": links.page(f"targets/{ALL}/"),
        "total": len(data.targets),
        "shortened": lists.shortened,
        "rows": rows,
        "filters": filters,
        "spec": spec,
    }
