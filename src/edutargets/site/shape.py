"""Shape the dataset into what pages show: groupings, series, statuses. No HTML here.

Everything is grouped once, in one pass per table, so that page generation stays linear in the
number of regions however many there are.
"""

from __future__ import annotations

import math
import pickle
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from edutargets.model import NATION, Dataset
from edutargets.site.text import HAN_RUN
from edutargets.status import Assessment, Observation, Reason, Status, Target, assess
from edutargets.store import write

if TYPE_CHECKING:
    from edutargets.site.inputs import Inputs

Row = dict[str, Any]

HEADLINE_INDICATORS = ("preschool_ger", "compulsory_retention", "upper_secondary_ger", "higher_ed_ger")
"""The headline indicators: the four enrolment rates the national plans set for each stage (学前三年毛入园率,
九年义务教育巩固率, 高中阶段毛入学率, 高等教育毛入学率). The home page shows them for the nation; a region page
shows them first in their stage, and open while the rest of the stage is folded."""

STAGES = ("preschool", "compulsory", "upper_secondary", "vocational", "higher", "teachers", "funding", "all")
"""The indicators' stages (the `stage` field's enum in datapackage.json), in the order pages list
them: the stages of schooling from the youngest, then the indicators across stages."""


def _clean(value: Any) -> Any:
    """pandas' missing values (NaN, <NA>) as None, numpy integers as int."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def records(frame: pd.DataFrame) -> list[Row]:
    """Rows as dicts of plain Python values, missing ones None: each column converted once."""
    columns = {}
    for name in frame.columns:
        series = frame[name]
        values = series.astype(object).to_numpy()
        missing = series.isna().to_numpy()
        if missing.any():
            values = values.copy()
            values[missing] = None
        columns[name] = [_clean(v) for v in values] if series.dtype.kind in "iub" else values.tolist()
    names = list(columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns.values(), strict=True)]


@dataclass
class TargetView:
    """A target with what its status needs and what the pages show about it."""

    row: Row
    assessment: Assessment

    @property
    def status(self) -> Status:
        return self.assessment.status


@dataclass
class SiteData:
    """The dataset grouped for page generation.

    Regions, indicators, sources and targets are small and kept as row dicts. Outcomes can be
    a million rows at national scale: they stay in one sorted DataFrame, and a region's or a
    series' rows are read from it by position only when a page needs them.
    """

    dataset: Dataset
    regions: dict[str, Row] = field(default_factory=dict)
    indicators: dict[str, Row] = field(default_factory=dict)
    sources: dict[str, Row] = field(default_factory=dict)
    targets: list[Row] = field(default_factory=list)
    outcomes: pd.DataFrame = field(default_factory=pd.DataFrame)
    dataset_date: str = ""
    known_assessments: dict[str, Assessment] = field(default_factory=dict, repr=False)
    """Statuses computed by an earlier build from the same inputs (reuse_statuses, below)."""
    _latest: dict[tuple[str, str], Row | None] = field(default_factory=dict, repr=False)
    _observations: dict[tuple[str, str], list[Observation]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> SiteData:
        data = cls(dataset=dataset)
        data.regions = {r["code"]: r for r in records(dataset.regions)}
        data.indicators = {r["id"]: r for r in records(dataset.indicators)}
        data.sources = {r["id"]: r for r in records(dataset.sources)}
        data.targets = records(dataset.targets)
        for target in data.targets:
            target["ref"] = f"t-{target['id']}"
        data.outcomes = dataset.outcomes  # sorted by region, indicator, year, source
        accessed = [day for day in dataset.sources["accessed"].tolist() if day]
        data.dataset_date = str(max(accessed)) if accessed else ""  # as build.package_date reads it
        return data

    @cached_property
    def quote_words(self) -> dict[str, str]:
        """For each source, the runs of two or more Han characters in the quotes of its targets and
        reported values, each once, in order: what a reader may search a document by (新建公办幼儿园),
        without the figures, which every quote has and no reader searches by. At national scale
        (a million reported values, ~300 a document) the runs repeat: a document gets a few dozen.
        The sources' search records are made from them, in the process that indexes the sources
        (search_index.start_source_index).
        """
        found: dict[str, dict[str, None]] = {}
        for target in self.targets:
            runs = found.setdefault(target["source"], {})
            runs.update(dict.fromkeys(r for r in HAN_RUN.findall(target.get("quote") or "") if len(r) > 1))
        if len(self.outcomes):
            pairs = self.outcomes[["source", "quote"]].drop_duplicates()
            for source, quoted in pairs.groupby("source", sort=True)["quote"]:
                runs = found.setdefault(str(source), {})
                text = " ".join(q for q in quoted.tolist() if isinstance(q, str))
                runs.update(dict.fromkeys(r for r in HAN_RUN.findall(text) if len(r) > 1))
        return {source: " ".join(runs) for source, runs in found.items() if runs}

    # --- outcomes, by position in the sorted frame --------------------------------------

    @cached_property
    def _columns(self) -> dict[str, Any]:
        return {name: self.outcomes[name].to_numpy() for name in self.outcomes.columns}

    @cached_property
    def _pair_slices(self) -> dict[tuple[str, str], tuple[int, int]]:
        """Where each (region, indicator) series starts and stops in the sorted outcomes."""
        regions = self.outcomes["region"].to_numpy()
        indicators = self.outcomes["indicator"].to_numpy()
        if len(regions) == 0:
            return {}
        change = np.flatnonzero((regions[1:] != regions[:-1]) | (indicators[1:] != indicators[:-1])) + 1
        starts = np.concatenate(([0], change))
        stops = np.concatenate((change, [len(regions)]))
        return {(regions[a], indicators[a]): (int(a), int(b)) for a, b in zip(starts, stops, strict=True)}

    @cached_property
    def region_slices(self) -> dict[str, tuple[int, int]]:
        """Where each region's outcome rows start and stop in the sorted outcomes."""
        found: dict[str, tuple[int, int]] = {}
        for (region, _), (start, stop) in self._pair_slices.items():
            first = found.get(region, (start, stop))[0]
            found[region] = (first, stop)
        return found

    @cached_property
    def _status_columns(self) -> dict[str, list[Any]]:
        """What the status rule and `latest_row` read of every row, as plain lists."""
        frame = self.outcomes
        return {
            "year": frame["year"].astype("int64").tolist(),
            "value": frame["value"].tolist(),
            "flag": frame["flag"].astype("string").fillna("").tolist(),
            "comparator": frame["comparator"].tolist(),
            "period_start": [None if pd.isna(v) else int(v) for v in frame["period_start"].tolist()],
            "source": frame["source"].tolist(),
        }

    def _row(self, position: int) -> Row:
        """One outcome row as a dict, with `ref`, its anchor on the pages: made of the row's primary
        key, not its position, so that editing one region's rows changes no other region's page."""
        row = {name: _clean(values[position]) for name, values in self._columns.items()}
        row["ref"] = f"o-{row['region']}-{row['indicator']}-{row['year']}-{row['source']}"
        return row

    def _yearly_positions(self, region: str, indicator: str) -> dict[int, int]:
        """One row a year, by year, of the figures of one year (not a period's total): a final
        figure over a preliminary one. Charts draw these (`counted` in the region's file)."""
        start, stop = self._pair_slices.get((region, indicator), (0, 0))
        columns = self._status_columns
        years, flags, periods = columns["year"], columns["flag"], columns["period_start"]
        chosen: dict[int, int] = {}
        for i in range(start, stop):
            if periods[i] is not None and periods[i] != years[i]:
                continue
            current = chosen.get(years[i])
            if current is None or (flags[current] == "preliminary" and flags[i] != "preliminary"):
                chosen[years[i]] = i
        return dict(sorted(chosen.items()))

    @cached_property
    def counted(self) -> np.ndarray:
        """For every outcome row, whether it is its year's figure in its series (`_yearly_positions`)."""
        flags = np.zeros(len(self.outcomes), dtype=bool)
        for region, indicator in self._pair_slices:
            flags[list(self._yearly_positions(region, indicator).values())] = True
        return flags

    def region_counted(self, region: str) -> np.ndarray:
        """`counted` for one region's rows (`region_slices`), without the whole table's: what a
        rebuild that remakes a few regions' files needs."""
        start, stop = self.region_slices.get(region, (0, 0))
        flags = np.zeros(stop - start, dtype=bool)
        for indicator in self.indicators:
            flags[[i - start for i in self._yearly_positions(region, indicator).values()]] = True
        return flags

    def has_series(self, region: str, indicator: str) -> bool:
        return (region, indicator) in self._pair_slices

    def has_yearly_values(self, region: str, indicator: str) -> bool:
        """Whether the series has a reported figure of one year (not only a period's total): what
        a chart draws (`counted` rows), so what a chart needs to say anything."""
        return bool(self._yearly_positions(region, indicator))

    @cached_property
    def outcome_counts(self) -> dict[str, int]:
        return {region: stop - start for region, (start, stop) in self.region_slices.items()}

    @cached_property
    def outcome_regions_by_source(self) -> dict[str, dict[str, int]]:
        """For each source, the regions with figures from it and how many."""
        counts = self.outcomes.groupby(["source", "region"], sort=True).size()
        grouped: dict[str, dict[str, int]] = defaultdict(dict)
        for (source, region), count in counts.items():
            grouped[source][region] = int(count)
        return grouped

    # --- groupings (each built once, in one pass) ------------------------------------

    @cached_property
    def children(self) -> dict[str, list[Row]]:
        grouped: dict[str, list[Row]] = defaultdict(list)
        for region in self.regions.values():
            if region["parent"]:
                grouped[region["parent"]].append(region)
        return grouped

    @cached_property
    def targets_by_region(self) -> dict[str, list[Row]]:
        return _group(self.targets, "region")

    @cached_property
    def targets_by_source(self) -> dict[str, list[Row]]:
        return _group(self.targets, "source")

    @cached_property
    def targets_by_indicator(self) -> dict[str, list[Row]]:
        return _group(self.targets, "indicator")

    @cached_property
    def sources_by_region(self) -> dict[str, list[Row]]:
        """Sources issued for a region, plus those its figures were taken from."""
        grouped: dict[str, dict[str, Row]] = defaultdict(dict)
        for source in self.sources.values():
            grouped[source["region"]][source["id"]] = source
        for row in self.targets:
            grouped[row["region"]][row["source"]] = self.sources[row["source"]]
        for source, regions in self.outcome_regions_by_source.items():
            for region in regions:
                grouped[region][source] = self.sources[source]
        return {
            code: sorted(found.values(), key=lambda s: (s["published"], s["id"])) for code, found in grouped.items()
        }

    @cached_property
    def regions_with_figures(self) -> set[str]:
        return {row["region"] for row in self.targets} | set(self.region_slices)

    @cached_property
    def province_of(self) -> dict[str, str]:
        """Each region's province (a province's is itself; the nation has none)."""
        found: dict[str, str] = {}

        def walk(code: str) -> str:
            if code not in found:
                region = self.regions[code]
                found[code] = "" if not region["parent"] else code if region["depth"] == 1 else walk(region["parent"])
            return found[code]

        for code in self.regions:
            walk(code)
        return {code: province for code, province in found.items() if province}

    @cached_property
    def figures_by_province(self) -> dict[str, list[str]]:
        """For each province with figures in it, the regions with figures there (itself too), by code:
        what its list of regions shows (the regions index links to one list per province)."""
        grouped: dict[str, list[str]] = defaultdict(list)
        province_of = self.province_of
        for code in sorted(self.regions_with_figures):
            if code in province_of:
                grouped[province_of[code]].append(code)
        return dict(sorted(grouped.items()))

    @cached_property
    def indicators_by_region(self) -> dict[str, list[str]]:
        """Indicators with any figure for a region, in the indicators table's order."""
        found: dict[str, set[str]] = defaultdict(set)
        for row in self.targets:
            found[row["region"]].add(row["indicator"])
        for region, indicator in self._pair_slices:
            found[region].add(indicator)
        order = {indicator: i for i, indicator in enumerate(self.indicators)}
        return {code: sorted(ids, key=order.__getitem__) for code, ids in found.items()}

    @cached_property
    def regions_by_indicator(self) -> dict[str, set[str]]:
        """Regions with any figure for an indicator."""
        found: dict[str, set[str]] = defaultdict(set)
        for code, indicators in self.indicators_by_region.items():
            for indicator in indicators:
                found[indicator].add(code)
        return found

    # --- derived values -------------------------------------------------------------

    def observations(self, region: str, indicator: str) -> list[Observation]:
        """Every figure of a series as the status rule reads it (a series often has several targets)."""
        key = (region, indicator)
        if key not in self._observations:
            start, stop = self._pair_slices.get(key, (0, 0))
            c = self._status_columns
            self._observations[key] = [
                Observation(
                    c["year"][i],
                    c["value"][i],
                    c["flag"][i] == "definition_change",
                    c["flag"][i] == "preliminary",
                    c["comparator"][i],
                    c["period_start"][i],
                    c["source"][i],
                )
                for i in range(start, stop)
            ]
        return self._observations[key]

    def latest_row(self, region: str, indicator: str) -> Row | None:
        """The latest final figure of one year (the latest preliminary one if there is no final
        one): the figure the status rule judges progress on (status.Series.latest)."""
        key = (region, indicator)
        if key not in self._latest:
            positions = list(self._yearly_positions(region, indicator).values())
            flags = self._status_columns["flag"]
            final = [i for i in positions if flags[i] != "preliminary"]
            chosen = (final or positions or [None])[-1]
            self._latest[key] = None if chosen is None else self._row(chosen)
        return self._latest[key]

    def evidence_row(self, target: Row) -> Row | None:
        """The outcome row a target's status was judged on, when it is one row (not a sum)."""
        evidence = self.assessments[target["id"]].assessment.evidence
        if evidence is None or evidence.source is None:
            return None
        start, stop = self._pair_slices.get((target["region"], target["indicator"]), (0, 0))
        c = self._status_columns
        for i in range(start, stop):
            if (
                c["year"][i] == evidence.year
                and c["source"][i] == evidence.source
                and c["period_start"][i] == evidence.period_start
            ):
                return self._row(i)
        return None

    @cached_property
    def as_of(self) -> int:
        """The year of the dataset's as-of date: a deadline before it has passed."""
        return int(self.dataset_date[:4])

    @cached_property
    def assessments(self) -> dict[str, TargetView]:
        views = {}
        for target in self.targets:
            indicator = self.indicators[target["indicator"]]
            spec = Target(
                kind=target["kind"],
                comparator=target["comparator"],
                value=target["value"],
                target_year=target["target_year"],
                direction=indicator["direction"],
                baseline_year=target["baseline_year"],
                baseline_value=target["baseline_value"],
                measure=indicator["measure"],
                period_start=target["period_start"],
                plan_start=self.sources[target["source"]]["period_start"],
            )
            known = self.known_assessments.get(target["id"])
            views[target["id"]] = TargetView(
                target,
                known
                if known is not None
                else assess(spec, self.observations(target["region"], target["indicator"]), self.as_of),
            )
        return views

    def status_counts(self) -> dict[Status, int]:
        counts = {status: 0 for status in Status}
        for view in self.assessments.values():
            counts[view.status] += 1
        return counts

    def ancestors(self, code: str) -> list[Row]:
        """Parent chain from the nation down to the region's parent."""
        chain = []
        parent = self.regions[code]["parent"]
        while parent:
            chain.append(self.regions[parent])
            parent = self.regions[parent]["parent"]
        return list(reversed(chain))

    def nation(self) -> Row | None:
        return self.regions.get(NATION)


