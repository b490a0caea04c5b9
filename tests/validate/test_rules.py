"""Each domain rule: a failing fixture and the exact line it must print."""

from pathlib import Path

from tests.conftest import add_row, problem_lines, run, set_cell


def test_tiny_package_is_valid(pkg: Path) -> None:
    result = run("validate", "pkg")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("valid: pkg (14 rows:")


def test_percent_above_100(pkg: Path) -> None:
    set_cell(pkg / "outcomes.csv", 2, "value", "101")
    set_cell(pkg / "outcomes.csv", 2, "quote", "九年义务教育巩固率101%")
    result = run("validate", "pkg")
    assert result.exit_code == 1
    assert problem_lines(result) == [
        "pkg/outcomes.csv:2:value: 101 is outside 0..100 for percentage indicator compulsory_retention"
    ]


def test_gross_ratio_may_exceed_100(pkg: Path) -> None:
    set_cell(pkg / "outcomes.csv", 4, "value", "101.2")
    set_cell(pkg / "outcomes.csv", 4, "quote", "学前教育毛入园率达到101.2%")
    assert run("validate", "pkg").exit_code == 0


def test_negative_percent_target(pkg: Path) -> None:
    set_cell(pkg / "targets.csv", 2, "baseline_value", "-1")
    set_cell(pkg / "targets.csv", 2, "quote", "巩固率 % -1 100 (a typing slip)")
    assert problem_lines(run("validate", "pkg")) == [
        "pkg/targets.csv:2:baseline_value: -1 is outside 0..100 for percentage indicator compulsory_retention"
    ]


def test_target_year_before_plan_period(pkg: Path) -> None:
    set_cell(pkg / "targets.csv", 2, "target_year", "2015")
    set_cell(pkg / "targets.csv", 2, "baseline_year", "2010")
    assert problem_lines(run("validate", "pkg")) == [
        "pkg/targets.csv:2:target_year: target year 2015 is before the period of source zj-13fyp-edu (2016-2020)"
    ]


def test_outcome_year_after_source_published(pkg: Path) -> None:
    set_cell(pkg / "outcomes.csv", 5, "year", "2022")
    assert problem_lines(run("validate", "pkg")) == [
        "pkg/outcomes.csv:5:year: year 2022 is after source moe-bulletin-2020 was published (2021-08)"
    ]


def test_value_not_in_quote(pkg: Path) -> None:
    set_cell(pkg / "outcomes.csv", 4, "value", "57.0")
    result = run("validate", "pkg")
    assert problem_lines(result) == [
        "pkg/outcomes.csv:4:value: 57 does not appear in the quote '学前教育毛入园率达到75.0%,比上年提高4.5个百分点' (it states 75.0, 4.5)"
    ]
    assert (
        "how to fix: Copy the figure exactly as the sentence states it (%; digits or Chinese numerals)" in result.output
    )


def test_value_in_quote_with_magnitude(pkg: Path) -> None:
    set_cell(pkg / "outcomes.csv", 3, "quote", "专任教师1792.97萬人")
    assert run("validate", "pkg").exit_code == 0
    set_cell(pkg / "outcomes.csv", 3, "value", "17929700")
    assert problem_lines(run("validate", "pkg")) == [
        "pkg/outcomes.csv:3:value: 1.79297e+07 does not appear in the quote '专任教师1792.97萬人' (it states 1792.97萬)"
    ]


def test_value_in_chinese_numerals(pkg: Path) -> None:
    """两次, 三县, 一周, 十二所, 百分之九十: a value equal to the quote's numeral is stated by it."""
    for value, quote in (
        ("2", "年内开展两次教育收费大检查"),
        ("3", "秦安、武山、清水三县达标"),
        ("12", "新建十二所"),
        ("90", "巩固率达到百分之九十"),
    ):
        set_cell(pkg / "outcomes.csv", 2, "value", value)
        set_cell(pkg / "outcomes.csv", 2, "quote", quote)
        assert run("validate", "pkg").exit_code == 0, quote
    set_cell(pkg / "outcomes.csv", 2, "value", "4")
    assert problem_lines(run("validate", "pkg")) == [
        "pkg/outcomes.csv:2:value: 4 does not appear in the quote '巩固率达到百分之九十' (it states 百分之九十 (90))"
    ]


def test_target_value_high_and_baseline_in_quote(pkg: Path) -> None:
    set_cell(pkg / "targets.csv", 2, "value_high", "101")
    set_cell(pkg / "targets.csv", 2, "baseline_value", "99")
    assert problem_lines(run("validate", "pkg")) == [
        "pkg/targets.csv:2:baseline_value: 99 does not appear in the quote '巩固率 % 100 100' (it states 100, 100)",
        "pkg/targets.csv:2:value_high: 101 is outside 0..100 for percentage indicator compulsory_retention",
        "pkg/targets.csv:2:value_high: 101 does not appear in the quote '巩固率 % 100 100' (it states 100, 100)",
    ]


