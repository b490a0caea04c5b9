"""Write the site's Markdown tree (build/docs): generated pages, hand-written pages, assets, files.

Pages are written only when their bytes change and stale files are removed, so a rerun after a
small edit touches only what the edit changed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


from edutargets import parallel
from edutargets.downloads import Downloads, write_package_downloads
from edutargets.verdicts import verdict_table
from edutargets.model import Dataset
from edutargets.site.links import page_path
from edutargets.site.overview import (
    downloads_context,
    home_context,
    indicators_index_context,
    regions_index_context,
    search_context,
    sources_index_context,
)
from edutargets.site.entities import Site
from edutargets.site.inputs import Inputs, code_digest
from edutargets.site.kinds import SECTIONS
from edutargets.store import Manifest, write
from edutargets.site.status_cache import reuse_statuses, save_statuses
from edutargets.site.render import Renderer
from edutargets.site.shape import SiteData
from edutargets.site.shells import shell_route
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
    entities: Site | None = None


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


DOWNLOADS = "downloads/"
"""The manifest's names of download files: downloads/<file>."""


def start_downloads(data: SiteData, folder: Path, stamp: datetime, manifest: Manifest) -> parallel.Running[Downloads]:
    """The download files, written by a forked process (the zip and XLSX take seconds) while this
    one writes the pages; it has the shaped data, verdicts included, and the manifest from the fork."""
    known = {name[len(DOWNLOADS) :]: inputs for name, inputs in manifest.outputs.items() if name.startswith(DOWNLOADS)}
    manifest.forget(DOWNLOADS + name for name in known)  # recorded again when the files are made
    return parallel.start(lambda: write_package_downloads(data.dataset.path, folder, stamp, verdict_table(data), known))


def record_downloads(manifest: Manifest, made: Downloads) -> None:
    manifest.keep_only([DOWNLOADS + name for name in made.inputs], DOWNLOADS)
    manifest.record({DOWNLOADS + name: inputs for name, inputs in made.inputs.items()})


@dataclass
class Shaped:
    """The data shaped for pages, with its keys; made while validation checks the same tables."""

    data: SiteData
    inputs: Inputs
    target_keys: dict[str, str]
    strings: Strings
    renderer: Renderer
    status_cache: Path


def shape_site(dataset: Dataset, site_source: SiteSource, stamp: datetime, status_cache: Path) -> Shaped:
    """Group the data, key it and give every target its status (reused where unchanged)."""
    strings = Strings.load(site_source.strings)
    data = SiteData.from_dataset(dataset)
    data.dataset_date = stamp.date().isoformat()
    inputs = Inputs(data, code_digest(site_source.templates, site_source.strings))
    target_keys = reuse_statuses(data, inputs, status_cache)
    data.assessments  # noqa: B018 - computed here, beside validation
    for code in data.regions:
        inputs.region_files(code)
    return Shaped(data, inputs, target_keys, strings, Renderer(site_source.templates, strings), status_cache)


def generate_docs(shaped: Shaped, docs: Path, site_source: SiteSource, stamp: datetime, manifest: Manifest, changelog: list | None = None, downloads: parallel.Running[Downloads] | None = None) -> Generated:
    """Write the Markdown tree MkDocs renders into docs; the data files and entity pages come after
    (write_data_files, entities.write_entity_pages), from what this returns."""
    result = Generated()
    writer = _Writer(docs, result)
    data, strings, renderer = shaped.data, shaped.strings, shaped.renderer

    # The downloads are written by a second process while this one writes the rest.
    downloads = downloads or start_downloads(data, docs.parent / "downloads", stamp, manifest)

    for lang in LANGUAGES:
        writer.put(page_path("", lang), renderer.render("home", home_context(data, lang, strings), lang))
        writer.put(page_path("regions/", lang), renderer.render("regions_index", regions_index_context(data, lang, strings), lang))
        writer.put(page_path("indicators/", lang), renderer.render("indicators_index", indicators_index_context(data, lang, strings), lang))
        writer.put(page_path("sources/", lang), renderer.render("sources_index", sources_index_context(data, lang, strings), lang))
        writer.put(page_path("search/", lang), renderer.render("search", search_context(lang, strings), lang))
        for section in SECTIONS:
            writer.put(page_path(shell_route(section), lang), renderer.render("_shell", {"route": shell_route(section)}, lang))

    made = downloads.result()
    record_downloads(manifest, made)
    download_files = made.files
    for lang in LANGUAGES:
        writer.put(page_path("downloads/", lang), renderer.render("downloads", downloads_context(data, download_files, lang, strings, data.dataset_date, changelog or []), lang))

    for folder, prefix in ((site_source.pages, ""), (site_source.assets, "assets/")):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            writer.put(prefix + path.relative_to(folder).as_posix(), path.read_bytes())

    save_statuses(data, shaped.target_keys, shaped.status_cache)
    result.entities = Site(data, renderer, strings, shaped.inputs)
    result.pages += len(result.entities.jobs())
    result.removed = _remove_stale(docs, writer.paths)
    return result


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
