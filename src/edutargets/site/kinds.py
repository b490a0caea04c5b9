"""The kinds of page there is one of per entity: each declared once, with what it is made from.

A `PageKind` says where its pages are (route), which template draws them, for which ids and
languages, the context each page is rendered from, and the inputs that context reads, each
named, so that a rebuild renders a page again exactly when one of them changed and
`edutargets build --explain` can say which. Everything else is derived from these
declarations: the list of pages to render (entities.py), the shell page MkDocs renders for
each kind (shells.py), a page's file and the links to it.

What must stay true: a kind's `inputs` cover everything its `context` reads. Every input also
carries `common` (code, templates, strings, the libraries' versions, the indicators, the dataset's date),
so only the data a page reads needs naming; tests/site/test_incremental.py rebuilds after an
edit of every column of every table and every descriptor field and compares with a build from
scratch.

Adding a kind: a PageKind in KINDS and its template in site_src/templates/<template>.html.j2
(the README shows an example).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from edutargets.site.overview import dataset_jsonld, province_list_context, province_tree_codes
from edutargets.site.pages import indicator_context, region_context, source_context
from edutargets.site.target_lists import list_context
from edutargets.site.text import LANGUAGES

if TYPE_CHECKING:
    from edutargets.site.entities import Site

Inputs = dict[str, str]


@dataclass(frozen=True)
class PageKind:
    name: str
    route: str
    """The page's route with {} for the entity's id: "regions/{}/"."""
    template: str
    ids: Callable[[Site], list[str]]
    context: Callable[[Site, str, str], dict[str, Any]]
    inputs: Callable[[Site, str], Inputs]
    """What a page of an entity reads of the data, the same in every language (what differs by
    language, the strings and the theme's frame, every page's inputs carry): computed once for
    an entity's pages."""
    languages: tuple[str, ...] = LANGUAGES
    specific: Callable[[Site, str], tuple[str, ...]] = lambda site, key: (key,)
    """The more specific templates to look for first: <template>/<each>.html.j2."""

    @property
    def section(self) -> str:
        """The first part of the route: the folder of its pages and of its shell page."""
        return self.route.split("/", 1)[0]

    def path(self, key: str) -> str:
        return self.route.format(key)


def _region_context(site: Site, code: str, lang: str) -> dict[str, Any]:
    context = region_context(site.data, code, lang, site.strings)
    context["jsonld"] = None
    if lang == LANGUAGES[0]:  # one description of the dataset per region, on its Chinese page
        files = [href for href in context["downloads"].values() if href]
        title = f"{context['title']} · {site.strings.get('site_name', lang)}"
        context["jsonld"] = dataset_jsonld(
            site.data, title, context["description"], "./", files, lang, site.data.dataset_date
        )
    return context


def _region_inputs(site: Site, code: str) -> Inputs:
    """Its own row and figures; what it shows of its ancestors and children; its sources."""
    data, keys = site.data, site.inputs
    return {
        "version": site.data.dataset.version,  # in the dataset's description for search engines
        "region": keys.region_data(code),
        "links": keys.digest(
            [keys.region_link(r["code"]) for r in data.ancestors(code)],
            [keys.region_link(r["code"]) for r in data.children.get(code, [])],
        ),
        "sources": keys.digest([keys.source_row(s["id"]) for s in data.sources_by_region.get(code, [])]),
    }


def _source_inputs(site: Site, source_id: str) -> Inputs:
    """Its row, and the data of every region it gives figures for."""
    data, keys = site.data, site.inputs
    source = data.sources[source_id]
    regions = {
        source["region"],
        *(t["region"] for t in data.targets_by_source.get(source_id, [])),
        *data.outcome_regions_by_source.get(source_id, {}),
    }
    return {
        "source": keys.source_row(source_id),
        "regions": keys.digest([keys.region_data(code) for code in sorted(regions)]),
    }


def _indicator_inputs(site: Site, indicator_id: str) -> Inputs:
    """It reads across all regions: every region's rows, sources and targets, and its outcomes."""
    keys = site.inputs
    return {"indicator": indicator_id, "all": keys.all_regions, "outcomes": keys.outcomes_of_indicator(indicator_id)}


def _province_inputs(site: Site, code: str) -> Inputs:
    """What it shows of each region it lists: the regions with figures in the province and the
    parents between them and it (a region gaining or losing figures changes the list)."""
    keys = site.inputs
    return {"regions": keys.digest([keys.region_link(c) for c in province_tree_codes(site.data, code)])}


def _list_inputs(site: Site, list_id: str) -> Inputs:
    """Each target's status key, what it shows of the target's region and source, the counts by
    status every list links to, and the provinces' files."""
    data, keys, lists = site.data, site.inputs, site.lists
    rows = [(keys.target(t), keys.region_row(t["region"]), keys.source_row(t["source"])) for t in lists.lists[list_id]]
    provinces = [(code, keys.region_row(code), len(found)) for code, found in sorted(lists.by_province.items())]
    return {
        "rows": keys.digest(rows),
        "counts": keys.digest(sorted((s.value, n) for s, n in data.status_counts().items()), len(data.targets)),
        "provinces": keys.digest(provinces, sorted({t["target_year"] for t in lists.ordered})),
    }


KINDS: tuple[PageKind, ...] = (
    PageKind(
        "region", "regions/{}/", "region",
        ids=lambda site: list(site.data.regions),
        context=_region_context,
        inputs=_region_inputs,
        specific=lambda site, code: (code, site.data.regions[code]["level"]),
    ),
    PageKind(
        "indicator", "indicators/{}/", "indicator",
        ids=lambda site: list(site.data.indicators),
        context=lambda site, key, lang: indicator_context(site.data, key, lang, site.strings),
        inputs=_indicator_inputs,
    ),
    # A page per source and language: the document is Chinese, its page's labels, title and notes the reader's.
    PageKind(
        "source", "sources/{}/", "source",
        ids=lambda site: list(site.data.sources),
        context=lambda site, key, lang: source_context(site.data, key, lang, site.strings),
        inputs=_source_inputs,
    ),
    # A province's regions with figures: the regions index links to one such list per province.
    PageKind(
        "province", "provinces/{}/", "province",
        ids=lambda site: list(site.data.figures_by_province),
        context=lambda site, key, lang: province_list_context(site.data, key, lang, site.strings),
        inputs=_province_inputs,
    ),
    PageKind(
        "targets", "targets/{}/", "targets",
        ids=lambda site: list(site.lists.lists),
        context=lambda site, key, lang: list_context(site.lists, key, lang, site.strings),
        inputs=_list_inputs,
    ),
)  # fmt: skip
BY_NAME = {kind.name: kind for kind in KINDS}
SECTIONS = tuple(dict.fromkeys(kind.section for kind in KINDS))
"""The folders with a shell page each (shells.py)."""