def _group(rows: list[Row], key: str) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


# --- statuses kept from one build to the next -----------------------------------------
# Assessing every target reads every series: at national scale, most of what a rebuild after a
# one-region edit would spend on statuses that did not change. A status depends only on its
# target's row, its indicator, its source's period, its series and the dataset's date
# (status.py), so one whose key (inputs.Inputs.target) is unchanged is taken from the last
# build. A pickle in the build's work folder: written and read by this program only.

STATUS_FORMAT = 3


def _observation(o: Observation | None) -> tuple | None:
    return (
        None
        if o is None
        else (o.year, o.value, o.definition_change, o.preliminary, o.comparator, o.period_start, o.source)
    )


def _pack(assessment: Assessment) -> tuple:
    """An assessment as plain tuples: pickled and unpickled in a third of a dataclass's time."""
    return (
        assessment.status.value,
        assessment.required,
        _observation(assessment.evidence),
        _observation(assessment.baseline),
        assessment.ratio,
        assessment.reason.value,
    )


def _unpack(packed: tuple) -> Assessment:
    status, required, evidence, baseline, ratio, reason = packed
    return Assessment(
        Status(status),
        required,
        None if evidence is None else Observation(*evidence),
        None if baseline is None else Observation(*baseline),
        ratio,
        Reason(reason),
    )


def reuse_statuses(data: SiteData, keys: Inputs, cache: Path) -> dict[str, str]:
    """Give `data` the statuses of the last build whose inputs are unchanged; the targets' keys."""
    current = {target["id"]: keys.target(target) for target in data.targets}
    try:
        with cache.open("rb") as handle:
            stored = pickle.load(handle)
        known: dict[str, tuple[str, tuple]] = stored["statuses"] if stored.get("format") == STATUS_FORMAT else {}
        data.known_assessments = {
            target_id: _unpack(found[1])
            for target_id, key in current.items()
            if (found := known.get(target_id)) and found[0] == key
        }
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, KeyError, TypeError, ValueError, ImportError):
        data.known_assessments = {}
    return current


def save_statuses(data: SiteData, keys: dict[str, str], cache: Path) -> None:
    """Keep this build's statuses for the next one."""
    statuses = {target_id: (key, _pack(data.assessments[target_id].assessment)) for target_id, key in keys.items()}
    write(cache, pickle.dumps({"format": STATUS_FORMAT, "statuses": statuses}, protocol=pickle.HIGHEST_PROTOCOL))
