"""Worked examples of the status rule (status.py; the methodology page explains the same rule)."""

import pytest

from edutargets.status import Observation, Reason, Status, Target, assess, band, judge, meets, required_level

Obs = Observation
AS_OF = 2026  # the year of the dataset's as-of date


def level(value: float, year: int, comparator: str = ">=", direction: str = "higher", **kw) -> Target:
    return Target(kind="level", comparator=comparator, value=value, target_year=year, direction=direction, **kw)


def count(value: float, year: int, comparator: str = "=", **kw) -> Target:
    return Target(kind="count", comparator=comparator, value=value, target_year=year, measure="flow", **kw)


# --- the deadline has passed: a verdict only from the target year's figure --------------------


def test_met_on_the_target_years_figure() -> None:
    # 13th plan: 学前三年毛入园率 85% by 2020; the 2020 bulletin reported 85.2%.
    result = assess(level(85, 2020), [Obs(2015, 75.0), Obs(2019, 83.4), Obs(2020, 85.2), Obs(2023, 91.1)], AS_OF)
    assert result.status is Status.MET
    assert result.evidence == Obs(2020, 85.2)
    assert result.required == 85


def test_not_met_on_the_target_years_figure() -> None:
    # 攻坚计划: 高中阶段毛入学率 90% by 2020 would be met; 92% is not, even though 2022 reached 91.6 and 2024 92.0
    result = assess(level(92, 2020), [Obs(2015, 87.0), Obs(2020, 91.2), Obs(2024, 92.0)], AS_OF)
    assert result.status is Status.NOT_MET
    assert result.evidence == Obs(2020, 91.2)


def test_wenzhou_2021_kindergartens_are_judged_on_2021() -> None:
    # 温州: 40 new or expanded public kindergartens in 2021; 48 were built in 2021, 28 in 2023.
    result = assess(count(40, 2021), [Obs(2021, 48), Obs(2023, 28)], AS_OF)
    assert (result.status, result.evidence) == (Status.MET, Obs(2021, 48))


def test_a_flow_of_another_year_says_nothing() -> None:
    # 温州's 2022 target of 50: no 2022 figure; the 2021 and 2023 counts are other years' amounts.
    result = assess(count(50, 2022), [Obs(2021, 48), Obs(2023, 28)], AS_OF)
    assert (result.status, result.evidence, result.reason) == (Status.NO_VERDICT, None, Reason.OTHER_YEARS_ONLY)


def test_no_figure_for_the_target_year_is_no_verdict_with_a_later_figure_as_context() -> None:
    # 安徽 巩固率 95% by 2020: 94.6 (2019), no 2020 figure, 98.7 (2024)
    series = [Obs(2019, 94.6), Obs(2024, 98.7)]
    result = assess(level(95, 2020), series, AS_OF)
    assert (result.status, result.evidence) == (Status.MET_LATER, Obs(2024, 98.7))


def test_not_met_as_of_a_later_year() -> None:
    result = assess(level(99, 2020), [Obs(2019, 94.6), Obs(2022, 97.0), Obs(2023, 98.0)], AS_OF)
    assert (result.status, result.evidence) == (Status.NOT_MET_AS_OF, Obs(2023, 98.0))


def test_met_early_on_the_latest_earlier_figure() -> None:
    result = assess(level(95, 2020, plan_start=2016), [Obs(2016, 93.0), Obs(2018, 95.5)], AS_OF)
    assert (result.status, result.evidence) == (Status.MET_EARLY, Obs(2018, 95.5))


def test_the_plans_own_baseline_is_no_sign_of_meeting_it() -> None:
    # 浙江 2020 goals with their 2015 baseline column: nothing after 2015 is known
    target = level(97, 2020, baseline_year=2015, baseline_value=97.5, plan_start=2016)
    result = assess(target, [Obs(2015, 97.5)], AS_OF)
    assert (result.status, result.evidence, result.reason) == (Status.NO_VERDICT, None, Reason.NO_FIGURE)
    assert assess(level(97, 2020, plan_start=2016), [Obs(2015, 97.5)], AS_OF).status is Status.NO_VERDICT


