"""Download files: the Data Package as a zip, each table as CSV (canonical and for Excel), and XLSX.

Every file is byte-for-byte reproducible from the same data: fixed timestamps inside zip and
XLSX, entries in sorted order. Cells that a spreadsheet would run as a formula are neutralised
in the Excel-oriented files only; the canonical CSV keeps the data exactly as curated.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import xlsxwriter

from edutargets.model import Dataset, load_dataset

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ZIP_NAME = "edutargets-datapackage.zip"
XLSX_NAME = "edutargets.xlsx"


@dataclass(frozen=True)
class DownloadFile:
    path: str
    size: int


def excel_safe(cell: str) -> str:
    """A cell that Excel or WPS will show as text, never evaluate (OWASP CSV injection advice)."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _package_files(dataset: Dataset) -> list[Path]:
    files = [dataset.path / "datapackage.json"]
    files += [dataset.resource_path(r["name"]) for r in dataset.descriptor["resources"]]
    files += sorted((dataset.path / "documents").glob("*.txt"))
    return files


def write_zip(dataset: Dataset, destination: Path, stamp: datetime) -> None:
    """The package folder as a zip that `frictionless validate` accepts, with fixed timestamps."""
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(_package_files(dataset), key=lambda p: p.relative_to(dataset.path).as_posix()):
            info = zipfile.ZipInfo(f"edutargets/{path.relative_to(dataset.path).as_posix()}", date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())


def _rows(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def write_excel_csv(source: Path, destination: Path) -> None:
    """UTF-8 with a BOM (so Excel shows Chinese correctly) and formula-like cells neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in _rows(source):
        writer.writerow([excel_safe(cell) for cell in row])
    destination.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))


def write_xlsx(dataset: Dataset, destination: Path, stamp: datetime) -> None:
    """One sheet per table and a first sheet explaining every column; strings are never formulas."""
    workbook = xlsxwriter.Workbook(str(destination), {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False})
    workbook.set_properties({"title": dataset.descriptor.get("title", ""), "created": stamp, "author": "edutargets"})
    bold = workbook.add_format({"bold": True})
    text_safe = workbook.add_format({"quote_prefix": True})
    readme = workbook.add_worksheet("说明 README")
    readme.write_row(0, 0, ["sheet 工作表", "column 列", "type 类型", "title 标题", "description 说明"], bold)
    line = 1
    for resource in dataset.descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            readme.write_row(line, 0, [resource["name"], field["name"], field["type"], field.get("title", ""), field.get("description", "")])
            line += 1
    readme.set_column(0, 2, 14)
    readme.set_column(3, 3, 30)
    readme.set_column(4, 4, 90)
    for resource in dataset.descriptor["resources"]:
        sheet = workbook.add_worksheet(resource["name"])
        types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
        rows = _rows(dataset.resource_path(resource["name"]))
        header = rows[0] if rows else []
        sheet.write_row(0, 0, header, bold)
        sheet.freeze_panes(1, 0)
        for r, row in enumerate(rows[1:], start=1):
            for c, cell in enumerate(row):
                kind = types.get(header[c], "string") if c < len(header) else "string"
                if kind in ("number", "integer") and cell:
                    sheet.write_number(r, c, float(cell))
                elif cell.startswith(FORMULA_STARTS):
                    sheet.write_string(r, c, cell, text_safe)
                else:
                    sheet.write_string(r, c, cell)
    workbook.close()


def inputs_digest(dataset: Dataset, stamp: datetime) -> str:
    """Checksum of everything the downloads are made from (as owid's etl checksums step inputs)."""
    digest = hashlib.sha256(stamp.isoformat().encode())
    for path in sorted(_package_files(dataset)):
        digest.update(path.relative_to(dataset.path).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def write_downloads(dataset: Dataset, folder: Path, stamp: datetime) -> list[DownloadFile]:
    """Write every download into folder, unless its inputs are unchanged since the files there
    were written; returns them with their sizes for the downloads page."""
    names = [ZIP_NAME, XLSX_NAME] + [f"{kind}/{r['name']}.csv" for r in dataset.descriptor["resources"] for kind in ("csv", "excel")]
    written = [folder / name for name in names]
    marker = folder / ".inputs-sha256"
    digest = inputs_digest(dataset, stamp)
    fresh = marker.is_file() and marker.read_text() == digest and all(p.is_file() for p in written)
    if not fresh:
        (folder / "csv").mkdir(parents=True, exist_ok=True)
        (folder / "excel").mkdir(parents=True, exist_ok=True)
        write_zip(dataset, folder / ZIP_NAME, stamp)
        write_xlsx(dataset, folder / XLSX_NAME, stamp)
        for resource in dataset.descriptor["resources"]:
            source = dataset.resource_path(resource["name"])
            (folder / "csv" / f"{resource['name']}.csv").write_bytes(source.read_bytes())
            write_excel_csv(source, folder / "excel" / f"{resource['name']}.csv")
        marker.write_text(digest)
    return sorted((DownloadFile(p.relative_to(folder).as_posix(), p.stat().st_size) for p in written), key=lambda f: f.path)


def write_package_downloads(package: Path, folder: Path, stamp: datetime) -> list[DownloadFile]:
    """write_downloads for a package folder, so that another process can do it from a path."""
    return write_downloads(load_dataset(package), folder, stamp)
