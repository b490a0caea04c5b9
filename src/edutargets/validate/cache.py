"""Values that passed frictionless's cell checks before, so a rebuild reads only new ones.

A cell's verdict depends only on its value and its field's definition, so the cache maps a
hash of the field (its descriptor, the schema's missing values, the frictionless version) to
the values that passed. One JSON file per package and resource, rewritten when it changes:
values no longer in the data drop out. Missing values are never cached (a row of them is a
blank row), and key fields are always read in full, since the key checks need their typed
values. A corrupt or foreign file is ignored, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import frictionless

FORMAT = 1


def field_key(field: dict[str, Any], schema: dict[str, Any]) -> str:
    """Hash of everything frictionless's cell reader depends on for this field."""
    basis = {"format": FORMAT, "frictionless": frictionless.__version__, "field": field, "missingValues": schema.get("missingValues")}
    return hashlib.sha256(json.dumps(basis, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


def cache_file(cache: Path, package: Path, resource: str) -> Path:
    """Where one resource's passed values are kept."""
    digest = hashlib.sha256(str(package.resolve()).encode("utf-8")).hexdigest()[:16]
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in resource)
    return cache / f"cells-{digest}-{safe}.json"


def load(path: Path, keys: dict[str, str]) -> dict[str, set[str]]:
    """Passed values by field name, for the fields whose definition is unchanged."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(stored, dict):
        return {}
    known = {}
    for name, key in keys.items():
        values = stored.get(key)
        if isinstance(values, list) and all(isinstance(v, str) for v in values):
            known[name] = set(values)
    return known


def save(path: Path, keys: dict[str, str], passed: dict[str, set[str]], known: dict[str, set[str]]) -> None:
    """Write the values that passed this time, unless they are what the file holds already."""
    if all(passed.get(name, set()) == known.get(name) for name in keys):
        return
    document = {key: list(passed.get(name, set())) for name, key in keys.items()}
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    os.replace(partial, path)
