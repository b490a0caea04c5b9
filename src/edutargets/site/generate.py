"""Write the site's Markdown tree (build/docs): generated pages, hand-written pages, assets, files.

Pages are written only when their bytes change and stale files are removed, so a rerun after a
small edit touches only what the edit changed.
"""

from __future__ import annotations

import csv
import io
import json
import math
import multiprocessing
import multiprocessing.pool
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterator

import pandas as pd

from edutargets.downloads import write_package_downloads
from edutargets.model import Dataset
from edutargets.site.charts import outcomes_file, targets_file
from edutargets.site.links import page_path
from edutargets.site.overview import (
    dataset_jsonld,
    downloads_context,
    home_context,
    indicators_index_context,
    regions_index_context,
    search_context,
    search_names,
    sources_index_context,
)
from edutargets.site.pages import indicator_context, region_context, source_context
from edutargets.site.render import Renderer, write_if_changed
from edutargets.site.shape import SiteData
from edutargets.site.shells import KINDS, Fragment, shell_route
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
    """What a generation pass did: files written, left as they were, removed."""

    written: int = 0
    unchanged: int = 0
    removed: int = 0
    pages: int = 0
    fragments: list[str] = field(default_factory=list)


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
        if write_if_changed(self.docs / relative, data):
            self.result.written += 1
        else:
            self.result.unchanged += 1


def _csv_bytes(header: list[str], rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if row.get(h) is None else _cell(row[h]) for h in header])
    return buffer.getvalue().encode("utf-8")


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)


def _text_column(series: pd.Series) -> list[str]:
    """A column as CSV text, as _cell writes it: numbers without float noise, missing as empty."""
    if pd.api.types.is_float_dtype(series):
        return ["" if math.isnan(v) else f"{v:.10g}" for v in series.tolist()]
    return series.astype("string").fillna("").tolist()


def region_outcome_files(data: SiteData, header: list[str]) -> Iterator[tuple[str, bytes]]:
    """Each region's outcome rows as a CSV file: its download, and the data its charts read.

    Rows are sorted by region, so each file is one slice of columns turned to text once.
    """
    columns = [_text_column(data.outcomes[name]) for name in header]
    for code, (start, stop) in data.region_slices.items():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(zip(*(column[start:stop] for column in columns)))
        yield code, buffer.getvalue().encode("utf-8")


def _resource_header(dataset: Dataset, name: str) -> list[str]:
    resource = next(r for r in dataset.descriptor["resources"] if r["name"] == name)
    return [f["name"] for f in resource["schema"]["fields"]]


def _entity_jobs(data: SiteData) -> list[tuple[str, str, str]]:
    """(language, kind, key) of every page there is one of per region, indicator and source."""
    jobs = []
    for lang in LANGUAGES:
        jobs += [(lang, "region", code) for code in data.regions]
        jobs += [(lang, "indicator", indicator_id) for indicator_id in data.indicators]
    # One page per source for both languages: the document is Chinese, the labels bilingual.
    jobs += [(LANGUAGES[0], "source", source_id) for source_id in data.sources]
    return jobs


def _entity_page(data: SiteData, renderer: Renderer, strings: Strings, lang: str, kind: str, key: str) -> Fragment:
    if kind == "region":
        context = region_context(data, key, lang, strings)
        region_files = [href for href in context["downloads"].values() if href]
        context["jsonld"] = dataset_jsonld(data, f"{context['title']} · {strings.get('site_name', lang)}", context["description"], "./", region_files, lang, data.dataset_date)
        content = renderer.render("region", context, lang, (key, data.regions[key]["level"]), ext=".html.j2")
    elif kind == "indicator":
        context = indicator_context(data, key, lang, strings)
        content = renderer.render("indicator", context, lang, (key,), ext=".html.j2")
    else:
        context = source_context(data, key, strings)
        content = renderer.render("source", context, lang, (key,), ext=".html.j2")
    return Fragment(context["route"], lang, context["title"], context["description"], content)


# What the page-rendering processes read: set before they are forked, so that they share the
# shaped data with this process instead of receiving a copy through a pipe.
_SHARED: dict[str, object] = {}


def _render_share(share: int) -> tuple[list[str], int, int]:
    """Render every `shares`-th entity page into the fragments folder: (names, written, unchanged)."""
    data, renderer, strings, fragments, shares = (_SHARED[k] for k in ("data", "renderer", "strings", "fragments", "shares"))
    result = Generated()
    writer = _Writer(fragments, result)  # type: ignore[arg-type]
    names = []
    for lang, kind, key in _entity_jobs(data)[share::shares]:  # type: ignore[arg-type]
        fragment = _entity_page(data, renderer, strings, lang, kind, key)  # type: ignore[arg-type]
        name = f"{lang}/{fragment.route}index.html"
        writer.put(name, fragment.encode())
        names.append(name)
    return names, result.written, result.unchanged


