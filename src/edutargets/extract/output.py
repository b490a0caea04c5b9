"""Output formats: CSV for curators (and Excel), JSON for tools, text for reading in a terminal.

The CSV is UTF-8 without a byte-order mark, with the header first, like the package's own
files: a curator copies reviewed rows into targets.csv or outcomes.csv. Masked numbers
follow a file's figures as rows of kind `masked` (value empty), so they are seen but never
mistaken for figures.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from edutargets.extract.model import COLUMNS, FileResult


def to_csv(results: list[FileResult]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result in results:
        for candidate in result.candidates:
            writer.writerow(candidate.row())
        for masked in result.masked:
            writer.writerow(
                {
                    "file": masked.file,
                    "line": masked.line,
                    "kind": "masked",
                    "indicator_text": masked.text,
                    "quote": masked.quote,
                }
            )
    return buffer.getvalue()


def to_json(results: list[FileResult]) -> str:
    files = []
    for result in results:
        entry: dict[str, object] = {"path": result.path, "read_as": result.note}
        if result.error:
            entry["error"] = result.error
        entry["candidates"] = [candidate.row() for candidate in result.candidates]
        entry["masked"] = [masked.row() for masked in result.masked]
        files.append(entry)
    return json.dumps({"columns": list(COLUMNS), "files": files}, ensure_ascii=False, indent=2) + "\n"


def to_text(results: list[FileResult]) -> str:
    out = []
    for result in results:
        if result.error:
            continue
        out.append(f"{result.path} ({result.note}): {len(result.candidates)} candidates, {len(result.masked)} masked")
        for c in result.candidates:
            value = c.value + (f"-{c.value_high}" if c.value_high else "")
            when = f"target {c.target_year}" if c.kind == "target" else f"outcome {c.year}"
            extra = ", ".join(part for part in (c.indicator, c.region, f"known {c.known}" if c.known else "") if part)
            out.append(
                f"  {c.line}: {when} {c.comparator} {value}{c.unit} {c.indicator_text or '?'}"
                + (f" [{extra}]" if extra else "")
            )
            out.append(f"      「{c.quote}」")
        for m in result.masked:
            out.append(f"  {m.line}: masked {m.text} 「{m.quote}」")
    return "\n".join(out) + ("\n" if out else "")


FORMATS: dict[str, Callable[[list[FileResult]], str]] = {"csv": to_csv, "json": to_json, "text": to_text}
