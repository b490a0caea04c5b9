"""The command line: exit codes, output formats, defaults."""

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import make_package, run, set_cell


def test_valid_exit_0(pkg: Path) -> None:
    assert run("validate", "pkg").exit_code == 0


def test_invalid_exit_1(pkg: Path) -> None:
    set_cell(pkg / "outcomes.csv", 2, "value", "39")
    assert run("validate", "pkg").exit_code == 1


def test_usage_error_exit_2(pkg: Path) -> None:
    result = run("validate", "no-such-folder")
    assert result.exit_code == 2
    assert "does not exist" in result.output
    assert run("validate", "--format", "xml", "pkg").exit_code == 2


def test_no_packages_is_a_usage_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 2
    assert "no data packages found under datapackages/" in result.output


def test_default_finds_every_package(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    make_package(tmp_path / "datapackages" / "a")
    make_package(tmp_path / "datapackages" / "b")
    result = run("validate")
    assert result.exit_code == 0
    assert "valid: datapackages/a" in result.output and "valid: datapackages/b" in result.output


def test_descriptor_file_as_path(pkg: Path) -> None:
    assert run("validate", "pkg/datapackage.json").exit_code == 0


def test_json_format_is_the_same_report(pkg: Path) -> None:
    set_cell(pkg / "outcomes.csv", 2, "value", "39")
    result = run("validate", "--format", "json", "pkg")
    assert result.exit_code == 1
    document = json.loads(result.output)
    assert document["valid"] is False
    [problem] = document["problems"]
    assert problem["path"] == "pkg/outcomes.csv"
    assert problem["line"] == 2
    assert problem["field"] == "value"
    assert problem["slug"] == "value-not-in-quote"
    assert problem["message"] == "39 does not appear in the quote '九年义务教育巩固率93.0%' (it states 93.0, 九 (9))"
    assert problem["hint"].startswith("Copy the figure exactly")


def test_json_format_valid(pkg: Path) -> None:
    document = json.loads(run("validate", "--format", "json", "pkg").output)
    assert document["valid"] is True and document["problems"] == []
    assert document["packages"][0]["rows"]["outcomes"] == 4


def test_github_format(pkg: Path) -> None:
    set_cell(pkg / "outcomes.csv", 2, "value", "39")
    result = run("validate", "--format", "github", "pkg")
    assert result.exit_code == 1
    assert result.output == (
        "::error file=pkg/outcomes.csv,line=2,title=Value does not appear in its quote::"
        "value: 39 does not appear in the quote '九年义务教育巩固率93.0%25' (it states 93.0, 九 (9))%0Ahow to fix: Copy the figure "
        "exactly as the sentence states it (%25; digits or Chinese numerals), or quote the sentence that states it.\n"
    )


def test_utf8_bom_accepted(pkg: Path) -> None:
    for csv_file in pkg.glob("*.csv"):
        csv_file.write_bytes(b"\xef\xbb\xbf" + csv_file.read_bytes())
    result = run("validate", "pkg")
    assert result.exit_code == 0, result.output


def test_installed_command_runs(pkg: Path) -> None:
    """The console script itself, as a curator runs it, exits with the same codes."""
    set_cell(pkg / "outcomes.csv", 2, "value", "39")
    done = subprocess.run([sys.executable, "-m", "edutargets", "validate", "pkg"], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stdout.startswith("pkg/outcomes.csv:2:value: 39 does not appear")
    assert done.stderr == ""
