"""What site.js needs to draw a region's charts and list its quotes: which files to read.

The figures are not copied into the page: they are in the files the site publishes anyway. A
region's yearly values and their quotes are in `regions/<code>/<code>-outcomes.csv`, its targets
(with baselines and quotes) in `<code>-targets.csv`, indicator names and units in the indicators
table's download, and the labels site.js writes in `assets/js/labels.json`; site.js reads them to
draw each chart with its data table and to list the quotes the targets table links to. Both
languages' pages share those files, so a page carries only its own files' paths, and the output
grows with the data only once.

    python -m edutargets.site.charts    # writes site_src/assets/js/labels.json from strings.yml
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from edutargets.site.links import Links
from edutargets.site.shape import SiteData
from edutargets.site.text import LANGUAGES, Strings, display_unit, localized
from edutargets.status import Status

LABELS_FILE = "assets/js/labels.json"
"""The interface strings site.js writes, both languages, fetched once and cached (the indicators'
names and units are in each page's spec: indicator_names)."""

JS_LABELS = (
    # a region's charts and quotes
    "charts_heading", "quotes_heading", "quotes_intro",
    # charts and their data tables
    "series_outcome", "series_parent", "series_target", "series_baseline", "data_table", "chart_alt", "charts_failed",
    # the way back from a quote, a table that scrolls sideways
    "back_to_row", "scroll_table",
    # quotes, and the tables of a source page and of an indicator's whole list
    "year", "value", "quote", "source", "note", "target", "target_year", "region", "indicator", "status", "show_all_regions",
    "flag_estimate", "flag_definition_change", "flag_preliminary",
    *(f"status_{s.value}" for s in Status),
    "level_nation", "level_province", "level_prefecture", "level_county",
)  # fmt: skip


def js_labels(strings: Strings) -> dict[str, dict[str, str]]:
    """The strings site.js needs, by language; the bilingual form ("来源 / Source") is made from
    them in site.js as Strings.get makes it here."""
    return {lang: {key: strings.table[key][lang] for key in JS_LABELS} for lang in LANGUAGES}


def labels_file(strings: Strings) -> bytes:
    return (json.dumps(js_labels(strings), ensure_ascii=False, indent=0, sort_keys=True) + "\n").encode("utf-8")


def outcomes_file(code: str) -> str:
    """A region's outcome rows as published: the page's data and the reader's download."""
    return f"regions/{code}/{code}-outcomes.csv"


def targets_file(code: str) -> str:
    return f"regions/{code}/{code}-targets.csv"


def has_chart(data: SiteData, code: str, indicator_id: str) -> bool:
    """A chart is drawn only for a series with a reported value of one year: a target's point
    alone says nothing a line of text does not (pages list those targets compactly instead).
    The page's spec names the charts (`only`), so site.js draws exactly these."""
    return data.has_yearly_values(code, indicator_id)


def chart_indicators(data: SiteData, code: str, candidates: list[str] | None = None) -> list[str]:
    """The indicators among `candidates` (default: every indicator with a figure for the region)
    that get a chart on the region's page, in the order given."""
    found = candidates if candidates is not None else data.indicators_by_region.get(code, [])
    return [indicator_id for indicator_id in found if has_chart(data, code, indicator_id)]


def indicator_names(data: SiteData, ids: list[str] | set[str], lang: str) -> list[list[Any]]:
    """[id, name, unit, factor] of each indicator a page's script names, in the indicators table's
    order (the order its charts are drawn in): the unit and factor are the ones the page writes values
    in (text.display_unit: "places" and 10,000 for 万个 on English pages). Only the indicators are
    read, which every page's inputs carry (inputs.Inputs.common), so no page needs a further input."""
    wanted = set(ids)
    return [
        [i, localized(row, "name", lang), *display_unit(row, lang)] for i, row in data.indicators.items() if i in wanted
    ]


def page_spec(
    data: SiteData,
    code: str,
    lang: str,
    links: Links,
    *,
    only: list[str] | None = None,
    with_parent: bool = True,
    quotes: bool = False,
) -> dict[str, Any] | None:
    """What site.js needs for one region's charts (and, with quotes=True, its quotes list), or None
    when there is nothing to draw or list. `only` limits the charts to some indicators."""
    drawn = chart_indicators(data, code, only)
    charts = bool(drawn)
    has_targets = code in data.targets_by_region
    if not charts and not (quotes and has_targets):
        return None
    spec: dict[str, Any] = {"code": code, "name": localized(data.regions[code], "name", lang), "lang": lang}
    spec["names"] = indicator_names(data, {*(only or []), *data.indicators_by_region.get(code, [])}, lang)
    if code in data.outcome_counts:
        spec["csv"] = links.file(outcomes_file(code))
    if has_targets:
        spec["targets"] = links.file(targets_file(code))
    if charts:
        spec["charts"] = 1
        spec["only"] = drawn
    parent_code = data.regions[code]["parent"] if with_parent else ""
    if charts and parent_code and parent_code in data.outcome_counts:
        spec["parent"] = {
            "code": parent_code,
            "name": localized(data.regions[parent_code], "name", lang),
            "csv": links.file(outcomes_file(parent_code)),
        }
    return spec


def main() -> None:
    """Write site_src/assets/js/labels.json from site_src/strings.yml (tests/site check it is current)."""
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("site_src")
    target = root / "assets" / "js" / "labels.json"
    target.write_bytes(labels_file(Strings.load(root / "strings.yml")))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
