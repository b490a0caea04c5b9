"""Downloads: spreadsheet safety, reproducible archives, and large tables offered in the zip only."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import frictionless
import openpyxl
import pytest

from edutargets.csvfile import excel_safe
from edutargets.downloads import LOOSE_MAX_ROWS, Downloads, count_rows, write_package_downloads
from edutargets.model import Dataset, load_dataset
from edutargets.site.overview import downloads_context, fill_sizes
from edutargets.site.render import Renderer
from edutargets.site.shape import SiteData
from edutargets.site.text import Strings
from edutargets.verdicts import verdicts_of
from tests.conftest import ROOT, set_cell

STAMP = datetime(2026, 11, 1, tzinfo=UTC)


def write_downloads(
    dataset: Dataset, folder: Path, stamp: datetime, loose_max_rows: int = LOOSE_MAX_ROWS, known: dict | None = None
) -> Downloads:
    """The downloads of a loaded dataset, with the verdicts the build computes for it."""
    verdicts = verdicts_of(dataset, stamp.date().isoformat())
    return write_package_downloads(dataset.path, folder, stamp, verdicts, known or {}, loose_max_rows)


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+86 10", "'+86 10"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("温州", "温州"),
        ("", ""),
    ],
)
def test_excel_safe(cell: str, safe: str) -> None:
    assert excel_safe(cell) == safe


def test_formula_cells_are_text_in_excel_files_only(pkg: Path, tmp_path: Path) -> None:
    set_cell(pkg / "outcomes.csv", 2, "note_en", '=HYPERLINK("http://example.org","x")')
    set_cell(pkg / "sources.csv", 2, "title", "@SUM(A1) 2015年公报")
    write_downloads(load_dataset(pkg), tmp_path / "downloads", STAMP)
    canonical = (tmp_path / "downloads" / "csv" / "outcomes.csv").read_text(encoding="utf-8")
    assert '"=HYPERLINK(""http://example.org"",""x"")"' in canonical
    excel = (tmp_path / "downloads" / "excel" / "outcomes.csv").read_bytes()
    assert excel.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(excel.decode("utf-8-sig"))))
    assert rows[1][rows[0].index("note_en")] == '\'=HYPERLINK("http://example.org","x")'
    workbook = openpyxl.load_workbook(tmp_path / "downloads" / "edutargets.xlsx")
    note = workbook["outcomes"].cell(2, rows[0].index("note_en") + 1)
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
    made = write_downloads(load_dataset(pkg), folder, STAMP)
    xlsx = folder / "edutargets.xlsx"
    xlsx.write_bytes(b"stale")  # a file from an earlier build, left as it was when nothing changed
    again = write_downloads(load_dataset(pkg), folder, STAMP, known=made.inputs)
    assert xlsx.read_bytes() == b"stale" and again.written == []
    set_cell(pkg / "outcomes.csv", 2, "note_en", "changed")
    changed = write_downloads(load_dataset(pkg), folder, STAMP, known=again.inputs)
    assert xlsx.read_bytes().startswith(b"PK")
    assert sorted(changed.written) == [
        "csv/outcomes.csv",
        "edutargets-datapackage.zip",
        "edutargets.xlsx",
        "excel/outcomes.csv",
    ]


def _excel_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def _sheet_rows(path: Path, sheet: str) -> list[list[str]]:
    rows = openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True)
    return [["" if cell is None else str(cell) for cell in row] for row in rows]


NAMES = ["region_name_zh", "region_name_en", "indicator_name_zh", "indicator_name_en"]


def test_excel_files_carry_names_beside_the_codes(pkg: Path, tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    write_downloads(load_dataset(pkg), folder, STAMP)
    expected = {
        "targets": ["330000", "浙江省", "Zhejiang", "compulsory_retention", "九年义务教育巩固率"],
        "outcomes": ["000000", "全国", "China", "compulsory_retention", "九年义务教育巩固率"],
    }
    for table, named in expected.items():
        for rows in (_excel_rows(folder / "excel" / f"{table}.csv"), _sheet_rows(folder / "edutargets.xlsx", table)):
            header = rows[0]
            start = header.index("region")
            assert header[start : start + 6] == ["region", *NAMES[:2], "indicator", *NAMES[2:]]
            assert rows[1][start : start + 5] == named
            assert rows[1][start + 5] == "Nine-year compulsory education retention rate"
        assert not set(NAMES) & set(_excel_rows(folder / "csv" / f"{table}.csv")[0])  # the package's table as it is
    assert (folder / "csv" / "outcomes.csv").read_bytes() == (pkg / "outcomes.csv").read_bytes()
    readme = _sheet_rows(folder / "edutargets.xlsx", "说明 README")
    assert ["targets", "region_name_en", "string"] in [r[:3] for r in readme]
    with zipfile.ZipFile(folder / "edutargets-datapackage.zip") as archive:
        assert archive.read("edutargets/outcomes.csv") == (pkg / "outcomes.csv").read_bytes()


def test_a_renamed_region_or_indicator_writes_the_excel_files_again(pkg: Path, tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    made = write_downloads(load_dataset(pkg), folder, STAMP)
    set_cell(pkg / "regions.csv", 3, "name_zh", "浙江")
    renamed = write_downloads(load_dataset(pkg), folder, STAMP, known=made.inputs)
    assert sorted(renamed.written) == [
        "csv/regions.csv", "edutargets-datapackage.zip", "edutargets.xlsx",
        "excel/outcomes.csv", "excel/regions.csv", "excel/targets.csv",
    ]  # fmt: skip
    assert _excel_rows(folder / "excel" / "targets.csv")[1][2] == "浙江"
    assert _sheet_rows(folder / "edutargets.xlsx", "targets")[1][2] == "浙江"
    set_cell(pkg / "indicators.csv", 3, "name_en", "Retention")
    again = write_downloads(load_dataset(pkg), folder, STAMP, known=renamed.inputs)
    assert {"excel/targets.csv", "excel/outcomes.csv"} <= set(again.written)
    assert "csv/targets.csv" not in again.written and "csv/outcomes.csv" not in again.written
    assert _excel_rows(folder / "excel" / "outcomes.csv")[1][5] == "Retention"


LIMIT = 3  # the tiny package's outcomes (4 rows) are then a large table; every other table has ≤ 3 rows


def test_a_large_table_is_offered_in_the_zip_only(pkg: Path, tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    files = write_downloads(load_dataset(pkg), folder, STAMP, loose_max_rows=LIMIT).files
    assert [f.path for f in files] == [
        "csv/indicators.csv", "csv/regions.csv", "csv/sources.csv", "csv/targets.csv",
        "edutargets-datapackage.zip", "edutargets.xlsx",
        "excel/indicators.csv", "excel/regions.csv", "excel/sources.csv", "excel/targets.csv",
    ]  # fmt: skip
    assert not (folder / "csv" / "outcomes.csv").exists() and not (folder / "excel" / "outcomes.csv").exists()
    workbook = openpyxl.load_workbook(folder / "edutargets.xlsx")
    assert workbook.sheetnames == ["说明 README", "regions", "indicators", "sources", "targets"]
    readme = [[c for c in row if c is not None] for row in workbook["说明 README"].iter_rows(values_only=True)]
    rule_zh, rule_en, outcomes_line = readme[0][0], readme[1][0], readme[2]
    assert "不超过 3 行的表" in rule_zh and "1,048,576" in rule_zh
    assert "at most 3 rows" in rule_en and "1,048,576" in rule_en
    assert outcomes_line[0] == "outcomes"
    assert (
        "outcomes：4 行" in outcomes_line[1]
        and "edutargets-datapackage.zip 的 edutargets/outcomes.csv" in outcomes_line[1]
    )
    assert "outcomes: 4 rows" in outcomes_line[1] and "region's page" in outcomes_line[1]
    assert ["outcomes", "value", "number"] == readme[[r[:2] for r in readme].index(["outcomes", "value"])][
        :3
    ]  # columns still explained


def test_the_zip_holds_every_row_and_validates(pkg: Path, tmp_path: Path) -> None:
    write_downloads(load_dataset(pkg), tmp_path / "downloads", STAMP, loose_max_rows=LIMIT)
    with zipfile.ZipFile(tmp_path / "downloads" / "edutargets-datapackage.zip") as archive:
        assert archive.read("edutargets/outcomes.csv") == (pkg / "outcomes.csv").read_bytes()
        archive.extractall(tmp_path / "unzipped")
    report = frictionless.Package(str(tmp_path / "unzipped" / "edutargets" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])


def test_a_table_that_grows_large_loses_its_loose_files(pkg: Path, tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    write_downloads(load_dataset(pkg), folder, STAMP)
    assert (folder / "csv" / "outcomes.csv").is_file() and "outcomes" in openpyxl.load_workbook(
        folder / "edutargets.xlsx"
    ).sheetnames
    write_downloads(load_dataset(pkg), folder, STAMP, loose_max_rows=LIMIT)  # same data, another rule: written again
    assert not (folder / "csv" / "outcomes.csv").exists() and not (folder / "excel" / "outcomes.csv").exists()
    assert "outcomes" not in openpyxl.load_workbook(folder / "edutargets.xlsx").sheetnames


@pytest.mark.parametrize(
    ("lang", "zip_only", "rule"),
    [
        ("zh", '只在数据包 zip 中（4 行）； <a href="../regions/">各地区的行见地区页面</a>', "不超过 3 行的表提供 CSV"),
        (
            "en",
            'In the zip only (4 rows); <a href="../../en/regions/">each region&#39;s rows on its page</a>',
            "Tables of at most 3 rows are offered",
        ),
    ],
)
def test_downloads_page_lists_only_files_that_exist(
    pkg: Path, tmp_path: Path, lang: str, zip_only: str, rule: str
) -> None:
    dataset = load_dataset(pkg)
    files = write_downloads(dataset, tmp_path / "downloads", STAMP, loose_max_rows=LIMIT).files
    strings = Strings.load(ROOT / "site_src" / "strings.yml")
    context = downloads_context(SiteData.from_dataset(dataset), lang, strings, "2026-11-01", [], loose_max_rows=LIMIT)
    # the page is made from the files offered, before they are written: the same files
    offered = [href.split("downloads/", 1)[1] for href in (d["contentUrl"] for d in context["jsonld"]["distribution"])]
    assert offered == [f.path for f in files]
    page = Renderer(ROOT / "site_src" / "templates", strings).render("downloads", context, lang)
    assert "ET-SIZE-edutargets.xlsx" in page
    page = fill_sizes(page, {f.path: f.size for f in files})
    assert "ET-SIZE" not in page
    xlsx = next(f.size for f in files if f.path == "edutargets.xlsx")
    assert f"edutargets.xlsx</a> ({xlsx / 1024:.0f} KB)" in page
    assert zip_only in page and rule in page and "1,048,576" in page
    assert "csv/outcomes.csv" not in page and "excel/outcomes.csv" not in page
    assert "downloads/csv/targets.csv" in page and "downloads/excel/targets.csv" in page
    assert "edutargets-datapackage.zip" in page and "edutargets.xlsx" in page


@pytest.mark.parametrize(
    ("data", "rows"),
    [
        (b"a,b\n1,2\n3,4\n", 2),
        (b"a,b\n1,2\n3,4", 2),
        (b"a,b\r\n\r\n1,2\r\n", 1),
        (b"\xef\xbb\xbfa,b\r\n1,2\r\n3,4", 2),  # BOM, CRLF, no newline at the end
        (b"a,b\n\n1,2\n\n", 1),  # blank lines are not rows
        (b'a,b\n1,"two\nlines"\n3,"say ""hi"""\n', 2),  # a quoted cell spanning lines is one row
        (b"a,b\n", 0),
        (b"", 0),
    ],
)
def test_count_rows(data: bytes, rows: int) -> None:
    assert count_rows(data) == rows
