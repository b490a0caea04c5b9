"""A checksum of everything each entity page is made from, so that a rebuild renders only the
pages whose inputs changed (as owid's etl skips a step whose `checksum_input` is unchanged).

A page's key covers what its context reads (see the contract in pages.py): for a region page,
its own row, targets and outcomes, its ancestors' and children's rows (and whether they have
figures), and the sources it lists; for a source page, its row and the data of every region
whose figures cite it; an indicator page reads across all regions, so its key covers all of
them. Every key also covers the templates, strings, code, indicators table, dataset date and
the theme's frame the page is filled into. Over-covering costs a page rendered for nothing;
under-covering would publish a stale page, which tests/site/test_incremental.py guards against.
"""

from __future__ import annotations

import hashlib
import json
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import pandas as pd

from edutargets.store import write
from edutargets.site.shape import SiteData
from edutargets.site.target_lists import TargetLists

_PACKAGE = Path(__file__).resolve().parent.parent


def _digest(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def read_keys(path: Path) -> dict[str, str]:
    """The keys a store kept of its files at the end of the last build ({} if none or damaged)."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in stored.items()} if isinstance(stored, dict) else {}


def save_keys(path: Path, keys: dict[str, str]) -> None:
    write(path, json.dumps(keys, sort_keys=True, separators=(",", ":")).encode("utf-8"))


def files_digest(paths: Iterable[Path]) -> str:
    """The names and bytes of files: templates, strings, code."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def code_digest(templates: Path, strings: Path) -> str:
    """Everything besides the data that shapes a page: templates, strings and this package's code."""
    return files_digest([*templates.rglob("*.j2"), strings, *_PACKAGE.rglob("*.py")])


class PageKeys:
    """Keys of the entity pages and region files of one build. `frames` holds each (kind,
    language)'s frame digest, known once MkDocs has built the shells."""

    def __init__(self, data: SiteData, code: str) -> None:
        self.data = data
        self.code = code
        self.frames: dict[tuple[str, str], str] = {}
        self._data_memo: dict[str, str] = {}
        self.common = _digest(code, data.dataset_date, [data.indicators[i] for i in data.indicators])

    @cached_property
    def _regions(self) -> dict[str, str]:
        return {code: _digest(row) for code, row in self.data.regions.items()}

    @cached_property
    def _sources(self) -> dict[str, str]:
        return {source_id: _digest(row) for source_id, row in self.data.sources.items()}

    @cached_property
    def _targets(self) -> dict[str, str]:
        """Each region's target rows, summarised: the sum of their row hashes and their count."""
        regions = self.data.dataset.targets["region"].to_numpy()
        change = np.flatnonzero(regions[1:] != regions[:-1]) + 1
        starts, stops = np.concatenate(([0], change)), np.concatenate((change, [len(regions)]))
        return self._sums_of("targets", {regions[a]: (int(a), int(b)) for a, b in zip(starts, stops) if b > a})

    @cached_property
    def _target_rows(self) -> dict[str, int]:
        targets = self.data.dataset.targets
        return dict(zip(targets["id"].tolist(), self.data.dataset.row_hashes["targets"].tolist()))

    def _sums(self, slices: dict[Any, tuple[int, int]]) -> dict[Any, str]:
        return self._sums_of("outcomes", slices)

    def _sums_of(self, table: str, slices: dict[Any, tuple[int, int]]) -> dict[Any, str]:
        """For each slice of a sorted table's rows: the sum of their hashes and their count."""
        hashes = self.data.dataset.row_hashes[table]
        if not slices:
            return {}
        starts = np.fromiter((start for start, _ in slices.values()), dtype=np.int64, count=len(slices))
        sums = np.add.reduceat(hashes, starts) if len(hashes) else np.zeros(len(slices), dtype=np.uint64)
        return {key: f"{int(total):016x}-{stop - start}" for (key, (start, stop)), total in zip(slices.items(), sums.tolist())}

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
        return {indicator_id: _digest(row) for indicator_id, row in self.data.indicators.items()}

    def target(self, target: dict[str, Any]) -> str:
        """What a target's status is made from: its row (by its hash), its indicator, its source (the
        plan's period), its series, the dataset's date (deadlines pass), the code."""
        series = self._pairs.get((target["region"], target["indicator"]), "")
        text = f"{self.code}|{self.data.dataset_date}|{self._indicator_rows[target['indicator']]}|{self._sources[target['source']]}|{series}|{self._target_rows[target['id']]}"
        return hashlib.sha256(text.encode()).hexdigest()

    def indicator_file(self, indicator_id: str) -> str:
        """Key of an indicator's whole by-region list: like its page, every region's figures."""
        return _digest(self.common, indicator_id, self._all_regions, self._outcomes_by_indicator.get(indicator_id))

    @cached_property
    def _outcomes_by_indicator(self) -> dict[str, str]:
        """Each indicator's outcome rows in every region, summarised: their hashes' sum and count."""
        indicators = self.data.outcomes["indicator"].to_numpy()
        codes, names = pd.factorize(indicators)
        sums = np.zeros(len(names), dtype=np.uint64)
        np.add.at(sums, codes, self.data.dataset.row_hashes["outcomes"])
        counts = np.bincount(codes, minlength=len(names))
        return {name: f"{total:016x}-{count}" for name, total, count in zip(names, sums.tolist(), counts.tolist())}

    def region_files(self, code: str) -> tuple[str, str]:
        """Keys of a region's targets and outcomes CSV files: its rows of each table."""
        return _digest(self.code, self._targets.get(code)), _digest(self.code, self._outcomes.get(code))

    def region_data(self, code: str) -> str:
        """One region's own row and figures, and whether it has any."""
        if code not in self._data_memo:
            self._data_memo[code] = f"{self._regions[code]}|{self._targets.get(code)}|{self._outcomes.get(code)}|{code in self.data.regions_with_figures}"
        return self._data_memo[code]

    def region_link(self, code: str) -> str:
        """What a page shows of another region it links to: its row, whether it has figures and
        outcomes (breadcrumbs, lists of children, the parent's series in charts)."""
        data = self.data
        return f"{self._regions[code]}|{code in data.regions_with_figures}|{code in data.outcome_counts}"

    def region(self, code: str, lang: str) -> str:
        data = self.data
        parts = [self.common, self.frames[("regions", lang)], lang, self.region_data(code)]
        parts += [self.region_link(r["code"]) for r in data.ancestors(code)] + ["children"]
        parts += [self.region_link(r["code"]) for r in data.children.get(code, [])] + ["sources"]
        parts += [self._sources[s["id"]] for s in data.sources_by_region.get(code, [])]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def source(self, source_id: str, lang: str) -> str:
        data = self.data
        source = data.sources[source_id]
        regions = {source["region"], *(t["region"] for t in data.targets_by_source.get(source_id, [])), *data.outcome_regions_by_source.get(source_id, {})}
        parts = [self.common, self.frames[("sources", lang)], lang, self._sources[source_id], *(self.region_data(code) for code in sorted(regions))]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    @cached_property
    def _all_regions(self) -> str:
        return _digest(sorted(self._regions.items()), sorted(self._sources.items()), sorted(self._targets.items()))

    def indicator(self, indicator_id: str, lang: str) -> str:
        return _digest(self.common, self.frames[("indicators", lang)], lang, indicator_id, self._all_regions, self._outcomes_by_indicator.get(indicator_id))

    @cached_property
    def lists(self) -> TargetLists:
        return TargetLists(self.data)

    def target_list(self, list_id: str, lang: str) -> str:
        """A list of targets: each target's status key and what the page shows of its region and
        source, the counts by status every list page links to, and the provinces' files."""
        data, lists = self.data, self.lists
        counts = sorted((s.value, n) for s, n in data.status_counts().items())
        rows = [(self.target(t), self._regions[t["region"]], self._sources[t["source"]]) for t in lists.lists[list_id]]
        provinces = [(code, self._regions[code], len(found)) for code, found in sorted(lists.by_province.items())]
        years = sorted({t["target_year"] for t in lists.ordered})
        return _digest(self.common, self.frames[("targets", lang)], lang, list_id, counts, len(data.targets), rows, provinces, years)

    def target_chunk(self, province: str) -> str:
        """A province's file of targets: each one's status key, region, indicator and source."""
        return _digest(self.common, province, [(self.target(t), self._regions[t["region"]], self._sources[t["source"]]) for t in self.lists.by_province[province]])

    def key(self, kind: str, entity: str, lang: str) -> str:
        return {"region": self.region, "source": self.source, "indicator": self.indicator, "targets": self.target_list}[kind](entity, lang)
