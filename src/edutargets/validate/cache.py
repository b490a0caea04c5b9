"""The last report of each package, reused while nothing it depends on has changed.

A report depends on the package folder's bytes (descriptor, tables, archived copies), on the
validation code and its libraries, and on the folder paths shown in messages. The key hashes
all of them (hashing is far cheaper than checking), so a rebuild whose data did not change (a
page template edited, ``edutargets serve`` reloading) reuses the report.

Why not more: a cache of cell values that passed before (the first design) saved nothing
once cells are read once per distinct value (see cells.py): loading and saving it cost what
it spared. Cells are therefore not cached by value. Rows are, by their bytes, after a report with no problem at all ("clean
rows", below): when a rebuild finds that one table alone changed since then (same descriptor,
code, folder and other tables), a row found among that table's clean rows has passed every
check that reads one row at a time (its cells, and the rules that look only at the row and at
other tables), so those checks run on the changed rows only. Checks across rows (keys, region
chains) still run on the whole table. An edit to one region's million-row outcomes thus checks
its few hundred rows, not a million.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import dataclass
from pathlib import Path

import frictionless
import numpy as np
import pandas as pd

from edutargets.store import write
from edutargets.tables import Table
from edutargets.validate.errors import Problem
from edutargets.validate.report import PackageSummary

FORMAT = 2
_CODE = Path(__file__).resolve().parent


def _code_digest() -> str:
    """The validation code and the libraries whose behaviour it reports."""
    digest = hashlib.sha256(f"{FORMAT} {frictionless.__version__} {pd.__version__} {np.__version__}".encode())
    for source in sorted([*_CODE.glob("*.py"), _CODE.parent / "tables.py", _CODE.parent / "numbers.py"]):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Inputs:
    """What a package's report depends on, hashed: all of it (`key`), all but the tables' bytes
    (`context`), and each table's bytes by resource name."""

    key: str
    context: str
    tables: dict[str, str]


def package_inputs(descriptor_file: Path, shown_base: str, shown_descriptor: str) -> Inputs | None:
    """Hashes of everything a package's report depends on, or None if the descriptor is unreadable.

    That is the descriptor's and the tables' bytes, the names and bytes of the other files in the
    folder (the rules check that archived copies exist and are UTF-8), the code, and the paths shown
    in messages.
    """
    base = descriptor_file.parent
    try:
        raw = descriptor_file.read_bytes()
        descriptor = json.loads(raw.decode("utf-8-sig"))
        resources = [r for r in descriptor["resources"] if isinstance(r, dict)]
    except (OSError, ValueError, TypeError, KeyError):
        return None
    context = hashlib.sha256(f"{_code_digest()}\0{shown_base}\0{shown_descriptor}\0".encode())
    context.update(hashlib.sha256(raw).digest())
    digests: list[str] = []
    inside = base.resolve()
    for resource in resources:
        path = resource.get("path")
        context.update(json.dumps(path).encode())
        file = (base / path).resolve() if isinstance(path, str) else None
        readable = file is not None and file.is_relative_to(inside) and file.is_file()
        digests.append(hashlib.sha256(file.read_bytes()).hexdigest() if readable else "")
    tables_read = {(base / r["path"]).resolve() for r in resources if isinstance(r.get("path"), str)}
    for path in sorted(base.rglob("*")):
        context.update(b"\0" + path.relative_to(base).as_posix().encode() + (b"/f" if path.is_file() else b"/d"))
        if path.is_file() and path.resolve() not in tables_read and path.name != descriptor_file.name:
            context.update(hashlib.sha256(path.read_bytes()).digest())  # archived copies: their encoding is checked
    key = hashlib.sha256(context.digest() + "\0".join(digests).encode())
    tables = {str(resource.get("name")): digest for resource, digest in zip(resources, digests, strict=True)}
    return Inputs(key=key.hexdigest(), context=context.hexdigest(), tables=tables)


def _file(cache: Path, base: Path, kind: str = "report", suffix: str = "json") -> Path:
    return cache / f"{kind}-{hashlib.sha256(str(base.resolve()).encode()).hexdigest()[:16]}.{suffix}"


def load(cache: Path, base: Path, key: str) -> tuple[list[Problem], PackageSummary] | None:
    """The stored report if it was made from exactly this input, else None."""
    try:
        stored = json.loads(_file(cache, base).read_text(encoding="utf-8"))
        if stored.get("key") != key:
            return None
        problems = [Problem(**problem) for problem in stored["problems"]]
        return problems, PackageSummary(path=stored["path"], rows=dict(stored["rows"]))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # missing, damaged or from another version: validate again


def save(cache: Path, base: Path, key: str, problems: list[Problem], summary: PackageSummary) -> None:
    """Store the report, replacing the previous one of this package in one step."""
    document = {"key": key, "path": summary.path, "rows": summary.rows, "problems": [p.to_dict() for p in problems]}
    write(_file(cache, base), json.dumps(document, ensure_ascii=False).encode("utf-8"))


def save_clean_rows(cache: Path, base: Path, inputs: Inputs, tables: dict[str, Table]) -> None:
    """After a report with no problem: keep every table's row hashes, in file order, with the inputs
    they passed in. Not when a table was read without hashes (the exact reader)."""
    if set(tables) != set(inputs.tables) or any(t.row_hashes is None for t in tables.values()):
        return
    hashes = {name: table.row_hashes for name, table in tables.items()}
    record = {"format": FORMAT, "context": inputs.context, "tables": inputs.tables, "hashes": hashes}
    write(_file(cache, base, "clean-rows", "pickle"), pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))


def clean_rows(cache: Path, base: Path, inputs: Inputs) -> dict[str, np.ndarray]:
    """The hashes of the rows last known clean, for the one table that changed since,
    when nothing else did: descriptor, code, folder and every other table as they were. Else {}."""
    try:
        with _file(cache, base, "clean-rows", "pickle").open("rb") as handle:
            record = pickle.load(handle)
        if (
            record["format"] != FORMAT
            or record["context"] != inputs.context
            or set(record["tables"]) != set(inputs.tables)
        ):
            return {}
        changed = [name for name, digest in inputs.tables.items() if digest != record["tables"][name]]
        if len(changed) != 1:
            return {}
        return {changed[0]: record["hashes"][changed[0]]}
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, KeyError, TypeError, ValueError, ImportError):
        return {}  # missing, damaged or from another version: check every row


def fresh_rows(tables: dict[str, Table], clean: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """By table, which rows are not among its clean rows (for the tables `clean_rows` gave)."""
    fresh = {}
    for name, known in clean.items():
        table = tables.get(name)
        if table is None or table.row_hashes is None:
            continue
        hashes = table.row_hashes
        same = np.zeros(len(hashes), dtype=bool)
        overlap = min(len(hashes), len(known))
        same[:overlap] = hashes[:overlap] == known[:overlap]  # an edit in place moves no row
        moved = np.flatnonzero(~same)
        same[moved] = pd.Series(hashes[moved]).isin(known).to_numpy()
        fresh[name] = ~same
    return fresh
