"""Every cell checked by frictionless's own cell reader, once per distinct value of a field.

Why not frictionless row by row: its time goes to per-row bookkeeping (``Row.__process``, key
memories), not to reading cells. A cell's type and constraint errors depend only on its value
and its field, and a national-scale table has far fewer distinct values than cells (the same
indicators, years and codes on every row). So each distinct value goes once through
``Field.create_cell_reader()``, the very function frictionless's ``Row`` calls for each cell,
and its verdict is copied to every row holding it, with the same notes, hence the same
messages.

What depends on the whole row is left to frictionless's ``Row`` itself: the few records
whose cell count differs from the header's, and empty lines. Rows whose every cell is
missing are blank rows, reported as frictionless does (only "blank", no "required").

Each error is kept with its line and its place in frictionless's order within the row, so
that the caller can stop after frictionless's limit of errors per table as it does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import frictionless
import numpy as np
import pandas as pd
from frictionless import errors as ferrors
from frictionless.table.row import Row, create_cell_handlers

from edutargets.tables import LINE, Table
from edutargets.validate.errors import DescriptorError, Problem
from edutargets.validate.translate import translate

# Where an error sits among a row's errors, as frictionless appends them.
NOTES_PER_CELL = 64
ORDER_UNIQUE, ORDER_PRIMARY, ORDER_FOREIGN = 3_000_000, 4_000_000, 5_000_000


@dataclass(order=True)
class Found:
    """One error of a table: its line, its rank within the line, and how to make its Problem."""

    line: int
    rank: int
    make: Callable[[], Problem] = field(compare=False)


@dataclass
class Column:
    """A field's values as frictionless reads them: each row's code into ``typed``."""

    codes: np.ndarray
    typed: list[Any]


@dataclass
class CellResult:
    """What the cell checks found in one table."""

    found: list[Found]
    columns: dict[str, Column]
    problems: list[Problem] = field(default_factory=list)


def _identity(number: int | None) -> int | None:
    return number


def _nowhere(_: int | None) -> None:
    return None


def _templates(
    value: str, notes: dict[str, str], index: int, name: str, shown: str, resource: dict[str, Any], labels: list[str]
) -> list[Problem]:
    """The problems one value causes in a field, line left blank, in frictionless's order."""
    made = []
    for kind, note in notes.items():
        error_class = ferrors.TypeError if kind == "type" else ferrors.ConstraintError
        error = error_class(note=note, cells=[], row_number=0, cell=str(value), field_name=name, field_number=index + 1)
        made.append(translate(error, shown, _nowhere, resource, labels))
    return made


def check_cells(
    table: Table,
    fields: list[frictionless.Field],
    shown: str,
    shown_descriptor: str,
    resource: dict[str, Any],
    typed_fields: set[str],
    fresh: np.ndarray | None = None,
) -> CellResult:
    """Cell and row-shape errors of a table whose header equals its schema's field names,
    with the typed values of ``typed_fields`` for the key checks.

    ``fresh`` marks the rows that need their cells checked (None: all), when the others are
    known to have passed before (validate/cache.py): the values of other fields are then read
    from those rows only. Key fields are still read whole, for the key checks."""
    frame = table.frame
    lines = frame[LINE].to_numpy()
    labels = list(table.header)
    odd = (
        np.isin(lines, np.fromiter(table.odd, dtype=np.int64, count=len(table.odd)))
        if table.odd
        else np.zeros(len(frame), bool)
    )
    result = CellResult(found=[], columns={})
    bad: list[dict[str, list[Problem]]] = []
    blanks: list[set[str]] = []
    for index, fld in enumerate(fields):
        column = frame.iloc[:, index]
        keyed = fld.name in typed_fields
        codes, values = (
            pd.factorize(column, sort=False) if keyed else (None, (column if fresh is None else column[fresh]).unique())
        )
        verdicts = _Verdicts(fld, index, shown, resource, labels)
        try:
            typed = _read_values(fld, verdicts, values)
            if keyed:
                result.columns[fld.name] = Column(codes=codes.astype(np.int64), typed=typed)
        except Exception as error:  # a constraint frictionless cannot apply, e.g. minimum "abc"
            detail = f"field {fld.name!r} cannot be checked: {type(error).__name__}: {error}"
            result.problems.append(
                DescriptorError.at(shown_descriptor, None, f"{resource.get('name')}.{fld.name}", detail=detail)
            )
            verdicts = _Verdicts(fld, index, shown, resource, labels)
            result.columns.pop(fld.name, None)
        bad.append(verdicts.bad)
        blanks.append(verdicts.blank)
    blank = _blank_rows(frame, blanks) & ~odd
    for line in lines[blank]:
        result.found.append(Found(int(line), 0, _blank_problem(shown, resource, labels, int(line))))
    regular = ~odd & ~blank
    for index, field_bad in enumerate(bad):
        if field_bad:
            _add_cell_errors(result.found, frame.iloc[:, index], lines, regular, field_bad, index)
    _odd_rows(table, fields, shown, resource, labels, lines, result)
    return result


