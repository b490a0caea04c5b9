"""Build the site: validate, generate pages, render with MkDocs, index with Pagefind, publish.

MkDocs and Pagefind run as programs (their command lines), not through their Python internals,
so either can be swapped (Zensical reads the same mkdocs.yml). Every part of the site is made
in its own store under build/ and skipped when its inputs are unchanged: MkDocs' output
(build/mkdocs), the data files (build/files), the entity pages (build/pages, by page), the
search index and sitemaps (build/extra). The site is published from the stores only when every
step succeeded (store.publish): a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import yaml

from edutargets import parallel
from edutargets.model import load_dataset
from edutargets.pagefind_service import SearchIndexFailed
from edutargets.site.entities import Rendered, write_entity_pages
from edutargets.site.files import Written, write_data_files
from edutargets.site.generate import (
    Generated,
    Shaped,
    SiteSource,
    finish_downloads,
    generate_docs,
    shape_site,
    start_downloads,
)
from edutargets.site.search_index import (
    INDEX,
    MAIN_BUNDLE,
    finish_source_index,
    index_search,
    main_records,
    remove_index,
    start_source_index,
)
from edutargets.site.shells import ShellFiller, not_published, relative_error_page, share_theme_assets, write_sitemap
from edutargets.site.text import Strings
from edutargets.store import Layer, Manifest, Published, contents_digest, digest, files_digest, publish, site_files
from edutargets.tables import Table, read_table
from edutargets.validate import validate_cached
from edutargets.validate.report import Report


@dataclass(frozen=True)
class BuildConfig:
    """Where a build reads from and writes to; the defaults are the repository's layout."""

    package: Path = Path("datapackages/edutargets")
    out: Path = Path("build/site")
    work: Path = Path("build")
    site_source: Path = Path("site_src")
    mkdocs_config: Path = Path("mkdocs.yml")
    mkdocs_config_en: Path = Path("mkdocs.en.yml")
    changelog: Path = Path("datapackages/CHANGELOG.md")
    search_index: bool = True

    @property
    def docs(self) -> Path:
        return self.work / "docs"

    @property
    def files(self) -> Path:
        """Data files published as they are (region CSVs, documents), linked into the site."""
        return self.work / "files"

    @property
    def downloads(self) -> Path:
        """The download files, published at downloads/ beside the page MkDocs renders."""
        return self.work / "downloads"

    @property
    def mkdocs_store(self) -> Path:
        return self.work / "mkdocs"

    @property
    def pages(self) -> Path:
        """The entity pages, each kept with the key of its inputs (entities.py)."""
        return self.work / "pages"

    @property
    def extra(self) -> Path:
        """The search index and the sitemaps."""
        return self.work / "extra"

    @property
    def manifest(self) -> Path:
        """What every output was last made from (store.Manifest)."""
        return self.work / "manifest.json"


class BuildFailed(Exception):
    """A step after validation failed (MkDocs or Pagefind); the previous site is untouched."""


@dataclass
class BuildResult:
    report: Report
    built: bool = False
    stages: dict[str, float] = field(default_factory=dict)
    generated: Generated | None = None
    rendered: Rendered | None = None
    files: Written | None = None
    published: Published | None = None


def package_date(package: Path) -> datetime:
    """The date the data describe: the latest day a source was read (from the sources table alone,
    so the downloads can start before the package is loaded). Fixes every timestamp in the build."""
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8-sig"))
    path = next(r["path"] for r in descriptor["resources"] if r["name"] == "sources")
    return _latest_day(list(read_table(package / path).frame["accessed"]))


def _latest_day(days: list[str]) -> datetime:
    found = [d for d in days if d]
    return datetime.fromisoformat(max(found) if found else "2026-01-01").replace(tzinfo=UTC)


def dataset_stamp(shaped: Shaped) -> datetime:
    """The dataset's date as the moment every timestamp of the build is fixed to."""
    return datetime.fromisoformat(shaped.data.dataset_date).replace(tzinfo=UTC)


def read_changelog(path: Path) -> list[dict[str, object]]:
    """'## heading' and '- item' lines of the data changelog, for the downloads page."""
    entries: list[dict[str, object]] = []
    if not path.is_file():
        return entries
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            entries.append({"heading": line[3:].strip(), "items": []})
        elif line.startswith("- ") and entries:
            entries[-1]["items"].append(line[2:].strip())  # type: ignore[union-attr]
    return entries


