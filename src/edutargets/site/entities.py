"""The pages there is one of per entity (kinds.py), rendered into a store of pages.

At national scale these are tens of thousands of pages and rendering them with Jinja is most of
a full build's work, so it happens after MkDocs has rendered the theme's shell pages, in as many
forked processes as the machine has cores (parallel.py): each renders its share and fills
each page into its shell (shells.py). The processes share the shaped data with this one
instead of receiving a copy.

The store (build/pages) keeps every page; the build's manifest (store.Manifest) keeps the
digests of each page's declared inputs, so a rebuild renders only pages one of whose inputs
changed: editing one region's rows renders that region's pages and the few that show its
figures, not seventeen thousand.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from edutargets import parallel
from edutargets.site.inputs import Inputs
from edutargets.site.kinds import BY_NAME, KINDS, PageKind
from edutargets.site.render import Renderer
from edutargets.site.shape import SiteData
from edutargets.site.shells import Fragment, ShellFiller, frame_digests, page_file
from edutargets.site.target_lists import TargetLists
from edutargets.site.text import Strings
from edutargets.store import Manifest, list_files, remove_files

Job = tuple[str, str, str]  # (kind, id, language)
PREFIX = "pages/"
"""The manifest's names of entity pages: pages/<file>."""


@dataclass
class Site:
    """Everything entity pages are rendered from, and the digests of their inputs."""

    data: SiteData
    renderer: Renderer
    strings: Strings
    inputs: Inputs

    @cached_property
    def lists(self) -> TargetLists:
        return self.inputs.lists

    @cached_property
    def jobs(self) -> list[Job]:
        """Every entity page, an entity's languages next to each other (counted by the generation
        pass, then planned)."""
        return [(kind.name, key, lang) for kind in KINDS for key in kind.ids(self) for lang in kind.languages]

    def render(self, kind_name: str, key: str, lang: str) -> Fragment:
        kind = BY_NAME[kind_name]
        context = kind.context(self, key, lang)
        content = self.renderer.render(kind.template, context, lang, kind.specific(self, key), ext=".html.j2")
        return Fragment(context["route"], lang, context["title"], context["description"], content)


def job_file(job: Job) -> str:
    """Where a job's page is, relative to the site root."""
    kind, key, lang = job
    return page_file(BY_NAME[kind].path(key), lang)


@dataclass
class Rendered:
    """What one pass over the entity pages did."""

    pages: int = 0
    rendered: int = 0
    removed: int = 0
    files: dict[str, tuple[str, int]] = field(default_factory=dict)
    """The store's files after the pass, as store.list_files lists them: publishing reads this
    instead of listing the tens of thousands of pages again."""


def plan(site: Site, shells: Path, manifest: Manifest) -> tuple[dict[Job, str], dict[str, dict[str, str]]]:
    """Every page's file and the digests of its inputs, by manifest name."""
    site.inputs.frames = frame_digests(shells)
    files = {job: job_file(job) for job in site.jobs}
    read: dict[tuple[str, str], dict[str, str]] = {}  # an entity's pages in each language read the same
    inputs = {}
    for (kind_name, key, lang), file in files.items():
        kind = BY_NAME[kind_name]
        if (kind_name, key) not in read:
            read[(kind_name, key)] = kind.inputs(site, key)
        frame = site.inputs.frames[(kind.section, lang)]
        inputs[PREFIX + file] = {"common": site.inputs.common, "frame": frame, **read[(kind_name, key)]}
    return files, inputs


def write_entity_pages(
    site: Site,
    shells: Path,
    store: Path,
    manifest: Manifest,
    processes: int | None = None,
    meanwhile: Callable[[], None] = lambda: None,
) -> Rendered:
    """Bring the store of entity pages up to date with the data: render each page one of whose
    inputs changed (into the shells MkDocs wrote under `shells`), remove pages no kind claims.

    `meanwhile` runs in this process while the others render (the build indexes search then).
    """
    processes = processes or max(1, min(2, os.cpu_count() or 1))
    files, inputs = plan(site, shells, manifest)
    present = list_files(store)
    todo = [
        job
        for job, file in files.items()
        if manifest.changed(PREFIX + file, inputs[PREFIX + file]) or file not in present
    ]
    result = Rendered(pages=len(files), rendered=len(todo))
    store.mkdir(parents=True, exist_ok=True)
    # Forget the pages about to change first: if rendering stops half-way, the next build
    # renders them again instead of trusting a page made from other inputs.
    manifest.forget(PREFIX + files[job] for job in todo)
    stale = manifest.keep_only(inputs, PREFIX)
    removed = {name[len(PREFIX) :] for name in stale} | (set(present) - set(files.values()))
    result.removed = remove_files(store, removed)
    if todo:
        site.data.assessments  # noqa: B018 - every target's status, computed once before the fork
    shares = 1 if len(todo) < 50 else processes  # a few pages are not worth the processes

    def fill(share: int) -> int:
        filler = ShellFiller(shells, store)
        mine = todo[share::shares]
        for job in mine:
            filler.fill(site.render(*job))
        return len(mine)

    parallel.fork_map(fill, shares, meanwhile)
    manifest.record({PREFIX + files[job]: inputs[PREFIX + files[job]] for job in todo})
    for file in removed:
        present.pop(file, None)
    for job in todo:
        path = store / files[job]
        present[files[job]] = (str(path), path.stat().st_ino)
    result.files = present
    return result


__all__ = ["Job", "PageKind", "Rendered", "Site", "job_file", "plan", "write_entity_pages"]
