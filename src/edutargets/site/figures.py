"""How single figures, statuses, quotes and charts are described on a page (data, not HTML)."""

from __future__ import annotations

from typing import Any

from edutargets.site.links import Links
from edutargets.site.shape import Row, SiteData
from edutargets.site.text import COMPARATOR_SIGNS, Strings, localized, number, with_unit
from edutargets.status import Assessment, Status

STATUS_ICONS = {
    Status.ACHIEVED: "✔",
    Status.ON_TRACK: "●",
    Status.NEEDS_ACCELERATION: "▲",
    Status.LIMITED_PROGRESS: "◆",
    Status.DETERIORATION: "▼",
    Status.MISSED: "✘",
    Status.INSUFFICIENT_DATA: "?",
}


def status_view(status: Status, strings: Strings, lang: str) -> dict[str, str]:
    return {"slug": status.value, "label": strings.get(f"status_{status.value}", lang), "icon": STATUS_ICONS[status]}


def target_text(target: Row, unit: str, lang: str) -> str:
    """A target as the plan put it: ≥ 90%, +3–5 个百分点, 增长 ≥ 3%, 50 所."""
    sign = COMPARATOR_SIGNS[target["comparator"]]
    value, high = target["value"], target["value_high"]
    if target["kind"] == "change":
        points = ("个百分点" if lang == "zh" else "percentage points") if unit == "%" else unit
        amount = number(abs(value)) + (f"–{number(abs(high))}" if high is not None else "")
        plus = "+" if value >= 0 else "−"
        return f"{sign}{plus}{amount} {points}".strip()
    if target["kind"] == "relative_change":
        base = target["baseline_year"]
        if lang == "zh":
            return f"比{base}年增长 {sign}{number(value)}%"
        return f"growth {sign}{number(value)}% over {base}"
    text = with_unit(value, unit, lang)
    if high is not None:
        text = f"{number(value)}–{with_unit(high, unit, lang)}"
    return f"{sign}{text}"


def figure_label(row: Row, data: SiteData, lang: str, strings: Strings, *, target: bool) -> str:
    indicator = localized(data.indicators[row["indicator"]], "name", lang)
    region = localized(data.regions[row["region"]], "name", lang)
    unit = data.indicators[row["indicator"]]["unit"]
    if target:
        return f"{region} · {indicator} · {strings.get('target', lang)} {row['target_year']}: {target_text(row, unit, lang)}"
    return f"{region} · {indicator} · {row['year']}: {with_unit(row['value'], unit, lang)}"


def quote_entry(row: Row, data: SiteData, links: Links, lang: str, strings: Strings, *, target: bool) -> dict[str, Any]:
    """One item of a page's 'quotes and sources' list: figure, sentence, and where it was read."""
    source = data.sources[row["source"]]
    flag = row.get("flag")
    return {
        "anchor": f"q-{row['ref']}",
        "label": figure_label(row, data, lang, strings, target=target),
        "quote": row["quote"],
        "note": row.get("note") or "",
        "flag": strings.get(f"flag_{flag}", lang) if flag else "",
        "source_title": source["title"],
        "source_href": links.source(source["id"]),
        "url": source["url"] or "",
        "copy_href": links.file(f"documents/{source['id']}.txt") if source.get("copy") else "",
    }


def assessment_text(assessment: Assessment, unit: str, lang: str) -> str:
    """Why a status was given, in one line (shown beside the status)."""
    if assessment.ratio is not None:
        ratio = number(round(assessment.ratio, 2))
        return f"进展比 {ratio}" if lang == "zh" else f"progress ratio {ratio}"
    return ""
