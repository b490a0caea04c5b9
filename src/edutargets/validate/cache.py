"""The last report of each package, reused while nothing it depends on has changed.

A report depends on the package folder's bytes (descriptor, tables, archived copies), on the
validation code and its libraries, and on the folder paths shown in messages. The key hashes
all of them: sha256 reads syn3352's 90 MB in ~0.06 s, so a rebuild whose data did not change
(a page template edited, ``edutargets serve`` reloading) validates in a fraction of a second.

Why not more: a cache of cell values that passed before (the first design) saved nothing
once cells are read once per distinct value (see cells.py). Measured on syn3352 with a warm
cache: ~0.3 s less cell reading, ~0.35 s more loading and saving the cache file (16 MB of
JSON); with one distinct quote per row, 0.5-1 s slower and a 95 MB file. An edited table is
therefore validated in full, which takes ~5 s at national scale.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import frictionless
import numpy as np
import pandas as pd

from edutargets.validate.errors import Problem
from edutargets.validate.report import PackageSummary

FORMAT = 1
_CODE = Path(__file__).resolve().parent


def _code_digest() -> str:
    """The validation code and the libraries whose behaviour it reports."""
    digest = hashlib.sha256(f"{FORMAT} {frictionless.__version__} {pd.__version__} {np.__version__}".encode())
    for source in sorted([*_CODE.glob("*.py"), _CODE.parent / "tables.py", _CODE.parent / "numbers.py"]):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def package_key(descriptor_file: Path, shown_base: str, shown_descriptor: str) -> str | None:
    """Hash of everything a package's report depends on, or None if the descriptor is unreadable.

    That is the descriptor's and the tables' bytes, the names of the other files in the folder
    (the rules check that archived copies exist), the code, and the paths shown in messages.
    """
    base = descriptor_file.parent
    try:
        raw = descriptor_file.read_bytes()
        descriptor = json.loads(raw.decode("utf-8-sig"))
        resources = [r for r in descriptor["resources"] if isinstance(r, dict)]
    except (OSError, ValueError, TypeError, KeyError):
        return None
    digest = hashlib.sha256(f"{_code_digest()}\0{shown_base}\0{shown_descriptor}\0".encode())
    digest.update(hashlib.sha256(raw).digest())
    inside = base.resolve()
    for resource in resources:
        path = resource.get("path")
        digest.update(json.dumps(path).encode())
        file = (base / path).resolve() if isinstance(path, str) else None
        if file is not None and file.is_relative_to(inside) and file.is_file():
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    for path in sorted(base.rglob("*")):
        digest.update(b"\0" + path.relative_to(base).as_posix().encode() + (b"/f" if path.is_file() else b"/d"))
    return digest.hexdigest()


def _file(cache: Path, base: Path) -> Path:
    return cache / f"report-{hashlib.sha256(str(base.resolve()).encode()).hexdigest()[:16]}.json"


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
    target = _file(cache, base)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}")
    partial.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, target)
