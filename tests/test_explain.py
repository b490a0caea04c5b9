"""`edutargets build --explain` names what a build would make again, and why, building nothing."""

from __future__ import annotations

import json
from pathlib import Path

from edutargets.build import build_site
from edutargets.explain import explain
from tests.conftest import make_package, run, set_cell
from tests.site.conftest import site_config


def _changes(config) -> dict[str, list[tuple[str, list[str]]]]:
    return {group.name: group.changes for group in explain(config).groups}


def test_after_a_build_nothing_would_be_made_again(tmp_path: Path) -> None:
    config = site_config(tmp_path, make_package(tmp_path / "pkg"))
    assert build_site(config).built
    assert all(changes == [] for changes in _changes(config).values())


def test_an_edit_is_explained_and_nothing_is_built(tmp_path: Path) -> None:
    package = make_package(tmp_path / "pkg")
    config = site_config(tmp_path, package)
    assert build_site(config).built
    published = sorted(p.stat().st_mtime_ns for p in config.out.rglob("*") if p.is_file())
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["version"] = descriptor["version"] + ".1"
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    set_cell(package / "regions.csv", 4, "name_en", "Wenzhou City")
    changes = _changes(config)
    pages = dict(changes["entity pages"])
    assert pages["regions/000000/index.html"] == ["version"]
    assert pages["en/regions/330300/index.html"] == ["region", "version"]
    assert pages["en/regions/330000/index.html"] == ["links", "version"]  # its child's name
    assert ("search/names.json.gz", ["regions"]) in changes["data files"]
    assert dict(changes["downloads"])["edutargets-datapackage.zip"] == ["package"]
    assert sorted(p.stat().st_mtime_ns for p in config.out.rglob("*") if p.is_file()) == published


def test_the_command(tmp_path: Path) -> None:
    package, work = make_package(tmp_path / "pkg"), tmp_path / "build"
    options = ["--package", str(package), "--out", str(work / "site"), "--work", str(work), "--no-search-index"]
    assert run("build", *options).exit_code == 0
    set_cell(package / "outcomes.csv", 2, "note_en", "corrected")
    result = run("build", *options, "--explain")
    assert result.exit_code == 0, result.output
    assert "data files: 1 of" in result.output and "  regions/000000/000000-outcomes.csv: outcomes" in result.output
    assert "entity pages: " in result.output
    set_cell(package / "outcomes.csv", 2, "year", "x")
    invalid = run("build", *options, "--explain")
    assert invalid.exit_code == 1 and "outcomes.csv:2:year" in invalid.output
