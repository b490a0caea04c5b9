"""Shape the dataset into what pages show: groupings, series, statuses. No HTML here.

Everything is grouped once, in one pass per table, so that page generation stays linear in the
number of regions however many there are.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd

from edutargets.model import NATION, Dataset
from edutargets.status import Assessment, Observation, Status, Target, assess

Row = dict[str, Any]

HEADLINE_INDICATORS = ("preschool_ger", "compulsory_retention", "upper_secondary_ger", "higher_ed_ger")


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


def records(frame) -> list[Row]:
    return [{k: _clean(v) for k, v in row.items()} for row in frame.to_dict("records")]


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
    """The dataset grouped for page generation."""

    dataset: Dataset
    regions: dict[str, Row] = field(default_factory=dict)
    indicators: dict[str, Row] = field(default_factory=dict)
    sources: dict[str, Row] = field(default_factory=dict)
    targets: list[Row] = field(default_factory=list)
    outcomes: list[Row] = field(default_factory=list)
    dataset_date: str = ""

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> "SiteData":
        data = cls(dataset=dataset)
        data.regions = {r["code"]: r for r in records(dataset.regions)}
        data.indicators = {r["id"]: r for r in records(dataset.indicators)}
        data.sources = {r["id"]: r for r in records(dataset.sources)}
        data.targets = records(dataset.targets)
        data.outcomes = records(dataset.outcomes)
        for number, outcome in enumerate(data.outcomes, start=1):
            outcome["ref"] = f"o{number}"
        for target in data.targets:
            target["ref"] = f"t-{target['id']}"
        return data

    # --- groupings (each built once, in one pass) ------------------------------------

    @cached_property
    def children(self) -> dict[str, list[Row]]:
        grouped: dict[str, list[Row]] = defaultdict(list)
        for region in self.regions.values():
            if region["parent"]:
                grouped[region["parent"]].append(region)
        return grouped

    @cached_property
    def series(self) -> dict[tuple[str, str], list[Row]]:
        """Every outcome row of a region and indicator, by year."""
        grouped: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for outcome in self.outcomes:
            grouped[(outcome["region"], outcome["indicator"])].append(outcome)
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
    def outcomes_by_source(self) -> dict[str, list[Row]]:
        return _group(self.outcomes, "source")

    @cached_property
    def sources_by_region(self) -> dict[str, list[Row]]:
        """Sources issued for a region, plus those its figures were taken from."""
        grouped: dict[str, dict[str, Row]] = defaultdict(dict)
        for source in self.sources.values():
            grouped[source["region"]][source["id"]] = source
        for row in (*self.targets, *self.outcomes):
            grouped[row["region"]][row["source"]] = self.sources[row["source"]]
        return {code: sorted(found.values(), key=lambda s: (s["published"], s["id"])) for code, found in grouped.items()}

    @cached_property
    def regions_with_figures(self) -> set[str]:
        return {row["region"] for row in (*self.targets, *self.outcomes)}

    @cached_property
    def indicators_by_region(self) -> dict[str, list[str]]:
        """Indicators with any figure for a region, in the indicators table's order."""
        found: dict[str, set[str]] = defaultdict(set)
        for row in (*self.targets, *self.outcomes):
            found[row["region"]].add(row["indicator"])
        order = {indicator: i for i, indicator in enumerate(self.indicators)}
        return {code: sorted(ids, key=order.__getitem__) for code, ids in found.items()}

    # --- derived values -------------------------------------------------------------

    def yearly_rows(self, region: str, indicator: str) -> dict[int, Row]:
        """One outcome row a year, by year: a final figure over a preliminary one."""
        chosen: dict[int, Row] = {}
        for row in self.series.get((region, indicator), []):
            current = chosen.get(row["year"])
            if current is None or (current["flag"] == "preliminary" and row["flag"] != "preliminary"):
                chosen[row["year"]] = row
        return dict(sorted(chosen.items()))

    def observations(self, region: str, indicator: str) -> list[Observation]:
        """The yearly values as the status rule reads them."""
        return [Observation(year, row["value"], row["flag"] == "definition_change") for year, row in self.yearly_rows(region, indicator).items()]

    def latest_row(self, region: str, indicator: str) -> Row | None:
        rows = self.series.get((region, indicator), [])
        final = [r for r in rows if r["flag"] != "preliminary"] or rows
        return max(final, key=lambda r: r["year"]) if final else None

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
            )
            views[target["id"]] = TargetView(target, assess(spec, self.observations(target["region"], target["indicator"])))
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
