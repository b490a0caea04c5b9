"""The pages there is one of per region, indicator and source, rendered into the built site.

At national scale these are ≈17,000 pages and rendering them with Jinja is most of a build's
work, so it happens after MkDocs has rendered the theme's shell pages, in as many processes as
the machine has cores: each renders its share of pages and fills each into the shell
(shells.py) in the site folder directly. The processes are forked, so they share the shaped
data with this one instead of receiving a copy.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from edutargets.site.overview import dataset_jsonld
from edutargets.site.pages import indicator_context, region_context, source_context
from edutargets.site.render import Renderer
from edutargets.site.shape import SiteData
from edutargets.site.shells import Fragment, ShellFiller
from edutargets.site.text import LANGUAGES, Strings

Job = tuple[str, str, str]  # (kind, key, language)


@dataclass
class EntityPages:
    """Everything entity pages are rendered from."""

    data: SiteData
    renderer: Renderer
    strings: Strings

    def jobs(self) -> list[Job]:
        """Every entity page, a region's languages next to each other (one process renders both)."""
        jobs: list[Job] = [(kind, key, lang) for kind, keys in (("region", self.data.regions), ("indicator", self.data.indicators)) for key in keys for lang in LANGUAGES]
        # One page per source for both languages: the document is Chinese, the labels bilingual.
        jobs += [("source", source_id, LANGUAGES[0]) for source_id in self.data.sources]
        return jobs

    def render(self, kind: str, key: str, lang: str) -> Fragment:
        data, strings, renderer = self.data, self.strings, self.renderer
        if kind == "region":
            context = region_context(data, key, lang, strings)
            region_files = [href for href in context["downloads"].values() if href]
            title = f"{context['title']} · {strings.get('site_name', lang)}"
            context["jsonld"] = dataset_jsonld(data, title, context["description"], "./", region_files, lang, data.dataset_date)
            content = renderer.render("region", context, lang, (key, data.regions[key]["level"]), ext=".html.j2")
        elif kind == "indicator":
            context = indicator_context(data, key, lang, strings)
            content = renderer.render("indicator", context, lang, (key,), ext=".html.j2")
        else:
            context = source_context(data, key, strings)
            content = renderer.render("source", context, lang, (key,), ext=".html.j2")
        return Fragment(context["route"], lang, context["title"], context["description"], content)


# Set before the processes are forked; each reads its share of jobs from it.
_SHARED: dict[str, object] = {}


def _fill_share(share: int) -> int:
    pages: EntityPages = _SHARED["pages"]  # type: ignore[assignment]
    shares: int = _SHARED["shares"]  # type: ignore[assignment]
    filler = ShellFiller(_SHARED["site"])  # type: ignore[arg-type]
    jobs = pages.jobs()[share::shares]
    for kind, key, lang in jobs:
        filler.fill(pages.render(kind, key, lang))
    return len(jobs)


def write_entity_pages(pages: EntityPages, site: Path, processes: int | None = None, meanwhile: Callable[[], None] = lambda: None) -> int:
    """Render every entity page into the built site (whose shells MkDocs wrote); the page count.

    `meanwhile` runs in this process while the others render (the build indexes search then).
    """
    processes = processes or max(1, min(2, os.cpu_count() or 1))
    pages.data.assessments  # noqa: B018 - every target's status, computed once before the fork
    _SHARED.update(pages=pages, site=site, shares=processes)
    if processes == 1:
        meanwhile()
        return _fill_share(0)
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        pending = pool.map_async(_fill_share, range(processes))
        meanwhile()
        return sum(pending.get())
