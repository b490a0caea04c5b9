"""How single figures and statuses are described on a page (data, not HTML).

Every place that shows a status shows it through `verdict_view`: its label, and beside it the
evidence it was judged on (year, value, and the level required), so that no status appears
without the figure behind it.
"""

from __future__ import annotations

from typing import Any

from edutargets.site.shape import Row, SiteData
from edutargets.site.text import COMPARATOR_SIGNS, Strings, amount, display_unit, number, quantity, with_unit
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