def test_duplicate_outcome(pkg: Path) -> None:
    line = add_row(
        pkg / "outcomes.csv",
        region="000000",
        indicator="preschool_ger",
        year="2015",
        value="75.0",
        comparator="=",
        source="moe-bulletin-2015",
        quote="学前教育毛入园率达到75.0%",
    )
    assert problem_lines(run("validate", "pkg")) == [
        f"pkg/outcomes.csv:{line}: duplicate (region, indicator, year, source) (000000, preschool_ger, 2015, moe-bulletin-2015): line 4 has the same"
    ]


def test_parent_chain_loop(pkg: Path) -> None:
    add_row(pkg / "regions.csv", code="530000", name_zh="云南省", name_en="Yunnan", level="province", parent="530100")
    add_row(
        pkg / "regions.csv", code="530100", name_zh="昆明市", name_en="Kunming", level="prefecture", parent="530000"
    )
    assert problem_lines(run("validate", "pkg")) == [
        "pkg/regions.csv:5:parent: a province's parent must be a nation, but 530100 is a prefecture",
        "pkg/regions.csv:5:parent: the parent chain of 530000 loops back to 530000",
        "pkg/regions.csv:6:parent: the parent chain of 530100 loops back to 530000",
    ]


def test_parent_chain_dead_end(pkg: Path) -> None:
    set_cell(pkg / "regions.csv", 3, "parent", "")
    assert problem_lines(run("validate", "pkg")) == [
        "pkg/regions.csv:3:parent: 330000's parent chain ends at 330000, which has no parent and is not the nation",
        "pkg/regions.csv:4:parent: 330300's parent chain ends at 330000, which has no parent and is not the nation",
    ]


def test_parent_chain_without_nation(pkg: Path) -> None:
    set_cell(pkg / "regions.csv", 3, "parent", "")
    rows = (pkg / "regions.csv").read_text(encoding="utf-8").splitlines()
    (pkg / "regions.csv").write_text("\n".join([rows[0], *rows[2:]]) + "\n", encoding="utf-8")
    lines = problem_lines(run("validate", "pkg"))
    assert (
        "pkg/regions.csv:2:parent: the nation (code 000000) is missing from regions, so 330000 cannot reach it" in lines
    )
    assert (
        "pkg/regions.csv:3:parent: the nation (code 000000) is missing from regions, so 330300 cannot reach it" in lines
    )


def test_region_level_must_fit_code(pkg: Path) -> None:
    set_cell(pkg / "regions.csv", 4, "level", "county")
    assert problem_lines(run("validate", "pkg")) == [
        "pkg/regions.csv:4:level: code 330300 is shaped like a prefecture code but level is county"
    ]


def test_child_code_under_parent_prefix(pkg: Path) -> None:
    add_row(
        pkg / "regions.csv", code="530100", name_zh="昆明市", name_en="Kunming", level="prefecture", parent="330000"
    )
    assert problem_lines(run("validate", "pkg")) == [
        "pkg/regions.csv:5:parent: code 530100 does not begin with its parent's prefix (330000)"
    ]


def test_baseline_needs_year(pkg: Path) -> None:
    set_cell(pkg / "targets.csv", 2, "baseline_year", "")
    assert problem_lines(run("validate", "pkg")) == [
        "pkg/targets.csv:2:baseline_year: baseline_value is given without baseline_year"
    ]


def test_source_needs_url_or_copy(pkg: Path) -> None:
    set_cell(pkg / "sources.csv", 2, "url", "")
    assert problem_lines(run("validate", "pkg")) == [
        "pkg/sources.csv:2:url: the source has neither a url nor an archived copy"
    ]


def test_archived_copy_must_exist(pkg: Path) -> None:
    set_cell(pkg / "sources.csv", 2, "url", "")
    set_cell(pkg / "sources.csv", 2, "copy", "documents/kunming-2006.txt")
    assert problem_lines(run("validate", "pkg")) == [
        "pkg/sources.csv:2:copy: the archived copy 'documents/kunming-2006.txt' does not exist in the package"
    ]
    (pkg / "documents").mkdir()
    (pkg / "documents" / "kunming-2006.txt").write_text("市教育局工作要点", encoding="utf-8")
    assert run("validate", "pkg").exit_code == 0


def test_archived_copy_must_be_utf8(pkg: Path) -> None:
    """Saved in the capture's own encoding (GB18030 here), the site would show it garbled."""
    set_cell(pkg / "sources.csv", 2, "copy", "documents/kunming-2006.txt")
    (pkg / "documents").mkdir()
    (pkg / "documents" / "kunming-2006.txt").write_bytes("市教育局工作要点".encode("gb18030"))
    result = run("validate", "pkg")
    assert result.exit_code == 1
    assert problem_lines(result) == [
        "pkg/sources.csv:2:copy: the archived copy 'documents/kunming-2006.txt' is not UTF-8 text (byte 0 cannot be read)"
    ]
    assert "iconv -f GB18030 -t UTF-8" in result.output
    # the report is not taken from the cache once the copy is fixed
    (pkg / "documents" / "kunming-2006.txt").write_text("市教育局工作要点", encoding="utf-8")
    assert run("validate", "pkg").exit_code == 0
