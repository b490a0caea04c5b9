"""Table Schema checks by the real frictionless validator, re-told in the catalogue's terms.

There are two paths, and they report the same problems.

The full path hands the package to ``frictionless.Package.validate()``, whose per-row
bookkeeping (and keys above all) is most of a national-scale validation's time.

The fast path splits that work by what it depends on:

- the descriptor, the header and the key references (a foreign key to a resource that does
  not exist): ``Package.validate()`` on a copy of the package whose files hold only their
  header line, so every descriptor-level error comes from frictionless as before;
- each cell: frictionless's own cell reader, once per distinct value of a field (cells.py);
- rows whose cell count differs from the header's: frictionless's ``Row`` (cells.py);
- primary keys, unique fields and foreign keys: numpy over frictionless's typed values,
  with frictionless's semantics (keys.py).

Each table's errors are then cut at frictionless's limit (1,000), in frictionless's order.
The fast path needs a package whose tables are
plain UTF-8 CSV files read the same way by frictionless and by ``tables.read_table``: no
dialect or declared stats, a header equal to the schema's field names, and a sample that
csv's sniffer reads as comma-separated with double quotes, as frictionless would sniff it.
Any other package takes the full path.
"""

from __future__ import annotations

import copy
import csv
import heapq
import io
import itertools
import tempfile
from pathlib import Path
from typing import Any

import frictionless
import numpy as np
from frictionless import errors as ferrors

from edutargets.tables import LINE, Table, decode, record_lines
from edutargets.validate.cells import CellResult, Found, check_cells
from edutargets.validate.errors import DescriptorError, Problem
from edutargets.validate.keys import KeyTable, check_keys, key_fields, referenced_fields
from edutargets.validate.translate import drop_echoes, translate

LIMIT_ERRORS = frictionless.settings.DEFAULT_LIMIT_ERRORS
SAMPLE_LINES = 100  # lines frictionless's CSV parser sniffs the dialect from
_BLOCKING_KEYS = ("dialect", "hash", "bytes", "rows", "fields", "data", "compression", "innerpath", "extrapaths")


class _Locator:
    """Maps frictionless row numbers (header = row 1) to editor lines, reading the file once."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lines: list[int] | None = None

    def line(self, row_number: int | None) -> int | None:
        if row_number is None:
            return None
        if self._lines is None:
            self._lines = record_lines(decode(self._path.read_bytes()))
        index = row_number - 1
        return self._lines[index] if 0 <= index < len(self._lines) else row_number


def check_package(descriptor: dict[str, Any], base: Path, shown_base: str, shown_descriptor: str) -> list[Problem]:
    """The full path: validate the package with frictionless and translate every error."""
    try:
        package = frictionless.Package(descriptor, basepath=str(base))
        report = package.validate()
    except frictionless.FrictionlessException as exception:
        return [DescriptorError.at(shown_descriptor, None, None, detail=str(exception))]
    except Exception as exception:  # e.g. a constraint frictionless cannot apply: minimum "abc"
        return [
            DescriptorError.at(
                shown_descriptor,
                None,
                None,
                detail=f"frictionless cannot apply the schema: {type(exception).__name__}: {exception}",
            )
        ]
    problems = [DescriptorError.at(shown_descriptor, None, None, detail=e.message) for e in report.errors]
    resources = {r["name"]: r for r in descriptor["resources"]}
    for task in report.tasks:
        resource = resources.get(task.name, {})
        path = base / resource.get("path", task.place)
        shown = f"{shown_base}/{resource.get('path', task.place)}"
        locator = _Locator(path)
        problems.extend(translate(e, shown, locator.line, resource, task.labels) for e in task.errors)
    return drop_echoes(problems)


def _sample(path: Path) -> bytes:
    with path.open("rb") as handle:
        return b"".join(itertools.islice(handle, SAMPLE_LINES))


def _header_is_first_row(table: Table) -> bool:
    """Whether frictionless takes line 1 as the header: it takes the first of its first 100
    records whose cell count is within 10% of their average (Detector.detect_dialect)."""
    lines = sorted(set(table.frame[LINE].iloc[: SAMPLE_LINES - 1].tolist()) | set(table.odd))[: SAMPLE_LINES - 1]
    widths = [len(table.header)] + [len(table.odd[line]) if line in table.odd else len(table.header) for line in lines]
    width = round(sum(widths) / len(widths))
    drift = max(round(width * 0.1), 1)
    return width - drift <= len(table.header) <= width + drift


def _sniffs_as_plain_csv(text: str) -> bool:
    """Whether frictionless's dialect sniffing reads this sample as the csv module's default."""
    try:
        found = csv.Sniffer().sniff(text, ",\t;|")
    except csv.Error:
        return True
    quote = '"' if found.quotechar == "'" else found.quotechar
    return found.delimiter == "," and quote == '"' and not found.skipinitialspace and found.escapechar is None


def _header_bytes(sample: bytes) -> bytes | None:
    """The header record as written (BOM and line end included), or None if it is unusual."""
    lines = sample.splitlines(keepends=True)
    reader = csv.reader(io.StringIO(sample.decode("utf-8", errors="replace"), newline=""))
    try:
        next(reader)
    except (StopIteration, csv.Error):
        return None
    if reader.line_num >= len(lines) and not sample.endswith(b"\n"):
        return b"".join(lines)
    return b"".join(lines[: reader.line_num]) if reader.line_num < SAMPLE_LINES else None


def _fast_path_headers(descriptor: dict[str, Any], base: Path, tables: dict[str, Table]) -> dict[str, bytes] | None:
    """Each resource's header bytes when the fast path reads the package as frictionless would."""
    headers = {}
    for resource in descriptor["resources"]:
        schema = resource.get("schema")
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            return None
        names = [f.get("name") if isinstance(f, dict) else None for f in schema["fields"]]
        if not all(isinstance(n, str) and n for n in names) or len(set(names)) != len(names):
            return None
        path = resource.get("path")
        if any(key in resource for key in _BLOCKING_KEYS) or not isinstance(path, str):
            return None
        if resource.get("format", "csv" if path.lower().endswith(".csv") else None) != "csv":
            return None
        if str(resource.get("encoding")).lower() not in ("utf-8", "utf8") or resource.get("scheme", "file") != "file":
            return None  # without a declared encoding frictionless guesses one with chardet
        if schema.get("fieldsMatch", "exact") != "exact":
            return None
        table = tables.get(resource["name"])
        if table is None or table.header != names or not _header_is_first_row(table):
            return None
        sample = _sample(base / path)
        header = _header_bytes(sample)
        if header is None or not _sniffs_as_plain_csv(sample.decode("utf-8", errors="replace")):
            return None
        if not _sniffs_as_plain_csv(header.decode("utf-8", errors="replace")):
            return None
        headers[resource["name"]] = header
    return headers


