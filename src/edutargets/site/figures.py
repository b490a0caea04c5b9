"""How single figures and statuses are described on a page (data, not HTML)."""

from __future__ import annotations

from edutargets.site.shape import Row
from edutargets.site.text import COMPARATOR_SIGNS, Strings, number, with_unit
from edutargets.status import Assessment, Status


def status_view(status: Status, strings: Strings, lang: str) -> dict[str, str]:
    """A status as pages show it: its label, and its slug, which site.css gives an icon and colour
    (never colour alone: the label is always there)."""
    return {"slug": status.value, "label": strings.get(f"status_{status.value}", lang)}


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


def assessment_text(assessment: Assessment, unit: str, lang: str) -> str:
    """Why a status was given, in one line (shown beside the status)."""
    if assessment.ratio is not None:
        ratio = number(round(assessment.ratio, 2))
        return f"进展比 {ratio}" if lang == "zh" else f"progress ratio {ratio}"
    return ""
