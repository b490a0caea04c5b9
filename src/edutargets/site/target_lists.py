"""The lists of targets across regions: all of them, and one list per status, for finding and
comparing verdicts (the home page's status counts link to them).

They are plain tables that work without JavaScript; site.js adds filters (level of region,
stage, target year, type of document, region name, status) over the rows of the page. A list
longer than LIST_PAGE_ROWS is split into pages (`targets/not_met/`, `targets/not_met-p2/` …), so
that no page is huge at national scale; the list of all targets is every target while there are
at most ALL_MAX_ROWS, beyond that those of the nation and the provinces (each status list and
each region's page have the rest).
"""

from __future__ import annotations

import math
from functools import cached_property
from typing import Any

from edutargets.site.figures import target_text, verdict_view
from edutargets.site.links import Links
from edutargets.site.shape import Row, SiteData
from edutargets.site.text import Strings, localized
from edutargets.status import Status

LIST_PAGE_ROWS = 500
ALL_MAX_ROWS = 1000
ALL = "all"


class TargetLists:
    """Which list pages exist and which targets each holds, computed once per build."""

    def __init__(self, data: SiteData) -> None:
        self.data = data

    @cached_property
    def _ordered(self) -> list[Row]:
        data = self.data
        order = {indicator: i for i, indicator in enumerate(data.indicators)}
        return sorted(data.targets, key=lambda t: (data.regions[t["region"]]["depth"], t["region"], order[t["indicator"]], t["target_year"], t["id"]))

    @cached_property
    def lists(self) -> dict[str, list[Row]]:
        """Each list's targets, by list id (all, then each status that has any)."""
        everything = self._ordered
        shown = everything if len(everything) <= ALL_MAX_ROWS else [t for t in everything if self.data.regions[t["region"]]["depth"] <= 1]
        found = {ALL: shown}
        for status in Status:
            rows = [t for t in everything if self.data.assessments[t["id"]].status is status]
            if rows:
                found[status.value] = rows
        return found

    @cached_property
    def pages(self) -> dict[str, tuple[str, int, int]]:
        """Every list page, by page id: (list id, page number, pages in the list)."""
        found = {}
        for list_id, rows in self.lists.items():
            count = max(1, math.ceil(len(rows) / LIST_PAGE_ROWS)) if list_id != ALL else 1
            for number in range(1, count + 1):
                found[page_id(list_id, number)] = (list_id, number, count)
        return found

    def rows_of(self, page: str) -> list[Row]:
        list_id, number, _ = self.pages[page]
        rows = self.lists[list_id]
        return rows if list_id == ALL else rows[(number - 1) * LIST_PAGE_ROWS : number * LIST_PAGE_ROWS]


def page_id(list_id: str, number: int) -> str:
    return list_id if number == 1 else f"{list_id}-p{number}"


def list_context(lists: TargetLists, page: str, lang: str, strings: Strings) -> dict[str, Any]:
    data = lists.data
    route = f"targets/{page}/"
    links = Links(route, lang)
    list_id, number, count = lists.pages[page]
    title = strings.get("all_targets", lang) if list_id == ALL else f"{strings.get('all_targets', lang)} · {strings.get(f'status_{list_id}', lang)}"
    counts = data.status_counts()
    rows = []
    for target in lists.rows_of(page):
        region = data.regions[target["region"]]
        indicator = data.indicators[target["indicator"]]
        source = data.sources[target["source"]]
        rows.append(
            {
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
                "doc_type": source["doc_type"],
            }
        )
    filters = {
        "level": [(level, strings.get(f"level_{level}", lang)) for level in ("nation", "province", "prefecture", "county")],
        "stage": [(stage, strings.get(f"stage_{stage}", lang)) for stage in ("preschool", "compulsory", "upper_secondary", "vocational", "higher", "all")],
        "year": sorted({row["year"] for row in rows}),
        "doc_type": [(kind, strings.get(f"doc_type_{kind}", lang)) for kind in ("plan", "work_plan", "midterm_review", "statistical_bulletin", "report", "news")],
        "status": [(s.value, strings.get(f"status_{s.value}", lang)) for s in Status if counts[s]],
    }
    pager = None
    if count > 1:
        pager = {
            "label": strings.get("targets_page", lang, page=str(number), pages=str(count)),
            "previous": links.page(f"targets/{page_id(list_id, number - 1)}/") if number > 1 else "",
            "next": links.page(f"targets/{page_id(list_id, number + 1)}/") if number < count else "",
        }
    shortened = list_id == ALL and len(lists.lists[ALL]) < len(data.targets)
    return {
        "route": route,
        "title": title,
        "description": strings.get("all_targets_intro", lang),
        "list_id": list_id,
        "status_links": [
            {**{"slug": s.value, "label": strings.get(f"status_{s.value}", lang)}, "count": counts[s], "href": links.page(f"targets/{s.value}/"), "current": s.value == list_id}
            for s in Status
            if counts[s]
        ],
        "all_href": links.page(f"targets/{ALL}/"),
        "total": len(data.targets),
        "shortened": shortened,
        "rows": rows,
        "filters": filters,
        "pager": pager,
    }
