"""Publish the site from the build's stores, changing only the files that changed.

Each part of the site is kept in its own store under build/ (MkDocs' output, the data files,
the entity pages, the search index and sitemaps), and each store replaces a file only when its
bytes change (store.write): an unchanged file keeps its inode. The published site
is made of hard links to the stores' files, so bringing it up to date is a comparison of
inodes: a rebuild after a small edit relinks a handful of files instead of copying, or
deleting, tens of thousands.

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

from edutargets.store import link, link_or_copy, list_files, remove_files


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


def site_files(layers: list[Layer]) -> dict[str, tuple[str, int]]:
    """The site's files, where each comes from and its inode; a later layer's file wins."""
    files: dict[str, tuple[str, int]] = {}
    for layer in layers:
        for relative, found in list_files(layer.root).items():
            if layer.skip is None or not layer.skip(relative):
                files[layer.prefix + relative] = found
    return files


def _same(source: str, published: str) -> bool:
    """Whether a published file of another inode is a copy of the store's file (where hard links
    are not possible, copies keep the store file's size and modification time)."""
    try:
        ours, theirs = os.stat(source), os.stat(published)
    except OSError:
        return False
    return ours.st_dev != theirs.st_dev and (ours.st_size, ours.st_mtime_ns) == (theirs.st_size, theirs.st_mtime_ns)


def publish(files: dict[str, tuple[str, int]], out: Path) -> Published:
    """Make `out` hold exactly `files`."""
    result = Published()
    if not out.exists():
        staging = out.with_name(f".{out.name}-new-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        folders: set[Path] = set()
        try:
            for relative, (source, _) in files.items():
                target = staging / relative
                if target.parent not in folders:  # a fresh folder: one mkdir per folder, no renames
                    target.parent.mkdir(parents=True, exist_ok=True)
                    folders.add(target.parent)
                link_or_copy(source, target)
            staging.rename(out)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        result.linked = len(files)
        return result
    current = list_files(out)
    for relative, (source, inode) in files.items():
        published = current.get(relative)
        if published is not None and (published[1] == inode or _same(source, published[0])):
            result.unchanged += 1
        else:
            link(source, out / relative)
            result.linked += 1
    result.removed = remove_files(out, set(current) - set(files))
    return result
