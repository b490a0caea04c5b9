"""A rebuild that reuses the stores publishes exactly what a build from scratch publishes."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Callable

import pytest

from edutargets.build import build_site
from tests.conftest import add_row, make_package, set_cell
from tests.site.conftest import site_config


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _line_of(path: Path, **match: str) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows, start=2):
        if all(row[k] == v for k, v in match.items()):
            return number
    raise AssertionError(f"no row {match} in {path}")


def _edit_outcome(pkg: Path) -> None:
    line = _line_of(pkg / "outcomes.csv", region="000000")
    set_cell(pkg / "outcomes.csv", line, "value", "77.7")
    set_cell(pkg / "outcomes.csv", line, "quote", "订正值77.7")


def _rename_region(pkg: Path) -> None:
    set_cell(pkg / "regions.csv", _line_of(pkg / "regions.csv", code="330300"), "name_zh", "温州市（改名）")


def _retitle_source(pkg: Path) -> None:
    set_cell(pkg / "sources.csv", 2, "title", "改过的标题")


def _add_outcome(pkg: Path) -> None:
    with (pkg / "outcomes.csv").open(encoding="utf-8", newline="") as handle:
        first = next(csv.DictReader(handle))
    add_row(pkg / "outcomes.csv", **{**first, "year": "2011", "value": "1", "quote": "新加的一行1"})


def _drop_target(pkg: Path) -> None:
    path = pkg / "targets.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")


EDITS: dict[str, Callable[[Path], None]] = {
    "one outcome value": _edit_outcome,
    "a region renamed": _rename_region,
    "a source retitled": _retitle_source,
    "an outcome added": _add_outcome,
    "a target removed": _drop_target,
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_rebuild_equals_a_build_from_scratch(tmp_path: Path, edit: str) -> None:
    package = make_package(tmp_path / "pkg")
    incremental = site_config(tmp_path / "incremental", package)
    assert build_site(incremental).built
    EDITS[edit](package)
    rebuilt = build_site(incremental)
    assert rebuilt.built, rebuilt.report.problems
    scratch = build_site(site_config(tmp_path / "scratch", package))
    assert scratch.built
    assert rebuilt.rendered is not None and scratch.rendered is not None
    assert rebuilt.rendered.rendered < scratch.rendered.rendered, "the rebuild rendered every page again"
    ours, theirs = _files(incremental.out), _files(tmp_path / "scratch" / "build" / "site")
    assert sorted(ours) == sorted(theirs)
    assert [path for path in ours if ours[path] != theirs[path]] == []


def test_an_unchanged_rebuild_renders_and_publishes_nothing(tmp_path: Path) -> None:
    config = site_config(tmp_path, make_package(tmp_path / "pkg"))
    assert build_site(config).built
    again = build_site(config)
    assert again.rendered is not None and again.published is not None
    assert (again.rendered.rendered, again.published.linked, again.published.removed) == (0, 0, 0)


def test_a_file_missing_from_a_store_is_made_again(tmp_path: Path) -> None:
    """A store's keys say a page or file was made; if it is gone, the rebuild makes it again."""
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
