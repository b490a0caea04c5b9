"""The manifest's records survive only what a build finished: store.Manifest."""

from __future__ import annotations

from pathlib import Path

from edutargets.store import Manifest


def _saved(path: Path) -> Manifest:
    manifest = Manifest(path)
    manifest.record({"pages/a.html": {"data": "1"}, "pages/b.html": {"data": "2"}})
    manifest.save()
    return Manifest(path)


def test_an_output_forgotten_by_a_build_that_stopped_is_made_again(tmp_path: Path) -> None:
    manifest = _saved(tmp_path / "manifest.json")
    manifest.forget(["pages/a.html"])  # about to be made again; the build stops before it saves
    reloaded = Manifest(tmp_path / "manifest.json")
    assert reloaded.changed("pages/a.html", {"data": "1"}) == ["(new)"]
    assert reloaded.changed("pages/b.html", {"data": "2"}) == []


def test_saving_records_what_was_made_and_empties_the_journal(tmp_path: Path) -> None:
    manifest = _saved(tmp_path / "manifest.json")
    manifest.forget(["pages/a.html", "pages/unknown.html"])
    manifest.record({"pages/a.html": {"data": "3"}})
    manifest.save()
    assert not manifest.journal.exists()
    reloaded = Manifest(tmp_path / "manifest.json")
    assert reloaded.outputs == {"pages/a.html": {"data": "3"}, "pages/b.html": {"data": "2"}}


def test_forgetting_writes_the_names_not_the_manifest(tmp_path: Path) -> None:
    manifest = _saved(tmp_path / "manifest.json")
    before = (tmp_path / "manifest.json").read_bytes()
    manifest.forget(["pages/b.html"])
    assert (tmp_path / "manifest.json").read_bytes() == before
    assert manifest.journal.read_text(encoding="utf-8") == "pages/b.html\n"


def test_a_manifest_nothing_was_recorded_in_is_not_written(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path / "manifest.json")
    manifest.forget(["pages/a.html"])
    manifest.save()
    assert not (tmp_path / "manifest.json").exists()
