"""Downloads: spreadsheet safety and reproducible archives."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import openpyxl
import pytest

from edutargets.downloads import excel_safe, write_downloads
from edutargets.model import load_dataset
from tests.conftest import set_cell

STAMP = datetime(2026, 11, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize(("cell", "safe"), [("=1+1", "'=1+1"), ("+86 10", "'+86 10"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("温州", "温州"), ("", "")])
def test_excel_safe(cell: str, safe: str) -> None:
    assert excel_safe(cell) == safe


def test_formula_cells_are_text_in_excel_files_only(pkg: Path, tmp_path: Path) -> None:
    set_cell(pkg / "outcomes.csv", 2, "note", '=HYPERLINK("http://example.org","x")')
    set_cell(pkg / "sources.csv", 2, "title", "@SUM(A1) 2015年公报")
    write_downloads(load_dataset(pkg), tmp_path / "downloads", STAMP)
    canonical = (tmp_path / "downloads" / "csv" / "outcomes.csv").read_text(encoding="utf-8")
    assert '"=HYPERLINK(""http://example.org"",""x"")"' in canonical
    excel = (tmp_path / "downloads" / "excel" / "outcomes.csv").read_bytes()
    assert excel.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(excel.decode("utf-8-sig"))))
    assert rows[1][8] == '\'=HYPERLINK("http://example.org","x")'
    workbook = openpyxl.load_workbook(tmp_path / "downloads" / "edutargets.xlsx")
    note = workbook["outcomes"]["I2"]
    assert note.data_type == "s" and note.value == '=HYPERLINK("http://example.org","x")'
    assert note.quotePrefix
    assert workbook["sources"]["B2"].value == "@SUM(A1) 2015年公报" and workbook["sources"]["B2"].quotePrefix


def test_archives_are_reproducible(pkg: Path, tmp_path: Path) -> None:
    dataset = load_dataset(pkg)
    write_downloads(dataset, tmp_path / "a", STAMP)
    write_downloads(dataset, tmp_path / "b", STAMP)
    for name in ("edutargets-datapackage.zip", "edutargets.xlsx"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    with zipfile.ZipFile(tmp_path / "a" / "edutargets-datapackage.zip") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 1, 0, 0, 0)}


def test_unchanged_inputs_are_not_written_again(pkg: Path, tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    write_downloads(load_dataset(pkg), folder, STAMP)
    xlsx = folder / "edutargets.xlsx"
    xlsx.write_bytes(b"stale")  # a file from an earlier build, left as it was when nothing changed
    write_downloads(load_dataset(pkg), folder, STAMP)
    assert xlsx.read_bytes() == b"stale"
    set_cell(pkg / "outcomes.csv", 2, "note", "changed")
    write_downloads(load_dataset(pkg), folder, STAMP)
    assert xlsx.read_bytes().startswith(b"PK")