def site_urls(config: BuildConfig) -> dict[str, str]:
    """Each language's site URL: the Chinese one is mkdocs.yml's site_url (EDUTARGETS_SITE_URL, or
    its default), the English one that URL's en/; every page's canonical and hreflang links and
    the error pages' paths are made from them."""
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_constructor(
        "!ENV", lambda load, node: os.environ.get(load.construct_sequence(node)[0]) or load.construct_sequence(node)[-1]
    )
    try:
        url = str(yaml.load(config.mkdocs_config.read_text(encoding="utf-8"), Loader=loader).get("site_url") or "/")
    except (yaml.YAMLError, AttributeError) as error:
        raise BuildFailed(f"MkDocs failed: {config.mkdocs_config} cannot be read ({error})") from error
    url = url if url.endswith("/") else url + "/"
    return {"zh": url, "en": url + "en/"}


def mkdocs_configs(config: BuildConfig, site: Path) -> list[Path]:
    """One generated config per language, each INHERITing the repository's plain mkdocs file and
    pointing it at this build's folders, with the language's site URL, both languages' URLs
    (hreflang) and the error page's words. Chinese at the root, English under en/ (built apart,
    since MkDocs empties its site folder first, and moved in)."""
    strings = Strings.load(config.site_source / "strings.yml")
    urls = site_urls(config)
    written = []
    for name, base, docs, target in (
        ("zh", config.mkdocs_config, config.docs, site),
        ("en", config.mkdocs_config_en, config.docs / "en", site.with_name(site.name + "-en")),
    ):
        path = config.work / f"mkdocs.{name}.generated.yml"
        not_found = {key: strings.get(f"not_found_{key}", name) for key in ("title", "text", "home", "search")}
        extra = {"language_roots": urls, "not_found": not_found, "skip": strings.get("skip_to_content", name)}
        theme = {"custom_dir": str((config.site_source / "theme").resolve())}
        lines = [f"INHERIT: {base.resolve()}", f"docs_dir: {docs.resolve()}", f"site_dir: {target.resolve()}"]
        lines += [
            f"site_url: {json.dumps(urls[name])}",
            f"theme: {json.dumps(theme)}",
            f"extra: {json.dumps(extra, ensure_ascii=False)}",
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    return written


def mkdocs_inputs(config: BuildConfig, stamp: datetime, docs: dict[str, bytes]) -> dict[str, str]:
    """Everything MkDocs' output depends on: the Markdown tree, the configs, the versions, the date."""
    return {
        "docs": contents_digest(docs),
        "configs": digest(
            config.mkdocs_config.read_text(encoding="utf-8"),
            config.mkdocs_config_en.read_text(encoding="utf-8"),
            site_urls(config),
        ),
        "theme": files_digest(sorted((config.site_source / "theme").rglob("*.html")), config.site_source / "theme"),
        "strings": files_digest([config.site_source / "strings.yml"], config.site_source),
        "versions": digest(sys.version, [f"{name}={version(name)}" for name in ("mkdocs", "mkdocs-material")]),
        "date": stamp.isoformat(),
        "site_url": os.environ.get("EDUTARGETS_SITE_URL", ""),
    }


MKDOCS = "mkdocs"
"""MkDocs' output in the manifest: one output, the top pages, the theme's assets and the shells."""


def render_site(
    config: BuildConfig,
    stamp: datetime,
    docs: dict[str, bytes],
    manifest: Manifest,
    meanwhile: Callable[[], None] = lambda: None,
) -> Path:
    """MkDocs' output (top pages, the theme's assets, the shells), both languages at once, in its
    store build/mkdocs/site; run only when its inputs changed. `meanwhile` runs while MkDocs does."""
    store = config.mkdocs_store
    site = store / "site"
    inputs = mkdocs_inputs(config, stamp, docs)
    if site.is_dir() and not manifest.changed(MKDOCS, inputs):
        meanwhile()
        return site
    manifest.forget([MKDOCS])
    fresh = store / ".new"
    english = fresh.with_name(fresh.name + "-en")
    for folder in (fresh, english):
        shutil.rmtree(folder, ignore_errors=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(stamp.timestamp()))}
    store.mkdir(parents=True, exist_ok=True)
    try:
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(generated)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for generated in mkdocs_configs(config, fresh)
        ]
        try:
            meanwhile()
        finally:
            outputs = [run.communicate()[0] for run in runs]
        for run, output in zip(runs, outputs, strict=True):
            if run.returncode != 0:
                detail = output.strip().splitlines()[-15:]
                raise BuildFailed(f"MkDocs failed (exit {run.returncode}):\n" + "\n".join(detail))
        urls = site_urls(config)
        relative_error_page(fresh / "404.html", urls["zh"])
        relative_error_page(english / "404.html", urls["en"])
        share_theme_assets(english, fresh)
        english.rename(fresh / "en")
        shutil.rmtree(site, ignore_errors=True)
        fresh.rename(site)
        manifest.record({MKDOCS: inputs})
    finally:
        for folder in (fresh, english):
            shutil.rmtree(folder, ignore_errors=True)
    return site