def test_no_figure_at_all() -> None:
    result = assess(level(90, 2020), [], AS_OF)
    assert (result.status, result.reason) == (Status.NO_VERDICT, Reason.NO_FIGURE)


def test_a_preliminary_figure_never_overrides_a_final_one() -> None:
    series = [Obs(2020, 10, preliminary=True), Obs(2020, 85.2)]
    assert assess(level(85, 2020), series, AS_OF).evidence == Obs(2020, 85.2)
    # alone, a preliminary figure of the target year is the evidence, and says so
    only = assess(level(85, 2020), [Obs(2020, 85.9, preliminary=True)], AS_OF)
    assert (only.status, only.evidence.preliminary) == (Status.MET, True)


def test_figures_of_the_target_year_that_disagree_give_no_verdict() -> None:
    # 2020: 10.8 years in the ministry's report, 10.75 in the census; the target is 10.8
    disagree = assess(
        level(10.8, 2020, comparator="="), [Obs(2020, 10.8, source="a"), Obs(2020, 10.75, source="b")], AS_OF
    )
    assert (disagree.status, disagree.reason) == (Status.NO_VERDICT, Reason.CONFLICTING)
    agree = assess(level(10.5, 2020), [Obs(2020, 10.8, source="a"), Obs(2020, 10.75, source="b")], AS_OF)
    assert (agree.status, agree.evidence.source) == (Status.MET, "a")
    # a preliminary figure beside a final one is no conflict: the final one is used
    final = assess(
        level(10.8, 2020, comparator="="),
        [Obs(2020, 10.8, source="a"), Obs(2020, 10.7, preliminary=True, source="b")],
        AS_OF,
    )
    assert final.status is Status.MET


def test_a_bound_settles_a_verdict_only_when_it_can() -> None:
    # 高等教育毛入学率超过50%: meets ≥ 50, leaves ≥ 52 open
    over_50 = [Obs(2020, 50, comparator=">")]
    assert assess(level(50, 2020), over_50, AS_OF).status is Status.MET
    open_question = assess(level(52, 2020), over_50, AS_OF)
    assert (open_question.status, open_question.reason) == (Status.NO_VERDICT, Reason.BOUND)
    assert assess(level(48, 2020, comparator="<=", direction="lower"), over_50, AS_OF).status is Status.NOT_MET


def test_a_period_target_is_judged_on_the_periods_total() -> None:
    # 十四五期间新增公办幼儿学位7.1万个 (2021-2025)
    target = count(7.1, 2025, comparator=">=", period_start=2021)
    reported = assess(target, [Obs(2025, 7.3, period_start=2021)], AS_OF)
    assert (reported.status, reported.evidence) == (Status.MET, Obs(2025, 7.3, period_start=2021))
    summed = assess(
        target, [Obs(y, v) for y, v in zip(range(2021, 2026), (1.5, 1.4, 1.4, 1.3, 1.3), strict=True)], AS_OF
    )
    assert summed.status is Status.NOT_MET
    assert summed.evidence.value == pytest.approx(6.9) and summed.evidence.period_start == 2021
    # a gap in the years: the total is known only up to 2021, as context
    gap = assess(target, [Obs(2021, 1.5), Obs(2023, 4.4)], AS_OF)
    assert (gap.status, gap.evidence) == (Status.NOT_MET_AS_OF, Obs(2021, 1.5, period_start=2021))
    assert assess(target, [Obs(2023, 4.4)], AS_OF).status is Status.NO_VERDICT


def test_a_period_target_met_before_its_end() -> None:
    target = count(300, 2025, comparator=">=", period_start=2021)
    result = assess(target, [Obs(2023, 320, period_start=2021)], AS_OF)
    assert (result.status, result.evidence.year) == (Status.MET_EARLY, 2023)


# --- before the deadline: progress on the latest final figure ---------------------------------


def test_already_met_says_in_which_year() -> None:
    result = assess(level(90, 2027), [Obs(2023, 91.1), Obs(2024, 92.0)], AS_OF)
    assert (result.status, result.evidence) == (Status.ALREADY_MET, Obs(2024, 92.0))


