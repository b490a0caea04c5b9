"""Build the site: validate, generate pages, render with MkDocs, index with Pagefind, publish atomically.

MkDocs and Pagefind run as programs (their command lines), not through their Python internals,
so either can be swapped (Zensical reads the same mkdocs.yml). The site is rendered into a
staging folder next to the output and moved into place only when every step succeeded: a failed
build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from edutargets.model import load_dataset
from edutargets.tables import read_table
from edutargets.site.generate import Downloads, Generated, SiteSource, generate_docs, write_data_files
from edutargets.site.entities import EntityPages, write_entity_pages
from edutargets.site.render import link_tree
from edutargets.site.search_index import SearchIndexFailed, index_search, search_records
from edutargets.site.shells import ShellFiller, write_sitemap
from edutargets.validate import validate_paths
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


class BuildFailed(Exception):
    """A step after validation failed (MkDocs or Pagefind); the previous site is untouched."""


@dataclass
class BuildResult:
    report: Report
    built: bool = False
    stages: dict[str, float] = field(default_factory=dict)
    generated: Generated | None = None


def package_date(package: Path) -> datetime:
    """The date the data describe: the latest day a source was read (from the sources table alone,
    so the downloads can start before the package is loaded). Fixes every timestamp in the build."""
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8-sig"))
    path = next(r["path"] for r in descriptor["resources"] if r["name"] == "sources")
    return _latest_day(list(read_table(package / path).frame["accessed"]))


def _latest_day(days: list[str]) -> datetime:
    found = [d for d in days if d]
    return datetime.fromisoformat(max(found) if found else "2026-01-01").replace(tzinfo=timezone.utc)


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


def mkdocs_configs(config: BuildConfig, staging: Path, staging_en: Path) -> list[Path]:
    """One generated config per language, each INHERITing the repository's plain mkdocs file and
    pointing it at this build's folders. Chinese at the root, English under en/ (built apart,
    since MkDocs empties its site folder first, and moved in)."""
    written = []
    for name, base, docs, site in (
        ("zh", config.mkdocs_config, config.docs, staging),
        ("en", config.mkdocs_config_en, config.docs / "en", staging_en),
    ):
        path = config.work / f"mkdocs.{name}.generated.yml"
        path.write_text(f"INHERIT: {base.resolve()}\ndocs_dir: {docs.resolve()}\nsite_dir: {site.resolve()}\n", encoding="utf-8")
        written.append(path)
    return written


def render_site(config: BuildConfig, staging: Path, stamp: datetime, meanwhile: Callable[[], None] = lambda: None) -> None:
    """MkDocs into the staging folder, both languages at once; `meanwhile` runs while they do."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(stamp.timestamp()))}
    staging_en = Path(tempfile.mkdtemp(prefix=".en-", dir=staging.parent))
    try:
        runs = [
            subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(generated)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for generated in mkdocs_configs(config, staging, staging_en)
        ]
        try:
            meanwhile()
        finally:
            outputs = [run.communicate()[0] for run in runs]
        for run, output in zip(runs, outputs):
            if run.returncode != 0:
                detail = output.strip().splitlines()[-15:]
                raise BuildFailed(f"MkDocs failed (exit {run.returncode}):\n" + "\n".join(detail))
        staging_en.rename(staging / "en")
    finally:
        shutil.rmtree(staging_en, ignore_errors=True)


def fill_pages(staging: Path, pages: EntityPages, stamp: datetime, meanwhile: Callable[[], None] = lambda: None) -> None:
    """Render every region, indicator and source page into the theme's frame, then list all pages."""
    write_entity_pages(pages, staging, meanwhile=meanwhile)
    filler = ShellFiller(staging)
    base_url = filler.site_url()
    filler.remove_shells()
    write_sitemap(staging, base_url, stamp.date().isoformat())


def publish(staging: Path, out: Path) -> None:
    """Move the staging folder into place; the old site is removed only after the new one is in."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}-old-{os.getpid()}")
        out.rename(old)
    try:
        staging.rename(out)
    except OSError:
        if old is not None:
            old.rename(out)
        raise
    if old is not None:
        shutil.rmtree(old)


def build_site(config: BuildConfig) -> BuildResult:
    """Validate, then build; invalid data stops the build before anything is written."""
    clock = time.perf_counter()
    report = validate_paths([config.package], cache=config.work / "validate-cache")
    result = BuildResult(report=report, stages={"validate": time.perf_counter() - clock})
    if not report.valid:
        return result
    clock = time.perf_counter()
    stamp = package_date(config.package)
    # The downloads need only the package's files: a second process writes them from here on.
    downloads = Downloads(config.package, config.docs / "downloads", stamp)
    dataset = load_dataset(config.package)
    result.generated = generate_docs(dataset, config.docs, SiteSource(config.site_source), stamp, read_changelog(config.changelog), downloads)
    result.stages["generate"] = time.perf_counter() - clock
    config.out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{config.out.name}-new-", dir=config.out.parent))
    try:
        clock = time.perf_counter()
        render_site(config, staging, stamp, meanwhile=lambda: write_data_files(result.generated, config.files))
        link_tree(config.files, staging)
        result.stages["render"] = time.perf_counter() - clock

        def index() -> None:
            started = time.perf_counter()
            if config.search_index:
                entities = result.generated.entities
                records = search_records(entities.data, entities.strings, staging)
                try:
                    index_search(staging, records, config.work / "search-cache")
                except SearchIndexFailed as error:
                    raise BuildFailed(str(error)) from error
            result.stages["search_index"] = time.perf_counter() - started

        # Search records come from the data and the top pages MkDocs built, not from the entity
        # pages: the index is built while those are rendered.
        clock = time.perf_counter()
        fill_pages(staging, result.generated.entities, stamp, meanwhile=index)
        result.stages["pages"] = time.perf_counter() - clock
        publish(staging, config.out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    result.built = True
    return result
