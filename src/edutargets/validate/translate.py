"""frictionless errors re-told in the catalogue's terms: editor line, field name and a fix.

frictionless finds the problems; this module only translates each into a ``Problem`` and
recognises codes that a spreadsheet mangled. The key checks done with pandas
(``validate.keys``) build their problems with the same helpers, so both paths say the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from frictionless import errors as ferrors

from edutargets.validate.errors import (
    CellTypeError,
    ConstraintError,
    DescriptorError,
    DuplicateKeyError,
    ExcelCodeError,
    ForeignKeyError,
    HeaderError,
    Problem,
    RequiredError,
    RowShapeError,
    UrlSchemeError,
)

CODE_FIELDS = {"code", "parent", "region"}
_TYPE_EXAMPLES = {
    "integer": "a whole number such as 2020",
    "number": "a number such as 85.2 (digits only: no %, 万 or spaces)",
    "date": "a date as YYYY-MM-DD, such as 2021-08-27",
    "boolean": "true or false",
}


def excel_mangling(cell: str) -> tuple[str, str] | None:
    """How a spreadsheet mangled a six-digit code, and the code it probably was, or None."""
    cell = cell.strip()
    if re.fullmatch(r"\d{6}\.0+", cell):
        return "a '.0' was added", cell.split(".")[0]
    if re.fullmatch(r"\d(\.\d+)?[eE]\+?\d+", cell):
        try:
            return "it is in scientific notation", f"{int(float(cell)):06d}"
        except ValueError:
            return "it is in scientific notation", "of six digits"
    if re.fullmatch(r"\d{1,5}(\.0+)?", cell):
        digits = cell.split(".")[0]
        return f"leading zeros were dropped: {len(digits)} digits left", digits.zfill(6)
    return None


def _constraint(error: Any, shown: str, line: int | None, schema: dict[str, Any]) -> Problem:
    field = error.field_name
    cell = error.cell
    note = error.note or ""
    if '"required"' in note:
        return RequiredError.at(shown, line, field, field_name=field)
    if '"pattern"' in note:
        if field in CODE_FIELDS and (mangled := excel_mangling(cell)):
            how, suggestion = mangled
            return ExcelCodeError.at(shown, line, field, cell=cell, how=how, suggestion=suggestion)
        if field == "url":
            return UrlSchemeError.at(shown, line, field, cell=cell)
    constraints = next((f.get("constraints", {}) for f in schema.get("fields", []) if f.get("name") == field), {})
    name = re.search(r'constraint "(\w+)"', note)
    kind = name.group(1) if name else ""
    details = {
        "enum": (
            "is not one of the allowed values",
            f"Use one of: {', '.join(map(str, constraints.get('enum', [])))}.",
        ),
        "pattern": (
            f"does not match the pattern {constraints.get('pattern')!r}",
            "Correct the value to the form the pattern describes.",
        ),
        "minimum": (f"is below the minimum {constraints.get('minimum')}", "Check the figure."),
        "maximum": (f"is above the maximum {constraints.get('maximum')}", "Check the figure."),
        "minLength": (f"is shorter than {constraints.get('minLength')} characters", "Give the full text."),
        "maxLength": (
            f"is longer than {constraints.get('maxLength')} characters",
            "Shorten it to the one sentence that matters.",
        ),
        "unique": ("appears more than once but must be unique", "Make each value unique."),
    }
    detail, fix = details.get(kind, (f"breaks the constraint: {note}", "Correct the value."))
    return ConstraintError.at(shown, line, field, cell=cell, detail=detail, fix=fix)


def _label_detail(error: Any) -> str:
    position = f"column {error.field_number}"
    return {
        "missing-label": f"the header lacks column {error.field_name!r}",
        "extra-label": f"{position} {error.label!r} is not in the schema",
        "duplicate-label": f"{position} {error.label!r} appears twice",
        "blank-label": f"{position} has no name",
        "incorrect-label": f"{position} is {error.label!r} but the schema expects {error.field_name!r}",
    }.get(error.type, error.message)


def duplicate_problem(
    shown: str,
    line: int | None,
    schema: dict[str, Any],
    field_name: str | None,
    note: str,
    cells: dict[str, str],
    locate: Callable[[int | None], int | None],
) -> Problem:
    """A primary-key or unique-field duplicate; ``cells`` are the row's cells by header label."""
    key = schema.get("primaryKey") or [field_name]
    first = re.search(r"position (\d+)", note or "")
    first_line = locate(int(first.group(1))) if first else "?"
    names = "(" + ", ".join(key) + ")" if len(key) > 1 else key[0]
    values = "(" + ", ".join(str(cells.get(k, "")) for k in key) + ")"
    return DuplicateKeyError.at(
        shown, line, key[0] if len(key) == 1 else None, key_names=names, key_values=values, first_line=first_line
    )


