"""The data package loaded as typed tables, for everything after validation.

Validation reads strings; the site, status and downloads need numbers, years and lookups.
Loading assumes a package that has passed validation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from edutargets.tables import LINE, read_table

NATION = "000000"
LEVELS = ("nation", "province", "prefecture", "county")


@dataclass
class Dataset:
    """One data package: its descriptor and its five tables, typed."""

    path: Path
    descriptor: dict[str, Any]
    regions: pd.DataFrame
    indicators: pd.DataFrame
    sources: pd.DataFrame
    targets: pd.DataFrame
    outcomes: pd.DataFrame

    def resource_path(self, name: str) -> Path:
        resource = next(r for r in self.descriptor["resources"] if r["name"] == name)
        return self.path / resource["path"]

    @property
    def version(self) -> str:
        return str(self.descriptor.get("version", ""))


def _numbers(frame: pd.DataFrame, columns: list[str]) -> None:
    for column in columns:
        frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce").astype("float64")


def _integers(frame: pd.DataFrame, columns: list[str]) -> None:
    for column in columns:
        frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce").astype("Int64")


def load_dataset(path: Path) -> Dataset:
    """Read a validated package folder into typed DataFrames indexed by their keys."""
    descriptor = json.loads((path / "datapackage.json").read_text(encoding="utf-8-sig"))
    frames = {}
    for resource in descriptor["resources"]:
        frame = read_table(path / resource["path"]).frame.drop(columns=[LINE])
        frames[resource["name"]] = frame
    regions, indicators, sources = frames["regions"], frames["indicators"], frames["sources"]
    targets, outcomes = frames["targets"], frames["outcomes"]
    indicators["may_exceed_100"] = indicators["may_exceed_100"] == "true"
    _integers(sources, ["period_start", "period_end"])
    _integers(targets, ["target_year", "baseline_year"])
    _numbers(targets, ["value", "value_high", "baseline_value"])
    _integers(outcomes, ["year"])
    _numbers(outcomes, ["value"])
    regions["depth"] = regions["level"].map({level: i for i, level in enumerate(LEVELS)})
    return Dataset(
        path=path,
        descriptor=descriptor,
        regions=regions.set_index("code", drop=False).sort_index(),
        indicators=indicators.set_index("id", drop=False),
        sources=sources.set_index("id", drop=False).sort_index(),
        targets=targets.sort_values(["region", "indicator", "target_year", "id"]).reset_index(drop=True),
        outcomes=outcomes.sort_values(["region", "indicator", "year", "source"]).reset_index(drop=True),
    )
