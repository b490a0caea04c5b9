"""A corpus of broken inputs: each must exit 1 with exactly these path:line:field messages.

Each case is a small edit to the tiny package of real figures; the expected lines are the
whole report, so a new spurious message fails the test as surely as a missing one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from edutargets.validate import validate_paths
from edutargets.validate.errors import CATALOGUE
from edutargets.validate.report import format_text
from tests.conftest import add_row, make_package, problem_lines, run, set_cell


def _write(name: str, text: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    return lambda pkg: (pkg / name).write_bytes(text.encode(encoding))


def _replace(name: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(pkg: Path) -> None:
        path = pkg / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")

    return edit


def _cell(name: str, line: int, field: str, value: str) -> Callable[[Path], None]:
    return lambda pkg: set_cell(pkg / name, line, field, value)


def _descriptor(edit: Callable[[dict], None]) -> Callable[[Path], None]:
    def apply(pkg: Path) -> None:
        descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
        edit(descriptor)
        (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")

    return apply


def _set_path(name: str, path: str) -> Callable[[dict], None]:
    def edit(descriptor: dict) -> None:
        next(r for r in descriptor["resources"] if r["name"] == name)["path"] = path

    return edit


GBK_OUTCOMES = "region,indicator,year,period_start,value,comparator,source,quote,flag,note_zh,note_en\n000000,preschool_ger,2015,,75.0,=,moe-bulletin-2015,学前教育毛入园率达到75.0%,,,\n"

CASES: list[tuple[str, Callable[[Path], None], list[str]]] = [
    (
        "old mac line endings (CR alone)",
        lambda pkg: (pkg / "indicators.csv").write_bytes((pkg / "indicators.csv").read_bytes().replace(b"\n", b"\r")),
        ["pkg/indicators.csv:1: the file cannot be read as CSV: lines end with a carriage return (CR) alone"],
    ),
    (
        "gbk-encoded csv",
        _write("outcomes.csv", GBK_OUTCOMES, "gb18030"),
        [
            "pkg/outcomes.csv:2: the file is not UTF-8 (byte 142 cannot be decoded); it looks like GBK/GB18030, the encoding Excel uses on Chinese Windows"
        ],
    ),
    ("empty csv", _write("targets.csv", ""), ["pkg/targets.csv:1: the file is empty; it needs at least a header row"]),
    (
        "invalid json descriptor",
        _write("datapackage.json", '{"name": "x",\n "resources": [\n}'),
        ["pkg/datapackage.json:3: invalid JSON: Expecting value"],
    ),
    (
        "descriptor without resources",
        _write("datapackage.json", '{"name": "x"}'),
        ["pkg/datapackage.json:1:resources: the descriptor needs a 'resources' list"],
    ),
    (
        "absolute resource path",
        _descriptor(_set_path("targets", "/etc/passwd")),
        ["pkg/datapackage.json:targets.path: resource path '/etc/passwd' is absolute"],
    ),
    (
        "parent-directory resource path",
        _descriptor(_set_path("targets", "../targets.csv")),
        ["pkg/datapackage.json:targets.path: resource path '../targets.csv' is outside the package (it contains '..')"],
    ),
    (
        "url resource path",
        _descriptor(_set_path("targets", "https://example.org/targets.csv")),
        [
            "pkg/datapackage.json:targets.path: resource path 'https://example.org/targets.csv' is a URL: only files inside the package are published"
        ],
    ),
    (
        "missing data file",
        lambda pkg: (pkg / "targets.csv").unlink(),
        ["pkg/datapackage.json:targets.path: file 'targets.csv' named by resource 'targets' does not exist"],
    ),
    (
        "missing header column",
        _replace("outcomes.csv", ",flag,note_zh,note_en\n", ",flag,note_zh\n"),
        ["pkg/outcomes.csv:1:note_en: the header lacks column 'note_en'"],
    ),
    (
        "duplicate header",
        _replace("regions.csv", "code,name_zh,name_en,level,parent", "code,name_zh,name_zh,level,parent"),
        ["pkg/regions.csv:1:name_en: column 3 'name_zh' appears twice"],
    ),
    (
        "extra cell",
        _replace(
            "outcomes.csv",
            "moe-bulletin-2015,九年义务教育巩固率93.0%,,,",
            "moe-bulletin-2015,九年义务教育巩固率93.0%,,,,x",
        ),
        ["pkg/outcomes.csv:2: the row has more cells than the header"],
    ),
    (
        "year not a number",
        _cell("outcomes.csv", 2, "year", "2015年"),
        ["pkg/outcomes.csv:2:year: '2015年' is not a valid integer"],
    ),
    (
        "value with percent sign",
        _cell("outcomes.csv", 2, "value", "93.0%"),
        ["pkg/outcomes.csv:2:value: '93.0%' is not a valid number"],
    ),
    (
        "accessed date in wrong format",
        _cell("sources.csv", 2, "accessed", "2026/11/01"),
        ["pkg/sources.csv:2:accessed: '2026/11/01' is not a valid date"],
    ),
    (
        "required quote empty",
        _cell("outcomes.csv", 3, "quote", ""),
        ["pkg/outcomes.csv:3:quote: quote is required but the cell is empty"],
    ),
    (
        "unknown enum",
        _cell("targets.csv", 2, "kind", "reach"),
        ["pkg/targets.csv:2:kind: 'reach' is not one of the allowed values"],
    ),
    (
        "unknown stage",
        _cell("indicators.csv", 2, "stage", "teacher"),
        ["pkg/indicators.csv:2:stage: 'teacher' is not one of the allowed values"],
    ),
    (
        "overlong quote",
        _cell("outcomes.csv", 2, "quote", "九年义务教育巩固率93.0%" + "。" * 2000),
        ["pkg/outcomes.csv:2:quote: '" + "九年义务教育巩固率93.0%" + "。" * 2000 + "' is longer than 2000 characters"],
    ),
    (
        "javascript url",
        _cell("sources.csv", 2, "url", "javascript:alert(1)"),
        ["pkg/sources.csv:2:url: 'javascript:alert(1)' is not an http or https address"],
    ),
    (
        "unknown source",
        _cell("outcomes.csv", 2, "source", "moe-bulletin-2051"),
        ["pkg/outcomes.csv:2:source: 'moe-bulletin-2051' is not found in sources.id"],
    ),
    (
        "unknown indicator",
        _cell("targets.csv", 2, "indicator", "retention"),
        ["pkg/targets.csv:2:indicator: 'retention' is not found in indicators.id"],
    ),
    (
        "duplicate primary key",
        _cell("regions.csv", 4, "code", "330000"),
        [
            "pkg/regions.csv:4:code: duplicate code (330000): line 3 has the same",
            "pkg/regions.csv:4:level: code 330000 is shaped like a province code but level is prefecture",
        ],
    ),
    (
        "excel added .0",
        _cell("regions.csv", 4, "code", "330300.0"),
        ["pkg/regions.csv:4:code: '330300.0' looks like a code that Excel turned into a number (a '.0' was added)"],
    ),
    (
        "excel dropped leading zeros",
        _cell("regions.csv", 3, "parent", "0"),
        [
            "pkg/regions.csv:3:parent: '0' looks like a code that Excel turned into a number (leading zeros were dropped: 1 digits left)"
        ],
    ),
    (
        "excel scientific notation",
        _cell("targets.csv", 2, "region", "3.3E+05"),
        [
            "pkg/targets.csv:2:region: '3.3E+05' looks like a code that Excel turned into a number (it is in scientific notation)"
        ],
    ),
    (
        "percentage over 100",
        lambda pkg: (
            set_cell(pkg / "outcomes.csv", 2, "value", "103"),
            set_cell(pkg / "outcomes.csv", 2, "quote", "巩固率103%"),
        ),
        ["pkg/outcomes.csv:2:value: 103 is outside 0..100 for percentage indicator compulsory_retention"],
    ),
    (
        "value not in quote",
        _cell("outcomes.csv", 2, "value", "39.0"),
        [
            "pkg/outcomes.csv:2:value: 39 does not appear in the quote '九年义务教育巩固率93.0%' (it states 93.0, 九 (9))"
        ],
    ),
    (
        "target year before period",
        _cell("targets.csv", 2, "target_year", "2014"),
        [
            "pkg/targets.csv:2:baseline_year: baseline year 2015 is not before target year 2014",
            "pkg/targets.csv:2:target_year: target year 2014 is before the period of source zj-13fyp-edu (2016-2020)",
        ],
    ),
    (
        "outcome after publication",
        _cell("outcomes.csv", 2, "year", "2017"),
        ["pkg/outcomes.csv:2:year: year 2017 is after source moe-bulletin-2015 was published (2016-07)"],
    ),
    (
        "multi-line quote keeps editor lines",
        lambda pkg: (
            set_cell(pkg / "outcomes.csv", 2, "quote", "九年义务教育\n巩固率93.0%"),
            set_cell(pkg / "outcomes.csv", 3, "value", "1.0"),
        ),
        ["pkg/outcomes.csv:4:value: 1 does not appear in the quote '专任教师1792.97万人' (it states 1792.97万)"],
    ),
    (
        "period for a level indicator",
        _cell("outcomes.csv", 2, "period_start", "2011"),
        [
            "pkg/outcomes.csv:2:period_start: period_start 2011 is given, but compulsory_retention is a level (measure), which cannot be added up over years"
        ],
    ),
    (
        "period of a change target",
        lambda pkg: (
            set_cell(pkg / "indicators.csv", 3, "measure", "flow"),
            set_cell(pkg / "targets.csv", 2, "kind", "change"),
            set_cell(pkg / "targets.csv", 2, "period_start", "2016"),
        ),
        [
            "pkg/targets.csv:2:period_start: period_start 2016 is given for a change target; a target over a period is a count"
        ],
    ),
    (
        "period starting after its end",
        lambda pkg: (
            set_cell(pkg / "indicators.csv", 3, "measure", "flow"),
            set_cell(pkg / "targets.csv", 2, "period_start", "2021"),
        ),
        ["pkg/targets.csv:2:period_start: period_start 2021 is after target_year 2020"],
    ),
    (
        "parent chain loops",
        _cell("regions.csv", 2, "parent", "330300"),
        [
            "pkg/regions.csv:2:parent: the nation (000000) has no parent, but parent is 330300",
            "pkg/regions.csv:3:parent: the parent chain of 330000 loops back to 000000",
            "pkg/regions.csv:4:parent: the parent chain of 330300 loops back to 000000",
        ],
    ),
    (
        "source without url or copy",
        _cell("sources.csv", 2, "url", ""),
        ["pkg/sources.csv:2:url: the source has neither a url nor an archived copy"],
    ),
    (
        "archived copy not UTF-8",
        lambda pkg: (
            set_cell(pkg / "sources.csv", 2, "copy", "documents/a.txt"),
            (pkg / "documents").mkdir(),
            (pkg / "documents" / "a.txt").write_bytes("教育局".encode("gb18030")),
        ),
        ["pkg/sources.csv:2:copy: the archived copy 'documents/a.txt' is not UTF-8 text (byte 0 cannot be read)"],
    ),
    (
        "no descriptor",
        lambda pkg: (pkg / "datapackage.json").unlink(),
        ["pkg/datapackage.json: no datapackage.json found"],
    ),
    (
        "duplicate outcome",
        lambda pkg: add_row(
            pkg / "outcomes.csv",
            region="000000",
            indicator="compulsory_retention",
            year="2015",
            value="93.0",
            comparator="=",
            source="moe-bulletin-2015",
            quote="九年义务教育巩固率93.0%",
        ),
        [
            "pkg/outcomes.csv:6: duplicate (region, indicator, year, source) (000000, compulsory_retention, 2015, moe-bulletin-2015): line 2 has the same"
        ],
    ),
]


@pytest.mark.parametrize(("edit", "expected"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input(pkg: Path, edit: Callable[[Path], None], expected: list[str]) -> None:
    edit(pkg)
    result = run("validate", "pkg")
    assert result.exit_code == 1, result.output
    assert problem_lines(result) == expected
    assert "how to fix:" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("edit", "expected"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_publishes_nothing(pkg: Path, edit: Callable[[Path], None], expected: list[str]) -> None:
    edit(pkg)
    result = run("build", "--package", "pkg", "--out", "out/site")
    assert result.exit_code == 1, result.output
    assert problem_lines(result) == expected
    assert "build stopped: the data is invalid; out/site was left as it was." in result.output
    assert not (pkg.parent / "out" / "site").exists()
    work = pkg.parent / "build"  # the default work folder: nothing of the site is made there either
    assert not work.exists() or sorted(p.name for p in work.iterdir()) in ([], ["validate-cache"])


@pytest.mark.parametrize(("edit", "expected"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_after_a_valid_build_gets_the_whole_report(
    pkg: Path, edit: Callable[[Path], None], expected: list[str]
) -> None:
    """A rebuild checks row by row only the rows not known clean from the last valid report
    (validate/cache.py): that must never hide a problem, nor add one."""
    cache = pkg.parent / "cache"
    assert validate_paths([pkg], cache=cache).valid
    edit(pkg)
    text = format_text(validate_paths([pkg], cache=cache))
    assert [line for line in text.splitlines() if not line.startswith((" ", "invalid:", "valid:"))] == expected


def test_the_corpus_meets_every_kind_of_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every problem of the catalogue (validate/errors.py) is made by at least one case."""
    seen = set()
    for number, (_, edit, _) in enumerate(CASES):
        monkeypatch.chdir(tmp_path)
        pkg = make_package(tmp_path / f"case{number}" / "pkg")
        edit(pkg)
        seen |= {problem.slug for problem in validate_paths([pkg]).problems}
    assert sorted(error.slug for error in CATALOGUE if error.slug not in seen) == []
