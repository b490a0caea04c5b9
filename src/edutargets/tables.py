"""Reading the package's CSV files the way a curator's editor sees them.

Every row keeps the line number an editor shows (header = line 1), so that any later check
can point at ``path:line:field``. Files are decoded strictly as UTF-8 (a BOM is accepted);
anything else is reported, never guessed at and silently converted.

Two readers give the same table. The exact one is Python's csv module, record by record, too
slow for a million rows; so a file whose structure is unambiguous is read by pandas' C parser
instead: a vectorised scan of the bytes finds every record's start
line and cell count, and checks that each quote opens or closes a cell the way the csv module
would read it. Anything else (a stray quote, a lone CR, a NUL, a record longer than the
header, a whitespace-only line) is left to the exact reader.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from pandas.util import hash_array

LINE = "_line"
BOM = b"\xef\xbb\xbf"
_QUOTE, _COMMA, _LF, _CR = 34, 44, 10, 13


class NotCsv(Exception):
    """The csv module cannot read the text (lines ending in CR alone, as old Mac files do)."""

    def __init__(self, line: int, detail: str) -> None:
        super().__init__(detail)
        self.line = line
        self.detail = detail


class NotUtf8(Exception):
    """The bytes are not UTF-8; carries where decoding failed and what the file probably is."""

    def __init__(self, offset: int, line: int, guess: str) -> None:
        super().__init__(f"not UTF-8 at byte {offset}")
        self.offset = offset
        self.line = line
        self.guess = guess


def decode(data: bytes) -> str:
    """UTF-8 text without a BOM, or NotUtf8 with the line of the first undecodable byte."""
    if data.startswith(BOM):
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
    """A CSV file as strings, one column per header label plus the line each row starts on.

    ``odd`` holds, by line, the raw cells of every record whose cell count differs from the
    header's (empty lines included, which are not rows of ``frame``): row checks need them as
    written, while ``frame`` pads or cuts them to the header.

    ``row_hashes`` fingerprints each row of ``frame`` by its bytes, so that later steps can tell
    which rows an edit touched (validation, page keys); None when the exact reader read the file.
    """

    path: Path
    header: list[str]
    frame: pd.DataFrame
    odd: dict[int, list[str]] = field(default_factory=dict)
    row_hashes: np.ndarray | None = None


def read_table(path: Path) -> Table:
    """Read a UTF-8 CSV as strings (empty cells stay ''), keeping each row's editor line number."""
    data = path.read_bytes()
    body = data[3:] if data.startswith(BOM) else data
    table = _read_fast(path, body)
    return table if table is not None else _read_exact(path, decode(data))


def _read_exact(path: Path, text: str) -> Table:
    """The csv module's reading, record by record: the reference the fast reader must equal."""
    reader = csv.reader(io.StringIO(text))
    rows, lines, odd = [], [], {}
    try:
        header = next(reader, [])
        next_start = reader.line_num + 1
        for record in reader:
            if len(record) != len(header):
                odd[next_start] = record
            if record:
                record = record[: len(header)] + [""] * (len(header) - len(record))
                rows.append(record)
                lines.append(next_start)
            next_start = reader.line_num + 1
    except csv.Error as error:
        lone_cr = "new-line character seen in unquoted field" in str(error)
        raise NotCsv(
            reader.line_num or 1, "lines end with a carriage return (CR) alone" if lone_cr else str(error)
        ) from None
    frame = pd.DataFrame(rows, columns=header, dtype=object) if header else pd.DataFrame()
    frame[LINE] = lines
    return Table(path=path, header=header, frame=frame, odd=odd)


@dataclass
class _Layout:
    """Where each record of a file starts and ends, in bytes, and how many cells it has."""

    starts: np.ndarray
    ends: np.ndarray
    cells: np.ndarray
    lines: np.ndarray


