"""Worked examples of the status rule (the same ones the methodology page explains)."""

import pytest

from edutargets.status import Observation, Status, Target, assess, band, meets, required_level

O = Observation


def level(value: float, year: int, comparator: str = ">=", direction: str = "higher", **kw) -> Target:
    return Target(kind="level", comparator=comparator, value=value, target_year=year, direction=direction, **kw)


def test_no_data_is_insufficient() -> None:
    assert assess(level(90, 2025), []).status is Status.INSUFFICIENT_DATA


def test_achieved_national_preschool_2020() -> None:
    # 13th plan: 学前三年毛入园率 85% by 2020; the 2020 bulletin reported 85.2%.
    result = assess(level(85, 2020), [O(2015, 75.0), O(2019, 83.4), O(2020, 85.2)])
    assert result.status is Status.ACHIEVED
    assert result.latest == O(2020, 85.2)


def test_missed_after_target_year() -> None:
    assert assess(level(92, 2020), [O(2015, 87.0), O(2020, 91.2)]).status is Status.MISSED


def test_on_track() -> None:
    # baseline 80 (2015), target 90 (2025): needs +1.0/yr; observed 80 -> 86 over 5 years = +1.2/yr; ratio 1.2
    result = assess(level(90, 2025, baseline_year=2015, baseline_value=80), [O(2015, 80), O(2020, 86)])
    assert result.status is Status.ON_TRACK
    assert result.ratio == pytest.approx(1.2)


def test_needs_acceleration() -> None:
    # +0.8/yr observed against +1.0/yr needed: ratio 0.8
    result = assess(level(90, 2025, baseline_year=2015, baseline_value=80), [O(2020, 84)])
    assert result.status is Status.NEEDS_ACCELERATION
    assert result.ratio == pytest.approx(0.8)


def test_limited_progress() -> None:
    result = assess(level(90, 2025, baseline_year=2015, baseline_value=80), [O(2020, 81)])
    assert result.status is Status.LIMITED_PROGRESS
    assert result.ratio == pytest.approx(0.2)


def test_deterioration() -> None:
    result = assess(level(90, 2025, baseline_year=2015, baseline_value=80), [O(2020, 78)])
    assert result.status is Status.DETERIORATION
    assert result.ratio == pytest.approx(-0.4)


def test_baseline_from_earliest_value_when_plan_states_none() -> None:
    # national 高中阶段毛入学率: 87.0 (2015) -> 91.2 (2020); 92% by 2025 needs 0.16/yr from 2015; observed 0.84/yr
    result = assess(level(92, 2025), [O(2015, 87.0), O(2020, 91.2)])
    assert result.baseline == O(2015, 87.0)
    assert result.status is Status.ON_TRACK


def test_single_value_without_baseline_is_insufficient() -> None:
    assert assess(level(92, 2025), [O(2020, 91.2)]).status is Status.INSUFFICIENT_DATA


def test_lower_is_better() -> None:
    # 下降到3%左右: from 6% (2020) to about 3% by 2025; 4.5% in 2023 is 0.5/yr of the 0.6/yr needed
    target = level(3, 2025, comparator="~", direction="lower", baseline_year=2020, baseline_value=6)
    result = assess(target, [O(2020, 6), O(2023, 4.5)])
    assert result.status is Status.NEEDS_ACCELERATION
    assert result.ratio == pytest.approx(0.8333, abs=1e-3)
    assert assess(target, [O(2024, 3.02)]).status is Status.ACHIEVED
    assert assess(target, [O(2020, 6), O(2022, 7)]).status is Status.DETERIORATION


def test_change_target_needs_a_baseline() -> None:
    # 提高3至5个百分点 from 62 (2020): required level 65
    target = Target(kind="change", comparator=">=", value=3, target_year=2025, baseline_year=2020, baseline_value=62)
    assert required_level(target, [])[0] == 65
    assert assess(target, [O(2020, 62), O(2024, 65.5)]).status is Status.ACHIEVED
    no_base = Target(kind="change", comparator=">=", value=3, target_year=2025)
    assert assess(no_base, [O(2024, 65.5)]).status is Status.INSUFFICIENT_DATA


def test_change_target_takes_baseline_from_series() -> None:
    target = Target(kind="change", comparator=">=", value=3, target_year=2025, baseline_year=2020)
    assert required_level(target, [O(2020, 62)])[0] == 65


def test_relative_change() -> None:
    # 比上年增长3%以上: 100 in 2023, so at least 103 in 2024
    target = Target(kind="relative_change", comparator=">=", value=3, target_year=2024, baseline_year=2023)
    assert assess(target, [O(2023, 100), O(2024, 103.5)]).status is Status.ACHIEVED
    assert assess(target, [O(2023, 100), O(2024, 102)]).status is Status.MISSED


def test_maintain_a_level_already_reached() -> None:
    # 巩固率 100% kept to 2020, but 99 reported in 2018: deterioration
    target = level(100, 2020, baseline_year=2015, baseline_value=100)
    assert assess(target, [O(2018, 99)]).status is Status.DETERIORATION


def test_no_baseline_across_definition_change() -> None:
    # Kunming 巩固率: 95.66 (2019) then 99.74 (2022) under a changed definition
    series = [O(2015, 91.84), O(2019, 95.66), O(2022, 99.74, definition_change=True), O(2023, 99.5)]
    result = assess(level(99.9, 2025), series)
    assert result.baseline == O(2022, 99.74, definition_change=True)
    assert result.status is Status.DETERIORATION


@pytest.mark.parametrize(("ratio", "status"), [(0.95, Status.ON_TRACK), (0.9499, Status.NEEDS_ACCELERATION), (0.6, Status.NEEDS_ACCELERATION), (0.5999, Status.LIMITED_PROGRESS), (0.0, Status.LIMITED_PROGRESS), (-0.01, Status.DETERIORATION)])
def test_band_edges(ratio: float, status: Status) -> None:
    assert band(ratio) is status


@pytest.mark.parametrize(
    ("value", "required", "comparator", "direction", "expected"),
    [(90, 90, ">=", "higher", True), (90, 90, ">", "higher", False), (60, 60, "=", "higher", True), (59.9, 60, "=", "higher", False), (2.98, 3, "~", "lower", True), (3.04, 3, "~", "lower", False), (4, 5, "<", "higher", True)],
)
def test_meets(value: float, required: float, comparator: str, direction: str, expected: bool) -> None:
    assert meets(value, required, comparator, direction) is expected
