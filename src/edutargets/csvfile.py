"""The one way the site writes CSV: every published CSV file, with one number format.

UTF-8, comma-separated, LF line ends, quoting where needed (the csv module's default dialect),
numbers without float noise (`cell`: up to ten significant digits, so 85.2 stays 85.2 and
1792.97 万人 is never 1792.9700000000001). The Excel variant is the same records with a
byte-order mark (so Excel shows Chinese correctly), CRLF line ends, and formula-like cells
neutralised (OWASP CSV injection advice).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A value as a CSV cell: empty for missing, numbers without float noise."""
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.10g}"
    return str(value)


def text_column(series: Any) -> list[str]:
    """A pandas column as cells, written as `cell` writes them (one pass over the column)."""
    if series.dtype.kind == "f":
        return ["" if math.isnan(v) else f"{v:.10g}" for v in series.tolist()]
    return series.astype("string").fillna("").tolist()


def csv_bytes(header: list[str], rows: Iterable[Iterable[object]]) -> bytes:
    """A CSV file of a header and rows of values."""
    return text_csv_bytes(header, ([cell(value) for value in row] for row in rows))


def text_csv_bytes(header: list[str], rows: Iterable[Iterable[str]]) -> bytes:
    """A CSV file of a header and rows already turned to cells (`cell`, `text_column`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def records_of(data: bytes) -> list[list[str]]:
    """The records of a CSV file as published (a byte-order mark is ignored)."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def excel_safe(text: str) -> str:
    """A cell that Excel or WPS will show as text, never evaluate."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def excel_bytes(records: Iterable[Iterable[str]]) -> bytes:
    """Records as CSV for Excel: UTF-8 with a BOM, CRLF, formula-like cells neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([excel_safe(text) for text in row] for row in records)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
