"""One rule for the status of every target, so that all regions are judged alike.

1. No reported value for the target's region and indicator: insufficient data.
2. The latest value meets the target: achieved.
3. The latest value is for the target year or later and does not meet it: missed.
4. Otherwise, compare progress with what the target needs (Open SDG's method): the observed
   average annual change since the baseline, divided by the average annual change required to
   go from the baseline to the target by the target year. >= 0.95 on track, 0.60-0.95 needs
   acceleration, 0-0.60 limited progress, < 0 deterioration. No baseline: insufficient data.

The baseline is the one the plan states; failing that, the earliest reported value before the
latest one, but never across a change of definition. Direction (higher or lower is better)
decides what "meets" and "progress" mean. The methodology page explains this with examples.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    NEEDS_ACCELERATION = "needs_acceleration"
    LIMITED_PROGRESS = "limited_progress"
    DETERIORATION = "deterioration"
    MISSED = "missed"
    INSUFFICIENT_DATA = "insufficient_data"


ON_TRACK_AT = 0.95
ACCELERATE_AT = 0.60
ABOUT_TOLERANCE = 0.01


@dataclass(frozen=True)
class Observation:
    year: int
    value: float
    definition_change: bool = False


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


@dataclass(frozen=True)
class Assessment:
    status: Status
    required: float | None = None
    latest: Observation | None = None
    baseline: Observation | None = None
    ratio: float | None = None


def _value_at(series: list[Observation], year: int | None) -> float | None:
    return next((o.value for o in series if o.year == year), None)


def required_level(target: Target, series: list[Observation]) -> tuple[float | None, Observation | None]:
    """The level the indicator must reach, and the plan's own baseline if it has one."""
    stated = target.baseline_value if target.baseline_value is not None else _value_at(series, target.baseline_year)
    baseline = Observation(target.baseline_year, stated) if target.baseline_year is not None and stated is not None else None
    if target.kind in ("level", "count"):
        return target.value, baseline
    if baseline is None:
        return None, None
    if target.kind == "change":
        return baseline.value + target.value, baseline
    if target.kind == "relative_change":
        return baseline.value * (1 + target.value / 100), baseline
    raise ValueError(f"unknown kind of target: {target.kind}")


def meets(value: float, required: float, comparator: str, direction: str) -> bool:
    """Whether a reported value satisfies the target's comparator; '=' and '~' follow the direction."""
    if comparator == ">=":
        return value >= required
    if comparator == ">":
        return value > required
    if comparator == "<=":
        return value <= required
    if comparator == "<":
        return value < required
    tolerance = abs(required) * ABOUT_TOLERANCE if comparator == "~" else 0.0
    return value >= required - tolerance if direction == "higher" else value <= required + tolerance


def _progress_baseline(series: list[Observation], latest: Observation, stated: Observation | None) -> Observation | None:
    since = max((o.year for o in series if o.definition_change and o.year <= latest.year), default=None)
    if stated is not None and (since is None or stated.year >= since):
        return stated
    earlier = [o for o in series if o.year < latest.year and (since is None or o.year >= since)]
    return earlier[0] if earlier else None


def band(ratio: float) -> Status:
    if ratio >= ON_TRACK_AT:
        return Status.ON_TRACK
    if ratio >= ACCELERATE_AT:
        return Status.NEEDS_ACCELERATION
    if ratio >= 0:
        return Status.LIMITED_PROGRESS
    return Status.DETERIORATION


def assess(target: Target, series: list[Observation]) -> Assessment:
    """The status of one target given the reported values of its region and indicator (by year)."""
    series = sorted(series, key=lambda o: o.year)
    required, stated = required_level(target, series)
    if not series or required is None:
        return Assessment(Status.INSUFFICIENT_DATA, required=required)
    latest = series[-1]
    if meets(latest.value, required, target.comparator, target.direction):
        return Assessment(Status.ACHIEVED, required, latest, stated)
    if latest.year >= target.target_year:
        return Assessment(Status.MISSED, required, latest, stated)
    baseline = _progress_baseline(series, latest, stated)
    if baseline is None or baseline.year >= latest.year or baseline.year >= target.target_year:
        return Assessment(Status.INSUFFICIENT_DATA, required, latest, baseline)
    needed = (required - baseline.value) / (target.target_year - baseline.year)
    observed = (latest.value - baseline.value) / (latest.year - baseline.year)
    if needed == 0:
        return Assessment(Status.DETERIORATION, required, latest, baseline)
    ratio = observed / needed
    return Assessment(band(ratio), required, latest, baseline, ratio)
