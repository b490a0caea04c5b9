"""Write the site's Markdown tree (build/docs): generated pages, hand-written pages, assets, files.

Pages are written only when their bytes change and stale files are removed, so a rerun after a
small edit touches only what the edit changed.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

import numpy as np

from edutargets.csvfile import csv_bytes, text_column
from edutargets import parallel
from edutargets.downloads import DownloadFile, write_package_downloads
from edutargets.verdicts import VERDICT_HEADER, verdict_cells, verdict_table
from edutargets.model import Dataset
from edutargets.site.charts import outcomes_file, targets_file
from edutargets.site.links import page_path
from edutargets.site.overview import (
    downloads_context,
    home_context,
    indicators_index_context,
    regions_index_context,
    search_context,
    search_names,
    sources_index_context,
)
from edutargets.site.entities import EntityPages
from edutargets.site.page_keys import PageKeys, code_digest, read_keys, save_keys
from edutargets.store import list_files, remove_files, write
from edutargets.site import pages
from edutargets.site.status_cache import reuse_statuses, save_statuses
from edutargets.site.render import Renderer
from edutargets.site.search_index import names_file
from edutargets.site.shape import SiteData
from edutargets.site.shells import KINDS, shell_route
from edutargets.site.target_lists import chunk_file, chunk_path
from edutargets.site.text import LANGUAGES, Strings


@dataclass
class SiteSource:
    """Where the hand-written parts of the site live (site_src/)."""

    root: Path

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def pages(self) -> Path:
        return self.root / "pages"

    @property
    def assets(self) -> Path:
        return self.root / "assets"

    @property
    def strings(self) -> Path:
        return self.root / "strings.yml"


@dataclass
class Generated:
    """What a generation pass did: files written, left as they were, removed; and what the entity
    pages are rendered from, after MkDocs (see entities.py)."""

    written: int = 0
    unchanged: int = 0
    removed: int = 0
    pages: int = 0
    entities: EntityPages | None = None


class _Writer:
    """Writes files under one folder, skipping unchanged ones, and remembers what belongs there."""

    def __init__(self, docs: Path, result: Generated) -> None:
        self.docs = docs
        self.result = result
        self.paths: set[str] = set()

    def put(self, relative: str, content: bytes | str) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.paths.add(relative)
        if relative.endswith(".md") and "/_shell/" not in relative:
            self.result.pages += 1
        if write(self.docs / relative, data):
            self.result.written += 1
        else:
            self.result.unchanged += 1


def _targets_csv(data: SiteData, header: list[str], rows: list[dict]) -> bytes:
    """A region's targets as published: the curated columns, then each one's verdict (verdicts.py)."""
    return csv_bytes(header + VERDICT_HEADER, ([row.get(h) for h in header] + verdict_cells(data, row["id"]) for row in rows))


class OutcomeFiles:
    """Each region's outcome rows as a CSV file: its download, and the data its charts read. After
    the curated columns, `counted`: true for the row that is its year's figure in its series
    (SiteData.counted), the one the charts draw and the status rule reads.

    Rows are sorted by region, so a region's rows are one slice of each column. A few regions
    (a rebuild) are turned to text a slice at a time; many (a first build) whole columns at once.
    """

    BULK = 200

    def __init__(self, data: SiteData, header: list[str], regions: int) -> None:
        self.data, self.header = data, header
        self._columns = [text_column(data.outcomes[name]) for name in header] if regions > self.BULK else None
        self._counted = np.where(data.counted, "true", "").tolist() if regions > self.BULK else None

    def csv(self, code: str) -> bytes:
        start, stop = self.data.region_slices.get(code, (0, 0))
        if self._columns is not None:
            columns = [column[start:stop] for column in self._columns] + [self._counted[start:stop]]
        else:
            columns = [text_column(self.data.outcomes[name].iloc[start:stop]) for name in self.header]
            columns.append(np.where(self.data.counted[start:stop], "true", "").tolist())
        return csv_bytes(self.header + ["counted"], zip(*columns))


def _resource_header(dataset: Dataset, name: str) -> list[str]:
    resource = next(r for r in dataset.descriptor["resources"] if r["name"] == name)
    return [f["name"] for f in resource["schema"]["fields"]]


def start_downloads(data: SiteData, folder: Path, stamp: datetime) -> parallel.Running[list[DownloadFile]]:
    """The download files, written by a forked process (the zip and XLSX take seconds) while this
    one writes the pages; it has the shaped data, verdicts included, from the fork."""
    return parallel.start(lambda: write_package_downloads(data.dataset.path, folder, stamp, verdict_table(data)))


@dataclass
class Shaped:
    """The data shaped for pages, with its keys; made while validation checks the same tables."""

    data: SiteData
    keys: PageKeys
    target_keys: dict[str, str]
    strings: Strings
    renderer: Renderer
    status_cache: Path


def shape_site(dataset: Dataset, site_source: SiteSource, stamp: datetime, status_cache: Path) -> Shaped:
    """Group the data, key it and give every target its status (reused where unchanged)."""
    strings = Strings.load(site_source.strings)
    data = SiteData.from_dataset(dataset)
    data.dataset_date = stamp.date().isoformat()
    keys = PageKeys(data, code_digest(site_source.templates, site_source.strings))
    target_keys = reuse_statuses(data, keys, status_cache)
    data.assessments  # noqa: B018 - computed here, beside validation
    for code in data.regions:
        keys.region_files(code)
    return Shaped(data, keys, target_keys, strings, Renderer(site_source.templates, strings), status_cache)


def generate_docs(shaped: Shaped, docs: Path, site_source: SiteSource, stamp: datetime, changelog: list | None = None, downloads: parallel.Running[list[DownloadFile]] | None = None) -> Generated:
    """Write the Markdown tree MkDocs renders into docs; the data files and entity pages come after
    (write_data_files, entities.write_entity_pages), from what this returns."""
    result = Generated()
    writer = _Writer(docs, result)
    data, keys, strings, renderer = shaped.data, shaped.keys, shaped.strings, shaped.renderer

    # The downloads are written by a second process while this one writes the rest.
    downloads = downloads or start_downloads(data, docs.parent / "downloads", stamp)

    for lang in LANGUAGES:
        writer.put(page_path("", lang), renderer.render("home", home_context(data, lang, strings), lang))
        writer.put(page_path("regions/", lang), renderer.render("regions_index", regions_index_context(data, lang, strings), lang))
        writer.put(page_path("indicators/", lang), renderer.render("indicators_index", indicators_index_context(data, lang, strings), lang))
        writer.put(page_path("sources/", lang), renderer.render("sources_index", sources_index_context(data, lang, strings), lang))
        writer.put(page_path("search/", lang), renderer.render("search", search_context(lang, strings), lang))
        for kind in KINDS:
            writer.put(page_path(shell_route(kind), lang), renderer.render("_shell", {"route": shell_route(kind)}, lang))

    download_files = downloads.result()
    for lang in LANGUAGES:
        writer.put(page_path("downloads/", lang), renderer.render("downloads", downloads_context(data, download_files, lang, strings, data.dataset_date, changelog or []), lang))

    for folder, prefix in ((site_source.pages, ""), (site_source.assets, "assets/")):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            writer.put(prefix + path.relative_to(folder).as_posix(), path.read_bytes())

    save_statuses(data, shaped.target_keys, shaped.status_cache)
    result.entities = EntityPages(data, renderer, strings, keys)
    result.pages += len(result.entities.jobs())
    result.removed = _remove_stale(docs, writer.paths)
    return result


def write_data_files(generated: Generated, files: Path) -> None:
    """The files published as they are: each region's CSV files, archived documents, search names.

    MkDocs never sees them: at national scale there are ten thousand, and MkDocs would spend
    seconds listing and copying them. The build writes them while MkDocs runs, and links them in.
    """
    assert generated.entities is not None
    data, keys = generated.entities.data, generated.entities.keys
    dataset = data.dataset
    data_files = _Writer(files, generated)
    target_header, outcome_header = _resource_header(dataset, "targets"), _resource_header(dataset, "outcomes")
    # A region's files are made again only when its rows changed: the key of each is kept.
    manifest = files / ".keys.json"
    known = read_keys(manifest)
    manifest.unlink(missing_ok=True)  # rewritten last: a file half-written is never taken as done
    planned: dict[str, tuple[str, Callable[[], bytes]]] = {}
    for code in sorted(set(data.targets_by_region) | set(data.region_slices)):
        targets_key, outcomes_key = keys.region_files(code)
        if code in data.targets_by_region:
            verdicts = hashlib.sha256(repr([verdict_cells(data, t["id"]) for t in data.targets_by_region[code]]).encode()).hexdigest()
            planned[targets_file(code)] = (f"{targets_key}:{target_header}:{verdicts}", lambda c=code: _targets_csv(data, target_header, data.targets_by_region[c]))
        if code in data.region_slices:
            planned[outcomes_file(code)] = (f"{outcomes_key}:{outcome_header}", lambda c=code: outcome_files.csv(c))
    for indicator_id in data.indicators:
        if pages.indicator_list_shortened(data, indicator_id):
            planned[pages.indicator_regions_path(indicator_id)] = (keys.indicator_file(indicator_id), lambda i=indicator_id: pages.indicator_regions_file(data, i, generated.entities.strings))
    lists = keys.lists
    for province in lists.by_province:
        planned[chunk_path(province)] = (keys.target_chunk(province), lambda c=province: chunk_file(lists, c, generated.entities.strings))
    present = list_files(files)
    todo = [path for path, (key, _) in planned.items() if known.get(path) != key or path not in present]
    regions_with_outcomes = sum(1 for path in todo if path.endswith("-outcomes.csv"))
    outcome_files = OutcomeFiles(data, outcome_header, regions_with_outcomes)
    data_files.paths.update(planned)
    for path in todo:
        data_files.put(path, planned[path][1]())
    current = {path: key for path, (key, _) in planned.items()}
    for source in data.sources.values():
        if source.get("copy"):
            data_files.put(f"documents/{source['id']}.txt", (dataset.path / source["copy"]).read_bytes())
    data_files.put("search/names.json.gz", names_file(search_names(data)))
    generated.removed += remove_files(files, set(present) - data_files.paths)  # listed already: not walked twice
    save_keys(manifest, current)


def _remove_stale(folder: Path, keep: set[str]) -> int:
    """Remove the files under folder that are not in keep, then folders left empty."""
    removed = 0
    for current, dirs, files in os.walk(folder, topdown=False):
        prefix = os.path.relpath(current, folder).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        for name in files:
            if prefix + name not in keep:
                os.unlink(os.path.join(current, name))
                removed += 1
        if current != str(folder) and not os.listdir(current):
            os.rmdir(current)
    return removed
