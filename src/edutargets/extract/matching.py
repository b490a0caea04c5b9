"""What the package already knows: canonical indicators, regions, and figures already entered.

Why guesses are cautious: a wrong canonical id costs a curator more than an empty one, so
`indicator` is filled only when one indicator's name clearly matches the document's wording
(and its unit fits), the region only when a place name of regions.csv is found, and `known`
only when the package holds the same value with a quote that overlaps this one.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from edutargets.extract.model import Candidate
from edutargets.extract.text import simplify

_PARENS = re.compile(r"[(（][^)）]*[)）]")
_NOISE = re.compile(r"[\s“”\"'《》「」、,，:：()（）%‰\-—·]|全市|全省|全县|全区|全国|我市|其中|各级|阶段")
_REGION_SUFFIX = re.compile(r"(?:壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市|县|区)$")


class PackageError(Exception):
    """The package folder cannot be used for matching (str(error) says why)."""


@dataclass(frozen=True)
class Indicator:
    id: str
    names: tuple[str, ...]
    unit: str


@dataclass(frozen=True)
class Region:
    code: str
    level: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class KnownFigure:
    table: str
    line: int
    value: float
    quote: str


@dataclass
class Reference:
    """The package's indicators, regions and figures, read once for every file."""

    indicators: list[Indicator] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    known: dict[float, list[KnownFigure]] = field(default_factory=dict)
    matched: dict[tuple[str, bool], str] = field(default_factory=dict)  # wording -> id, computed once
    region_of: dict[str, str] = field(default_factory=dict)  # "targets.csv:LINE" -> the row's region


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    if not path.exists():
        return []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = []
            line = reader.line_num
            for row in reader:
                rows.append((line + 1, row))
                line = reader.line_num
            return rows
    except (UnicodeDecodeError, csv.Error) as error:
        raise PackageError(f"{path}: cannot be read as UTF-8 CSV ({error})") from None


def load_reference(package: Path | None) -> Reference:
    """Read indicators.csv, regions.csv, targets.csv and outcomes.csv from the package folder (missing files are empty)."""
    reference = Reference()
    if package is None:
        return reference
    if not package.is_dir():
        raise PackageError(f"{package}: no such package folder")
    for _, row in _rows(package / "indicators.csv"):
        name = simplify(row.get("name_zh", ""))
        names = {name, _PARENS.sub("", name)}
        names.update(
            inner.strip("()（）")
            for inner in re.findall(r"[(（]([^)）]*)[)）]", name)
            if len(inner) >= 4 and not re.search(r"至|含|不含", inner)
        )
        reference.indicators.append(
            Indicator(row.get("id", ""), tuple(sorted(_key(n) for n in names if n)), row.get("unit", ""))
        )
    for _, row in _rows(package / "regions.csv"):
        name = row.get("name_zh", "")
        names = {name}
        short = _REGION_SUFFIX.sub("", name)
        if len(short) >= 2 and row.get("level") != "nation":
            names.add(short)
        if row.get("level") == "nation":
            names = {"全国", "中国", "中华人民共和国"}
        reference.regions.append(
            Region(row.get("code", ""), row.get("level", ""), tuple(sorted(names, key=len, reverse=True)))
        )
    for table in ("targets.csv", "outcomes.csv"):
        for line, row in _rows(package / table):
            try:
                value = float(row.get("value", ""))
            except ValueError:
                continue
            reference.known.setdefault(value, []).append(
                KnownFigure(table, line, value, simplify(row.get("quote", "")))
            )
            reference.region_of[f"{table}:{line}"] = row.get("region", "")
    return reference


def _key(text: str) -> str:
    return _NOISE.sub("", simplify(text))


def match_indicator(reference: Reference, candidate: Candidate) -> str:
    """The canonical id whose name the wording clearly states, or "" (no guess on a near tie)."""
    wording = _key(candidate.indicator_text)
    if len(wording) < 3:
        return ""
    percent = candidate.unit in ("%", "‰", "个百分点")
    if (wording, percent) not in reference.matched:
        reference.matched[(wording, percent)] = _best_indicator(reference, wording, percent)
    return reference.matched[(wording, percent)]


def _best_indicator(reference: Reference, wording: str, percent: bool) -> str:
    letters = set(wording)
    scored = []
    for indicator in reference.indicators:
        if (indicator.unit == "%") != percent:
            continue
        best = 0.0
        for name in indicator.names:
            if not name:
                continue
            if name == wording or (len(name) >= 4 and wording.endswith(name)):
                best = 1.0
                break
            if len(letters & set(name)) * 2 >= 0.85 * (len(wording) + len(name)):  # else ratio() cannot reach 0.85
                best = max(best, SequenceMatcher(None, wording, name, autojunk=False).ratio())
        scored.append((best, indicator.id))
    if not scored:
        return ""
    scored.sort(reverse=True)
    top = scored[0]
    second = scored[1][0] if len(scored) > 1 else 0.0
    return top[1] if top[0] >= 0.85 and top[0] - second >= 0.08 else ""


def guess_region(reference: Reference, lines: list[str]) -> str:
    """The region the document is about: the most specific place of regions.csv it names most.

    The title counts most; a prefecture wins over its province when both are named, because
    a city's plan names its province ("全省第一方阵") far less than itself.
    """
    if not reference.regions:
        return ""
    text = simplify("\n".join(lines))
    head = simplify("\n".join(line for line in lines[:5]))
    counts: Counter[str] = Counter()
    for region in reference.regions:
        # a short name (温州) also counts the full one (温州市): the largest count is the mentions
        hits = max(
            (0 if region.level == "nation" else text.count(name)) + 5 * head.count(name) for name in region.names
        )
        if hits:
            counts[region.code] = hits
    if not counts:
        return ""
    level_rank = {"county": 3, "prefecture": 2, "province": 1, "nation": 0}
    levels = {region.code: level_rank.get(region.level, 0) for region in reference.regions}
    best = max(counts, key=lambda code: (counts[code] >= 2, levels[code] if counts[code] >= 2 else 0, counts[code]))
    return best


def known_region(reference: Reference, known: list[str]) -> str:
    """The region of the package rows a document's figures are known from, the most common one:
    stronger evidence of what the document is about than the place names it mentions."""
    counts = Counter(reference.region_of[key] for key in known if reference.region_of.get(key))
    return counts.most_common(1)[0][0] if counts else ""


def known_figure(reference: Reference, candidate: Candidate, document: str = "") -> str:
    """targets.csv:LINE or outcomes.csv:LINE when the package has this value with an overlapping quote.

    `document` is the whole simplified text: when given, the row's quote must be found in it,
    so a row quoted from another document with the same value and wording is not "known".
    """
    try:
        value = float(candidate.value)
    except ValueError:
        return ""
    rows = reference.known.get(value, [])
    if not rows:
        return ""
    context = simplify(candidate.context or candidate.quote)
    wording = _key(candidate.indicator_text)
    for row in rows:
        if not row.quote or context not in row.quote or (document and row.quote not in document):
            continue
        # the same words around the same number; a short context (a table cell) also needs the row's wording
        if len(context) >= 6 or (
            len(wording) >= 3
            and SequenceMatcher(None, wording, row.quote, autojunk=False)
            .find_longest_match(0, len(wording), 0, len(row.quote))
            .size
            >= 3
        ):
            return f"{row.table}:{row.line}"
    return ""
