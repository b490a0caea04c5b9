"""Validate data packages: descriptor, encodings, Table Schema (frictionless), then domain rules.

The result is always a ``Report``; nothing here raises for a curator's mistake.

frictionless's row-by-row validation does not scale to a million rows (README, Benchmarks), so
the tables are read once (tables.py), the Table Schema checks run on distinct values and whole
columns (schema_checks.py), and the domain rules run beside them in a forked process
(background.py); the report is the same. A rebuild whose package did not change reuses the
last report (cache.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import numpy as np

from edutargets.tables import NotCsv, NotUtf8, Table, read_table
from edutargets.validate import cache as report_cache
from edutargets.validate.background import BackgroundRules, run_beside
from edutargets.validate.descriptor import check_resource_paths, load_descriptor
from edutargets.validate.errors import CsvSyntaxError, EmptyFileError, EncodingError, PackageNotFoundError, Problem
from edutargets.validate.report import PackageSummary, Report
from edutargets.validate.rules import RuleContext
from edutargets.validate.schema_checks import check_tables

DESCRIPTOR = "datapackage.json"


def shown_path(path: Path) -> str:
    """A path as the user would type it: relative to the working folder where possible."""
    try:
        return Path(os.path.relpath(path.resolve(), Path.cwd())).as_posix()
    except ValueError:
        return path.as_posix()


def find_packages(root: Path) -> list[Path]:
    """Every datapackage.json one level below root, in a stable order."""
    return sorted(root.glob(f"*/{DESCRIPTOR}"))


def descriptor_path(path: Path) -> Path:
    return path / DESCRIPTOR if path.is_dir() else path


def _read_files(descriptor: dict, base: Path, shown_base: str) -> tuple[dict[str, Table], list[Problem]]:
    tables, problems = {}, []
    for resource in descriptor["resources"]:
        path = base / resource["path"]
        shown = f"{shown_base}/{resource['path']}"
        if path.stat().st_size == 0:
            header = ",".join(f["name"] for f in resource.get("schema", {}).get("fields", []))
            problems.append(EmptyFileError.at(shown, 1, None, header=header))
            continue
        try:
            tables[resource["name"]] = read_table(path)
        except NotUtf8 as error:
            guess = f"; it looks like {error.guess}" if error.guess else ""
            problems.append(EncodingError.at(shown, error.line, None, offset=error.offset, guess=guess))
        except NotCsv as error:
            problems.append(CsvSyntaxError.at(shown, error.line, None, detail=error.detail))
    return tables, problems


def validate_package(
    path: Path,
    meanwhile: Callable[[dict[str, Table]], None] | None = None,
    clean: dict[str, np.ndarray] | None = None,
) -> tuple[list[Problem], PackageSummary, dict[str, Table]]:
    """All problems in one package, its row counts, and its tables for later use.

    ``meanwhile(tables)`` is work that needs the tables once read but none of the verdict (a
    build loads and shapes them): for a large package it runs here while a forked process
    checks them; for a small one, after the checks and only if they found nothing. It must
    not write anything a reader sees: its error is raised only when the package is valid.

    ``clean``: by table, hashes of rows known to pass the checks made row by row (cache.py);
    only the table's other rows go through them.
    """
    descriptor_file = descriptor_path(path)
    base = descriptor_file.parent
    shown_descriptor, shown_base = shown_path(descriptor_file), shown_path(base)
    summary = PackageSummary(path=shown_base)
    if not descriptor_file.is_file():
        return [PackageNotFoundError.at(shown_descriptor)], summary, {}
    descriptor, problems = load_descriptor(descriptor_file, shown_descriptor)
    if descriptor is None:
        return problems, summary, {}
    problems = check_resource_paths(descriptor, base, shown_descriptor)
    if problems:
        return problems, summary, {}
    tables, problems = _read_files(descriptor, base, shown_base)
    if problems:
        return problems, summary, tables
    shown = {r["name"]: f"{shown_base}/{r['path']}" for r in descriptor["resources"]}
    summary.rows = {name: len(table.frame) for name, table in tables.items()}
    rows = sum(summary.rows.values())
    fresh = report_cache.fresh_rows(tables, clean or {})

    def check() -> list[Problem]:
        with BackgroundRules(RuleContext(tables=tables, shown=shown, fresh=fresh), rows) as rules:
            return check_tables(descriptor, base, shown_base, shown_descriptor, tables, fresh) + rules.result()

    if meanwhile is None:
        return check(), summary, tables
    problems, failure = run_beside(check, lambda: meanwhile(tables), rows)
    if failure is not None and not problems:
        raise failure
    return problems, summary, tables


def validate_paths(paths: list[Path], cache: Path | None = None) -> Report:
    """One report over several packages (folders or datapackage.json files).

    With a ``cache`` folder, a package whose files, validation code and shown paths are all
    as they were last time gets last time's report (validate/cache.py).
    """
    report = Report()
    for path in paths:
        problems, summary = validate_cached(path, cache)[:2] if cache is not None else validate_package(path)[:2]
        report.extend(problems)
        report.packages.append(summary)
    return report


def validate_cached(
    path: Path, cache: Path, meanwhile: Callable[[dict[str, Table]], None] | None = None
) -> tuple[list[Problem], PackageSummary, dict[str, Table]]:
    """One package's problems and row counts, from the cache when its inputs are unchanged; the
    tables validation read (empty on a cache hit), so that the build need not read them again.
    ``meanwhile`` as in validate_package; it is not run on a cache hit. After an edit to one
    table, only its rows not known clean go through the row-by-row checks (cache.py)."""
    descriptor_file = descriptor_path(path)
    base = descriptor_file.parent
    inputs = (
        report_cache.package_inputs(descriptor_file, shown_path(base), shown_path(descriptor_file))
        if descriptor_file.is_file()
        else None
    )
    if inputs is None:
        return validate_package(path, meanwhile)
    if (stored := report_cache.load(cache, base, inputs.key)) is not None:
        return (*stored, {})
    problems, summary, tables = validate_package(path, meanwhile, report_cache.clean_rows(cache, base, inputs))
    report_cache.save(cache, base, inputs.key, problems, summary)
    if not problems:
        report_cache.save_clean_rows(cache, base, inputs, tables)
    return problems, summary, tables
