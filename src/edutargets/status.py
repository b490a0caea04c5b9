"""One rule for the status of every target, so that all regions are judged alike.

The rule, as the methodology page states it (site_src/pages/methodology/):

1. **The evidence that answers a target** is the figure for its target year, of the kind it
   asks for: for a level (a rate, a stock) the value that year; for an amount in one year (a
   flow: kindergartens built that year) that year's amount; for an amount over a period
   (period_start to target_year) the period's reported total, or the sum of every year's amount
   when each is reported. A year's final figure is used over its preliminary one.
2. **Met or not met** (a verdict) only from that evidence. A figure stated as a bound
   (超过50%) gives a verdict only when the bound settles it; where sources report different final
   figures for the target year and they disagree on the verdict, there is none.
3. **Deadline passed, no such figure** (the dataset's as-of year is after the target year): no
   verdict. Figures of other years are shown as context, never as the verdict: met later (the
   first later figure that meets it), not met as of a later year, met early or not met as of
   the latest earlier figure (within the plan's period, after its baseline). A one-year amount of another year says nothing about the target
   year, so it gives no context; a period's partial total does.
4. **Before the deadline**, progress on the latest final figure (the latest preliminary one
   only when no final one exists): already met, or Open SDG's ratio of the observed average
   annual change since the baseline to the change needed to reach the target on time:
   >= 0.95 on track, 0.60-0.95 needs acceleration, 0-0.60 limited progress, < 0 deterioration.
   A one-year amount has no progress before its year: insufficient data.

A change target's required level is its baseline plus the change (relative: times 1 + the
percentage); the baseline is the plan's own, or the reported value of its baseline year. No
baseline, no required level: no verdict (or insufficient data before the deadline), and the
same when a change of definition lies between the baseline and the evidence. The progress
baseline is the plan's own, else the earliest figure before the latest one, never across a
change of definition. Direction (higher or lower is better) decides what "meets" means for
'=' and '~' (about: 1% either way).

What must stay true: the status, the figure it shows (`Assessment.evidence`) and the level
required come from this module only; pages, downloads and charts print them, never re-derive.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    MET_EARLY = "met_early"
    MET_LATER = "met_later"
    NOT_MET_AS_OF = "not_met_as_of"
    NO_VERDICT = "no_verdict"
    ALREADY_MET = "already_met"
    ON_TRACK = "on_track"
    NEEDS_ACCELERATION = "needs_acceleration"
    LIMITED_PROGRESS = "limited_progress"
    DETERIORATION = "deterioration"
    INSUFFICIENT_DATA = "insufficient_data"


VERDICTS = (Status.MET, Status.NOT_MET)
"""The statuses that are a verdict: judged on the figure of the target year."""
CONTEXT = (Status.MET_EARLY, Status.MET_LATER, Status.NOT_MET_AS_OF, Status.NO_VERDICT)
"""Deadline passed without that figure: no verdict, another year's figure as context."""
PROGRESS = (
    Status.ALREADY_MET,
    Status.ON_TRACK,
    Status.NEEDS_ACCELERATION,
    Status.LIMITED_PROGRESS,
    Status.DETERIORATION,
    Status.INSUFFICIENT_DATA,
)
"""Before the deadline."""

ON_TRACK_AT = 0.95
ACCELERATE_AT = 0.60
ABOUT_TOLERANCE = 0.01


class Reason(StrEnum):
    """Why a target has no verdict, or no progress status."""

    NONE = ""
    NO_FIGURE = "no_figure"
    NO_BASELINE = "no_baseline"
    BOUND = "bound"
    DEFINITION_CHANGE = "definition_change"
    OTHER_YEARS_ONLY = "other_years_only"
    AWAITING_YEAR = "awaiting_year"
    CONFLICTING = "conflicting"


@dataclass(frozen=True)
class Observation:
    """One reported figure as the rule reads it. `comparator` is how the source stated it
    ('>=' for 以上: a lower bound); `period_start` is set for an amount added up since then."""

    year: int
    value: float
    definition_change: bool = False
    preliminary: bool = False
    comparator: str = "="
    period_start: int | None = None
    source: str | None = None


