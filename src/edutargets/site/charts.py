"""Chart specifications: which series a region's charts draw, and where their numbers are.

The yearly values and their quotes are not copied into the page: they are in the region's CSV
file (`regions/<code>/<code>-outcomes.csv`, also its download), which site.js reads to draw each
chart and its data table. Both languages' pages share that one file, so a region page stays a
few kilobytes however long its series, and the output grows with the data only once. The page
carries what is not in the file: names, units, targets and baselines, and the labels.
"""

from __future__ import annotations

from typing import Any

from edutargets.site.links import Links
from edutargets.site.shape import SiteData
from edutargets.site.text import Strings, localized

LABELS = ("series_outcome", "series_parent", "series_target", "series_baseline", "data_table", "year", "quote", "source", "chart_alt", "charts_failed")


def outcomes_file(code: str) -> str:
    """A region's outcome rows as published: the page's data and the reader's download."""
    return f"regions/{code}/{code}-outcomes.csv"


def targets_file(code: str) -> str:
    return f"regions/{code}/{code}-targets.csv"


def _indicator_entry(data: SiteData, code: str, indicator_id: str, lang: str, links: Links) -> dict[str, Any] | None:
    indicator = data.indicators[indicator_id]
    targets = [t for t in data.targets_by_region.get(code, []) if t["indicator"] == indicator_id]
    level_targets = sorted({(t["target_year"], t["value"]) for t in targets if t["kind"] in ("level", "count")})
    baselines = sorted({(t["baseline_year"], t["baseline_value"]) for t in targets if t["baseline_year"] is not None and t["baseline_value"] is not None})
    if not data.has_series(code, indicator_id) and not level_targets:
        return None
    return {
        "id": indicator_id,
        "name": localized(indicator, "name", lang),
        "unit": indicator["unit"],
        "href": links.page(f"indicators/{indicator_id}/"),
        "targets": [list(point) for point in level_targets],
        "baselines": [list(point) for point in baselines],
    }


def charts_spec(data: SiteData, code: str, indicator_ids: list[str], lang: str, strings: Strings, links: Links, *, with_parent: bool = True) -> dict[str, Any] | None:
    """What site.js needs to draw one region's charts, or None when there is nothing to draw."""
    entries = [entry for i in indicator_ids if (entry := _indicator_entry(data, code, i, lang, links))]
    if not entries:
        return None
    region = data.regions[code]
    parent_code = region["parent"] if with_parent else ""
    parent = None
    if parent_code and parent_code in data.outcome_counts:
        parent = {"code": parent_code, "name": localized(data.regions[parent_code], "name", lang), "csv": links.file(outcomes_file(parent_code))}
    return {
        "region": code,
        "name": localized(region, "name", lang),
        "csv": links.file(outcomes_file(code)) if code in data.outcome_counts else "",
        "parent": parent,
        "sources": links.file("sources/"),
        "labels": {key: strings.get(key, lang) for key in LABELS},
        "indicators": entries,
    }
