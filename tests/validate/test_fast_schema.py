"""The fast Table Schema path (distinct values, numpy keys) reports what frictionless reports.

Each case edits the tiny package, then compares the fast path's problems with those of
``Package.validate()`` on the whole package (the full path), problem for problem.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from edutargets.tables import read_table
from edutargets.validate.errors import Problem
from edutargets.validate.schema_checks import _fast_path_headers, check_package, check_tables
from tests.conftest import add_row, set_cell


def _order(problems: list[Problem]) -> list[tuple]:
    return sorted((p.path, p.line or 0, p.field or "", p.slug, p.message) for p in problems)


def both_paths(pkg: Path) -> tuple[list[tuple], list[tuple], bool]:
    """(fast problems, full problems, whether the fast path applied)."""
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    tables = {r["name"]: read_table(pkg / r["path"]) for r in descriptor["resources"]}
    fast = check_tables(descriptor, pkg, "pkg", "pkg/datapackage.json", tables)
    full = check_package(descriptor, pkg, "pkg", "pkg/datapackage.json")
    return _order(fast), _order(full), _fast_path_headers(descriptor, pkg, tables) is not None


def _schema(name: str, edit: Callable[[dict], None]) -> Callable[[Path], None]:
    def apply(pkg: Path) -> None:
        descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
        edit(next(r for r in descriptor["resources"] if r["name"] == name)["schema"])
        (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")

    return apply


def _append(name: str, text: str) -> Callable[[Path], None]:
    def apply(pkg: Path) -> None:
        path = pkg / name
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return apply


def _outcome(year: str, comparator: str = "=") -> dict[str, str]:
    return dict(
        region="000000",
        indicator="preschool_ger",
        year=year,
        value="75.0",
        comparator=comparator,
        source="moe-bulletin-2015",
        quote="学前教育毛入园率达到75.0%",
    )


def _many_bad_rows(pkg: Path) -> None:
    rows = "".join(
        f"000000,preschool_ger,{1949 + i % 150},,75.0,≈,moe-bulletin-2015,学前教育毛入园率达到75.0%,,,\n"
        for i in range(1200)
    )
    _append("outcomes.csv", rows)(pkg)


def _multi_line_quotes(pkg: Path) -> None:
    set_cell(pkg / "outcomes.csv", 2, "quote", "九年义务教育\n巩固率93.0%")
    set_cell(pkg / "outcomes.csv", 3, "quote", "专任教师\n\n1792.97万人")
    set_cell(pkg / "outcomes.csv", 4, "year", "２０１５")  # frictionless reads full-width digits
    set_cell(pkg / "outcomes.csv", 5, "value", "x")


CASES: dict[str, Callable[[Path], None]] = {
    "key three times": lambda pkg: (
        add_row(
            pkg / "regions.csv", code="330000", name_zh="浙江省", name_en="Zhejiang", level="province", parent="000000"
        ),
        add_row(
            pkg / "regions.csv", code="330000", name_zh="浙江", name_en="Zhejiang", level="province", parent="000000"
        ),
    ),
    "typed key equality (02015 is 2015)": lambda pkg: add_row(pkg / "outcomes.csv", **_outcome("02015")),
    # rows enough after the blank line that frictionless still takes line 1 as the header
    "blank line": _append(
        "outcomes.csv",
        "\n"
        + "".join(
            f"000000,preschool_ger,{year},,75.0,=,moe-bulletin-2020,学前教育毛入园率达到75.0%,,,\n"
            for year in range(2016, 2020)
        ),
    ),
    "row of empty cells": _append("outcomes.csv", ",,,,,,,,,,\n"),
    "short row": _append("outcomes.csv", "000000,preschool_ger,2015\n"),
    "long row": _append("regions.csv", "530000,云南省,Yunnan,province,000000,extra\n"),
    "unique field": _schema("outcomes", lambda s: s["fields"][0]["constraints"].__setitem__("unique", True)),
    "two-field foreign key": lambda pkg: (
        _schema(
            "targets",
            lambda s: s["foreignKeys"].append(
                {"fields": ["region", "source"], "reference": {"resource": "sources", "fields": ["region", "id"]}}
            ),
        )(pkg),
        set_cell(pkg / "targets.csv", 2, "region", "000000"),
    ),
    "foreign key to a missing resource": _schema(
        "outcomes",
        lambda s: s["foreignKeys"].append(
            {"fields": ["source"], "reference": {"resource": "documents", "fields": ["id"]}}
        ),
    ),
    "foreign key to a missing field": _schema(
        "outcomes", lambda s: s["foreignKeys"][0]["reference"].__setitem__("fields", ["nocode"])
    ),
    "NA as a missing value": lambda pkg: (
        _schema("outcomes", lambda s: s.__setitem__("missingValues", ["", "NA"]))(pkg),
        set_cell(pkg / "outcomes.csv", 2, "flag", "NA"),
        set_cell(pkg / "outcomes.csv", 3, "quote", "NA"),
    ),
    "more errors than frictionless's limit": _many_bad_rows,
    "multi-line quotes before an error": _multi_line_quotes,
    "mangled code and its foreign key": lambda pkg: set_cell(pkg / "outcomes.csv", 3, "region", "0"),
}


@pytest.mark.parametrize("edit", list(CASES.values()), ids=list(CASES))
def test_fast_path_reports_what_frictionless_reports(pkg: Path, edit: Callable[[Path], None]) -> None:
    edit(pkg)
    fast, full, took_fast = both_paths(pkg)
    assert took_fast
    assert fast == full
    assert fast, "each case is an invalid package"


def test_duplicate_names_the_latest_earlier_row(pkg: Path) -> None:
    CASES["key three times"](pkg)
    fast, _, _ = both_paths(pkg)
    assert [(line, message) for _, line, _, slug, message in fast if slug == "duplicate-key"] == [
        (5, "duplicate code (330000): line 3 has the same"),
        (6, "duplicate code (330000): line 5 has the same"),
    ]


def test_error_limit_is_frictionless_s(pkg: Path) -> None:
    _many_bad_rows(pkg)
    fast, _, _ = both_paths(pkg)
    outcomes = [p for p in fast if p[0] == "pkg/outcomes.csv"]
    assert (
        len(outcomes) == 1000
    )  # the first 1,000 in file order, as in test_fast_path_reports_what_frictionless_reports


def test_a_header_unlike_the_schema_takes_the_full_path(pkg: Path) -> None:
    path = pkg / "outcomes.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",flag,note_zh,note_en\n", ",note_zh,flag,note_en\n", 1),
        encoding="utf-8",
    )
    fast, full, took_fast = both_paths(pkg)
    assert not took_fast
    assert fast == full


def test_constraint_frictionless_cannot_apply_is_a_descriptor_problem(pkg: Path) -> None:
    _schema("outcomes", lambda s: s["fields"][2]["constraints"].__setitem__("minimum", "abc"))(pkg)
    fast, _, took_fast = both_paths(pkg)
    assert took_fast
    assert [(p[0], p[2], p[3]) for p in fast] == [("pkg/datapackage.json", "outcomes.year", "descriptor")]
