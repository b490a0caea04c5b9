"""Indicator tables: a row label, its unit, a base-year and a target-year column.

Plans print their main indicators as a table ("“十四五”教育事业发展主要指标": 指标 | 2020年 |
2025年 | 属性). Copied from a web page or a PDF it arrives either one line per row (cells
separated by tabs, runs of spaces or |) or one cell per line (every cell on its own line,
as trafilatura and many reposting sites give it). Both are read here; the lines a table
takes are handed back so the prose rules do not read its cells a second time.

What must stay true: a value's quote is its cell as printed (a verbatim substring of its
line), the base-year column gives outcomes of that year and the target-year column targets
of that year, and sub-rows (其中: 小学 / 初中) keep the order the table prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from edutargets.extract.model import Candidate
from edutargets.extract.numbers import COUNTABLE

_YEAR_CELL = re.compile(
    r"^\s*((?:19|20)\d{2})\s*年?\s*(?:年底|年末)?\s*[(（]?\s*(基数|基期值?|现状|实际|目标值?|预期值?|规划目标|末)?\s*[)）]?\s*$"
)
_VALUE_CELL = re.compile(
    r"^\s*(≥|≤|>|<|约|大于|小于)?\s*(\d+(?:\.\d+)?|[xX*]+(?:\.[xX*]+)?)\s*(%|‰|个百分点|(?:万|亿)?(?:人次|人|名|所|个|项|元|年|平方米|套|门|座|倍|天|小时|万|亿))?\s*(及以上|以上|以内|以下|左右)?\s*$"
)
_EMPTY_CELL = re.compile(r"^\s*(?:—+|-+|/|／|——|无|空)\s*$")
_ATTRIBUTE = re.compile(r"^\s*(?:约束性|预期性|指导性)\s*$")
_SECTION = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]")
_NUMBERING = re.compile(r"^\s*(?:\d{1,2}\s*[.．、]|[(（]\d{1,2}[)）])\s*")
_UNIT_IN_LABEL = re.compile(r"[(（]\s*(%|‰|年|万人|人|所|个|元|万元|亿元|平方米|倍|项|名)\s*[)）]")
_SPLIT = re.compile(r"\s*[\t|｜]\s*|\s{2,}")
_COMPARATORS = {
    "≥": ">=",
    "大于": ">",
    ">": ">",
    "≤": "<=",
    "小于": "<",
    "<": "<",
    "约": "~",
    "以上": ">=",
    "及以上": ">=",
    "以内": "<=",
    "以下": "<=",
    "左右": "~",
}


@dataclass
class _Row:
    labels: list[tuple[int, str]] = field(default_factory=list)  # (line index, original cell)
    values: list[tuple[int, re.Match[str] | None, str]] = field(
        default_factory=list
    )  # (line index, match or None for an empty cell, original)


@dataclass(frozen=True)
class _Column:
    year: int
    kind: str


def find_tables(originals: list[str], simples: list[str], skip: set[int]) -> tuple[list[Candidate], set[int]]:
    """Candidates from every indicator table, and the indexes of the lines the tables take."""
    candidates: list[Candidate] = []
    taken: set[int] = set()
    index = 0
    while index < len(simples):
        if index in skip or index in taken:
            index += 1
            continue
        columns, end = _header_cells(simples, index)
        if columns:
            found, used = _cells_per_line(originals, simples, end, columns, skip)
            if found:
                candidates.extend(found)
                taken.update(range(index, end))
                taken.update(used)
                index = max(used) + 1
                continue
        row_columns = _header_row(simples[index])
        if row_columns:
            found, used = _rows_per_line(originals, simples, index + 1, row_columns, skip)
            if found:
                candidates.extend(found)
                taken.add(index)
                taken.update(used)
                index = max(used) + 1
                continue
        index += 1
    return candidates, taken


def _columns(years: list[tuple[int, str]]) -> list[_Column]:
    """The first year is the base (outcomes), the last the target, unless the header says which."""
    columns = []
    for position, (year, word) in enumerate(years):
        if word and word.startswith(("目标", "预期", "规划")):
            kind = "target"
        elif word:
            kind = "outcome"
        else:
            kind = "target" if position == len(years) - 1 and len(years) > 1 else "outcome"
        columns.append(_Column(year, kind))
    return columns


def _header_cells(simples: list[str], start: int) -> tuple[list[_Column], int]:
    """A header laid out one cell per line: 指标 / 2020年 / 2025年 (/ 属性); returns the columns and where rows begin."""
    cells = [(i, simples[i].strip()) for i in range(start, min(len(simples), start + 14)) if simples[i].strip()]
    if not cells or not re.search(r"指\s*标|项\s*目|名\s*称", cells[0][1]) or len(cells[0][1]) > 12:
        return [], start
    years: list[tuple[int, str]] = []
    end = cells[0][0] + 1
    for i, cell in cells[1:]:
        match = _YEAR_CELL.match(cell)
        if match:
            years.append((int(match.group(1)), match.group(2) or ""))
            end = i + 1
        elif re.fullmatch(r"(?:指标)?属性|单位|备注|类型", cell):
            end = i + 1
        else:
            break
    return (_columns(years), end) if len(years) >= 1 else ([], start)


def _cells_per_line(
    originals: list[str], simples: list[str], start: int, columns: list[_Column], skip: set[int]
) -> tuple[list[Candidate], set[int]]:
    found: list[Candidate] = []
    used: set[int] = set()
    row = _Row()
    for i in range(start, len(simples)):
        cell = simples[i].strip()
        if i in skip:
            break
        if not cell:
            continue
        if len(cell) > 40:
            break
        used.add(i)
        if _SECTION.match(cell) or _ATTRIBUTE.match(cell):
            found.extend(_flush(row, originals, columns))
            row = _Row()
            continue
        value = _VALUE_CELL.match(cell)
        if value or _EMPTY_CELL.match(cell):
            row.values.append((i, value, originals[i]))
            continue
        if row.values:
            found.extend(_flush(row, originals, columns))
            row = _Row()
        row.labels.append((i, originals[i].strip()))
    found.extend(_flush(row, originals, columns))
    if not found:
        return [], set()
    last = max(candidate.line - 1 for candidate in found)
    return found, {i for i in used if i <= last + 2}


def _header_row(simple: str) -> list[_Column]:
    cells = [cell for cell in _SPLIT.split(simple.strip()) if cell]
    if len(cells) < 3 and len(simple) < 60:
        cells = simple.split()
    if len(cells) < 3 or not re.search(r"指\s*标|项\s*目|名\s*称", cells[0]):
        return []
    years = [(int(m.group(1)), m.group(2) or "") for m in (_YEAR_CELL.match(cell) for cell in cells[1:]) if m]
    return _columns(years) if len(years) >= 2 else []


def _rows_per_line(
    originals: list[str], simples: list[str], start: int, columns: list[_Column], skip: set[int]
) -> tuple[list[Candidate], set[int]]:
    found: list[Candidate] = []
    used: set[int] = set()
    for i in range(start, len(simples)):
        line = simples[i]
        if i in skip:
            break
        if not line.strip():
            continue
        cells = [cell for cell in _SPLIT.split(line.strip()) if cell]
        if len(cells) < 2:
            cells = line.split()
        if len(cells) < 2 or len(line) > 160:
            break
        used.add(i)
        labels = [
            cell
            for cell in cells
            if not _VALUE_CELL.match(cell) and not _EMPTY_CELL.match(cell) and not _ATTRIBUTE.match(cell)
        ]
        if not labels:
            continue
        row = _Row(labels=[(i, labels[0])])
        offset = 0
        for cell in cells:
            match = _VALUE_CELL.match(cell)
            position = line.find(cell, offset)
            offset = position + len(cell)
            if match or _EMPTY_CELL.match(cell):
                row.values.append((i, match, originals[i][position : position + len(cell)]))
        if _SECTION.match(labels[0]) and not row.values:
            continue
        found.extend(_flush(row, originals, columns))
    return found, used


def _flush(row: _Row, originals: list[str], columns: list[_Column]) -> list[Candidate]:
    """Values of one row (and its 其中 sub-rows), read column by column as the table prints them."""
    if not row.labels or not any(match for _, match, _ in row.values):
        return []
    width = len(columns)
    subs = max(1, len(row.values) // width)
    labels = [_NUMBERING.sub("", text).strip() for _, text in row.labels]
    if subs == len(labels):
        names = labels
    elif subs == len(labels) - 1:
        names = [_join(labels[0], label) for label in labels[1:]]
    else:
        names = [" ".join(labels)] * subs
    row_unit = ""
    for label in labels:
        unit = _UNIT_IN_LABEL.search(label)
        if unit:
            row_unit = unit.group(1)
            break
    found = []
    for position, (line_index, match, original) in enumerate(row.values):
        column_index, sub = divmod(position, subs)
        if match is None or column_index >= width or sub >= len(names):
            continue
        if not match.group(2)[0].isdigit():
            continue  # masked cells are listed by the prose rules' masked list
        column = columns[column_index]
        sub_unit = _UNIT_IN_LABEL.search(
            labels[sub + (len(labels) - len(names))] if len(names) < len(labels) else names[sub]
        )
        unit = match.group(3) or (sub_unit.group(1) if sub_unit else row_unit)
        comparator = _COMPARATORS.get(match.group(4) or match.group(1) or "", "=")
        text = re.sub(r"[(（]\s*(?:%|‰|年|万人|人|所|个|元|万元|亿元|平方米|倍|项|名)\s*[)）]", "", names[sub]).strip()
        candidate = Candidate(
            file="",
            line=line_index + 1,
            kind=column.kind,
            indicator_text=text,
            value=match.group(2),
            unit=unit,
            quote=original.strip(),
            comparator=comparator,
            context=match.group(0).strip(),
        )
        if column.kind == "target":
            candidate.target_year = str(column.year)
            base = unit.lstrip("万亿") or unit
            candidate.target_kind = "count" if base in COUNTABLE else "level"
        else:
            candidate.year = str(column.year)
        found.append(candidate)
    return found


def _join(main: str, sub: str) -> str:
    sub = re.sub(r"^\s*其中\s*[:：]?\s*", "", sub)
    main = re.sub(r"[(（]\s*(?:%|‰|年|万人|人|所|个|元|万元|亿元|平方米|倍|项|名)\s*[)）]\s*$", "", main)
    if _UNIT_IN_LABEL.search(sub) or len(sub) > 6:
        return sub
    return f"{main} {sub}"