def check_and_shape(
    config: BuildConfig, on_shaped: Callable[[Shaped], None] = lambda shaped: None
) -> tuple[Report, Shaped | None]:
    """The validation report, and the data loaded and shaped for pages if it is valid.

    `on_shaped` runs as soon as the data is shaped, while the checks may still be running: work
    that needs only the shaped data starts there, and is dropped by the caller if the data is invalid."""
    site_source = SiteSource(config.site_source)
    shaped: list[Shaped] = []

    def prepare(tables: dict[str, Table]) -> None:
        stamp = (
            _latest_day(list(tables["sources"].frame["accessed"]))
            if "sources" in tables
            else package_date(config.package)
        )
        shaped.append(
            shape_site(load_dataset(config.package, tables), site_source, stamp, config.work / "status-cache.pickle")
        )
        on_shaped(shaped[0])

    # A changed package is loaded and shaped while a second process checks it (validate/background.py).
    problems, summary, _ = validate_cached(config.package, config.work / "validate-cache", meanwhile=prepare)
    report = Report(problems=problems, packages=[summary])
    if not report.valid:
        return report, None
    if not shaped:  # the report came from the cache
        prepare({})
    return report, shaped[0]


def build_site(config: BuildConfig) -> BuildResult:
    """Validate, then build; invalid data stops the build before anything is written. The
    manifest is saved once, at the end, with the records of whatever was made, even when a stage
    failed (what was about to be made again is forgotten in its journal: store.Manifest)."""
    manifest = Manifest(config.manifest)
    try:
        return _build_site(config, manifest)
    finally:
        manifest.save()


def _build_site(config: BuildConfig, manifest: Manifest) -> BuildResult:
    clock = time.perf_counter()
    site_source = SiteSource(config.site_source)
    started: list[parallel.Running] = []

    def on_shaped(shaped: Shaped) -> None:
        # The downloads (the zip and XLSX take seconds) need the verdicts, and the sources' search
        # bundles (most of the index) the data alone: forked processes make them from the moment
        # the data is shaped, while the checks finish and the pages are made.
        started.append(start_downloads(shaped.data, config.downloads, dataset_stamp(shaped), manifest))
        if config.search_index:
            started.append(start_source_index(shaped.data, shaped.strings, config.extra, manifest))

    report, shaped = check_and_shape(config, on_shaped)
    result = BuildResult(report=report, stages={"validate": time.perf_counter() - clock})
    if shaped is None:
        for running in started:
            running.cancel()
        return result
    clock = time.perf_counter()
    stamp = dataset_stamp(shaped)
    downloads, *sources = started
    result.generated = generate_docs(shaped, config.docs, site_source, manifest, read_changelog(config.changelog))
    result.stages["generate"] = time.perf_counter() - clock
    entities = result.generated.entities
    clock = time.perf_counter()
    written: list[Written] = []
    site = render_site(
        config,
        stamp,
        result.generated.docs,
        manifest,
        meanwhile=lambda: written.append(write_data_files(entities, config.files, manifest)),
    )
    result.files = written[0]
    result.stages["render"] = time.perf_counter() - clock

    def index() -> None:
        started = time.perf_counter()
        if config.search_index:
            records = main_records(entities.data, entities.strings, site)
            try:
                index_search(config.extra, records, manifest, INDEX + MAIN_BUNDLE)
                finish_source_index(config.extra, sources[0], manifest)
            except SearchIndexFailed as error:
                raise BuildFailed(str(error)) from error
        else:
            remove_index(config.extra, manifest)
        result.stages["search_index"] = time.perf_counter() - started

    # Search records come from the data and the top pages MkDocs built, not from the entity
    # pages: the index is built while those are rendered.
    clock = time.perf_counter()
    rendered = result.rendered = write_entity_pages(entities, site, config.pages, manifest, meanwhile=index)
    result.stages["pages"] = time.perf_counter() - clock
    clock = time.perf_counter()
    finish_downloads(downloads.result(), site, config.extra, manifest)
    result.stages["downloads"] = time.perf_counter() - clock
    clock = time.perf_counter()
    files = site_files(
        [
            Layer(site, skip=not_published),
            Layer(config.downloads, "downloads/"),
            Layer(config.files),
            Layer(config.pages, listed=rendered.files),
        ]
    )
    write_sitemap(config.extra, list(files), ShellFiller(site).site_url(), stamp.date().isoformat())
    result.published = publish({**files, **site_files([Layer(config.extra)])}, config.out)
    result.stages["publish"] = time.perf_counter() - clock
    result.built = True
    return result
