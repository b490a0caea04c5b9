"""Domain rules that a Table Schema cannot express, run on the tables after frictionless.

Each rule reads the string tables (as ``tables.read_table`` gives them) and returns problems.
Cells that frictionless already rejects (bad numbers, unknown references) are skipped here,
so one mistake is reported once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from edutargets.numbers import stated_as_typed, stated_numbers, value_in_quote
from edutargets.tables import LINE, Table
from edutargets.validate.errors import (
    ArchivedCopyEncodingError,
    BaselineError,
    OutcomeYearError,
    ParentChainError,
    PercentRangeError,
    PeriodError,
    Problem,
    RegionLevelError,
    SourceLocationError,
    TargetYearError,
    ValueNotInQuoteError,
)

NATION = "000000"


@dataclass
class RuleContext:
    """The package's tables, and how each file is shown in messages."""

    tables: dict[str, Table]
    shown: dict[str, str]
    fresh: dict[str, np.ndarray] = dataclasses.field(default_factory=dict)
    """By table, the rows a row-by-row rule must check, when the others are known to have
    passed before (validate/cache.py); a table not here is checked whole."""

    def frame(self, name: str, columns: Iterable[str]) -> pd.DataFrame | None:
        """The table if it exists and has the columns a rule needs; else the rule is skipped."""
        table = self.tables.get(name)
        if table is None or not set(columns) <= set(table.header):
            return None
        return table.frame

    def rows(self, name: str, columns: Iterable[str]) -> pd.DataFrame | None:
        """Like `frame`, but only the rows to check, for a rule whose verdict on a row depends on
        that row and other tables alone (never on other rows of the same table)."""
        frame = self.frame(name, columns)
        fresh = self.fresh.get(name)
        return frame if frame is None or fresh is None else frame[fresh]


def _first(keys: Iterable[str], values: Iterable[str]) -> dict[str, str]:
    """Key to value, keeping the first row of a duplicated key (the duplicate is reported elsewhere)."""
    mapping: dict[str, str] = {}
    for key, value in zip(keys, values, strict=True):
        mapping.setdefault(key, value)
    return mapping


def _number(cell: str) -> float | None:
    try:
        return float(cell)
    except (TypeError, ValueError):
        return None


def _integer(cell: str) -> int | None:
    try:
        return int(cell)
    except (TypeError, ValueError):
        return None


def _published_year(cell: str) -> int | None:
    return _integer(cell[:4]) if len(cell) >= 4 else None


def _parsed(column: pd.Series, parse: Callable[[str], float | int | None]) -> tuple[np.ndarray, np.ndarray]:
    """Each cell parsed once per distinct value: the values (None where unparsable), and the
    same as floats (NaN there) for vectorised comparisons."""
    codes, uniques = pd.factorize(column, sort=False)
    values = [parse(u) for u in uniques]
    objects = np.empty(len(values) + 1, dtype=object)
    objects[:-1] = values
    floats = np.array([np.nan if v is None else float(v) for v in values] + [np.nan], dtype=np.float64)
    return objects[codes], floats[codes]


def check_region_levels(ctx: RuleContext) -> list[Problem]:
    """Code shape fits the level (330000 province, 330300 prefecture), and children sit under parents."""
    regions = ctx.frame("regions", ["code", "level", "parent"])
    if regions is None:
        return []
    shown = ctx.shown["regions"]
    levels = _first(regions["code"], regions["level"])
    expected_parent = {"province": "nation", "prefecture": "province", "county": ("prefecture", "province")}
    problems = []
    for code, level, parent, line in zip(
        regions["code"], regions["level"], regions["parent"], regions[LINE], strict=True
    ):
        if len(code) != 6 or not code.isdigit():
            continue
        shape = (
            "nation"
            if code == NATION
            else "province"
            if code.endswith("0000")
            else "prefecture"
            if code.endswith("00")
            else "county"
        )
        if level in ("nation", "province", "prefecture", "county") and shape != level:
            problems.append(
                RegionLevelError.at(
                    shown, line, "level", detail=f"code {code} is shaped like a {shape} code but level is {level}"
                )
            )
            continue
        if level == "nation":
            if parent:
                problems.append(
                    ParentChainError.at(
                        shown, line, "parent", detail=f"the nation ({code}) has no parent, but parent is {parent}"
                    )
                )
            continue
        parent_level = levels.get(parent)
        allowed = expected_parent.get(level, ())
        if parent_level and parent_level not in (allowed if isinstance(allowed, tuple) else (allowed,)):
            problems.append(
                ParentChainError.at(
                    shown,
                    line,
                    "parent",
                    detail=f"a {level}'s parent must be a {allowed if isinstance(allowed, str) else ' or '.join(allowed)}, but {parent} is a {parent_level}",
                )
            )
        elif (
            parent_level
            and parent != NATION
            and not code.startswith(parent[:2] if parent_level == "province" else parent[:4])
        ):
            problems.append(
                ParentChainError.at(
                    shown, line, "parent", detail=f"code {code} does not begin with its parent's prefix ({parent})"
                )
            )
    return problems


