"""`edutargets build --explain`: which outputs a build would make again, and which of their
inputs changed, without building.

It reads the same declarations a build does (kinds.py for pages, files.py for data files,
downloads.plan_downloads, the MkDocs tree of generate.top_pages) and compares each output's
inputs with the build's manifest (store.Manifest). Two outputs can only be foreseen in part:
the downloads page lists the download files' sizes, which are known once they are written, and
the shells' frames and the top pages' search records are read from MkDocs' last output; when
MkDocs would run again, the pages and the search index are said to follow it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from edutargets.build import MKDOCS, BuildConfig, check_and_shape, dataset_stamp, mkdocs_inputs, read_changelog
from edutargets.downloads import plan_downloads
from edutargets.site import entities, files
from edutargets.site.generate import DOWNLOADS, SiteSource, top_pages
from edutargets.site.search_index import bundle_inputs, search_records
from edutargets.store import Manifest, list_files
from edutargets.validate.report import Report
from edutargets.verdicts import verdict_table


@dataclass
class Group:
    """One kind of output: how many there are, and each one to make again with the inputs that changed."""

    name: str
    total: int = 0
    changes: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass
class Explanation:
    report: Report
    groups: list[Group] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _group(
    name: str, manifest: Manifest, inputs: dict[str, dict[str, str]], prefix: str = "", present: set[str] | None = None
) -> Group:
    group = Group(name, len(inputs))
    for output, found in inputs.items():
        changed = manifest.changed(output, found)
        if not changed and present is not None and output[len(prefix) :] not in present:
            changed = ["(missing)"]
        if changed:
            group.changes.append((output[len(prefix) :], changed))
    return group


def explain(config: BuildConfig) -> Explanation:
    report, shaped = check_and_shape(config)
    result = Explanation(report)
    if shaped is None:
        return result
    manifest = Manifest(config.manifest)
    data, stamp = shaped.data, dataset_stamp(shaped)
    site_source = SiteSource(config.site_source)

    known = data.known_assessments
    statuses = Group(
        "target statuses",
        len(data.targets),
        [(target_id, ["inputs"]) for target_id in shaped.target_keys if target_id not in known],
    )
    planned = plan_downloads(data.dataset.path, stamp, verdict_table(data))
    downloads = _group(
        "downloads",
        manifest,
        {DOWNLOADS + name: inputs for name, (inputs, _) in planned.items()},
        DOWNLOADS,
        set(list_files(config.downloads)),
    )

    docs = top_pages(shaped, site_source, read_changelog(config.changelog))
    mkdocs = _group("MkDocs (top pages, theme, shells)", manifest, {MKDOCS: mkdocs_inputs(config, stamp, docs)})
    if mkdocs.changes:
        on_disk = {name: path for name, (path, _) in list_files(config.docs).items()}
        pages_changed = sorted(
            name
            for name, content in docs.items()
            if name not in on_disk or (config.docs / name).read_bytes() != content
        )
        mkdocs.changes = [(MKDOCS, mkdocs.changes[0][1] + [f"docs/{name}" for name in pages_changed[:20]])]
        result.notes.append(
            "MkDocs runs again: the entity pages' frames and the top pages' search records are read from its output, so a changed frame or top page makes more again than listed here."
        )

    site = entities.Site(data, shaped.renderer, shaped.strings, shaped.inputs)
    shells = config.mkdocs_store / "site"
    store_pages = set(list_files(config.pages))
    page_files, page_inputs = entities.plan(site, shells, manifest)
    pages = _group("entity pages", manifest, page_inputs, entities.PREFIX, store_pages)
    data_files = _group(
        "data files",
        manifest,
        {name: inputs for name, (_, _, inputs) in files.plan(site).items()},
        files.PREFIX,
        set(list_files(config.files)),
    )

    search = Group("search index", 1)
    if config.search_index:
        records = search_records(data, shaped.strings, shells)
        search = _group("search index", manifest, bundle_inputs(records))
    result.groups = [statuses, downloads, mkdocs, data_files, pages, search]
    return result


def format_explanation(explanation: Explanation, examples: int = 20) -> str:
    """The explanation as text: per kind of output, how many would be made again, and up to
    `examples` of them with the inputs that changed."""
    lines = []
    for group in explanation.groups:
        lines.append(f"{group.name}: {len(group.changes)} of {group.total} would be made again")
        for output, changed in group.changes[:examples]:
            lines.append(f"  {output}: {', '.join(changed)}")
        if len(group.changes) > examples:
            lines.append(f"  … and {len(group.changes) - examples} more")
    lines += [f"note: {note}" for note in explanation.notes]
    return "\n".join(lines) + "\n"
