"""The data files the site publishes as they are, each kind declared once with its inputs.

Each region's targets and outcomes (its download, and what its charts and quotes are drawn
from), an indicator's whole by-region list, each province's file of targets (target_lists.py),
the archived documents (each as its captured text and as a page showing it) and the names the
search page matches. MkDocs never sees them: at national scale there are ten thousand. They are
written into their store (build/files) while MkDocs runs, each only when one of its inputs'
digests changed (store.Manifest), and linked into the site.

What must stay true, as for pages (kinds.py): a kind's `inputs` cover everything `make` reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from edutargets.csvfile import csv_bytes, text_column, text_csv_bytes
from edutargets.site import pages
from edutargets.site.entities import Site
from edutargets.site.figures import outcomes_file, targets_file
from edutargets.site.kinds import BY_NAME
from edutargets.site.overview import names_file, search_names
from edutargets.site.shape import SiteData
from edutargets.site.target_lists import chunk_file, chunk_path
from edutargets.store import Manifest, list_files, remove_files, write
from edutargets.verdicts import VERDICT_HEADER, verdict_cells

PREFIX = "files/"


def resource_header(data: SiteData, name: str) -> list[str]:
    resource = next(r for r in data.dataset.descriptor["resources"] if r["name"] == name)
    return [f["name"] for f in resource["schema"]["fields"]]


def _targets_csv(site: Site, code: str) -> bytes:
    """A region's targets as published: the curated columns, then each one's verdict (verdicts.py)."""
    data = site.data
    header = resource_header(data, "targets")
    rows = data.targets_by_region[code]
    return csv_bytes(
        header + VERDICT_HEADER, ([row.get(h) for h in header] + verdict_cells(data, row["id"]) for row in rows)
    )


class OutcomeFiles:
    """Each region's outcome rows as a CSV file: its download, and the data its charts read. After
    the curated columns, `counted`: true for the row that is its year's figure in its series
    (SiteData.counted), the one the charts draw and the status rule reads.

    Rows are sorted by region, so a region's rows are one slice of each column. A few regions
    (a rebuild) are turned to text a slice at a time; many (a first build) whole columns at once.
    """

    BULK = 200

    def __init__(self, data: SiteData, regions: int) -> None:
        self.data, self.header = data, resource_header(data, "outcomes")
        bulk = regions > self.BULK
        self._columns = [text_column(data.outcomes[name]) for name in self.header] if bulk else None
        self._counted = np.where(data.counted, "true", "").tolist() if bulk else None

    def csv(self, code: str) -> bytes:
        start, stop = self.data.region_slices.get(code, (0, 0))
        if self._columns is not None and self._counted is not None:
            columns = [column[start:stop] for column in self._columns] + [self._counted[start:stop]]
        else:
            columns = [text_column(self.data.outcomes[name].iloc[start:stop]) for name in self.header]
            columns.append(np.where(self.data.region_counted(code), "true", "").tolist())
        return text_csv_bytes(self.header + ["counted"], zip(*columns, strict=True))


@dataclass(frozen=True)
class FileKind:
    name: str
    path: Callable[[str], str]
    ids: Callable[[Site], list[str]]
    inputs: Callable[[Site, str], dict[str, str]]
    make: Callable[[Site, str, Makers], bytes]


@dataclass
class Makers:
    """What several files of one pass share, made once (the outcome columns as text)."""

    outcomes: OutcomeFiles


def _document(site: Site, source_id: str) -> bytes:
    return (site.data.dataset.path / site.data.sources[source_id]["copy"]).read_bytes()


BOM = "\ufeff"


def _document_page(site: Site, source_id: str) -> bytes:
    """The page showing an archived document's text, for readers: the .txt itself is often served
    without a charset and shown as mojibake. The page starts with a UTF-8 byte-order mark, which a
    browser obeys before any charset the server sends (or omits), and declares <meta charset>.
    A text that is not UTF-8 shows replacement characters here; the .txt stays its bytes. It links
    to the source's page in each language the source kind is published in (kinds.py)."""
    text = _document(site, source_id).decode("utf-8", errors="replace")
    context = pages.document_context(site.data, source_id, text, BY_NAME["source"].languages)
    return (BOM + site.renderer.render("document", context, "zh", ext=".html.j2")).encode("utf-8")


