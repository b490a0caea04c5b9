"""Shared fixtures: a tiny package of real figures, copied into tmp_path for each test."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from edutargets.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "datapackages" / "edutargets"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_package(destination: Path, fixture: str = "tiny") -> Path:
    """A package folder with the shipped schema and a fixture's CSV files."""
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy(SHIPPED / "datapackage.json", destination / "datapackage.json")
    for csv_file in (FIXTURES / fixture).glob("*.csv"):
        shutil.copy(csv_file, destination / csv_file.name)
    return destination


@pytest.fixture
def pkg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tiny package at tmp_path/pkg, with the working folder at tmp_path."""
    monkeypatch.chdir(tmp_path)
    return make_package(tmp_path / "pkg")


def set_cell(path: Path, line: int, field: str, value: str) -> None:
    """Change one cell, addressed as an editor would: line number (header = 1) and column name."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[line - 1][rows[0].index(field)] = value
    write_rows(path, rows)


def add_row(path: Path, **cells: str) -> int:
    """Append a row (unnamed cells empty); returns its line number."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows.append([cells.get(name, "") for name in rows[0]])
    write_rows(path, rows)
    return len(rows)


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def problem_lines(result: Result) -> list[str]:
    """The 'path:line:field: message' lines of a text report, without hints and summary."""
    return [
        line
        for line in result.output.splitlines()
        if not line.startswith((" ", "invalid:", "valid:", "build stopped:"))
    ]
