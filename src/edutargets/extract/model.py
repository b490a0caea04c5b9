"""The records extract hands back: a candidate figure, a masked number, a file's result.

A Candidate is a suggestion for a curator, never data: every field is what the text says or
an honest guess, and `quote` is always a verbatim substring of the file's text, so a curator
can find it and validate's "value appears in the quote" rule holds when the row is copied.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

COLUMNS = (
    "file",
    "line",
    "kind",
    "indicator_text",
    "indicator",
    "value",
    "value_high",
    "unit",
    "comparator",
    "target_kind",
    "target_year",
    "year",
    "region",
    "quote",
    "known",
)


@dataclass
class Candidate:
    """One figure found in a document, as a target (a plan's goal) or an outcome (a reported value).

    `value` is the number as printed, without thousands separators, in Arabic digits (a
    Chinese numeral is converted: 十二所 -> 12); 万/亿 stay in `unit` ("万人"), as the
    indicator's unit is chosen by the curator. `comparator` and `target_kind` use the
    vocabulary of targets.csv.
    """

    file: str
    line: int
    kind: str
    indicator_text: str
    value: str
    unit: str
    quote: str
    comparator: str = "="
    value_high: str = ""
    indicator: str = ""
    target_kind: str = ""
    target_year: str = ""
    year: str = ""
    region: str = ""
    known: str = ""
    start: int = field(default=0, repr=False, compare=False)
    context: str = field(default="", repr=False, compare=False)  # simplified words around the number, for `known`

    def row(self) -> dict[str, Any]:
        """The candidate as one output row, in COLUMNS order."""
        data = asdict(self)
        return {name: data[name] for name in COLUMNS}


@dataclass(frozen=True)
class Masked:
    """A number the publisher hid ("xx.xx%", "**所"): worth a look, never a figure."""

    file: str
    line: int
    text: str
    quote: str

    def row(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "masked": self.text, "quote": self.quote}


@dataclass
class FileResult:
    """What extract found in one file, or why it could not read it (`error`, one sentence)."""

    path: str
    candidates: list[Candidate] = field(default_factory=list)
    masked: list[Masked] = field(default_factory=list)
    note: str = ""
    error: str = ""