@dataclass(frozen=True)
class Target:
    """A target as the status rule needs it; see the targets table for the fields' meaning."""

    kind: str
    comparator: str
    value: float
    target_year: int
    direction: str = "higher"
    baseline_year: int | None = None
    baseline_value: float | None = None
    measure: str = "level"
    period_start: int | None = None
    plan_start: int | None = None
    """The first year the target's document covers: an earlier figure is no sign of meeting it early."""


@dataclass(frozen=True)
class Assessment:
    status: Status
    required: float | None = None
    evidence: Observation | None = None
    """The figure the status was judged on (a verdict, progress) or shown as context."""
    baseline: Observation | None = None
    ratio: float | None = None
    reason: Reason = Reason.NONE


# --- intervals: what a figure says the true value is, and what the target accepts --------

Interval = tuple[float, bool, float, bool]  # low, low open, high, high open
_INF = math.inf


def _stated(observation: Observation) -> Interval:
    """The values a figure allows: exactly its value, or a half-line for 以上/超过/以下/低于."""
    v = observation.value
    return {
        ">=": (v, False, _INF, True),
        ">": (v, True, _INF, True),
        "<=": (-_INF, True, v, False),
        "<": (-_INF, True, v, True),
    }.get(observation.comparator, (v, False, v, False))


def _accepted(required: float, comparator: str, direction: str) -> Interval:
    """The values that meet a target; '=' and '~' follow the direction."""
    if comparator in ("=", "~"):
        tolerance = abs(required) * ABOUT_TOLERANCE if comparator == "~" else 0.0
        comparator = ">=" if direction == "higher" else "<="
        required = required - tolerance if direction == "higher" else required + tolerance
    return _stated(Observation(0, required, comparator=comparator))


def _inside(a: Interval, b: Interval) -> bool:
    """Every value of a is in b."""
    low, low_open, high, high_open = a
    low_ok = low > b[0] or (low == b[0] and (low_open or not b[1]))
    high_ok = high < b[2] or (high == b[2] and (high_open or not b[3]))
    return low_ok and high_ok


def _apart(a: Interval, b: Interval) -> bool:
    """No value is in both."""
    return a[2] < b[0] or b[2] < a[0] or (a[2] == b[0] and (a[3] or b[1])) or (b[2] == a[0] and (b[3] or a[1]))


def judge(observation: Observation, required: float, comparator: str, direction: str) -> bool | None:
    """Whether the figure meets the target: True, False, or None when a bound leaves it open."""
    stated, accepted = _stated(observation), _accepted(required, comparator, direction)
    if _inside(stated, accepted):
        return True
    if _apart(stated, accepted):
        return False
    return None


def meets(value: float, required: float, comparator: str, direction: str) -> bool:
    """Whether an exact value satisfies the target's comparator."""
    return bool(judge(Observation(0, value), required, comparator, direction))


# --- the figures that answer a target ---------------------------------------------------


class Series:
    """A region's figures for one indicator, read the ways a target may ask for them."""

    def __init__(self, observations: list[Observation]) -> None:
        self.yearly: dict[int, Observation] = {}
        self.totals: dict[tuple[int, int], Observation] = {}
        self.others: dict[int, list[Observation]] = {}
        """Other final figures of a year (from other sources), beside the one in `yearly`."""
        for o in sorted(observations, key=lambda o: (o.year, o.preliminary)):
            if o.period_start is None or o.period_start == o.year:
                chosen = self.yearly.setdefault(o.year, o)
                if chosen is not o and not o.preliminary and not chosen.preliminary:
                    self.others.setdefault(o.year, []).append(o)
            else:
                self.totals.setdefault((o.period_start, o.year), o)

    def latest(self, before: int | None = None) -> Observation | None:
        """The latest final yearly figure (before a year, if given); the latest preliminary one
        only when there is no final one."""
        years = [y for y in self.yearly if before is None or y < before]
        final = [y for y in years if not self.yearly[y].preliminary]
        chosen = max(final or years, default=None)
        return None if chosen is None else self.yearly[chosen]

    def total(self, start: int, end: int) -> Observation | None:
        """The amount over start..end: as reported, or the sum of every year's when all are."""
        if (start, end) in self.totals:
            return self.totals[(start, end)]
        years = [self.yearly.get(y) for y in range(start, end + 1)]
        if not years or any(o is None for o in years):
            return None
        found = [o for o in years if o is not None]
        bounds = {o.comparator for o in found}
        if not bounds <= {"=", "~", ">=", ">"}:
            return None  # an upper bound added to a lower one bounds nothing
        comparator = "=" if bounds <= {"=", "~"} else ">="
        return Observation(
            end,
            sum(o.value for o in found),
            any(o.definition_change for o in found),
            any(o.preliminary for o in found),
            comparator,
            start,
        )

    def partial_totals(self, start: int, end: int) -> list[Observation]:
        """The reported or summed amounts from start up to each year before end, latest last."""
        return [t for year in range(start, end) if (t := self.total(start, year)) is not None]

    def definition_changed(self, after: int, upto: int) -> bool:
        return any(o.definition_change for y, o in self.yearly.items() if after < y <= upto)


