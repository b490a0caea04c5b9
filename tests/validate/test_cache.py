"""A warm cache and the forked rules change how fast validation is, never what it reports."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from edutargets.validate import background, validate_paths
from tests.conftest import add_row, set_cell


def lines(pkg: Path, cache: Path | None = None) -> list[str]:
    report = validate_paths([pkg], cache=cache)
    return [f"{p.path}:{p.line}:{p.field}: {p.message}" for p in report.sorted_problems()]


def test_warm_cache_reports_what_a_cold_run_reports(pkg: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    set_cell(pkg / "outcomes.csv", 2, "value", "39.0")
    cold = lines(pkg)
    assert lines(pkg, cache) == cold
    files = sorted(cache.glob("cells-*.json"))
    assert len(files) == 5
    assert lines(pkg, cache) == cold
    assert sorted(cache.glob("cells-*.json")) == files


def test_clean_row_edited_invalid_is_reported_with_a_warm_cache(pkg: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert lines(pkg, cache) == []
    set_cell(pkg / "outcomes.csv", 3, "comparator", "≈")
    set_cell(pkg / "outcomes.csv", 4, "quote", "学前教育毛入园率达到75.0%" + "。" * 2000)
    add_row(pkg / "regions.csv", code="330000", name_zh="浙江省", name_en="Zhejiang", level="province", parent="000000")
    warm = lines(pkg, cache)
    assert warm == lines(pkg)
    assert "pkg/outcomes.csv:3:comparator: '≈' is not one of the allowed values" in warm
    assert any(line.startswith("pkg/outcomes.csv:4:quote: ") and "is longer than 2000 characters" in line for line in warm)
    assert "pkg/regions.csv:5:code: duplicate code (330000): line 3 has the same" in warm


def test_a_stricter_schema_is_not_answered_from_the_cache(pkg: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert lines(pkg, cache) == []
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    outcomes = next(r for r in descriptor["resources"] if r["name"] == "outcomes")
    next(f for f in outcomes["schema"]["fields"] if f["name"] == "quote")["constraints"]["maxLength"] = 10
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    warm = lines(pkg, cache)
    assert warm == lines(pkg)
    assert len([line for line in warm if "is longer than 10 characters" in line]) == 4


def test_a_damaged_cache_is_ignored(pkg: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    lines(pkg, cache)
    for file in cache.glob("cells-*.json"):
        file.write_text('{"not": "a list", ', encoding="utf-8")
    set_cell(pkg / "outcomes.csv", 2, "year", "2015年")
    assert lines(pkg, cache) == ["pkg/outcomes.csv:2:year: '2015年' is not a valid integer"]


def test_forked_rules_report_what_the_rules_report(pkg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    set_cell(pkg / "outcomes.csv", 2, "value", "39.0")
    set_cell(pkg / "outcomes.csv", 3, "year", "x")
    serial = lines(pkg)
    monkeypatch.setattr(background, "FORK_MIN_ROWS", 0)
    if not background._can_fork(1):
        pytest.skip("this machine runs the rules in one process (one CPU, or other threads)")
    assert lines(pkg) == serial
    monkeypatch.setattr(background, "_child", lambda ctx, writer: os._exit(3))
    assert lines(pkg) == serial  # the child died: the rules ran here instead
