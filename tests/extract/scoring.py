"""Recall and precision of extract against the hand-labelled documents in labelled/.

A label and a candidate match when they are on the same line with the same value (as a
number: "83.00" is 83); each label matches at most one candidate. Masked numbers are not
candidates and are not labelled. Kind agreement (target/outcome) is counted on the matches.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from edutargets.extract import FileResult, Reference, extract_file

LABELLED = Path(__file__).resolve().parent / "labelled"
# Labelled, but never read while the rules were written: reported apart (README).
HELD_OUT = ("tianshui-2010-work-points", "national-2021-bulletin-trad", "pinghe-14fyp")


@dataclass(frozen=True)
class Score:
    name: str
    labels: int
    candidates: int
    matched: int
    kind_agrees: int
    missed: tuple[tuple[int, str, str], ...]
    spurious: tuple[tuple[int, str, str], ...]

    @property
    def recall(self) -> float:
        return self.matched / self.labels if self.labels else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.candidates if self.candidates else 1.0


def documents() -> list[str]:
    return sorted(path.stem for path in LABELLED.glob("*.txt"))


def read_labels(name: str) -> list[dict[str, str]]:
    with (LABELLED / f"{name}.labels.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def score(name: str, reference: Reference) -> Score:
    result: FileResult = extract_file(LABELLED / f"{name}.txt", reference)
    labels = read_labels(name)
    wanted = Counter((int(row["line"]), float(row["value"])) for row in labels)
    kinds = {(int(row["line"]), float(row["value"])): row["kind"] for row in labels}
    matched = kind_agrees = 0
    spurious = []
    for candidate in result.candidates:
        key = (candidate.line, float(candidate.value))
        if wanted[key] > 0:
            wanted[key] -= 1
            matched += 1
            kind_agrees += kinds[key] == candidate.kind
        else:
            spurious.append((candidate.line, candidate.value + candidate.unit, candidate.quote))
    missed = []
    for row in labels:
        key = (int(row["line"]), float(row["value"]))
        if wanted[key] > 0:
            wanted[key] -= 1
            missed.append((key[0], row["value"], row["indicator_text"]))
    return Score(name, len(labels), len(result.candidates), matched, kind_agrees, tuple(missed), tuple(spurious))