_PLAIN_STRING_CONSTRAINTS = {"required", "minLength", "maxLength"}


def _missing_values(fld: frictionless.Field) -> list[str]:
    """The missing values frictionless's cell reader uses for this field."""
    if not fld.has_defined("missing_values") and fld.schema:
        return list(fld.schema.missing_values)
    return list(fld.missing_values)


def _plainly_valid(fld: frictionless.Field, values: Any) -> np.ndarray | None:
    """Which values of a plain string field frictionless would read as themselves, without a note.

    A default-format string field reads any text as itself; with no constraint but required,
    minLength and maxLength, a value that is not a missing value and whose length (in code
    points, as Python's len) is within bounds has nothing to report. Checking those in one
    vectorised pass spares the reader's call for each of the distinct quotes (one a row, or
    nearly); every other value still goes through frictionless's reader.
    None when the field is not such a field.
    """
    constraints = fld.constraints or {}
    if (
        fld.type != "string"
        or (fld.format or "default") != "default"
        or not set(constraints) <= _PLAIN_STRING_CONSTRAINTS
    ):
        return None
    series = pd.Series(np.asarray(values, dtype=object), dtype=object)
    is_text = series.map(type).to_numpy() == str  # noqa: E721 (element-wise, exact type: not a subclass)
    lengths = series.where(is_text, "").str.len().to_numpy()
    ok = is_text & ~series.isin(_missing_values(fld)).to_numpy()
    if constraints.get("minLength") is not None:
        ok &= lengths >= constraints["minLength"]
    if constraints.get("maxLength") is not None:
        ok &= lengths <= constraints["maxLength"]
    return ok


def _read_values(fld: frictionless.Field, verdicts: _Verdicts, values: Any) -> list[Any]:
    """The typed value of each distinct value, through frictionless's reader where it matters."""
    plain = _plainly_valid(fld, values)
    if plain is None:
        return [verdicts.read(value) for value in values]
    return [value if ok else verdicts.read(value) for value, ok in zip(values, plain.tolist(), strict=True)]


class _Verdicts:
    """frictionless's reading of each distinct value of one field, sorted into what matters."""

    def __init__(
        self, fld: frictionless.Field, index: int, shown: str, resource: dict[str, Any], labels: list[str]
    ) -> None:
        self._reader = fld.create_cell_reader()
        self._template = (index, fld.name, shown, resource, labels)
        self.bad: dict[str, list[Problem]] = {}
        self.blank: set[str] = set()

    def read(self, value: str) -> Any:
        """The typed value (None: missing or unreadable), noting the value's problems."""
        target, notes = self._reader(value)
        if target is None and not (notes and "type" in notes):
            self.blank.add(value)
        if notes:
            self.bad[value] = _templates(value, notes, *self._template)
        return target


def _blank_rows(frame: pd.DataFrame, blanks: list[set[str]]) -> np.ndarray:
    """Rows whose every cell is a missing value, as frictionless's blank-row check sees them."""
    mask = np.ones(len(frame), bool)
    if not blanks or not all(blanks):
        return np.zeros(len(frame), bool)
    for index, values in enumerate(blanks):
        mask &= frame.iloc[:, index].isin(values).to_numpy()
        if not mask.any():
            break
    return mask


def _blank_problem(shown: str, resource: dict[str, Any], labels: list[str], line: int) -> Callable[[], Problem]:
    error = ferrors.BlankRowError(note="", cells=[], row_number=line)
    return lambda: translate(error, shown, _identity, resource, labels)


def _add_cell_errors(
    found: list[Found],
    column: pd.Series,
    lines: np.ndarray,
    regular: np.ndarray,
    field_bad: dict[str, list[Problem]],
    index: int,
) -> None:
    rows = np.flatnonzero(column.isin(list(field_bad)).to_numpy() & regular)
    values = column.to_numpy()[rows]
    for line, value in zip(lines[rows].tolist(), values, strict=True):
        for rank, template in enumerate(field_bad[value]):
            found.append(Found(line, index * NOTES_PER_CELL + rank, lambda t=template, n=line: replace(t, line=n)))


def _odd_rows(
    table: Table,
    fields: list[frictionless.Field],
    shown: str,
    resource: dict[str, Any],
    labels: list[str],
    lines: np.ndarray,
    result: CellResult,
) -> None:
    """Records with too few or too many cells, and empty lines, read by frictionless's Row."""
    if not table.odd:
        return
    handlers = create_cell_handlers(fields)
    for line, cells in table.odd.items():
        row = Row(cells, handlers=handlers, row_number=line)
        for rank, error in enumerate(row.errors):
            result.found.append(Found(line, rank, lambda e=error: translate(e, shown, _identity, resource, labels)))
        if not cells:
            continue  # an empty line is not a row of the frame; its key cells are all missing
        position = int(np.searchsorted(lines, line))
        for name, column in result.columns.items():
            column.typed.append(row[name])
            column.codes[position] = len(column.typed) - 1
