"""Write the site's Markdown tree (build/docs): generated pages, hand-written pages, assets, files.

Pages are written only when their bytes change and stale files are removed, so a rerun after a
small edit touches only what the edit changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from edutargets import parallel
from edutargets.downloads import Downloads, write_package_downloads
from edutargets.model import Dataset
from edutargets.site.entities import Site
from edutargets.site.inputs import Inputs, code_digest
from edutargets.site.kinds import SECTIONS
from edutargets.site.overview import (
    downloads_context,
    fill_sizes,
    home_context,
    indicators_index_context,
    regions_index_context,
    search_context,
    sources_index_context,
)
from edutargets.site.render import Renderer, page_path
from edutargets.site.search_index import source_bundles
from edutargets.site.shape import SiteData, reuse_statuses, save_statuses
from edutargets.site.shells import SHELL, shell_route
from edutargets.site.text import LANGUAGES, Strings
from edutargets.store import Manifest, list_files, remove_files, write
from edutargets.verdicts import verdict_table


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

    docs: dict[str, bytes] = field(default_factory=dict, repr=False)
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    pages: int = 0
    entities: Site | None = None


DOWNLOADS = "downloads/"
"""The manifest's names of download files: downloads/<file>."""


def start_downloads(data: SiteData, folder: Path, stamp: datetime, manifest: Manifest) -> parallel.Running[Downloads]:
    """The download files, written by a forked process (the zip and XLSX take seconds) while this
    one writes the pages; it has the shaped data, verdicts included, and the manifest from the fork."""
    known = {name[len(DOWNLOADS) :]: inputs for name, inputs in manifest.outputs.items() if name.startswith(DOWNLOADS)}
    manifest.forget(DOWNLOADS + name for name in known)  # recorded again when the files are made
    return parallel.start(lambda: write_package_downloads(data.dataset.path, folder, stamp, verdict_table(data), known))


def finish_downloads(made: Downloads, shells: Path, extra: Path, manifest: Manifest) -> None:
    """Once the downloads are written: their records in the manifest, and the downloads page of
    each language (MkDocs rendered it beside them, overview.SIZE where a file's size goes) with
    the sizes, in `extra`, which is published over MkDocs' output."""
    manifest.keep_only([DOWNLOADS + name for name in made.inputs], DOWNLOADS)
    manifest.record({DOWNLOADS + name: inputs for name, inputs in made.inputs.items()})
    sizes = {f.path: f.size for f in made.files}
    for lang in LANGUAGES:
        page = page_path("downloads/", lang).replace(".md", ".html")
        write(extra / page, fill_sizes((shells / page).read_text(encoding="utf-8"), sizes).encode("utf-8"))


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


def top_pages(shaped: Shaped, site_source: SiteSource, changelog: list) -> dict[str, bytes]:
    """The Markdown tree MkDocs renders, by path: the top pages in both languages, the shells of
    the entity pages, the hand-written pages and the assets."""
    data, strings, renderer = shaped.data, shaped.strings, shaped.renderer
    found: dict[str, bytes] = {}

    def put(relative: str, content: str | bytes) -> None:
        found[relative] = content.encode("utf-8") if isinstance(content, str) else content

    for lang in LANGUAGES:
        put(page_path("", lang), renderer.render("home", home_context(data, lang, strings), lang))
        put(
            page_path("regions/", lang),
            renderer.render("regions_index", regions_index_context(data, lang, strings), lang),
        )
        put(
            page_path("indicators/", lang),
            renderer.render("indicators_index", indicators_index_context(data, lang, strings), lang),
        )
        put(
            page_path("sources/", lang),
            renderer.render("sources_index", sources_index_context(data, lang, strings), lang),
        )
        put(
            page_path("search/", lang),
            renderer.render("search", search_context(lang, strings, source_bundles(data.sources)), lang),
        )
        put(
            page_path("downloads/", lang),
            renderer.render("downloads", downloads_context(data, lang, strings, data.dataset_date, changelog), lang),
        )
        for section in SECTIONS:
            put(page_path(shell_route(section), lang), renderer.render("_shell", {"route": shell_route(section)}, lang))
    for folder, prefix in ((site_source.pages, ""), (site_source.assets, "assets/")):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            put(prefix + path.relative_to(folder).as_posix(), path.read_bytes())
    return found


def generate_docs(
    shaped: Shaped,
    docs: Path,
    site_source: SiteSource,
    manifest: Manifest,
    changelog: list | None = None,
) -> Generated:
    """Write the Markdown tree MkDocs renders into docs; the data files and entity pages come
    after (files.py, entities.py), from what this returns, and the downloads beside them."""
    data = shaped.data
    result = Generated(docs=top_pages(shaped, site_source, changelog or []))
    for relative, content in result.docs.items():
        if write(docs / relative, content):
            result.written += 1
        else:
            result.unchanged += 1
    result.removed = remove_files(docs, set(list_files(docs)) - set(result.docs))
    save_statuses(data, shaped.target_keys, shaped.status_cache)
    result.entities = Site(data, shaped.renderer, shaped.strings, shaped.inputs)
    result.pages = sum(1 for path in result.docs if path.endswith(".md") and f"/{SHELL}/" not in f"/{path}") + len(
        result.entities.jobs
    )
    return result
