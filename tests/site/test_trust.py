"""Publishing that can be trusted: text stays text, failed builds publish nothing, builds repeat exactly."""

from __future__ import annotations

import hashlib
from pathlib import Path

from click.testing import CliRunner

from edutargets.build import build_site
from edutargets.cli import cli
from tests.conftest import ROOT, make_package, set_cell
from tests.site.conftest import site_config

HOSTILE_NAME = "<script>alert(1)</script>温州市"
HOSTILE_QUOTE = "学前教育毛入园率达到75.0% | [x](javascript:alert(1)) {{ 7*7 }} {% raw %} <b>bold</b>"
HOSTILE_TITLE = '"><img src=x onerror=alert(1)>2015年公报 {{ 7*7 }}'


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_text_from_the_data_renders_as_text(tmp_path: Path) -> None:
    package = make_package(tmp_path / "pkg")
    set_cell(package / "regions.csv", 4, "name_zh", HOSTILE_NAME)
    set_cell(package / "outcomes.csv", 4, "quote", HOSTILE_QUOTE)
    set_cell(package / "outcomes.csv", 4, "note_en", "{{ 7*7 }} {% raw %}")
    set_cell(package / "sources.csv", 2, "title", HOSTILE_TITLE)
    config = site_config(tmp_path, package)
    assert build_site(config).built
    site = config.out
    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    everything = "\n".join(pages.values())
    assert "<script>alert(1)</script>" not in everything
    assert "<img src=x" not in everything
    assert "<b>bold</b>" not in everything
    assert 'href="javascript:' not in everything
    assert "&lt;script&gt;alert(1)&lt;/script&gt;温州市" in pages[site / "regions" / "330300" / "index.html"]
    source = pages[site / "sources" / "moe-bulletin-2015" / "index.html"]
    # Outcome quotes reach pages through the region's CSV file, which keeps them verbatim;
    # site.js puts them on the page as text (tests/browser checks what a reader sees).
    region_csv = (site / "regions" / "000000" / "000000-outcomes.csv").read_text(encoding="utf-8")
    assert HOSTILE_QUOTE in region_csv and "{{ 7*7 }} {% raw %}" in region_csv
    assert ">49<" not in source
    assert (
        "<title>&#34;&gt;&lt;img src=x onerror=alert(1)&gt;2015年公报 {{ 7*7 }} - " in source
        or "<title>&quot;&gt;&lt;img" in source
    )


def test_failed_validation_leaves_the_site_as_it_was(tmp_path: Path, monkeypatch) -> None:
    package = make_package(tmp_path / "pkg")
    config = site_config(tmp_path, package)
    assert build_site(config).built
    before = tree_digest(config.out)
    set_cell(package / "outcomes.csv", 2, "value", "39")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build", "--package", "pkg", "--out", "build/site"])
    assert result.exit_code == 1
    assert "pkg/outcomes.csv:2:value: 39 does not appear in the quote" in result.output
    assert "build stopped: the data is invalid; build/site was left as it was." in result.output
    assert tree_digest(config.out) == before
    assert not [p for p in config.out.parent.iterdir() if p.name.startswith(".site")]


def test_failed_render_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    package = make_package(tmp_path / "pkg")
    config = site_config(tmp_path, package)
    assert build_site(config).built
    before = tree_digest(config.out)
    broken = tmp_path / "broken.yml"
    broken.write_text("site_name: [unclosed\n", encoding="utf-8")
    from dataclasses import replace

    from edutargets.build import BuildFailed

    try:
        build_site(replace(config, mkdocs_config=broken))
    except BuildFailed as error:
        assert "MkDocs failed" in str(error)
    else:
        raise AssertionError("a broken MkDocs configuration must fail the build")
    assert tree_digest(config.out) == before
    assert not [p for p in config.out.parent.iterdir() if p.name.startswith(".site")]


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = site_config(tmp_path / "a", make_package(tmp_path / "a" / "pkg"))
    second = site_config(tmp_path / "b", make_package(tmp_path / "b" / "pkg"))
    assert build_site(first).built and build_site(second).built
    one, two = tree_digest(first.out), tree_digest(second.out)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_rebuild_writes_only_what_changed(tmp_path: Path) -> None:
    package = make_package(tmp_path / "pkg")
    config = site_config(tmp_path, package)
    build_site(config)
    again = build_site(config).generated
    assert again.written == 0 and again.removed == 0
    set_cell(package / "targets.csv", 2, "note_en", "a curator's note")
    changed = build_site(config)
    assert changed.generated.written == 0  # no top page shows a note
    assert changed.files.written == 1  # the region's targets file
    assert 0 < changed.rendered.rendered < changed.rendered.pages


def test_shipped_data_builds(tmp_path: Path) -> None:
    config = site_config(tmp_path, ROOT / "datapackages" / "edutargets")
    result = build_site(config)
    assert result.built, result.report.problems
    assert (config.out / "regions" / "330300" / "index.html").is_file()
