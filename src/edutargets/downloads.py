"""Download files: the Data Package as a zip, and each table as CSV (canonical and for Excel) and XLSX.

One rule at every size: a table of at most `LOOSE_MAX_ROWS` rows is offered on its own, as
canonical CSV, CSV for Excel and a sheet of the XLSX workbook. A larger table is offered complete
only inside the Data Package zip, and one region at a time as the CSV files of the region pages;
the workbook's README sheet says so, with its row count. A million-row table would make a
spreadsheet of tens of megabytes that takes most of a minute to write and Excel cannot open
beyond 1,048,576 rows, and two loose copies of it would be most of the site's size.

Every file is byte-for-byte reproducible from the same data: fixed timestamps inside zip and
XLSX, entries in sorted order. Cells that a spreadsheet would run as a formula are neutralised
in the Excel-oriented files only; the canonical CSV keeps the data exactly as curated. The
Excel-oriented files (CSV for Excel, XLSX sheets) of the tables that cite regions and indicators
by code also carry their names beside the codes (`NAMED`), so that a sheet reads without a lookup;
the canonical CSV and the zip stay the package's tables. Each package file is read once; the files
are written again only when one of their inputs changes (the names' tables included).
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter

from edutargets.csvfile import FORMULA_STARTS, excel_bytes, records_of
from edutargets.store import list_files, remove_files, write_with
from edutargets.verdicts import extend_descriptor, extend_targets

ZIP_NAME = "edutargets-datapackage.zip"
XLSX_NAME = "edutargets.xlsx"
LOOSE_MAX_ROWS = 100_000
"""Largest table offered as loose CSV files and an XLSX sheet; larger ones are in the zip only."""
EXCEL_MAX_ROWS = 1_048_576
ZIP_LEVEL = 3
"""Half the time of zlib's default level for a sixth more bytes (README, Benchmarks). The zip is rewritten on
every edit of the data, beside validation, so its time is a rebuild's."""
FORMAT = "5"
"""Changes when the files written from the same inputs change, so that old files are not kept."""


@dataclass(frozen=True)
class DownloadFile:
    path: str
    size: int


@dataclass(frozen=True)
class TableFile:
    """One resource of the package: its bytes as read once, and its number of data rows."""

    name: str
    path: Path
    data: bytes
    rows: int


def zip_only_note(name: str, rows: int, limit: int) -> str:
    """The README sheet's line for a table that has no sheet, in Chinese and English."""
    return (
        f"{name}：{rows:,} 行，超过 {limit:,} 行，本工作簿不含此表。完整数据在 {ZIP_NAME} 的 edutargets/{name}.csv 中；"
        f"每个地区的数据可在该地区页面下载 CSV。"
        f" / {name}: {rows:,} rows, more than {limit:,}, so not in this workbook. All rows are in {ZIP_NAME}"
        f" (edutargets/{name}.csv); each region's rows are a CSV download on that region's page."
    )


def rule_lines(limit: int) -> list[str]:
    """The rule, in Chinese and English, as the README sheet states it."""
    return [
        f"不超过 {limit:,} 行的表：在本工作簿中各占一个工作表，另提供 CSV 和供 Excel 使用的 CSV。更大的表只在数据包 zip 中完整提供，"
        f"并在各地区页面按地区提供 CSV：否则工作簿会过大，且 Excel 每个工作表最多 {EXCEL_MAX_ROWS:,} 行。",
        f"Tables of at most {limit:,} rows have a sheet in this workbook and are also offered as CSV and CSV for Excel. Larger tables"
        f" are complete only in the Data Package zip, and per region as the CSV files of the region pages: a workbook of them would be"
        f" too large, and an Excel sheet holds at most {EXCEL_MAX_ROWS:,} rows.",
    ]


NAMED = {"targets": ("region", "indicator"), "outcomes": ("region", "indicator")}
"""The tables whose Excel-oriented files carry names beside these code columns."""
NAME_TABLES = {"region": "regions", "indicator": "indicators"}
"""Where each code column's names are: the table whose first column is the code, with name_zh and name_en."""
NAME_DESCRIPTIONS = {
    "name_zh": "{column} 的中文名称，取自 {table} 表（仅在 Excel 文件中） / "
    "The {column}'s name in Chinese, from {table} (Excel files only)",
    "name_en": "{column} 的英文名称，取自 {table} 表（仅在 Excel 文件中） / "
    "The {column}'s name in English, from {table} (Excel files only)",
}


def name_lookup(records: list[list[str]]) -> dict[str, tuple[str, str]]:
    """Each code of a names table (regions, indicators): its name_zh and name_en."""
    if not records:
        return {}
    header = records[0]
    zh, en = header.index("name_zh"), header.index("name_en")
    return {row[0]: (row[zh], row[en]) for row in records[1:] if len(row) > max(zh, en)}


Names = dict[str, dict[str, tuple[str, str]]]
"""By code column (region, indicator): each code's name_zh and name_en."""


