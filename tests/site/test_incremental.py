"""A rebuild that reuses the stores publishes exactly what a build from scratch publishes.

One edit of every column of every table, every field of the descriptor (the package's, each
resource's title and description, and a field's), a template, the strings and mkdocs.yml:
after each, a rebuild from the stores of a build made before the edit must publish byte for
byte what a build from scratch of the edited sources does. Where an edit of one cell alone
would make the data invalid, the edit changes what else that cell needs (a renamed id in the
rows that cite it, a code with its level).
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from edutargets.build import BuildConfig, build_site
from edutargets.store import link_or_copy
from tests.conftest import ROOT, add_row, make_package, set_cell, write_rows
from tests.site.conftest import site_config

Edit = Callable[[Path], None]


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _line(pkg: Path, table: str, **match: str) -> int:
    with (pkg / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            if all(row[k] == v for k, v in match.items()):
                return number
    raise AssertionError(f"no row {match} in {table}")


def cell(table: str, match: dict[str, str], **changes: str) -> Edit:
    """Set cells of the row of `table` that matches."""

    def edit(pkg: Path) -> None:
        line = _line(pkg, table, **match)
        for field, value in changes.items():
            set_cell(pkg / f"{table}.csv", line, field, value)

    return edit


def append(table: str, match: dict[str, str], field: str, text: str = " 改") -> Edit:
    def edit(pkg: Path) -> None:
        line = _line(pkg, table, **match)
        rows = _rows(pkg / f"{table}.csv")
        column = rows[0].index(field)
        set_cell(pkg / f"{table}.csv", line, field, rows[line - 1][column] + text)

    return edit


def rename(column: str, old: str, new: str, *tables: str) -> Edit:
    """Change a key everywhere it appears: in its own table and in the rows that cite it."""

    def edit(pkg: Path) -> None:
        for table, field in [t.split(".") for t in tables]:
            rows = _rows(pkg / f"{table}.csv")
            index = rows[0].index(field)
            for row in rows[1:]:
                if row[index] == old:
                    row[index] = new
            write_rows(pkg / f"{table}.csv", rows)

    return edit


def both(*edits: Edit) -> Edit:
    return lambda pkg: [edit(pkg) for edit in edits] and None


def descriptor(change: Callable[[dict], None]) -> Edit:
    def edit(pkg: Path) -> None:
        path = pkg / "datapackage.json"
        document = json.loads(path.read_text(encoding="utf-8"))
        change(document)
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")

    return edit


def _resource(name: str) -> Callable[[dict], dict]:
    return lambda d: next(r for r in d["resources"] if r["name"] == name)


NATION, ZHEJIANG, WENZHOU = {"code": "000000"}, {"code": "330000"}, {"code": "330300"}
TEACHERS = {"id": "fulltime_teachers"}
BULLETIN_2020 = {"id": "moe-bulletin-2020"}
TARGET = {"id": "zj-13fyp-compulsory-2020"}
RETENTION_2015 = {"indicator": "compulsory_retention", "year": "2015"}
PRESCHOOL_2020 = {"indicator": "preschool_ger", "year": "2020"}
TEACHERS_2020 = {"indicator": "fulltime_teachers"}
AS_FLOW = cell("indicators", TEACHERS, measure="flow")

EDITS: dict[str, Edit] = {
    # regions
    "regions.code": both(cell("regions", WENZHOU, code="330400")),
    "regions.name_zh": append("regions", WENZHOU, "name_zh"),
    "regions.name_en": append("regions", WENZHOU, "name_en"),
    "regions.level": cell("regions", WENZHOU, code="330302", level="county"),
    "regions.parent": lambda pkg: add_row(
        pkg / "regions.csv", code="330302", name_zh="鹿城区", name_en="Lucheng", level="county", parent="330000"
    ),
    # indicators
    "indicators.id": rename("id", "fulltime_teachers", "teachers_all", "indicators.id", "outcomes.indicator"),
    "indicators.name_zh": append("indicators", TEACHERS, "name_zh"),
    "indicators.name_en": append("indicators", TEACHERS, "name_en"),
    "indicators.unit": cell("indicators", TEACHERS, unit="万名"),
    "indicators.unit_en": append("indicators", TEACHERS, "unit_en", " (all)"),
    "indicators.measure": AS_FLOW,
    "indicators.direction": cell("indicators", TEACHERS, direction="lower"),
    "indicators.stage": cell("indicators", TEACHERS, stage="higher"),
    "indicators.may_exceed_100": cell("indicators", {"id": "compulsory_retention"}, may_exceed_100="true"),
    "indicators.definition_zh": append("indicators", TEACHERS, "definition_zh"),
    "indicators.definition_en": append("indicators", TEACHERS, "definition_en"),
    # sources
    "sources.id": rename("id", "moe-bulletin-2020", "moe-2020", "sources.id", "outcomes.source"),
    **{
        f"sources.{field}": append("sources", BULLETIN_2020, field)
        for field in (
            "title",
            "title_en",
            "issuer",
            "issuer_en",
            "original_publisher",
            "original_publisher_en",
            "license",
            "note_zh",
            "note_en",
        )
    },
    "sources.doc_type": cell("sources", BULLETIN_2020, doc_type="report"),
    "sources.region": cell("sources", BULLETIN_2020, region="330000"),
    "sources.published": cell("sources", BULLETIN_2020, published="2021-09"),
    "sources.period_start": cell("sources", BULLETIN_2020, period_start="2019"),
    "sources.period_end": cell("sources", BULLETIN_2020, period_end="2021"),
    "sources.url": cell("sources", BULLETIN_2020, url="https://example.org/bulletin-2020"),
    "sources.page_kind": cell("sources", BULLETIN_2020, page_kind="mirror"),
    "sources.accessed": cell("sources", BULLETIN_2020, accessed="2026-11-02"),
    "sources.copy": lambda pkg: (
        (pkg / "documents").mkdir(exist_ok=True),
        (pkg / "documents" / "moe-bulletin-2020.txt").write_text("专任教师1792.97万人\n", encoding="utf-8"),
        cell("sources", BULLETIN_2020, copy="documents/moe-bulletin-2020.txt")(pkg),
    ),
    # targets
    "targets.id": cell("targets", TARGET, id="zj-13fyp-retention-2020"),
    "targets.region": cell("targets", TARGET, region="330300"),
    "targets.indicator": cell("targets", TARGET, indicator="preschool_ger"),
    "targets.source": cell("targets", TARGET, source="moe-bulletin-2020"),
    "targets.target_year": cell("targets", TARGET, target_year="2021"),
    "targets.period_start": both(
        AS_FLOW,
        cell(
            "targets",
            TARGET,
            indicator="fulltime_teachers",
            kind="count",
            period_start="2016",
            baseline_year="",
            baseline_value="",
        ),
    ),
    "targets.kind": cell("targets", TARGET, kind="count"),
    "targets.comparator": cell("targets", TARGET, comparator="="),
    "targets.value": cell("targets", TARGET, value="99", quote="巩固率 % 100 99"),
    "targets.value_high": cell("targets", TARGET, value_high="100", quote="巩固率 % 100 99-100", value="99"),
    "targets.baseline_year": cell("targets", TARGET, baseline_year="2016"),
    "targets.baseline_value": cell("targets", TARGET, baseline_value="99", quote="巩固率 % 99 100"),
    "targets.quote": append("targets", TARGET, "quote", "（表）"),
    "targets.note_zh": append("targets", TARGET, "note_zh", "备注"),
    "targets.note_en": append("targets", TARGET, "note_en", "a note"),
    # outcomes
    "outcomes.region": cell("outcomes", PRESCHOOL_2020, region="330000"),
    "outcomes.indicator": cell("outcomes", PRESCHOOL_2020, indicator="compulsory_retention"),
    "outcomes.year": cell("outcomes", {"indicator": "preschool_ger", "year": "2015"}, year="2014"),
    "outcomes.period_start": both(AS_FLOW, cell("outcomes", TEACHERS_2020, period_start="2016")),
    "outcomes.value": cell("outcomes", RETENTION_2015, value="93.5", quote="九年义务教育巩固率93.5%"),
    "outcomes.comparator": cell("outcomes", RETENTION_2015, comparator=">="),
    "outcomes.source": cell("outcomes", RETENTION_2015, source="moe-bulletin-2020"),
    "outcomes.quote": append("outcomes", RETENTION_2015, "quote", "（公报）"),
    "outcomes.flag": cell("outcomes", RETENTION_2015, flag="preliminary"),
    "outcomes.note_zh": append("outcomes", RETENTION_2015, "note_zh", "备注"),
    "outcomes.note_en": append("outcomes", RETENTION_2015, "note_en", "a note"),
    # rows added and removed
    "an outcome added": lambda pkg: add_row(
        pkg / "outcomes.csv",
        region="000000",
        indicator="preschool_ger",
        year="2019",
        value="83.4",
        comparator="=",
        source="moe-bulletin-2020",
        quote="学前教育毛入园率83.4%",
    ),
    "a target removed": lambda pkg: (pkg / "targets.csv").write_text(
        (pkg / "targets.csv").read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8"
    ),
    # the descriptor
    **{
        f"descriptor.{key}": descriptor(
            lambda d, key=key: d.__setitem__(key, d[key] + "-2" if isinstance(d[key], str) else d[key] + [d[key][0]])
        )
        for key in ("name", "title", "description", "version", "homepage", "licenses", "contributors", "keywords")
    },
    **{
        f"descriptor.{name}.{key}": descriptor(
            lambda d, name=name, key=key: _resource(name)(d).__setitem__(key, _resource(name)(d)[key] + " 2")
        )
        for name in ("regions", "indicators", "sources", "targets", "outcomes")
        for key in ("title", "description")
    },
    "descriptor.field description": descriptor(
        lambda d: _resource("outcomes")(d)["schema"]["fields"][0].__setitem__(
            "description", "The region the value describes."
        )
    ),
}
SITE_EDITS: dict[str, Callable[[Path], None]] = {
    "a template": lambda src: (src / "templates" / "region.html.j2").write_text(
        (src / "templates" / "region.html.j2").read_text(encoding="utf-8") + "<!-- edited -->\n", encoding="utf-8"
    ),
    "the strings": lambda src: (src / "strings.yml").write_text(
        (src / "strings.yml")
        .read_text(encoding="utf-8")
        .replace("status_met: {zh: 已实现, en: Met}", "status_met: {zh: 已经实现, en: Met}"),
        encoding="utf-8",
    ),
    "mkdocs.yml": lambda src: (src.parent / "mkdocs.yml").write_text(
        (src.parent / "mkdocs.yml").read_text(encoding="utf-8") + "\nextra:\n  edited: true\n", encoding="utf-8"
    ),
}


def _config(base: Path, package: Path, source: Path) -> BuildConfig:
    config = site_config(base, package)
    return BuildConfig(
        package,
        config.out,
        config.work,
        source,
        source.parent / "mkdocs.yml",
        source.parent / "mkdocs.en.yml",
        config.changelog,
    )


@pytest.fixture(scope="module")
def built_before(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The tiny package's site and its stores, built once before any edit; with its site sources."""
    base = tmp_path_factory.mktemp("before")
    source = base / "src" / "site_src"
    shutil.copytree(ROOT / "site_src", source)
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        (source.parent / name).write_text(
            (ROOT / name).read_text(encoding="utf-8").replace("site_src/", f"{source}/"), encoding="utf-8"
        )
    package = make_package(base / "pkg")
    assert build_site(_config(base, package, source)).built
    return base, source


