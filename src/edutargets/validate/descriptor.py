"""Checks on datapackage.json made before any data is read: syntax, safe paths, files present."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

from edutargets.validate.errors import (
    DescriptorError,
    DescriptorJsonError,
    MissingFileError,
    Problem,
    UnsafePathError,
)


def load_descriptor(path: Path, shown: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The parsed descriptor, or None and the reason it cannot be used."""
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        return None, [DescriptorJsonError.at(shown, 1, None, detail="the file is not UTF-8")]
    except json.JSONDecodeError as error:
        return None, [DescriptorJsonError.at(shown, error.lineno, None, detail=error.msg)]
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return None, [DescriptorError.at(shown, 1, "resources", detail="the descriptor needs a 'resources' list")]
    for index, resource in enumerate(descriptor["resources"]):
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            return None, [DescriptorError.at(shown, None, f"resources[{index}]", detail="each resource needs a 'name'")]
    return descriptor, []


def _unsafe_reason(resource_path: str) -> str | None:
    if "://" in resource_path or resource_path.startswith(("http:", "https:", "ftp:", "file:", "data:")):
        return "a URL: only files inside the package are published"
    pure = PurePosixPath(resource_path.replace("\\", "/"))
    if pure.is_absolute() or (len(resource_path) > 1 and resource_path[1] == ":"):
        return "absolute"
    if ".." in pure.parts:
        return "outside the package (it contains '..')"
    return None


def check_resource_paths(descriptor: dict[str, Any], base: Path, shown: str) -> list[Problem]:
    """Resource paths must be relative files inside the package folder, and exist."""
    problems = []
    for resource in descriptor["resources"]:
        name = resource["name"]
        paths = resource.get("path")
        for resource_path in paths if isinstance(paths, list) else [paths]:
            if not isinstance(resource_path, str) or not resource_path:
                problems.append(
                    DescriptorError.at(shown, None, f"{name}.path", detail=f"resource {name!r} has no path")
                )
                continue
            reason = _unsafe_reason(resource_path)
            if reason:
                problems.append(
                    UnsafePathError.at(shown, None, f"{name}.path", resource_path=resource_path, reason=reason)
                )
            elif not (base / resource_path).is_file():
                problems.append(
                    MissingFileError.at(shown, None, f"{name}.path", resource_path=resource_path, resource=name)
                )
    return problems