FILE_KINDS: tuple[FileKind, ...] = (
    FileKind(
        "region targets", targets_file,
        ids=lambda site: sorted(site.data.targets_by_region),
        inputs=lambda site, code: {"columns": ",".join(resource_header(site.data, "targets")), "targets": site.inputs.region_files(code)[0], "verdicts": site.inputs.digest([site.inputs.target(t) for t in site.data.targets_by_region[code]])},
        make=lambda site, code, makers: _targets_csv(site, code),
    ),
    FileKind(
        "region outcomes", outcomes_file,
        ids=lambda site: sorted(site.data.region_slices),
        inputs=lambda site, code: {"columns": ",".join(resource_header(site.data, "outcomes")), "outcomes": site.inputs.region_files(code)[1]},
        make=lambda site, code, makers: makers.outcomes.csv(code),
    ),
    FileKind(
        "indicator list", pages.indicator_regions_path,
        ids=lambda site: [i for i in site.data.indicators if pages.indicator_list_shortened(site.data, i)],
        inputs=lambda site, indicator_id: {"list": site.inputs.indicator_file(indicator_id)},
        make=lambda site, indicator_id, makers: pages.indicator_regions_file(site.data, indicator_id, site.strings),
    ),
    FileKind(
        "province targets", chunk_path,
        ids=lambda site: sorted(site.lists.by_province),
        inputs=lambda site, province: {"targets": site.inputs.target_chunk(province)},
        make=lambda site, province, makers: chunk_file(site.lists, province, site.strings),
    ),
    FileKind(
        "archived document", lambda source_id: pages.document_path(source_id, "txt"),
        ids=lambda site: [s["id"] for s in site.data.sources.values() if s.get("copy")],
        inputs=lambda site, source_id: {"copy": site.inputs.digest(_document(site, source_id).hex())},
        make=lambda site, source_id, makers: _document(site, source_id),
    ),
    FileKind(
        "document page", lambda source_id: pages.document_path(source_id, "html"),
        ids=lambda site: [s["id"] for s in site.data.sources.values() if s.get("copy")],
        inputs=lambda site, source_id: {"copy": site.inputs.digest(_document(site, source_id).hex()), "source": site.inputs.source_row(source_id)},
        make=lambda site, source_id, makers: _document_page(site, source_id),
    ),
    FileKind(
        "search names", lambda _: "search/names.json.gz",
        ids=lambda site: [""],
        inputs=lambda site, _: {"regions": site.inputs.digest(sorted(site.inputs.region_row(c) for c in site.data.regions)), "indicators": site.inputs.digest(list(site.data.indicators))},
        make=lambda site, _, makers: names_file(search_names(site.data)),
    ),
)  # fmt: skip


def plan(site: Site) -> dict[str, tuple[FileKind, str, dict[str, str]]]:
    """Every data file, by manifest name: its kind, id and the digests of its inputs."""
    found = {}
    for kind in FILE_KINDS:
        for key in kind.ids(site):
            found[PREFIX + kind.path(key)] = (kind, key, {"common": site.inputs.common, **kind.inputs(site, key)})
    return found


@dataclass
class Written:
    written: int = 0
    removed: int = 0


def write_data_files(site: Site, store: Path, manifest: Manifest) -> Written:
    """Bring the store of data files up to date: make each file one of whose inputs changed,
    remove those no kind claims any more."""
    planned = plan(site)
    present = list_files(store)
    todo = [
        name
        for name, (_, _, inputs) in planned.items()
        if manifest.changed(name, inputs) or name[len(PREFIX) :] not in present
    ]
    manifest.forget(todo)
    outcomes = sum(1 for name in todo if planned[name][0].name == "region outcomes")
    makers = Makers(OutcomeFiles(site.data, outcomes))
    result = Written()
    for name in todo:
        kind, key, _ = planned[name]
        result.written += write(store / name[len(PREFIX) :], kind.make(site, key, makers))
    manifest.keep_only(planned, PREFIX)
    result.removed = remove_files(store, set(present) - {name[len(PREFIX) :] for name in planned})
    manifest.record({name: planned[name][2] for name in todo})
    return result