def _rebuilt_and_scratch(
    built_before: tuple[Path, Path], tmp_path: Path, edit_package: Edit | None, edit_site: Callable[[Path], None] | None
) -> None:
    base, source = built_before
    case_source = tmp_path / "src" / "site_src"
    shutil.copytree(source.parent, case_source.parent)
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        path = case_source.parent / name
        path.write_text(path.read_text(encoding="utf-8").replace(f"{source}/", f"{case_source}/"), encoding="utf-8")
    package = tmp_path / "pkg"
    shutil.copytree(base / "pkg", package)
    # the stores as hard links: their files are only ever replaced, never rewritten
    shutil.copytree(base / "build", tmp_path / "incremental" / "build", copy_function=link_or_copy)
    if edit_package:
        edit_package(package)
    if edit_site:
        edit_site(case_source)
    rebuilt = build_site(_config(tmp_path / "incremental", package, case_source))
    assert rebuilt.built, rebuilt.report.problems
    scratch = build_site(_config(tmp_path / "scratch", package, case_source))
    assert scratch.built
    ours, theirs = _files(tmp_path / "incremental" / "build" / "site"), _files(tmp_path / "scratch" / "build" / "site")
    assert sorted(ours) == sorted(theirs)
    assert [path for path in ours if ours[path] != theirs[path]] == []