def _layout(body: bytes) -> _Layout | None:
    """Records and their cells from the bytes alone, or None when the csv module could read
    them differently (quotes that do not open or close a cell, lone CR, NUL)."""
    if not body or b"\x00" in body or body.count(b"\r") != body.count(b"\r\n"):
        return None
    octets = np.frombuffer(body, dtype=np.uint8)
    size = len(octets)
    all_feeds = feeds = np.flatnonzero(octets == _LF)
    commas = np.flatnonzero(octets == _COMMA)
    if b'"' in body:
        quotes = np.flatnonzero(octets == _QUOTE)
        if len(quotes) % 2 or not _quotes_well_placed(octets, quotes):
            return None
        feeds = feeds[np.searchsorted(quotes, feeds) % 2 == 0]
        commas = commas[np.searchsorted(quotes, commas) % 2 == 0]
    ends = feeds if body.endswith(b"\n") else np.append(feeds, size)
    starts = np.concatenate(([0], feeds + 1))[: len(ends)]
    content_ends = ends - (octets[np.maximum(ends - 1, 0)] == _CR) * (ends > starts)
    counts = np.diff(np.searchsorted(commas, np.concatenate(([0], ends))))
    cells = np.where(content_ends > starts, counts + 1, 0)
    lines = np.searchsorted(all_feeds, starts) + 1
    return _Layout(starts=starts, ends=content_ends, cells=cells, lines=lines)


def _quotes_well_placed(octets: np.ndarray, quotes: np.ndarray) -> bool:
    """Each quote opens a cell (after a comma or line start), closes one (before a comma or line
    end), or is half of a doubled quote inside a cell: then inside/outside is quote parity."""
    size = len(octets)
    opening, closing = quotes[0::2], quotes[1::2]
    before = np.where(opening > 0, octets[np.maximum(opening - 1, 0)], _LF)
    after = np.where(closing + 1 < size, octets[np.minimum(closing + 1, size - 1)], _LF)
    doubled_open = np.isin(opening - 1, closing)
    doubled_close = np.isin(closing + 1, opening)
    opens_ok = np.isin(before, (_COMMA, _LF)) | doubled_open
    closes_ok = np.isin(after, (_COMMA, _LF, _CR)) | doubled_close
    return bool(opens_ok.all() and closes_ok.all())


def _read_fast(path: Path, body: bytes) -> Table | None:
    """The same Table as ``_read_exact`` through pandas' C parser, or None to read exactly."""
    layout = _layout(body)
    if layout is None or layout.cells[0] == 0:
        return None
    width = int(layout.cells[0])
    if (layout.cells > width).any():
        return None
    header = _record(body, layout, 0)
    if len(header) != width:
        return None
    rows = np.flatnonzero(layout.cells[1:] > 0) + 1
    if len(rows) == 0:
        return None
    try:
        frame = pd.read_csv(
            io.BytesIO(body),
            header=0,
            names=list(range(width)),
            dtype=object,
            na_filter=False,
            keep_default_na=False,
            engine="c",
            encoding="utf-8",
            encoding_errors="strict",
        )
    except (UnicodeDecodeError, pd.errors.ParserError, ValueError):
        return None
    if len(frame) != len(rows):
        return None  # pandas skipped a line the csv module reads as a record (whitespace only)
    frame.columns = header
    frame[LINE] = layout.lines[rows]
    odd_records = np.flatnonzero(layout.cells[1:] != width) + 1
    odd = {int(layout.lines[i]): _record(body, layout, int(i)) for i in odd_records}
    return Table(path=path, header=header, frame=frame, odd=odd, row_hashes=_row_hashes(body, layout, rows))


def _row_hashes(body: bytes, layout: _Layout, rows: np.ndarray) -> np.ndarray:
    """A 64-bit hash of each row's bytes as written (line ending left out), by pandas' hash_array
    (SipHash with a fixed key, so stable from one build to the next), cheaper than hashing the
    parsed cells."""
    if layout.lines[-1] == len(layout.lines) and b"\r" not in body:  # one line per record
        records = body.split(b"\n")[: len(layout.starts)]
    else:
        records = [body[start:end] for start, end in zip(layout.starts.tolist(), layout.ends.tolist(), strict=True)]
    everything = np.empty(len(records), dtype=object)
    everything[:] = records
    return hash_array(everything[rows], categorize=False)


def _record(body: bytes, layout: _Layout, index: int) -> list[str]:
    """One record's cells as the csv module reads them."""
    text = body[layout.starts[index] : layout.ends[index]].decode("utf-8")
    return next(csv.reader(io.StringIO(text)), [])