def foreign_key_problem(
    shown: str,
    line: int | None,
    resource: dict[str, Any],
    field_names: list[str],
    field_cells: list[str],
    reference_name: str,
    reference_field_names: list[str],
) -> Problem:
    """A reference to a row that does not exist, as frictionless's ForeignKeyError describes it."""
    field = field_names[0] if field_names else None
    value = field_cells[0] if field_cells else ""
    reference = reference_name or resource.get("name", "")
    ref_field = reference_field_names[0] if reference_field_names else "key"
    return ForeignKeyError.at(shown, line, field, value=value, ref_field=ref_field, ref_resource=reference)


def translate(
    error: Any, shown: str, locate: Callable[[int | None], int | None], resource: dict[str, Any], labels: list[str]
) -> Problem:
    """One frictionless error as a catalogue Problem."""
    schema = resource.get("schema", {})
    header = ",".join(f["name"] for f in schema.get("fields", []))
    line = locate(getattr(error, "row_number", None))
    if isinstance(error, ferrors.LabelError):
        return HeaderError.at(
            shown, 1, error.field_name or error.label or None, detail=_label_detail(error), header=header
        )
    if isinstance(error, (ferrors.ExtraCellError, ferrors.MissingCellError, ferrors.BlankRowError)):
        return RowShapeError.at(shown, line, None, detail=ROW_SHAPES[error.type])
    if isinstance(error, ferrors.TypeError):
        kind = (error.note or "").split('"')[1].split("/")[0] if '"' in (error.note or "") else "value"
        return CellTypeError.at(
            shown,
            line,
            error.field_name,
            cell=error.cell,
            type=kind,
            example=_TYPE_EXAMPLES.get(kind, f"a valid {kind}"),
        )
    if isinstance(error, ferrors.ConstraintError):
        return _constraint(error, shown, line, schema)
    if isinstance(error, (ferrors.PrimaryKeyError, ferrors.UniqueError)):
        return duplicate_problem(
            shown,
            line,
            schema,
            getattr(error, "field_name", None),
            error.note,
            dict(zip(labels, error.cells or [], strict=False)),
            locate,
        )
    if isinstance(error, ferrors.ForeignKeyError):
        return foreign_key_problem(
            shown,
            line,
            resource,
            error.field_names,
            error.field_cells,
            error.reference_name,
            error.reference_field_names,
        )
    return DescriptorError.at(shown, line, getattr(error, "field_name", None), detail=error.message)


ROW_SHAPES = {
    "extra-cell": "the row has more cells than the header",
    "missing-cell": "the row has fewer cells than the header",
    "blank-row": "the row is blank",
}


def drop_echoes(problems: list[Problem]) -> list[Problem]:
    """Report each cause once: not the foreign key a mangled code breaks, not the row shapes a
    broken header breaks, not a duplicate found both as unique field and as primary key."""
    mangled = {(p.path, p.line, p.field) for p in problems if p.slug == ExcelCodeError.slug}
    bad_headers = {p.path for p in problems if p.slug == HeaderError.slug}
    kept, seen = [], set()
    for problem in problems:
        if problem.slug == ForeignKeyError.slug and (problem.path, problem.line, problem.field) in mangled:
            continue
        if problem.slug == RowShapeError.slug and problem.path in bad_headers:
            continue
        if problem in seen:
            continue
        seen.add(problem)
        kept.append(problem)
    return kept