def _skeleton(
    descriptor: dict[str, Any], headers: dict[str, bytes]
) -> tuple[frictionless.Package, frictionless.Report]:
    """Validate the package with header-only files: descriptor, header and reference errors."""
    with tempfile.TemporaryDirectory(prefix="edutargets-skeleton-") as folder:
        for resource in descriptor["resources"]:
            target = Path(folder) / resource["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(headers[resource["name"]])
        package = frictionless.Package(copy.deepcopy(descriptor), basepath=folder)
        return package, package.validate()


def check_tables(
    descriptor: dict[str, Any],
    base: Path,
    shown_base: str,
    shown_descriptor: str,
    tables: dict[str, Table],
    fresh: dict[str, np.ndarray] | None = None,
) -> list[Problem]:
    """Every Table Schema problem of the package, from the tables ``read_table`` gave.

    ``fresh``: by table, the rows whose cells need checking, when the others are known to have
    passed before (cells.py); the full path checks every row regardless."""
    headers = _fast_path_headers(descriptor, base, tables)
    if headers is None:
        return check_package(descriptor, base, shown_base, shown_descriptor)
    try:
        package, report = _skeleton(descriptor, headers)
    except frictionless.FrictionlessException as exception:
        return [DescriptorError.at(shown_descriptor, None, None, detail=str(exception))]
    except Exception:  # whatever frictionless trips on, the full path reports it as before
        return check_package(descriptor, base, shown_base, shown_descriptor)
    problems = [DescriptorError.at(shown_descriptor, None, None, detail=e.message) for e in report.errors]
    resources = {r["name"]: r for r in descriptor["resources"]}
    shown = {name: f"{shown_base}/{r['path']}" for name, r in resources.items()}
    opened: dict[str, list[Found]] = {}  # tables frictionless would read, with their header errors
    for task in report.tasks:
        resource = resources.get(task.name, {})
        translated = [translate(e, shown[task.name], lambda n: n, resource, task.labels) for e in task.errors]
        if all(isinstance(e, (ferrors.LabelError, ferrors.HeaderError)) for e in task.errors):
            opened[task.name] = [Found(0, rank, lambda p=p: p) for rank, p in enumerate(translated)]
        else:
            problems.extend(translated)  # frictionless could not open the table: no row is read
    schemas = {name: package.get_resource(name).schema for name in resources}
    wanted = referenced_fields(schemas)
    key_tables: dict[str, KeyTable] = {}
    found: dict[str, CellResult] = {}
    for name, resource in resources.items():
        table = tables[name]
        typed = key_fields(schemas[name]) | wanted.get(name, set())
        found[name] = result = check_cells(
            table, schemas[name].fields, shown[name], shown_descriptor, resource, typed, (fresh or {}).get(name)
        )
        empty = [line for line, cells in table.odd.items() if not cells]
        key_tables[name] = KeyTable(
            name, shown[name], resource, schemas[name], table.frame, list(table.header), result.columns, empty
        )
    keys_readable = not any(result.problems for result in found.values())  # else a key field went unread
    for name in resources:
        if name in opened:
            problems.extend(found[name].problems)
            errors = (
                opened[name] + found[name].found + (check_keys(key_tables[name], key_tables) if keys_readable else [])
            )
            problems.extend(entry.make() for entry in heapq.nsmallest(LIMIT_ERRORS, errors))
    return drop_echoes(problems)