@pytest.mark.parametrize("edit", list(EDITS))
def test_rebuild_after_a_data_edit_equals_a_build_from_scratch(
    built_before: tuple[Path, Path], tmp_path: Path, edit: str
) -> None:
    _rebuilt_and_scratch(built_before, tmp_path, EDITS[edit], None)


@pytest.mark.parametrize("edit", list(SITE_EDITS))
def test_rebuild_after_a_site_edit_equals_a_build_from_scratch(
    built_before: tuple[Path, Path], tmp_path: Path, edit: str
) -> None:
    _rebuilt_and_scratch(built_before, tmp_path, None, SITE_EDITS[edit])


def test_every_column_and_descriptor_field_is_edited() -> None:
    descriptor = json.loads((ROOT / "datapackages" / "edutargets" / "datapackage.json").read_text(encoding="utf-8"))
    columns = {f"{r['name']}.{f['name']}" for r in descriptor["resources"] for f in r["schema"]["fields"]}
    fields = {f"descriptor.{key}" for key in descriptor if key not in ("resources", "$schema")}
    assert columns | fields <= set(EDITS)


def test_one_edit_renders_fewer_pages_than_a_build(tmp_path: Path) -> None:
    package = make_package(tmp_path / "pkg")
    config = site_config(tmp_path, package)
    first = build_site(config)
    EDITS["outcomes.value"](package)
    again = build_site(config)
    assert first.rendered is not None and again.rendered is not None
    assert 0 < again.rendered.rendered < first.rendered.rendered


def test_an_unchanged_rebuild_renders_and_publishes_nothing(tmp_path: Path) -> None:
    config = site_config(tmp_path, make_package(tmp_path / "pkg"))
    assert build_site(config).built
    again = build_site(config)
    assert again.rendered is not None and again.published is not None
    assert (again.rendered.rendered, again.published.linked, again.published.removed) == (0, 0, 0)


def test_a_file_missing_from_a_store_is_made_again(tmp_path: Path) -> None:
    """The manifest says a page or file was made; if it is gone, the rebuild makes it again."""
    config = site_config(tmp_path, make_package(tmp_path / "pkg"))
    assert build_site(config).built
    published = _files(config.out)
    page = next(p for p in sorted(config.pages.rglob("index.html")) if "regions" in p.parts)
    data_file = next(p for p in sorted(config.files.rglob("*.csv")))
    page.unlink()
    data_file.unlink()
    again = build_site(config)
    assert again.rendered is not None and again.rendered.rendered == 1
    assert page.is_file() and data_file.is_file()
    assert _files(config.out) == published
