"""The one place the build writes, links and removes files, and keeps what each output was made from.

Every output of the build lives in a store folder under build/ and is written with `write`:
under a temporary name, then renamed into place, and only when its bytes differ. A file is
never rewritten in place, because the published site is made of hard links to the stores'
files (`publish`): a link keeps the bytes it was made with, and an unchanged file keeps its
inode, so bringing the site up to date is a comparison of inodes, and a rebuild after a small
edit relinks a handful of files instead of copying, or deleting, tens of thousands. Everything
is made in the stores before the site is touched, so a build that fails leaves the published
site as it was; the first publish links a new folder and renames it into place, later ones
replace changed files one by one, each atomically.

`Manifest` is the one record of what every output was made from: for each output (by name),
the digest of each of its declared inputs (site/kinds.py for pages, site/files.py for data
files). An output whose inputs all have the digests recorded is not made again; `changed`
names the inputs that differ, which is what `edutargets build --explain` prints.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

MANIFEST_FORMAT = 1


def digest(*parts: object) -> str:
    """A short, stable digest of values (strings, numbers, lists, dicts): 16 hex digits."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def files_digest(paths: Iterable[Path], root: Path) -> str:
    """The names (relative to root, so that a moved checkout has the same digest) and bytes of
    files: templates, strings, code, configurations."""
    found = hashlib.sha256()
    for path in sorted(paths):
        found.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return found.hexdigest()[:16]


def contents_digest(files: Mapping[str, bytes]) -> str:
    """The names and bytes of files not (yet) on disk, as files_digest would give them."""
    found = hashlib.sha256()
    for name in sorted(files):
        found.update(name.encode() + b"\0" + files[name] + b"\0")
    return found.hexdigest()[:16]


def write(path: Path, content: bytes) -> bool:
    """Put `content` at `path` atomically, only when the bytes differ; True if written."""
    if path.is_file() and path.stat().st_size == len(content) and path.read_bytes() == content:
        return False
    write_with(path, lambda partial: partial.write_bytes(content))
    return True


def write_with(path: Path, make: Callable[[Path], None]) -> None:
    """Let `make` write a new file, then rename it to `path` (for writers that need a path,
    such as a zip or a workbook)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    make(partial)
    os.replace(partial, path)


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """A hard link to `source` at `target`: no bytes move. A copy where links are not possible
    (another file system); stores only ever replace a file, so a link keeps its bytes."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def link(source: str | Path, target: Path) -> None:
    """Put `source` at `target` in one step: linked under a temporary name, then renamed over
    whatever was there."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir():
        shutil.rmtree(target)
    partial = target.with_name(f".{target.name}.linking")
    partial.unlink(missing_ok=True)
    link_or_copy(source, partial)
    os.replace(partial, target)


def list_files(root: Path) -> dict[str, tuple[str, int]]:
    """Every file under root (dot-files left out): its full path and inode, by path relative to
    root. The inode comes with the directory listing (os.scandir): no stat call per file."""
    found: dict[str, tuple[str, int]] = {}
    pending = [(str(root), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, f"{prefix}{entry.name}/"))
            else:
                found[prefix + entry.name] = (entry.path, entry.inode())
    return found


def remove_files(root: Path, relatives: Iterable[str]) -> int:
    """Remove these files under root, then the folders they leave empty; the number removed."""
    folders: set[Path] = set()
    count = 0
    for relative in sorted(relatives):
        path = root / relative
        path.unlink(missing_ok=True)
        folders.add(path.parent)
        count += 1
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        while folder != root and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return count


class Manifest:
    """What each output was last made from: output name -> {input name: digest}.

    Saved as one JSON file, once a build has made what it could (`save`). Before outputs are made,
    `forget` drops their records and appends their names to a journal beside it, so that a build
    stopped half-way, before its `save`, makes them again instead of trusting files made from
    other inputs: loading drops every name in the journal, `save` empties it. The journal is a
    line per name, so forgetting costs what is forgotten, not a rewrite of the whole manifest.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.journal = path.with_name(path.name + ".forgotten")
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            valid = isinstance(stored, dict) and stored.get("format") == MANIFEST_FORMAT
        except (OSError, ValueError):
            valid = False
        self.outputs: dict[str, dict[str, str]] = stored["outputs"] if valid else {}
        self._dirty = False
        try:
            forgotten = self.journal.read_text(encoding="utf-8").splitlines()
        except OSError:
            forgotten = []
        for name in forgotten:
            self.outputs.pop(name, None)

    def changed(self, name: str, inputs: Mapping[str, str]) -> list[str]:
        """The inputs whose digest differs from the record (all of them for a new output)."""
        known = self.outputs.get(name)
        if known is None:
            return ["(new)"]
        return sorted(key for key in set(known) | set(inputs) if known.get(key) != inputs.get(key))

    def forget(self, names: Iterable[str]) -> None:
        dropped = [name for name in names if self.outputs.pop(name, None) is not None]
        if dropped:
            with self.journal.open("a", encoding="utf-8") as journal:
                journal.write("".join(f"{name}\n" for name in dropped))

    def record(self, inputs: Mapping[str, Mapping[str, str]]) -> None:
        """Record outputs just made (others keep their records)."""
        self.outputs.update({name: dict(found) for name, found in inputs.items()})
        self._dirty = self._dirty or bool(inputs)

    def keep_only(self, names: Iterable[str], prefix: str = "") -> list[str]:
        """Drop the records under `prefix` that no output claims any more; the names dropped."""
        wanted = set(names)
        stale = [name for name in self.outputs if name.startswith(prefix) and name not in wanted]
        for name in stale:
            del self.outputs[name]
        self._dirty = self._dirty or bool(stale)
        return stale

    def save(self) -> None:
        """Write the records, if any changed since loading (a build stopped by invalid data
        writes nothing: what it forgot is in the journal)."""
        if not self._dirty:
            return
        write(
            self.path,
            json.dumps(
                {"format": MANIFEST_FORMAT, "outputs": self.outputs}, sort_keys=True, separators=(",", ":")
            ).encode("utf-8"),
        )
        self.journal.unlink(missing_ok=True)
        self._dirty = False


@dataclass(frozen=True)
class Layer:
    """A store whose files go into the site under `prefix`; `skip` leaves some out."""

    root: Path
    prefix: str = ""
    skip: Callable[[str], bool] | None = None
    listed: Mapping[str, tuple[str, int]] | None = None
    """The store's files as `list_files` gives them, where the writer of the store knows them."""


@dataclass
class Published:
    linked: int = 0
    removed: int = 0
    unchanged: int = 0


def site_files(layers: list[Layer]) -> dict[str, tuple[str, int]]:
    """The site's files, where each comes from and its inode; a later layer's file wins."""
    files: dict[str, tuple[str, int]] = {}
    for layer in layers:
        for relative, found in (list_files(layer.root) if layer.listed is None else layer.listed).items():
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
