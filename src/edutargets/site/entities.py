"""The pages there is one of per region, indicator and source, rendered into a store of pages.

At national scale these are ≈17,000 pages and rendering them with Jinja is most of a full
build's work, so it happens after MkDocs has rendered the theme's shell pages, in as many
processes as the machine has cores: each renders its share of pages and fills each into the
shell (shells.py). The processes are forked, so they share the shaped data with this one
instead of receiving a copy.

The store (build/pages) keeps every page with the key of its inputs (page_keys.py): a rebuild
renders only pages whose key changed, so editing one region's rows re-renders that region's
pages and the few that show its figures, not seventeen thousand.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from edutargets import parallel
from edutargets.site.overview import dataset_jsonld
from edutargets.site.page_keys import PageKeys, read_keys, save_keys
from edutargets.site.pages import indicator_context, region_context, source_context
from edutargets.store import list_files
from edutargets.site.render import Renderer
from edutargets.site.shape import SiteData
from edutargets.site.target_lists import list_context
from edutargets.site.shells import Fragment, ShellFiller, frame_digests, page_file
from edutargets.site.text import LANGUAGES, Strings

Job = tuple[str, str, str]  # (kind, key, language)
ROUTES = {"region": "regions/{}/", "indicator": "indicators/{}/", "source": "sources/{}/", "targets": "targets/{}/"}
MANIFEST = ".keys.json"


def job_file(job: Job) -> str:
    """Where a job's page is, relative to the site root."""
    kind, key, lang = job
    return page_file(ROUTES[kind].format(key), lang)


@dataclass
class EntityPages:
    """Everything entity pages are rendered from, and their keys."""

    data: SiteData
    renderer: Renderer
    strings: Strings
    keys: PageKeys

    def jobs(self) -> list[Job]:
        """Every entity page, a region's languages next to each other (one process renders both)."""
        jobs: list[Job] = [(kind, key, lang) for kind, keys in (("region", self.data.regions), ("indicator", self.data.indicators)) for key in keys for lang in LANGUAGES]
        # One page per source for both languages: the document is Chinese, the labels bilingual.
        jobs += [("source", source_id, LANGUAGES[0]) for source_id in self.data.sources]
        jobs += [("targets", list_id, lang) for list_id in self.keys.lists.lists for lang in LANGUAGES]
        return jobs

    def render(self, kind: str, key: str, lang: str) -> Fragment:
        data, strings, renderer = self.data, self.strings, self.renderer
        if kind == "region":
            context = region_context(data, key, lang, strings)
            context["jsonld"] = None
            if lang == LANGUAGES[0]:  # one description of the dataset per region, on its Chinese page
                region_files = [href for href in context["downloads"].values() if href]
                title = f"{context['title']} · {strings.get('site_name', lang)}"
                context["jsonld"] = dataset_jsonld(data, title, context["description"], "./", region_files, lang, data.dataset_date)
            content = renderer.render("region", context, lang, (key, data.regions[key]["level"]), ext=".html.j2")
        elif kind == "indicator":
            context = indicator_context(data, key, lang, strings)
            content = renderer.render("indicator", context, lang, (key,), ext=".html.j2")
        elif kind == "source":
            context = source_context(data, key, strings)
            content = renderer.render("source", context, lang, (key,), ext=".html.j2")
        else:
            context = list_context(self.keys.lists, key, lang, strings)
            content = renderer.render("targets", context, lang, (key,), ext=".html.j2")
        return Fragment(context["route"], lang, context["title"], context["description"], content)


@dataclass
class Rendered:
    """What one pass over the entity pages did."""

    pages: int = 0
    rendered: int = 0
    removed: int = 0


def write_entity_pages(pages: EntityPages, shells: Path, store: Path, processes: int | None = None, meanwhile: Callable[[], None] = lambda: None) -> Rendered:
    """Bring the store of entity pages up to date with the data: render each page whose key
    changed (into the shells MkDocs wrote under `shells`), remove pages that no longer exist.

    `meanwhile` runs in this process while the others render (the build indexes search then).
    """
    processes = processes or max(1, min(2, os.cpu_count() or 1))
    keyer = pages.keys
    keyer.frames = frame_digests(shells)
    jobs = pages.jobs()
    files = {job: job_file(job) for job in jobs}
    keys = {files[job]: keyer.key(*job) for job in jobs}
    manifest_path = store / MANIFEST
    stored = read_keys(manifest_path)
    present = list_files(store)
    todo = [job for job in jobs if stored.get(files[job]) != keys[files[job]] or files[job] not in present]
    result = Rendered(pages=len(jobs), rendered=len(todo))
    store.mkdir(parents=True, exist_ok=True)
    # Forget the pages about to change first: if rendering stops half-way, the next build
    # renders them again instead of trusting a page made from other inputs.
    changing = {files[job] for job in todo}
    kept = {path: key for path, key in stored.items() if path in keys and path not in changing}
    save_keys(manifest_path, kept)
    for stale in sorted(set(stored) - set(keys)):
        (store / stale).unlink(missing_ok=True)
        result.removed += 1
    if todo:
        pages.data.assessments  # noqa: B018 - every target's status, computed once before the fork
    shares = 1 if len(todo) < 50 else processes  # a few pages are not worth the processes

    def fill(share: int) -> int:
        filler = ShellFiller(shells, store)
        mine = todo[share::shares]
        for kind, key, lang in mine:
            filler.fill(pages.render(kind, key, lang))
        return len(mine)

    parallel.fork_map(fill, shares, meanwhile)
    save_keys(manifest_path, keys)
    return result