def _figure(target: Target, series: Series, year: int) -> Observation | None:
    if target.period_start is not None:
        return series.total(target.period_start, year)
    return series.yearly.get(year)


def required_level(target: Target, series: list[Observation] | Series) -> tuple[float | None, Observation | None]:
    """The level the indicator must reach, and the plan's own baseline if it has one."""
    series = series if isinstance(series, Series) else Series(series)
    stated = target.baseline_value
    if stated is None and target.baseline_year is not None and target.baseline_year in series.yearly:
        stated = series.yearly[target.baseline_year].value
    baseline = (
        Observation(target.baseline_year, stated) if target.baseline_year is not None and stated is not None else None
    )
    if target.kind in ("level", "count"):
        return target.value, baseline
    if baseline is None:
        return None, None
    if target.kind == "change":
        return baseline.value + target.value, baseline
    if target.kind == "relative_change":
        return baseline.value * (1 + target.value / 100), baseline
    raise ValueError(f"unknown kind of target: {target.kind}")


def band(ratio: float) -> Status:
    if ratio >= ON_TRACK_AT:
        return Status.ON_TRACK
    if ratio >= ACCELERATE_AT:
        return Status.NEEDS_ACCELERATION
    if ratio >= 0:
        return Status.LIMITED_PROGRESS
    return Status.DETERIORATION


def _crosses_definition(target: Target, series: Series, baseline: Observation | None, year: int) -> bool:
    """A change target compares two years: not across a change of definition."""
    return (
        target.kind in ("change", "relative_change")
        and baseline is not None
        and series.definition_changed(baseline.year, year)
    )


def assess(target: Target, observations: list[Observation], as_of: int) -> Assessment:
    """The status of one target, given its region's figures for its indicator and the year of
    the dataset's as-of date (a deadline has passed when that year is after the target year)."""
    series = Series(observations)
    required, stated = required_level(target, series)
    passed = as_of > target.target_year
    if required is None:
        return Assessment(Status.NO_VERDICT if passed else Status.INSUFFICIENT_DATA, reason=Reason.NO_BASELINE)

    def judged(o: Observation) -> bool | None:
        return (
            None
            if _crosses_definition(target, series, stated, o.year)
            else judge(o, required, target.comparator, target.direction)
        )

    reason = Reason.NO_FIGURE
    at_deadline = _figure(target, series, target.target_year)
    if at_deadline is not None:
        verdict = judged(at_deadline)
        others = series.others.get(target.target_year, []) if target.period_start is None else []
        if verdict is not None and any(judged(o) != verdict for o in others):
            return Assessment(Status.NO_VERDICT, required, None, stated, reason=Reason.CONFLICTING)
        if verdict is not None:
            return Assessment(Status.MET if verdict else Status.NOT_MET, required, at_deadline, stated)
        reason = (
            Reason.DEFINITION_CHANGE if _crosses_definition(target, series, stated, at_deadline.year) else Reason.BOUND
        )
    if passed or at_deadline is not None:
        return _context(target, series, required, stated, judged, reason)
    return _progress(target, series, required, stated, judged)


