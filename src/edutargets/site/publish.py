"""Publish the site from the build's stores, changing only the files that changed.

Each part of the site is kept in its own store under build/ (MkDocs' output, the data files,
the entity pages, the search index and sitemaps), and each store replaces a file only when its
bytes change (render.write_if_changed): an unchanged file keeps its inode. The published site
is made of hard links to the stores' files, so bringing it up to date is a comparison of
inodes: a rebuild after a small edit relinks a handful of files instead of copying, or
deleting, thirty thousand (cp -al and rm -r of a national-scale site take 2 and 4 s here).

Everything is rendered into the stores before the site is touched, so a build that fails
leaves the published site as it was. The first build links a new folder and renames it into
place; later ones replace changed files one by one, each atomically (os.replace).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


@dataclass(frozen=True)
class Layer:
    """A store whose files go into the site under `prefix`; `skip` leaves some out."""

    root: Path
    prefix: str = ""
    skip: Callable[[str], bool] | None = None


@dataclass
class Published:
    linked: int = 0
    removed: int = 0
    unchanged: int = 0


def _walk(root: Path) -> dict[str, os.stat_result]:
    """Every file under root (dot-files left out) and its stat, by path relative to root."""
    found: dict[str, os.stat_result] = {}
    if not root.is_dir():
        return found
    base = len(str(root)) + 1
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                path = os.path.join(folder, name)
                found[path[base:].replace(os.sep, "/")] = os.stat(path)
    return found


def site_files(layers: list[Layer]) -> dict[str, tuple[Path, os.stat_result]]:
    """The site's files and where each comes from; a later layer's file wins over an earlier one's."""
    files: dict[str, tuple[Path, os.stat_result]] = {}
    for layer in layers:
        for relative, stat in _walk(layer.root).items():
            if layer.skip is None or not layer.skip(relative):
                files[layer.prefix + relative] = (layer.root / relative, stat)
    return files


def _same(source: os.stat_result, published: os.stat_result) -> bool:
    """The published file is the store's file: the same inode, or a copy made of it (where hard
    links are not possible, copies keep the store file's size and modification time)."""
    if (source.st_ino, source.st_dev) == (published.st_ino, published.st_dev):
        return True
    return source.st_size == published.st_size and source.st_mtime_ns == published.st_mtime_ns


def _link(source: Path, target: Path) -> None:
    """Put `source` at `target` in one step: a hard link (a copy across file systems) under a
    temporary name, then renamed over whatever was there."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir():
        shutil.rmtree(target)
    partial = target.with_name(f".{target.name}.publishing")
    partial.unlink(missing_ok=True)
    try:
        os.link(source, partial)
    except OSError:
        shutil.copy2(source, partial)
    os.replace(partial, target)


def publish(files: dict[str, tuple[Path, os.stat_result]], out: Path) -> Published:
    """Make `out` hold exactly `files`."""
    result = Published()
    if not out.exists():
        staging = out.with_name(f".{out.name}-new-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        try:
            for relative, (source, _) in files.items():
                _link(source, staging / relative)
            staging.rename(out)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        result.linked = len(files)
        return result
    current = _walk(out)
    for relative, (source, stat) in files.items():
        published = current.get(relative)
        if published is not None and _same(stat, published):
            result.unchanged += 1
        else:
            _link(source, out / relative)
            result.linked += 1
    folders: set[Path] = set()
    for relative in sorted(set(current) - set(files)):
        path = out / relative
        path.unlink(missing_ok=True)
        folders.add(path.parent)
        result.removed += 1
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        while folder != out and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return result
