"""edutargets extract: formats, exit codes and one message per bad file."""

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from edutargets.cli import cli
from edutargets.extract.model import COLUMNS

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = str(ROOT / "datapackages" / "edutargets")
SEEDS = Path("/work/shared/seeds")


def extract(*args: str):
    return CliRunner().invoke(cli, ["extract", "--package", PACKAGE, *args])


def good(tmp_path: Path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(
        "xx市教育局2022年工作要点\n新建智安校园230所,全市公办幼儿园在园幼儿覆盖面达到50%。\n", encoding="utf-8"
    )
    return path


def test_csv_columns_and_rows(tmp_path: Path) -> None:
    result = extract(str(good(tmp_path)))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == COLUMNS
    assert [(row["line"], row["kind"], row["value"], row["unit"], row["target_year"]) for row in rows] == [
        ("2", "target", "230", "所", "2022"),
        ("2", "target", "50", "%", "2022"),
    ]
    assert not result.stdout.startswith("\ufeff")


def test_json_and_text(tmp_path: Path) -> None:
    path = good(tmp_path)
    document = json.loads(extract("--format", "json", str(path)).stdout)
    assert document["files"][0]["read_as"] == "UTF-8 text" and len(document["files"][0]["candidates"]) == 2
    text = extract("--format", "text", str(path)).stdout
    assert "2: target 2022 = 230所" in text


def test_out_file(tmp_path: Path) -> None:
    out = tmp_path / "candidates.csv"
    assert extract("--out", str(out), str(good(tmp_path))).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("file,line,kind,")


def test_bad_files_reported_and_others_go_on(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)))
    missing = tmp_path / "missing.txt"
    result = extract(str(empty), str(junk), str(missing), str(good(tmp_path)))
    assert result.exit_code == 1
    assert f"{empty}: empty file: nothing to extract" in result.stderr.splitlines()
    assert f"{junk}: not a document: binary data that is not text, HTML, .docx or PDF" in result.stderr.splitlines()
    assert f"{missing}: no such file" in result.stderr.splitlines()
    assert "Traceback" not in result.output
    assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == 2


def test_usage_errors(tmp_path: Path) -> None:
    assert CliRunner().invoke(cli, ["extract"]).exit_code == 2
    assert extract("--format", "xml", str(good(tmp_path))).exit_code == 2
    assert extract("--year", "abc", str(good(tmp_path))).exit_code == 2


def test_gbk_said_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("2022年工作要点\n新建幼儿园12所。\n".encode("gbk"))
    result = extract(str(path))
    assert result.exit_code == 0
    assert f"{path}: read as GBK/GB18030 text; 1 candidates, 0 masked" in result.stderr


def test_every_seed_runs() -> None:
    result = extract(str(SEEDS)) if SEEDS.is_dir() else extract(str(ROOT / "tests" / "extract" / "labelled"))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all(row["quote"] for row in rows)