def render_entity_pages(data: SiteData, renderer: Renderer, strings: Strings, fragments: Path, processes: int) -> "multiprocessing.pool.AsyncResult":
    """Start rendering every region, indicator and source page in `processes` forked processes.

    Jinja rendering is the largest cost of generation at national scale (≈17,000 pages) and
    pages are independent, so they are shared out over the machine's cores. The status of every
    target is computed before the fork, once, for all processes.
    """
    data.assessments  # noqa: B018 - computed once, before the fork
    _SHARED.update(data=data, renderer=renderer, strings=strings, fragments=fragments, shares=processes)
    pool = multiprocessing.get_context("fork").Pool(processes)
    result = pool.map_async(_render_share, range(processes))
    pool.close()
    return result


def generate_docs(dataset: Dataset, docs: Path, site_source: SiteSource, stamp: datetime, changelog: list | None = None, fragments: Path | None = None) -> Generated:
    """Write the Markdown tree MkDocs renders into docs, and every entity page into fragments."""
    result = Generated()
    writer = _Writer(docs, result)
    strings = Strings.load(site_source.strings)
    renderer = Renderer(site_source.templates, strings)
    data = SiteData.from_dataset(dataset)
    data.dataset_date = stamp.date().isoformat()
    fragments = fragments or docs.parent / "fragments"

    # Entity pages are rendered by forked processes (forked first, before any thread exists) and
    # the downloads written by a spawned one, while this process writes the rest.
    entity_pages = render_entity_pages(data, renderer, strings, fragments, max(1, min(2, os.cpu_count() or 1)))
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    downloads = pool.submit(write_package_downloads, dataset.path, docs / "downloads", stamp)

    for lang in LANGUAGES:
        writer.put(page_path("", lang), renderer.render("home", home_context(data, lang, strings), lang))
        writer.put(page_path("regions/", lang), renderer.render("regions_index", regions_index_context(data, lang, strings), lang))
        writer.put(page_path("indicators/", lang), renderer.render("indicators_index", indicators_index_context(data, lang, strings), lang))
        writer.put(page_path("sources/", lang), renderer.render("sources_index", sources_index_context(data, lang, strings), lang))
        writer.put(page_path("search/", lang), renderer.render("search", search_context(lang, strings), lang))
        for kind in KINDS:
            writer.put(page_path(shell_route(kind), lang), renderer.render("_shell", {"route": shell_route(kind)}, lang))

    files = downloads.result()
    pool.shutdown()
    writer.paths.update(f"downloads/{f.path}" for f in files)
    writer.paths.add("downloads/.inputs-sha256")
    for lang in LANGUAGES:
        writer.put(page_path("downloads/", lang), renderer.render("downloads", downloads_context(data, files, lang, strings, data.dataset_date, changelog or []), lang))

    target_header = _resource_header(dataset, "targets")
    for code, targets in data.targets_by_region.items():
        writer.put(targets_file(code), _csv_bytes(target_header, targets))
    for code, content in region_outcome_files(data, _resource_header(dataset, "outcomes")):
        writer.put(outcomes_file(code), content)
    for source in data.sources.values():
        if source.get("copy"):
            writer.put(f"documents/{source['id']}.txt", (dataset.path / source["copy"]).read_bytes())
    writer.put("search/names.json", json.dumps(search_names(data), ensure_ascii=False, separators=(",", ":")))

    for folder, prefix in ((site_source.pages, ""), (site_source.assets, "assets/")):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            writer.put(prefix + path.relative_to(folder).as_posix(), path.read_bytes())

    for names, written, unchanged in entity_pages.get():
        result.fragments += names
        result.written += written
        result.unchanged += unchanged
    result.pages += len(result.fragments)
    result.fragments.sort()
    result.removed = _remove_stale(docs, writer.paths) + _remove_stale(fragments, set(result.fragments))
    return result


def _remove_stale(docs: Path, keep: set[str]) -> int:
    removed = 0
    for path in sorted(docs.rglob("*"), reverse=True):
        relative = path.relative_to(docs).as_posix()
        if path.is_file() and relative not in keep:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            shutil.rmtree(path)
    return removed