def test_progress_uses_the_latest_final_figure() -> None:
    series = [Obs(2020, 80), Obs(2024, 84), Obs(2025, 99, preliminary=True)]
    result = assess(level(90, 2030, baseline_year=2020, baseline_value=80), series, AS_OF)
    assert result.evidence == Obs(2024, 84)


def test_on_track() -> None:
    # baseline 80 (2015), target 90 (2035): needs +0.5/yr; observed 80 -> 86 over 10 years = +0.6/yr; ratio 1.2
    result = assess(level(90, 2035, baseline_year=2015, baseline_value=80), [Obs(2015, 80), Obs(2025, 86)], AS_OF)
    assert result.status is Status.ON_TRACK
    assert result.ratio == pytest.approx(1.2)


def test_methodology_progress_example() -> None:
    # the methodology page: baseline 80 (2015), 90 by 2030, 86 in 2025: ratio 0.9, needs acceleration
    result = assess(level(90, 2030, baseline_year=2015, baseline_value=80), [Obs(2025, 86)], AS_OF)
    assert result.status is Status.NEEDS_ACCELERATION and result.ratio == pytest.approx(0.9)


@pytest.mark.parametrize(
    ("value", "status", "ratio"),
    [(84, Status.NEEDS_ACCELERATION, 0.8), (81, Status.LIMITED_PROGRESS, 0.2), (78, Status.DETERIORATION, -0.4)],
)
def test_progress_bands(value: float, status: Status, ratio: float) -> None:
    result = assess(level(90, 2035, baseline_year=2015, baseline_value=80), [Obs(2025, value)], AS_OF)
    assert result.status is status
    assert result.ratio == pytest.approx(ratio)


def test_baseline_from_earliest_value_when_plan_states_none() -> None:
    # 高中阶段毛入学率 87.0 (2015) -> 91.2 (2020); 95% by 2030 needs 0.53/yr from 2015; observed 0.84/yr
    result = assess(level(95, 2030), [Obs(2015, 87.0), Obs(2020, 91.2)], AS_OF)
    assert result.baseline == Obs(2015, 87.0)
    assert result.status is Status.ON_TRACK


def test_single_value_without_baseline_is_insufficient() -> None:
    result = assess(level(92, 2030), [Obs(2020, 91.2)], AS_OF)
    assert (result.status, result.reason) == (Status.INSUFFICIENT_DATA, Reason.NO_BASELINE)


def test_a_one_year_amount_has_no_progress_before_its_year() -> None:
    result = assess(count(50, 2027), [Obs(2024, 30)], AS_OF)
    assert (result.status, result.reason) == (Status.INSUFFICIENT_DATA, Reason.AWAITING_YEAR)


def test_a_period_target_in_progress() -> None:
    # 300 kindergartens over 2021-2030 (30 a year needed); 120 in 2021-2024 (30 a year): on track
    result = assess(count(300, 2030, comparator=">=", period_start=2021), [Obs(2024, 120, period_start=2021)], AS_OF)
    assert result.status is Status.ON_TRACK and result.ratio == pytest.approx(1.0)


def test_lower_is_better() -> None:
    # 下降到3%左右: from 6% (2025) to about 3% by 2030; 5.0% in 2026 ... a lower figure is better
    target = level(3, 2030, comparator="~", direction="lower", baseline_year=2025, baseline_value=6)
    result = assess(target, [Obs(2025, 6), Obs(2026, 5.5)], 2027)
    assert result.status is Status.NEEDS_ACCELERATION
    assert result.ratio == pytest.approx(0.8333, abs=1e-3)
    assert assess(target, [Obs(2026, 3.02)], 2027).status is Status.ALREADY_MET
    assert assess(target, [Obs(2025, 6), Obs(2026, 7)], 2027).status is Status.DETERIORATION
    passed = level(3, 2020, comparator="~", direction="lower")
    assert assess(passed, [Obs(2020, 3.5)], AS_OF).status is Status.NOT_MET


# --- change targets -----------------------------------------------------------------------------


