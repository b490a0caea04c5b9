"""How figures are shown: single figures and statuses described on a page (data, not HTML), and
what site.js needs to draw a region's charts and list its quotes.

Every place that shows a status shows it through `verdict_view`: its label, and beside it the
evidence it was judged on (year, value, and the level required), so that no status appears
without the figure behind it.

Charts: the figures are not copied into the page: they are in the files the site publishes anyway. A
region's yearly values and their quotes are in `regions/<code>/<code>-outcomes.csv`, its targets
(with baselines and quotes) in `<code>-targets.csv`, indicator names and units in the indicators
table's download, and the labels site.js writes in `assets/js/labels.json`; site.js reads them to
draw each chart with its data table and to list the quotes the targets table links to. Both
languages' pages share those files, so a page carries only its own files' paths, and the output
grows with the data only once.

    python -m edutargets.site.figures    # writes site_src/assets/js/labels.json from strings.yml
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from edutargets.site.render import Links
from edutargets.site.shape import Row, SiteData
from edutargets.site.text import (
    COMPARATOR_SIGNS,
    LANGUAGES,
    Strings,
    amount,
    display_unit,
    localized,
    number,
    quantity,
    with_unit,
)
from edutargets.status import CONTEXT, Assessment, Observation, Reason, Status


def status_view(status: Status, strings: Strings, lang: str) -> dict[str, str]:
    """A status as pages show it: its label, and its slug, which site.css gives an icon and colour
    (never colour alone: the label is always there)."""
    return {"slug": status.value, "label": strings.get(f"status_{status.value}", lang)}


def target_text(target: Row, indicator: Row, lang: str) -> str:
    """A target as the plan put it: ≥ 90%, +3–5 个百分点, 增长 ≥ 3%, 50 所, 2021–2025 年合计 ≥ 7.1 万个;
    on English pages in English units (2021–2025 total ≥ 71,000 places)."""
    unit, factor = display_unit(indicator, lang)
    sign = COMPARATOR_SIGNS[target["comparator"]]
    value, high = target["value"], target["value_high"]
    if target["kind"] == "change":
        points = ("个百分点" if lang == "zh" else "percentage points") if indicator["unit"] == "%" else unit
        size = amount(abs(value), lang, factor) + (f"–{amount(abs(high), lang, factor)}" if high is not None else "")
        plus = "+" if value >= 0 else "−"
        return f"{sign}{plus}{size} {points}".strip()
    if target["kind"] == "relative_change":
        base = target["baseline_year"]
        if lang == "zh":
            return f"比{base}年增长 {sign}{number(value)}%"
        return f"growth {sign}{number(value)}% over {base}"
    text = with_unit(value, unit, lang, factor)
    if high is not None:
        text = f"{amount(value, lang, factor)}–{with_unit(high, unit, lang, factor)}"
    if target.get("period_start") is not None:
        period = f"{target['period_start']}–{target['target_year']}"
        return f"{period}年合计 {sign}{text}" if lang == "zh" else f"{period} total {sign}{text}"
    return f"{sign}{text}"


def figure_text(observation: Observation, indicator: Row, lang: str) -> str:
    """A reported figure as stated: '> 50%' for 超过50%, a period's total with its years."""
    value = COMPARATOR_SIGNS.get(observation.comparator, "") + quantity(observation.value, indicator, lang)
    if observation.period_start is not None and observation.period_start != observation.year:
        period = f"{observation.period_start}–{observation.year}"
        return f"{period}年合计 {value}" if lang == "zh" else f"{period} total {value}"
    return value


def required_text(assessment: Assessment, target: Row, indicator: Row, lang: str) -> str:
    """The level required, as a comparison: ≥ 90%; for a change target, the level it works out to."""
    if assessment.required is None:
        return ""
    sign = COMPARATOR_SIGNS[target["comparator"]]
    return sign + quantity(round(assessment.required, 4), indicator, lang)


def verdict_view(data: SiteData, target: Row, strings: Strings, lang: str) -> dict[str, Any]:
    """A target's status with its evidence: label, slug, the figure judged on (with its year and
    a link to its quote when it is one reported row), the level required, and why there is no
    verdict when there is none."""
    view = data.assessments[target["id"]]
    assessment = view.assessment
    indicator = data.indicators[target["indicator"]]
    evidence = assessment.evidence
    parts = []
    if evidence is not None:
        figure = figure_text(evidence, indicator, lang)
        year = (
            ""
            if evidence.period_start is not None and evidence.period_start != evidence.year
            else strings.get("evidence_year", lang, year=str(evidence.year))
        )
        parts.append(f"{year}{figure}")
        if evidence.preliminary:
            parts.append(strings.get("flag_preliminary", lang))
    required = required_text(assessment, target, indicator, lang)
    if required:
        parts.append(strings.get("evidence_required", lang, required=required))
    if assessment.status in CONTEXT and assessment.reason in (Reason.NONE, Reason.NO_FIGURE):
        parts.append(strings.get("reason_no_figure", lang, year=str(target["target_year"])))
    elif assessment.reason is not Reason.NONE:
        parts.append(strings.get(f"reason_{assessment.reason.value}", lang, year=str(target["target_year"])))
    if assessment.ratio is not None:
        parts.append(strings.get("progress_ratio", lang, ratio=number(round(assessment.ratio, 2))))
    row = data.evidence_row(target)
    return {
        **status_view(assessment.status, strings, lang),
        "evidence": strings.get("list_separator", lang).join(parts),
        "anchor": f"q-{row['ref']}" if row else "",
        "year": evidence.year if evidence else None,
    }


# --- charts ---------------------------------------------------------------------------------

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
    target = root / LABELS_FILE
    target.write_bytes(labels_file(Strings.load(root / "strings.yml")))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
