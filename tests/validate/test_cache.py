"""A cached report is reused only while everything it depends on is unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from edutargets.tables import Table, read_table
from edutargets.validate import cache as report_cache
from edutargets.validate import validate_paths
from tests.conftest import set_cell


def lines(pkg: Path, cache: Path | None = None) -> list[str]:
    report = validate_paths([pkg], cache=cache)
    return [f"{p.path}:{p.line}:{p.field}: {p.message}" for p in report.sorted_problems()]


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_warm_cache_gives_the_cold_report(pkg: Path, cache: Path) -> None:
    set_cell(pkg / "outcomes.csv", 2, "value", "39.0")
    cold = lines(pkg)
    assert lines(pkg, cache) == cold
    assert len(list(cache.glob("report-*.json"))) == 1
    assert lines(pkg, cache) == cold
    summary = validate_paths([pkg], cache=cache).packages[0]
    assert summary.rows == {"regions": 3, "indicators": 3, "sources": 3, "targets": 1, "outcomes": 4}


def test_a_warm_cache_is_what_is_reused(pkg: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines(pkg, cache)
    monkeypatch.setattr("edutargets.validate.validate_package", lambda path: pytest.fail("validated again"))
    assert lines(pkg, cache) == []


def test_clean_row_edited_invalid_is_reported(pkg: Path, cache: Path) -> None:
    assert lines(pkg, cache) == []
    set_cell(pkg / "outcomes.csv", 3, "comparator", "≈")
    assert lines(pkg, cache) == ["pkg/outcomes.csv:3:comparator: '≈' is not one of the allowed values"]
    set_cell(pkg / "outcomes.csv", 3, "comparator", "=")
    assert lines(pkg, cache) == []


def test_descriptor_and_archived_copies_are_inputs(pkg: Path, cache: Path) -> None:
    set_cell(pkg / "sources.csv", 2, "url", "")
    set_cell(pkg / "sources.csv", 2, "copy", "documents/kunming-2006.txt")
    assert lines(pkg, cache) == [
        "pkg/sources.csv:2:copy: the archived copy 'documents/kunming-2006.txt' does not exist in the package"
    ]
    (pkg / "documents").mkdir()
    (pkg / "documents" / "kunming-2006.txt").write_text("市教育局工作要点", encoding="utf-8")
    assert lines(pkg, cache) == []
    (pkg / "documents" / "kunming-2006.txt").write_bytes("市教育局工作要点".encode("gb18030"))  # its bytes too
    assert lines(pkg, cache) == [
        "pkg/sources.csv:2:copy: the archived copy 'documents/kunming-2006.txt' is not UTF-8 text (byte 0 cannot be read)"
    ]
    (pkg / "documents" / "kunming-2006.txt").write_text("市教育局工作要点", encoding="utf-8")
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    outcomes = next(r for r in descriptor["resources"] if r["name"] == "outcomes")
    next(f for f in outcomes["schema"]["fields"] if f["name"] == "quote")["constraints"]["maxLength"] = 10
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    assert len([line for line in lines(pkg, cache) if "is longer than 10 characters" in line]) == 4


def test_paths_are_shown_from_the_working_folder(pkg: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    set_cell(pkg / "outcomes.csv", 2, "year", "2015年")
    assert lines(pkg, cache) == ["pkg/outcomes.csv:2:year: '2015年' is not a valid integer"]
    monkeypatch.chdir(pkg)
    assert lines(Path("."), cache) == ["./outcomes.csv:2:year: '2015年' is not a valid integer"]


def test_a_damaged_cache_is_ignored(pkg: Path, cache: Path) -> None:
    lines(pkg, cache)
    for file in cache.glob("report-*.json"):
        file.write_text('{"key": ', encoding="utf-8")
    assert lines(pkg, cache) == []
    key = next(cache.glob("report-*.json"))
    key.write_text(
        json.dumps({"key": json.loads(key.read_text(encoding="utf-8"))["key"], "problems": [{"slug": 1}]}),
        encoding="utf-8",
    )
    assert lines(pkg, cache) == []


def test_unreadable_descriptor_is_validated_not_cached(pkg: Path, cache: Path) -> None:
    (pkg / "datapackage.json").write_text('{"name": "x",\n "resources": [\n}', encoding="utf-8")
    assert lines(pkg, cache) == ["pkg/datapackage.json:3:None: invalid JSON: Expecting value"]
    assert report_cache.package_inputs(pkg / "datapackage.json", "pkg", "pkg/datapackage.json") is None


def test_after_an_edit_to_one_table_only_its_changed_rows_are_fresh(pkg: Path, cache: Path) -> None:
    assert lines(pkg, cache) == []
    inputs = lambda: report_cache.package_inputs(pkg / "datapackage.json", "pkg", "pkg/datapackage.json")  # noqa: E731
    set_cell(pkg / "outcomes.csv", 3, "note_en", "订正")
    clean = report_cache.clean_rows(cache, pkg, inputs())
    assert list(clean) == ["outcomes"]
    tables = {"outcomes": read_table(pkg / "outcomes.csv")}
    assert report_cache.fresh_rows(tables, clean)["outcomes"].tolist() == [False, True, False, False]
    set_cell(pkg / "targets.csv", 2, "note_en", "订正")
    assert report_cache.clean_rows(cache, pkg, inputs()) == {}  # two tables changed: every row is checked


def test_an_unchanged_row_is_checked_again_when_a_table_it_cites_changes(pkg: Path, cache: Path) -> None:
    assert lines(pkg, cache) == []
    set_cell(pkg / "sources.csv", 3, "published", "2015-01")
    assert lines(pkg, cache) == [
        "pkg/outcomes.csv:3:year: year 2020 is after source moe-bulletin-2020 was published (2015-01)",
        "pkg/outcomes.csv:5:year: year 2020 is after source moe-bulletin-2020 was published (2015-01)",
    ]


def test_fresh_rows_are_found_wherever_the_rows_moved() -> None:
    known = np.array([11, 12, 13, 14], dtype=np.uint64)
    moved = Table(
        path=Path("t.csv"), header=[], frame=pd.DataFrame(), row_hashes=np.array([99, 11, 12, 31, 14], dtype=np.uint64)
    )
    assert report_cache.fresh_rows({"t": moved}, {"t": known})["t"].tolist() == [True, False, False, True, False]
    in_place = Table(
        path=Path("t.csv"), header=[], frame=pd.DataFrame(), row_hashes=np.array([11, 12, 31], dtype=np.uint64)
    )
    assert report_cache.fresh_rows({"t": in_place}, {"t": known})["t"].tolist() == [False, False, True]