def _context(
    target: Target, series: Series, required: float, stated: Observation | None, judged, reason: Reason
) -> Assessment:
    """Deadline passed without a figure that settles it: no verdict, another year's as context."""
    t = target.target_year
    if target.period_start is not None:
        partial = series.partial_totals(target.period_start, t)
        if partial:
            found = judged(partial[-1])
            if found is not None:
                return Assessment(Status.MET_EARLY if found else Status.NOT_MET_AS_OF, required, partial[-1], stated)
        return Assessment(Status.NO_VERDICT, required, None, stated, reason=reason)
    if target.measure == "flow":
        other = bool(series.yearly) and reason == Reason.NO_FIGURE
        return Assessment(
            Status.NO_VERDICT, required, None, stated, reason=Reason.OTHER_YEARS_ONLY if other else reason
        )
    later = [series.yearly[y] for y in sorted(series.yearly) if y > t and not series.yearly[y].preliminary]
    later = later or [series.yearly[y] for y in sorted(series.yearly) if y > t]
    for o in later:
        if judged(o):
            return Assessment(Status.MET_LATER, required, o, stated)
    if later and judged(later[-1]) is False:
        return Assessment(Status.NOT_MET_AS_OF, required, later[-1], stated)
    earlier = series.latest(before=t)
    within_plan = (
        earlier is not None
        and (stated is None or earlier.year > stated.year)
        and (target.plan_start is None or earlier.year >= target.plan_start)
    )
    if not later and earlier is not None and within_plan:
        found = judged(earlier)
        if found is not None:
            return Assessment(Status.MET_EARLY if found else Status.NOT_MET_AS_OF, required, earlier, stated)
    return Assessment(Status.NO_VERDICT, required, None, stated, reason=reason)


def _progress(target: Target, series: Series, required: float, stated: Observation | None, judged) -> Assessment:
    """Before the deadline: already met, or Open SDG's ratio of observed to needed change."""
    t = target.target_year
    if target.period_start is not None:
        partial = series.partial_totals(target.period_start, t)
        if not partial:
            return Assessment(Status.INSUFFICIENT_DATA, required, None, stated, reason=Reason.NO_FIGURE)
        latest = partial[-1]
        if judged(latest):
            return Assessment(Status.ALREADY_MET, required, latest, stated)
        needed = required / (t - target.period_start + 1)
        observed = latest.value / (latest.year - target.period_start + 1)
        return _banded(required, latest, stated, needed, observed)
    if target.measure == "flow":
        return Assessment(Status.INSUFFICIENT_DATA, required, None, stated, reason=Reason.AWAITING_YEAR)
    latest = series.latest()
    if latest is None:
        return Assessment(Status.INSUFFICIENT_DATA, required, None, stated, reason=Reason.NO_FIGURE)
    if judged(latest):
        return Assessment(Status.ALREADY_MET, required, latest, stated)
    baseline = _progress_baseline(series, latest, stated)
    if (
        baseline is None
        or baseline.year >= latest.year
        or baseline.year >= t
        or _crosses_definition(target, series, stated, latest.year)
    ):
        return Assessment(Status.INSUFFICIENT_DATA, required, latest, baseline, reason=Reason.NO_BASELINE)
    needed = (required - baseline.value) / (t - baseline.year)
    observed = (latest.value - baseline.value) / (latest.year - baseline.year)
    return _banded(required, latest, baseline, needed, observed)


def _banded(
    required: float, latest: Observation, baseline: Observation | None, needed: float, observed: float
) -> Assessment:
    if needed == 0:
        return Assessment(Status.DETERIORATION, required, latest, baseline)
    ratio = observed / needed
    return Assessment(band(ratio), required, latest, baseline, ratio)


def _progress_baseline(series: Series, latest: Observation, stated: Observation | None) -> Observation | None:
    since = max((y for y, o in series.yearly.items() if o.definition_change and y <= latest.year), default=None)
    if stated is not None and (since is None or stated.year >= since):
        return stated
    earlier = [series.yearly[y] for y in sorted(series.yearly) if y < latest.year and (since is None or y >= since)]
    return earlier[0] if earlier else None