def with_names(records: list[list[str]], table: str, names: Names) -> list[list[str]]:
    """A table's records with `<column>_name_zh` and `<column>_name_en` after each code column of
    NAMED; other tables as they are. A code without a name (invalid data) gets empty names."""
    header = records[0] if records else []
    columns = [c for c in NAMED.get(table, ()) if c in header]
    if not columns:
        return records
    positions = {header.index(c): names.get(c, {}) for c in columns}
    result = []
    for number, row in enumerate(records):
        cells: list[str] = []
        for c, cell in enumerate(row):
            cells.append(cell)
            if c in positions:
                names_here = positions[c].get(cell, ("", ""))
                cells += [f"{cell}_name_zh", f"{cell}_name_en"] if number == 0 else names_here
        result.append(cells)
    return result


def count_rows(data: bytes) -> int:
    """Data rows of a CSV file as the package's reader counts them: records after the header,
    blank lines skipped, a quoted cell spanning lines counted once."""
    if b'"' not in data:
        if b"\r" not in data and b"\n\n" not in data and not data.startswith(b"\n"):
            return max(data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1) - 1, 0)
        return max(sum(1 for line in data.splitlines() if line) - 1, 0)
    text = data.decode("utf-8-sig")
    return max(sum(1 for record in csv.reader(io.StringIO(text)) if record) - 1, 0)


def _package_paths(package: Path, descriptor: dict[str, Any]) -> list[Path]:
    files = [package / "datapackage.json"]
    files += [package / r["path"] for r in descriptor["resources"]]
    files += sorted((package / "documents").glob("*.txt"))
    return sorted(files, key=lambda p: p.relative_to(package).as_posix())


def write_zip(package: Path, contents: dict[Path, bytes], destination: Path, stamp: datetime) -> None:
    """The package folder as a zip that `frictionless validate` accepts, with fixed timestamps."""
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, data in contents.items():
            info = zipfile.ZipInfo(f"edutargets/{path.relative_to(package).as_posix()}", date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=ZIP_LEVEL)


