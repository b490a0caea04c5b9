"""Chart specifications: outcome series, parent series, baselines and targets of one indicator.

A spec is plain JSON for site_src/assets/js/site.js to draw with ECharts, and the same numbers
as a table for readers who cannot see the chart.
"""

from __future__ import annotations

from typing import Any

from edutargets.site.links import Links
from edutargets.site.shape import SiteData
from edutargets.site.text import Strings, localized, number, with_unit


def chart_spec(data: SiteData, code: str, indicator_id: str, lang: str, strings: Strings, links: Links, *, with_parent: bool = True) -> dict[str, Any] | None:
    """The chart of one region and indicator, or None when there is nothing to draw."""
    indicator = data.indicators[indicator_id]
    region = data.regions[code]
    unit = indicator["unit"]
    own_rows = data.yearly_rows(code, indicator_id)
    parent_code = region["parent"] if with_parent else None
    parent = data.observations(parent_code, indicator_id) if parent_code else []
    targets = [t for t in data.targets_by_region.get(code, []) if t["indicator"] == indicator_id]
    level_targets = [t for t in targets if t["kind"] in ("level", "count")]
    baselines = {(t["baseline_year"], t["baseline_value"]) for t in targets if t["baseline_year"] is not None and t["baseline_value"] is not None}
    if not own_rows and not level_targets:
        return None
    region_name = localized(region, "name", lang)
    indicator_name = localized(indicator, "name", lang)
    parent_name = localized(data.regions[parent_code], "name", lang) if parent else ""
    years = sorted(set(own_rows) | {o.year for o in parent} | {t["target_year"] for t in level_targets} | {y for y, _ in baselines})
    parent_by_year = {o.year: o.value for o in parent}
    target_by_year: dict[int, list[str]] = {}
    for t in level_targets:
        target_by_year.setdefault(t["target_year"], []).append(number(t["value"]))
    rows = [
        {
            "year": year,
            "value": with_unit(own_rows[year]["value"], unit, lang) if year in own_rows else "",
            "href": links.page(f"sources/{own_rows[year]['source']}/") + f"#q-{own_rows[year]['ref']}" if year in own_rows else "",
            "parent": with_unit(parent_by_year.get(year), unit, lang),
            "target": " / ".join(target_by_year.get(year, [])),
        }
        for year in years
    ]
    return {
        "id": f"chart-{code}-{indicator_id}",
        "title": f"{region_name} · {indicator_name}",
        "alt": strings.get("chart_alt", lang, region=region_name, indicator=indicator_name, unit=unit),
        "unit": unit,
        "filename": f"edutargets-{code}-{indicator_id}",
        "indicator_href": links.page(f"indicators/{indicator_id}/"),
        "parent_name": parent_name,
        "rows": rows,
        "data": {
            "unit": unit,
            "years": [years[0], years[-1]],
            "series": [
                {"kind": "outcome", "name": f"{region_name} · {strings.get('series_outcome', lang)}", "points": [[year, row["value"]] for year, row in own_rows.items()]},
                *([{"kind": "parent", "name": strings.get("series_parent", lang, name=parent_name), "points": [[o.year, o.value] for o in parent]}] if parent else []),
                *([{"kind": "baseline", "name": strings.get("series_baseline", lang), "points": sorted([y, v] for y, v in baselines)}] if baselines else []),
                *([{"kind": "target", "name": strings.get("series_target", lang), "points": sorted([t["target_year"], t["value"]] for t in level_targets)}] if level_targets else []),
            ],
        },
    }
