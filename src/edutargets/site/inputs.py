"""Digests of the data a page or a data file reads, named, for the inputs its declaration lists
(kinds.py for pages, files.py for data files): a rebuild makes an output again exactly when
one of its inputs' digests changed (store.Manifest).

Rows are summarised by the hashes of their bytes as read (model.Dataset.row_hashes), summed
per region and per series, so that keying every page costs a pass over hashes, not over cells.
`common` is in every output's inputs: the code, templates and strings, the libraries' versions,
the indicators and the dataset's date (what a page reads of the descriptor is named where it is
read: the version on region pages, the tables' columns in data files); a page's also has its theme frame (`frames`,
known once MkDocs has built the shells).
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from edutargets.site.shape import SiteData
from edutargets.site.target_lists import TargetLists
from edutargets.store import digest, files_digest

_PACKAGE = Path(__file__).resolve().parent.parent


def code_digest(templates: Path, strings: Path) -> str:
    """Everything besides the data that shapes a page: templates, strings, this package's code and
    the libraries that render."""
    versions = " ".join(f"{name}={version(name)}" for name in ("jinja2", "mkdocs", "mkdocs-material", "pandas"))
    return digest(
        files_digest([*templates.rglob("*.j2")], templates),
        files_digest([strings], strings.parent),
        files_digest([*_PACKAGE.rglob("*.py")], _PACKAGE),
        versions,
    )


class Inputs:
    """The named digests of one build's data. `frames` holds each (section, language)'s theme
    frame digest, known once MkDocs has built the shells."""

    def __init__(self, data: SiteData, code: str) -> None:
        self.data = data
        self.code = code
        self.frames: dict[tuple[str, str], str] = {}
        self._data_memo: dict[str, str] = {}
        self._target_memo: dict[str, str] = {}
        self.common = digest(code, data.dataset_date, [data.indicators[i] for i in data.indicators])

    digest = staticmethod(digest)

    def region_row(self, code: str) -> str:
        return self._regions[code]

    def source_row(self, source_id: str) -> str:
        return self._sources[source_id]

    def outcomes_of_indicator(self, indicator_id: str) -> str:
        return self._outcomes_by_indicator.get(indicator_id, "")

    @property
    def all_regions(self) -> str:
        return self._all_regions

    @cached_property
    def _regions(self) -> dict[str, str]:
        return {code: digest(row) for code, row in self.data.regions.items()}

    @cached_property
    def _sources(self) -> dict[str, str]:
        return {source_id: digest(row) for source_id, row in self.data.sources.items()}

    @cached_property
    def _targets(self) -> dict[str, str]:
        """Each region's target rows, summarised: the sum of their row hashes and their count."""
        regions = self.data.dataset.targets["region"].to_numpy()
        change = np.flatnonzero(regions[1:] != regions[:-1]) + 1
        starts, stops = np.concatenate(([0], change)), np.concatenate((change, [len(regions)]))
        return self._sums_of(
            "targets", {regions[a]: (int(a), int(b)) for a, b in zip(starts, stops, strict=True) if b > a}
        )

    @cached_property
    def _target_rows(self) -> dict[str, int]:
        targets = self.data.dataset.targets
        return dict(zip(targets["id"].tolist(), self.data.dataset.row_hashes["targets"].tolist(), strict=True))

    def _sums(self, slices: dict[Any, tuple[int, int]]) -> dict[Any, str]:
        return self._sums_of("outcomes", slices)

    def _sums_of(self, table: str, slices: dict[Any, tuple[int, int]]) -> dict[Any, str]:
        """For each slice of a sorted table's rows: the sum of their hashes and their count."""
        hashes = self.data.dataset.row_hashes[table]
        if not slices:
            return {}
        starts = np.fromiter((start for start, _ in slices.values()), dtype=np.int64, count=len(slices))
        sums = np.add.reduceat(hashes, starts) if len(hashes) else np.zeros(len(slices), dtype=np.uint64)
        return {
            key: f"{int(total):016x}-{stop - start}"
            for (key, (start, stop)), total in zip(slices.items(), sums.tolist(), strict=True)
        }

    @cached_property
    def _outcomes(self) -> dict[str, str]:
        """Each region's outcome rows, summarised: the sum of their row hashes and their count."""
        return self._sums(self.data.region_slices)

    @cached_property
    def _pairs(self) -> dict[tuple[str, str], str]:
        """Each (region, indicator) series, summarised."""
        return self._sums(self.data._pair_slices)

    @cached_property
    def _indicator_rows(self) -> dict[str, str]:
        return {indicator_id: digest(row) for indicator_id, row in self.data.indicators.items()}

    def target(self, target: dict[str, Any]) -> str:
        """What a target's status is made from: its row (by its hash), its indicator, its source (the
        plan's period), its series, the dataset's date (deadlines pass), the code. The status cache
        (shape.reuse_statuses) reuses a status whose key is unchanged, so whatever is made of a
        target's status and verdict alone may be keyed by this."""
        found = self._target_memo.get(target["id"])
        if found is None:
            series = self._pairs.get((target["region"], target["indicator"]), "")
            text = f"{self.code}|{self.data.dataset_date}|{self._indicator_rows[target['indicator']]}|{self._sources[target['source']]}|{series}|{self._target_rows[target['id']]}"
            found = self._target_memo[target["id"]] = hashlib.sha256(text.encode()).hexdigest()
        return found

    def indicator_file(self, indicator_id: str) -> str:
        """Key of an indicator's whole by-region list: like its page, every region's figures."""
        return digest(self.common, indicator_id, self._all_regions, self._outcomes_by_indicator.get(indicator_id))

    @cached_property
    def _outcomes_by_indicator(self) -> dict[str, str]:
        """Each indicator's outcome rows in every region, summarised: their hashes' sum and count."""
        indicators = self.data.outcomes["indicator"].to_numpy()
        codes, names = pd.factorize(indicators)
        sums = np.zeros(len(names), dtype=np.uint64)
        np.add.at(sums, codes, self.data.dataset.row_hashes["outcomes"])
        counts = np.bincount(codes, minlength=len(names))
        return {
            name: f"{total:016x}-{count}"
            for name, total, count in zip(names, sums.tolist(), counts.tolist(), strict=True)
        }

    def region_files(self, code: str) -> tuple[str, str]:
        """Keys of a region's targets and outcomes CSV files: its rows of each table."""
        return digest(self.code, self._targets.get(code)), digest(self.code, self._outcomes.get(code))

    def region_data(self, code: str) -> str:
        """One region's own row and figures, and whether it has any."""
        if code not in self._data_memo:
            self._data_memo[code] = (
                f"{self._regions[code]}|{self._targets.get(code)}|{self._outcomes.get(code)}|{code in self.data.regions_with_figures}"
            )
        return self._data_memo[code]

    def region_link(self, code: str) -> str:
        """What a page shows of another region it links to: its row, whether it has figures and
        outcomes (breadcrumbs, lists of children, the parent's series in charts)."""
        data = self.data
        return f"{self._regions[code]}|{code in data.regions_with_figures}|{code in data.outcome_counts}"

    @cached_property
    def _all_regions(self) -> str:
        return digest(sorted(self._regions.items()), sorted(self._sources.items()), sorted(self._targets.items()))

    @cached_property
    def lists(self) -> TargetLists:
        return TargetLists(self.data)

    def target_chunk(self, province: str) -> str:
        """A province's file of targets: each one's status key, region, indicator and source."""
        return digest(
            self.common,
            province,
            [
                (self.target(t), self._regions[t["region"]], self._sources[t["source"]])
                for t in self.lists.by_province[province]
            ],
        )