def write_xlsx(
    descriptor: dict[str, Any],
    sheets: dict[str, list[list[str]]],
    zip_only: list[TableFile],
    limit: int,
    destination: Path,
    stamp: datetime,
) -> None:
    """A first sheet stating the rule, where the tables without a sheet are and what every column
    means; then one sheet per table in `sheets`. Strings are never formulas."""
    workbook = xlsxwriter.Workbook(
        str(destination),
        {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    workbook.set_properties({"title": descriptor.get("title", ""), "created": stamp, "author": "edutargets"})
    bold = workbook.add_format({"bold": True})
    text_safe = workbook.add_format({"quote_prefix": True})
    readme = workbook.add_worksheet("说明 README")
    line = 0
    for text in rule_lines(limit):
        readme.write_string(line, 0, text)
        line += 1
    for table in zip_only:
        readme.write_string(line, 0, table.name, bold)
        readme.write_string(line, 1, zip_only_note(table.name, table.rows, limit))
        line += 1
    line += 1
    readme.write_row(line, 0, ["table 表", "column 列", "type 类型", "title 标题", "description 说明"], bold)
    line += 1
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            readme.write_row(
                line,
                0,
                [resource["name"], field["name"], field["type"], field.get("title", ""), field.get("description", "")],
            )
            line += 1
            if field["name"] in NAMED.get(resource["name"], ()):
                for suffix, about in NAME_DESCRIPTIONS.items():
                    about = about.format(column=field["name"], table=NAME_TABLES[field["name"]])
                    readme.write_row(line, 0, [resource["name"], f"{field['name']}_{suffix}", "string", "", about])
                    line += 1
    readme.set_column(0, 2, 14)
    readme.set_column(3, 3, 30)
    readme.set_column(4, 4, 90)
    for resource in descriptor["resources"]:
        if resource["name"] not in sheets:
            continue
        sheet = workbook.add_worksheet(resource["name"])
        rows = sheets[resource["name"]]
        header = rows[0] if rows else []
        types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
        numeric = {c for c, name in enumerate(header) if types.get(name) in ("number", "integer")}
        sheet.write_row(0, 0, header, bold)
        sheet.freeze_panes(1, 0)
        write_string, write_number = sheet.write_string, sheet.write_number
        for r, row in enumerate(rows[1:], start=1):
            for c, cell in enumerate(row):
                if not cell:
                    continue  # a blank cell, as an empty CSV cell reads in a spreadsheet
                if c in numeric:
                    write_number(r, c, float(cell))
                elif cell.startswith(FORMULA_STARTS):
                    write_string(r, c, cell, text_safe)
                else:
                    write_string(r, c, cell)
    workbook.close()


def offered_files(rows: Mapping[str, int], loose_max_rows: int = LOOSE_MAX_ROWS) -> list[str]:
    """The files `plan_downloads` writes for tables of these row counts (by table name), sorted:
    each table of at most `loose_max_rows` rows as canonical CSV and CSV for Excel, the zip and the
    workbook. Known before they are written: the downloads page is made from it, beside them."""
    loose = [name for name, count in rows.items() if count <= loose_max_rows]
    return sorted([*(f"{kind}/{name}.csv" for name in loose for kind in ("csv", "excel")), ZIP_NAME, XLSX_NAME])


def _digest(*parts: bytes | str) -> str:
    """Checksum of what one file is made from (as owid's etl checksums step inputs)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part.encode() if isinstance(part, str) else part).digest())
    return digest.hexdigest()[:16]


Plan = dict[str, tuple[dict[str, str], Callable[[Path], None]]]
"""Each download file by name: the digests of its inputs, and how to write it."""


def plan_downloads(
    package: Path, stamp: datetime, verdicts: dict[str, list[str]], loose_max_rows: int = LOOSE_MAX_ROWS
) -> Plan:
    """Every download file with its inputs. The targets table is published with the targets'
    verdicts (verdicts.py) after its curated columns. Editing the rows of one table changes the
    zip's and that table's files' inputs, not the workbook's of the others."""
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8-sig"))
    contents = {path: path.read_bytes() for path in _package_paths(package, descriptor)}
    targets_path = next(package / r["path"] for r in descriptor["resources"] if r["name"] == "targets")
    published_descriptor = extend_descriptor(descriptor)
    published = dict(contents)
    published[targets_path] = extend_targets(contents[targets_path], verdicts)
    published[package / "datapackage.json"] = (
        json.dumps(published_descriptor, ensure_ascii=False, indent=2) + "\n"
    ).encode("utf-8")
    tables = [
        TableFile(
            r["name"], package / r["path"], published[package / r["path"]], count_rows(contents[package / r["path"]])
        )
        for r in descriptor["resources"]
    ]
    offered = set(offered_files({t.name: t.rows for t in tables}, loose_max_rows))
    loose = [t for t in tables if f"csv/{t.name}.csv" in offered]
    zip_only = [t for t in tables if f"csv/{t.name}.csv" not in offered]
    common = {"format": FORMAT, "rows": str(loose_max_rows), "date": stamp.isoformat()}
    paths = {r["name"]: package / r["path"] for r in descriptor["resources"]}
    name_data = {column: published[paths[name]] for column, name in NAME_TABLES.items() if name in paths}
    names_digest = _digest(*(part for column, data in sorted(name_data.items()) for part in (column, data)))

    @functools.cache
    def names() -> Names:
        return {column: name_lookup(records_of(data)) for column, data in name_data.items()}

    def excel_records(table: TableFile) -> list[list[str]]:
        records = records_of(table.data)
        return with_names(records, table.name, names()) if table.name in NAMED else records

    plan: Plan = {}
    for table in loose:
        data = table.data
        inputs = {**common, "table": _digest(data)}
        excel_inputs = {**inputs, "names": names_digest} if table.name in NAMED else inputs
        plan[f"csv/{table.name}.csv"] = (inputs, lambda target, data=data: target.write_bytes(data))

        def write_excel(target, table=table):
            return target.write_bytes(excel_bytes(excel_records(table)))

        plan[f"excel/{table.name}.csv"] = (excel_inputs, write_excel)
    package_digest = _digest(
        *(part for path, data in published.items() for part in (path.relative_to(package).as_posix(), data))
    )
    plan[ZIP_NAME] = (
        {**common, "package": package_digest},
        lambda target: write_zip(package, published, target, stamp),
    )
    xlsx = {
        **common,
        "descriptor": _digest(published[package / "datapackage.json"]),
        "tables": _digest(*(t.data for t in loose), *(f"{t.name} {t.rows}" for t in zip_only)),
    }
    xlsx["names"] = names_digest

    def sheets():
        return {t.name: excel_records(t) for t in loose}  # made only when the workbook is written

    plan[XLSX_NAME] = (
        xlsx,
        lambda target: write_xlsx(published_descriptor, sheets(), zip_only, loose_max_rows, target, stamp),
    )
    return plan


@dataclass(frozen=True)
class Downloads:
    """What writing the downloads did: every file with its size, and the inputs it was made from."""

    files: list[DownloadFile]
    inputs: dict[str, dict[str, str]]
    written: list[str]


def write_package_downloads(
    package: Path,
    folder: Path,
    stamp: datetime,
    verdicts: dict[str, list[str]],
    known: Mapping[str, Mapping[str, str]],
    loose_max_rows: int = LOOSE_MAX_ROWS,
) -> Downloads:
    """Write into folder each download file whose inputs differ from `known` (by file name, as
    the build's manifest keeps them) or that is missing; remove files no longer offered."""
    plan = plan_downloads(package, stamp, verdicts, loose_max_rows)
    written = []
    for name, (inputs, write) in plan.items():
        if known.get(name) != inputs or not (folder / name).is_file():
            write_with(folder / name, write)
            written.append(name)
    remove_files(folder, set(list_files(folder)) - set(plan))
    files = sorted((DownloadFile(name, (folder / name).stat().st_size) for name in plan), key=lambda f: f.path)
    return Downloads(files, {name: inputs for name, (inputs, _) in plan.items()}, written)
