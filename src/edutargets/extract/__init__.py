"""extract: a curation assistant that finds candidate targets and figures in a plan's text.

`extract_file` reads one document (reading.py), marks page furniture (text.py), reads its
indicator tables (tables.py) and then its prose (figures.py, numbers.py), and fills what the
package knows (matching.py). Nothing it returns is data until a curator has reviewed it.

What must stay true: a bad file never raises; its FileResult carries one sentence in `error`
and the other files go on. Every candidate's quote is a verbatim substring of its line.
"""

from __future__ import annotations

from pathlib import Path

from edutargets.extract.figures import document_context, figures_in_line, masked_in_line
from edutargets.extract.matching import (
    PackageError,
    Reference,
    guess_region,
    known_figure,
    known_region,
    load_reference,
    match_indicator,
)
from edutargets.extract.model import COLUMNS, Candidate, FileResult, Masked
from edutargets.extract.reading import SUFFIXES, ReadError, read_document
from edutargets.extract.tables import find_tables
from edutargets.extract.text import is_furniture, simplify

__all__ = [
    "COLUMNS",
    "Candidate",
    "FileResult",
    "Masked",
    "PackageError",
    "Reference",
    "expand_paths",
    "extract_file",
    "extract_lines",
    "load_reference",
]


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given, and a folder's documents (by suffix, sorted, recursively)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        else:
            files.append(path)
    return files


def extract_file(path: Path, reference: Reference, year: int | None = None, name: str | None = None) -> FileResult:
    """Candidates and masked numbers of one file, or the reason it could not be read."""
    label = name or str(path)
    try:
        document = read_document(path)
    except ReadError as error:
        return FileResult(label, error=str(error))
    result = extract_lines(document.lines, reference, year, label, path.name)
    result.note = document.note
    if not result.candidates and not result.masked and not any(line.strip() for line in document.lines):
        result.error = "no text to read"
    return result


def extract_lines(lines: list[str], reference: Reference, year: int | None, label: str, name: str = "") -> FileResult:
    """The same on lines already read (tests and other formats use this)."""
    simples = [simplify(line) for line in lines]
    furniture = {index for index, simple in enumerate(simples) if is_furniture(simple)}
    context = document_context([line for index, line in enumerate(lines) if index not in furniture], name, year)
    table_candidates, taken = find_tables(lines, simples, furniture)
    candidates: list[Candidate] = []
    masked: list[Masked] = []
    for index, (original, simple) in enumerate(zip(lines, simples, strict=True)):
        if index in furniture:
            continue
        masked.extend(masked_in_line(original, simple, index + 1))
        if index not in taken:
            candidates.extend(figures_in_line(original, simple, index + 1, context))
    candidates.extend(table_candidates)
    candidates.sort(key=lambda candidate: (candidate.line, candidate.start))
    region = guess_region(reference, [line for index, line in enumerate(lines) if index not in furniture])
    whole = "\n".join(simples)
    for candidate in candidates:
        candidate.file = label
        candidate.indicator = match_indicator(reference, candidate)
        candidate.known = known_figure(reference, candidate, whole)
    region = known_region(reference, [c.known for c in candidates if c.known]) or region
    for candidate in candidates:
        candidate.region = known_region(reference, [candidate.known]) if candidate.known else region
    for item in masked:
        object.__setattr__(item, "file", label)
    return FileResult(label, candidates, masked)
