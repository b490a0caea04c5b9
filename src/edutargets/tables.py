"""Reading the package's CSV files the way a curator's editor sees them.

Every row keeps the line number an editor shows (header = line 1), so that any later check
can point at ``path:line:field``. Files are decoded strictly as UTF-8 (a BOM is accepted);
anything else is reported, never guessed at and silently converted.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

LINE = "_line"


class NotUtf8(Exception):
    """The bytes are not UTF-8; carries where decoding failed and what the file probably is."""

    def __init__(self, offset: int, line: int, guess: str) -> None:
        super().__init__(f"not UTF-8 at byte {offset}")
        self.offset = offset
        self.line = line
        self.guess = guess


def decode(data: bytes) -> str:
    """UTF-8 text without a BOM, or NotUtf8 with the line of the first undecodable byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        try:
            data.decode("gb18030")
            guess = "GBK/GB18030, the encoding Excel uses on Chinese Windows"
        except UnicodeDecodeError:
            guess = ""
        raise NotUtf8(error.start, line, guess) from None


def record_lines(text: str) -> list[int]:
    """Line on which each CSV record starts (index 0 is the header), even when cells span lines."""
    reader = csv.reader(io.StringIO(text))
    starts = []
    next_start = 1
    for _ in reader:
        starts.append(next_start)
        next_start = reader.line_num + 1
    return starts


@dataclass
class Table:
    """A CSV file as strings, one column per header label plus the line each row starts on."""

    path: Path
    header: list[str]
    frame: pd.DataFrame


def read_table(path: Path) -> Table:
    """Read a UTF-8 CSV as strings (empty cells stay ''), keeping each row's editor line number."""
    text = decode(path.read_bytes())
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    rows = []
    lines = []
    next_start = reader.line_num + 1
    for record in reader:
        if record:
            record = record[: len(header)] + [""] * (len(header) - len(record))
            rows.append(record)
            lines.append(next_start)
        next_start = reader.line_num + 1
    frame = pd.DataFrame(rows, columns=header, dtype=object) if header else pd.DataFrame()
    frame[LINE] = lines
    return Table(path=path, header=header, frame=frame)