def _chain_ends(parents: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Where each region's parent chain ends: ('ok'|'loop'|'dead'|'missing', region), each node walked once."""
    ends: dict[str, tuple[str, str]] = {}
    for code in parents:
        path: list[str] = []
        on_path: set[str] = set()
        current = code
        while True:
            if current in ends:
                end = ends[current]
                break
            if current in on_path:
                end = ("loop", current)
                break
            if current not in parents:
                end = ("missing", current)
                break
            if not parents[current]:
                end = ("ok" if current == NATION else "dead", current)
                break
            path.append(current)
            on_path.add(current)
            current = parents[current]
        for step in path:
            ends[step] = end
        ends.setdefault(code, end)
    return ends


def check_parent_chains(ctx: RuleContext) -> list[Problem]:
    """Every region reaches the nation by following parents: no loop, no dead end."""
    regions = ctx.frame("regions", ["code", "parent"])
    if regions is None:
        return []
    shown = ctx.shown["regions"]
    parents = _first(regions["code"], regions["parent"])
    ends = _chain_ends(parents)
    has_nation = NATION in parents
    problems = []
    for code, line in zip(regions["code"], regions[LINE], strict=True):
        kind, at = ends[code]
        if kind in ("ok", "missing") or code == NATION:
            continue  # a missing parent is a foreign-key problem, reported by frictionless
        if kind == "loop":
            detail = f"the parent chain of {code} loops back to {at}"
        elif not has_nation:
            detail = f"the nation (code {NATION}) is missing from regions, so {code} cannot reach it"
        else:
            detail = f"{code}'s parent chain ends at {at}, which has no parent and is not the nation"
        problems.append(ParentChainError.at(shown, line, "parent", detail=detail))
    return problems


def _indicator_info(ctx: RuleContext) -> dict[str, tuple[str, bool]]:
    indicators = ctx.frame("indicators", ["id", "unit", "may_exceed_100"])
    if indicators is None:
        return {}
    return {
        i: (u, m == "true")
        for i, u, m in zip(indicators["id"], indicators["unit"], indicators["may_exceed_100"], strict=True)
    }


def _show(value: float) -> str:
    return f"{value:g}"


def _percent_problems(
    shown: str, frame: pd.DataFrame, field: str, info: dict[str, tuple[str, bool]], rows: np.ndarray | None = None
) -> list[Problem]:
    """Cells of a percentage indicator below 0, or above 100 where it may not exceed 100."""
    percent = {i: may_exceed for i, (unit, may_exceed) in info.items() if unit == "%"}
    indicators = frame["indicator"]
    chosen = indicators.isin(list(percent)).to_numpy().copy()
    if rows is not None:
        chosen &= rows
    if not chosen.any():
        return []
    values, floats = _parsed(frame[field][chosen], _number)
    may_exceed = indicators[chosen].map(percent).to_numpy(dtype=bool)
    with np.errstate(invalid="ignore"):
        wrong = (floats < 0) | ((floats > 100) & ~may_exceed)
    lines = frame[LINE].to_numpy()[chosen][wrong]
    names = indicators.to_numpy()[chosen][wrong]
    return [
        PercentRangeError.at(shown, int(line), field, value=_show(value), indicator=indicator)
        for line, value, indicator in zip(lines, values[wrong], names, strict=True)
    ]


def check_percentages(ctx: RuleContext) -> list[Problem]:
    """Percentage levels lie within 0..100, except gross ratios, which may exceed 100."""
    info = _indicator_info(ctx)
    problems = []
    outcomes = ctx.rows("outcomes", ["indicator", "value"])
    if outcomes is not None:
        problems += _percent_problems(ctx.shown["outcomes"], outcomes, "value", info)
    targets = ctx.rows("targets", ["indicator", "kind", "value", "value_high", "baseline_value"])
    if targets is not None:
        level = (targets["kind"] == "level").to_numpy()
        problems += _percent_problems(ctx.shown["targets"], targets, "baseline_value", info)
        for field in ("value", "value_high"):
            problems += _percent_problems(ctx.shown["targets"], targets, field, info, level)
    return problems


def _source_info(ctx: RuleContext) -> dict[str, dict[str, str]]:
    columns = ["id", "published", "period_start", "period_end"]
    sources = ctx.frame("sources", columns)
    if sources is None:
        return {}
    return {
        values[0]: dict(zip(columns, values, strict=True))
        for values in zip(*(sources[c].tolist() for c in columns), strict=True)
    }


def check_target_years(ctx: RuleContext) -> list[Problem]:
    """A plan sets goals for years within or after the period it covers."""
    sources = _source_info(ctx)
    targets = ctx.rows("targets", ["source", "target_year"])
    if targets is None:
        return []
    problems = []
    for source_id, year_cell, line in zip(targets["source"], targets["target_year"], targets[LINE], strict=True):
        source = sources.get(source_id)
        year, start = _integer(year_cell), _integer(source["period_start"]) if source else None
        if year is not None and start is not None and year < start:
            problems.append(
                TargetYearError.at(
                    ctx.shown["targets"],
                    line,
                    "target_year",
                    year=year,
                    source=source_id,
                    start=start,
                    end=source["period_end"],
                )
            )
    return problems


def check_outcome_years(ctx: RuleContext) -> list[Problem]:
    """A document can only report years up to the year it was published."""
    sources = _source_info(ctx)
    outcomes = ctx.rows("outcomes", ["source", "year"])
    if outcomes is None:
        return []
    published = {i: _published_year(s["published"]) for i, s in sources.items()}
    published_years = outcomes["source"].map(published).to_numpy(dtype=np.float64, na_value=np.nan)
    years, floats = _parsed(outcomes["year"], _integer)
    with np.errstate(invalid="ignore"):
        late = floats > published_years
    problems = []
    for line, year, source_id in zip(
        outcomes[LINE].to_numpy()[late], years[late], outcomes["source"].to_numpy()[late], strict=True
    ):
        problems.append(
            OutcomeYearError.at(
                ctx.shown["outcomes"],
                int(line),
                "year",
                year=year,
                source=source_id,
                published=sources[source_id]["published"],
            )
        )
    return problems


def check_values_in_quotes(ctx: RuleContext) -> list[Problem]:
    """Every typed number must be stated by the sentence it cites.

    Most cells appear in their quote exactly as typed; that cheap test runs on every row, and
    only the rest are parsed and searched for in every form the quote may state them.
    """
    units = {i: u for i, (u, _) in _indicator_info(ctx).items()}
    checks = [("outcomes", ["value"]), ("targets", ["value", "value_high", "baseline_value"])]
    problems = []
    for name, fields in checks:
        frame = ctx.rows(name, ["indicator", "quote", *fields])
        if frame is None:
            continue
        quotes = frame["quote"].tolist()
        for field in fields:
            cells = frame[field].tolist()
            suspects = [
                i
                for i, (cell, quote) in enumerate(zip(cells, quotes, strict=True))
                if cell and quote and not stated_as_typed(cell, quote)
            ]
            for i in suspects:
                unit = units.get(frame["indicator"].iat[i], "")
                value = _number(cells[i])
                if value is not None and not value_in_quote(value, quotes[i], unit, cells[i]):
                    problems.append(
                        ValueNotInQuoteError.at(
                            ctx.shown[name],
                            int(frame[LINE].iat[i]),
                            field,
                            value=_show(value),
                            quote=_clip(quotes[i]),
                            unit=unit or "as written",
                            stated=stated_numbers(quotes[i]) or "no number",
                        )
                    )
    return problems


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_baselines(ctx: RuleContext) -> list[Problem]:
    """A baseline value needs its year, and the baseline comes before the target."""
    targets = ctx.rows("targets", ["target_year", "baseline_year", "baseline_value"])
    if targets is None:
        return []
    problems = []
    for target_year, baseline_year, baseline_value, line in zip(
        targets["target_year"], targets["baseline_year"], targets["baseline_value"], targets[LINE], strict=True
    ):
        year, base_year = _integer(target_year), _integer(baseline_year)
        if baseline_value and not baseline_year:
            problems.append(
                BaselineError.at(
                    ctx.shown["targets"], line, "baseline_year", detail="baseline_value is given without baseline_year"
                )
            )
        elif year is not None and base_year is not None and base_year >= year:
            problems.append(
                BaselineError.at(
                    ctx.shown["targets"],
                    line,
                    "baseline_year",
                    detail=f"baseline year {base_year} is not before target year {year}",
                )
            )
    return problems


def check_source_locations(ctx: RuleContext) -> list[Problem]:
    """A reader must be able to open every source: a web page, or the archived copy we publish."""
    sources = ctx.rows("sources", ["url", "copy"])
    if sources is None:
        return []
    base = ctx.tables["sources"].path.parent
    problems = []
    for url, copy, line in zip(sources["url"], sources["copy"], sources[LINE], strict=True):
        if not url and not copy:
            problems.append(
                SourceLocationError.at(
                    ctx.shown["sources"], line, "url", detail="the source has neither a url nor an archived copy"
                )
            )
        elif copy and ".." not in copy and not (base / copy).is_file():
            problems.append(
                SourceLocationError.at(
                    ctx.shown["sources"],
                    line,
                    "copy",
                    detail=f"the archived copy {copy!r} does not exist in the package",
                )
            )
        elif copy and ".." not in copy:
            try:
                (base / copy).read_bytes().decode("utf-8")
            except UnicodeDecodeError as error:
                detail = f"the archived copy {copy!r} is not UTF-8 text (byte {error.start} cannot be read)"
                problems.append(ArchivedCopyEncodingError.at(ctx.shown["sources"], line, "copy", detail=detail))
    return problems


def _measures(ctx: RuleContext) -> dict[str, str]:
    indicators = ctx.frame("indicators", ["id", "measure"])
    return {} if indicators is None else _first(indicators["id"], indicators["measure"])


def check_periods(ctx: RuleContext) -> list[Problem]:
    """An amount over a period (period_start) is a sum of yearly flows, ending at the figure's year:
    a level (a rate, a stock) has no sum, and a period cannot end before it starts."""
    measures = _measures(ctx)
    problems = []
    for name, last in (("targets", "target_year"), ("outcomes", "year")):
        frame = ctx.rows(name, ["indicator", "period_start", last])
        if frame is None:
            continue
        kinds = frame["kind"] if "kind" in frame.columns else [""] * len(frame)
        for indicator, start_cell, last_cell, kind, line in zip(
            frame["indicator"], frame["period_start"], frame[last], kinds, frame[LINE], strict=True
        ):
            start, end = _integer(start_cell), _integer(last_cell)
            if start is None:
                continue
            measure = measures.get(indicator)
            if measure == "level":
                detail = f"period_start {start} is given, but {indicator} is a level (measure), which cannot be added up over years"
            elif kind in ("change", "relative_change"):
                detail = f"period_start {start} is given for a {kind} target; a target over a period is a count"
            elif end is not None and start > end:
                detail = f"period_start {start} is after {last} {end}"
            else:
                continue
            problems.append(PeriodError.at(ctx.shown[name], line, "period_start", detail=detail))
    return problems


RULES: tuple[Callable[[RuleContext], list[Problem]], ...] = (
    check_region_levels,
    check_parent_chains,
    check_percentages,
    check_target_years,
    check_outcome_years,
    check_values_in_quotes,
    check_baselines,
    check_source_locations,
    check_periods,
)


def run_rules(ctx: RuleContext) -> list[Problem]:
    problems: list[Problem] = []
    for rule in RULES:
        problems.extend(rule(ctx))
    return problems
