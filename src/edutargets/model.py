"""The data package loaded as typed tables, for everything after validation.

Validation reads strings; the site, status and downloads need numbers, years and lookups.
Loading assumes a package that has passed validation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from edutargets.tables import LINE, Table, read_table

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
    row_hashes: dict[str, np.ndarray] = field(default_factory=dict)
    """For targets and outcomes, a hash of each row in the frame's order: of its bytes as read
    (tables.Table.row_hashes), or of its cells when the file was read by the exact reader."""

    def resource_path(self, name: str) -> Path:
        resource = next(r for r in self.descriptor["resources"] if r["name"] == name)
        return self.path / resource["path"]

    @property
    def version(self) -> str:
        return str(self.descriptor.get("version", ""))


def _floats(column: pd.Series) -> np.ndarray:
    """Validated number cells as floats, empty as NaN: numpy's own float() of each string, a
    tenth of pd.to_numeric's time on a million rows; pandas reads what numpy cannot."""
    values = column.to_numpy(dtype=object, copy=True)
    values[values == ""] = "nan"
    try:
        return values.astype(np.float64)
    except ValueError:
        return pd.to_numeric(column.replace("", None), errors="coerce").to_numpy(dtype=np.float64)


def _numbers(frame: pd.DataFrame, columns: list[str]) -> None:
    for column in columns:
        frame[column] = _floats(frame[column])


def _integers(frame: pd.DataFrame, columns: list[str]) -> None:
    for column in columns:
        frame[column] = pd.array(_floats(frame[column]), dtype="Float64").astype("Int64")


def load_dataset(path: Path, tables: dict[str, Table] | None = None) -> Dataset:
    """Read a validated package folder into typed DataFrames indexed by their keys.

    ``tables``, the tables validation read (by resource name), spares reading them again.
    """
    descriptor = json.loads((path / "datapackage.json").read_text(encoding="utf-8-sig"))
    frames, hashes = {}, {}
    for resource in descriptor["resources"]:
        table = (tables or {}).get(resource["name"]) or read_table(path / resource["path"])
        frames[resource["name"]] = table.frame.drop(columns=[LINE])
        hashes[resource["name"]] = table.row_hashes
    regions, indicators, sources = frames["regions"], frames["indicators"], frames["sources"]
    targets, outcomes = frames["targets"], frames["outcomes"]
    indicators["may_exceed_100"] = indicators["may_exceed_100"] == "true"
    _integers(sources, ["period_start", "period_end"])
    _integers(targets, ["target_year", "period_start", "baseline_year"])
    _numbers(targets, ["value", "value_high", "baseline_value"])
    _integers(outcomes, ["year", "period_start"])
    _numbers(outcomes, ["value"])
    regions["depth"] = regions["level"].map({level: i for i, level in enumerate(LEVELS)})
    targets, target_hashes = _sorted(targets, hashes["targets"], ["region", "indicator", "target_year", "id"])
    outcomes, outcome_hashes = _sorted(outcomes, hashes["outcomes"], ["region", "indicator", "year", "source"])
    return Dataset(
        path=path,
        descriptor=descriptor,
        regions=regions.set_index("code", drop=False).sort_index(),
        indicators=indicators.set_index("id", drop=False),
        sources=sources.set_index("id", drop=False).sort_index(),
        targets=targets,
        outcomes=outcomes,
        row_hashes={"targets": target_hashes, "outcomes": outcome_hashes},
    )


def _sorted(frame: pd.DataFrame, hashes: np.ndarray | None, by: list[str]) -> tuple[pd.DataFrame, np.ndarray]:
    """The frame sorted by `by`, and its row hashes in the same order."""
    if hashes is None:
        hashes = pd.util.hash_pandas_object(frame, index=False).to_numpy()
    frame = frame.sort_values(by)
    return frame.reset_index(drop=True), hashes[frame.index.to_numpy()]