def test_change_target_required_level() -> None:
    # 提高3至5个百分点 from 62 (2020): required level 65
    target = Target(kind="change", comparator=">=", value=3, target_year=2025, baseline_year=2020, baseline_value=62)
    assert required_level(target, [])[0] == 65
    met = assess(target, [Obs(2020, 62), Obs(2025, 65.5)], AS_OF)
    assert (met.status, met.required) == (Status.MET, 65)
    no_base = assess(Target(kind="change", comparator=">=", value=3, target_year=2025), [Obs(2025, 65.5)], AS_OF)
    assert (no_base.status, no_base.reason) == (Status.NO_VERDICT, Reason.NO_BASELINE)


def test_change_target_takes_baseline_from_series() -> None:
    target = Target(kind="change", comparator=">=", value=3, target_year=2025, baseline_year=2020)
    assert required_level(target, [Obs(2020, 62)])[0] == 65


def test_relative_change() -> None:
    # 比上年增长3%以上: 100 in 2023, so at least 103 in 2024
    target = Target(kind="relative_change", comparator=">=", value=3, target_year=2024, baseline_year=2023)
    assert assess(target, [Obs(2023, 100), Obs(2024, 103.5)], AS_OF).status is Status.MET
    assert assess(target, [Obs(2023, 100), Obs(2024, 102)], AS_OF).status is Status.NOT_MET


def test_change_target_not_across_a_change_of_definition() -> None:
    target = Target(kind="change", comparator=">=", value=3, target_year=2022, baseline_year=2019, baseline_value=95.66)
    result = assess(target, [Obs(2019, 95.66), Obs(2022, 99.74, definition_change=True)], AS_OF)
    assert (result.status, result.reason) == (Status.NO_VERDICT, Reason.DEFINITION_CHANGE)


def test_maintain_a_level_already_reached() -> None:
    # 巩固率 100% kept to 2030, but 99 reported in 2025: deterioration
    target = level(100, 2030, baseline_year=2015, baseline_value=100)
    assert assess(target, [Obs(2025, 99)], AS_OF).status is Status.DETERIORATION


def test_no_progress_baseline_across_definition_change() -> None:
    # 昆明 巩固率: 95.66 (2019) then 99.74 (2022) under a changed definition
    series = [Obs(2015, 91.84), Obs(2019, 95.66), Obs(2022, 99.74, definition_change=True), Obs(2023, 99.5)]
    result = assess(level(99.9, 2030), series, AS_OF)
    assert result.baseline == Obs(2022, 99.74, definition_change=True)
    assert result.status is Status.DETERIORATION


@pytest.mark.parametrize(
    ("ratio", "status"),
    [
        (0.95, Status.ON_TRACK),
        (0.9499, Status.NEEDS_ACCELERATION),
        (0.6, Status.NEEDS_ACCELERATION),
        (0.5999, Status.LIMITED_PROGRESS),
        (0.0, Status.LIMITED_PROGRESS),
        (-0.01, Status.DETERIORATION),
    ],
)
def test_band_edges(ratio: float, status: Status) -> None:
    assert band(ratio) is status


@pytest.mark.parametrize(
    ("value", "required", "comparator", "direction", "expected"),
    [
        (90, 90, ">=", "higher", True),
        (90, 90, ">", "higher", False),
        (60, 60, "=", "higher", True),
        (59.9, 60, "=", "higher", False),
        (2.98, 3, "~", "lower", True),
        (3.04, 3, "~", "lower", False),
        (4, 5, "<", "higher", True),
    ],
)
def test_meets(value: float, required: float, comparator: str, direction: str, expected: bool) -> None:
    assert meets(value, required, comparator, direction) is expected


@pytest.mark.parametrize(
    ("stated", "value", "required", "comparator", "expected"),
    [
        (">", 50, 50, ">=", True),
        (">=", 50, 50, ">=", True),
        (">=", 50, 50, ">", None),
        (">", 50, 52, ">=", None),
        (">=", 50, 48, "<=", False),
        ("<", 3, 3, "<=", True),
        ("<=", 3, 2, "<=", None),
        ("~", 91, 90, ">=", True),
    ],
)
def test_judge_bounds(stated: str, value: float, required: float, comparator: str, expected: bool | None) -> None:
    direction = "lower" if comparator in ("<=", "<") else "higher"
    assert judge(Obs(2020, value, comparator=stated), required, comparator, direction) is expected
