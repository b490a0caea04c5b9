"""Figures in prose and tables: what is found, what is left out, and the fields of a row."""

from pathlib import Path

from edutargets.extract import extract_lines, load_reference
from edutargets.extract.model import Candidate

PACKAGE = Path(__file__).resolve().parents[2] / "datapackages" / "edutargets"
REFERENCE = load_reference(PACKAGE)


def run(*lines: str, year: int | None = None) -> list[Candidate]:
    return extract_lines(list(lines), REFERENCE, year, "doc.txt").candidates


def values(candidates: list[Candidate]) -> list[str]:
    return [c.value + (f"-{c.value_high}" if c.value_high else "") + c.unit for c in candidates]


def test_target_with_comparator_and_year() -> None:
    [c] = run("某市“十四五”教育事业发展规划", "到2025年,学前教育毛入园率达到95%以上。")
    assert (c.kind, c.value, c.unit, c.comparator, c.target_kind, c.target_year) == (
        "target",
        "95",
        "%",
        ">=",
        "level",
        "2025",
    )
    assert c.indicator_text == "学前教育毛入园率" and c.indicator == "preschool_ger"
    assert c.quote == "学前教育毛入园率达到95%以上"


def test_outcome_in_a_bulletin() -> None:
    found = run("2021年全市教育事业发展统计公报", "全市共有幼儿园1200所,比上年增加30所,增长2.56%。")
    assert values(found) == ["1200所", "30所", "2.56%"]
    assert {c.kind for c in found} == {"outcome"} and {c.year for c in found} == {"2021"}


def test_change_range_and_count() -> None:
    found = run("2006年工作要点", "将全市幼儿入园率提高3至5个百分点,达65%以上。新建公办幼儿园50所。")
    assert values(found) == ["3-5个百分点", "65%", "50所"]
    assert [c.target_kind for c in found] == ["change", "level", "count"]
    assert [c.comparator for c in found] == ["=", ">=", "="]


def test_chinese_numerals() -> None:
    found = run(
        "2010年工作要点", "保证学生每天锻炼一小时;年内开展两次大检查;实现三县达标;新建十二所学校;入学率达到百分之九十。"
    )
    assert values(found) == ["1小时", "2次", "3县", "12所", "90%"]


def test_traditional_quoted_as_in_the_file() -> None:
    [c] = run("2016年工作要點", "義務教育鞏固率達到95%。")
    assert c.quote == "義務教育鞏固率達到95%" and c.indicator_text == "義務教育鞏固率"
    assert c.indicator == "compulsory_retention"


def test_left_out() -> None:
    found = run(
        "2022年工作要点",
        "1.实施“五大行动”和“2+1项目”,落实第3批试点,位列全省第一。",
        "发布时间:2022-09-14 10:29 浏览次数:356次",
        "印发《新建50所幼儿园实施方案》,落实“两个100%”要求。",
        "第1页 / 共12页",
        "经营许可证编号:宁ICP备2022001085号",
        "学习贯彻市委八届七次全会精神,面向0-6岁儿童,印发《规划(2021-2025年)》。",
    )
    assert found == []


def test_masked_listed_apart() -> None:
    result = extract_lines(["2021年工作总结", "义务教育巩固率为xx.xx%,新建幼儿园**所。"], REFERENCE, None, "doc.txt")
    assert result.candidates == []
    assert [m.text for m in result.masked] == ["xx.xx", "**"]


def test_spam_link_list_is_furniture() -> None:
    assert (
        run(
            "2020年工作要点",
            "主站蜘蛛池模板: 紫阳县| 道真| 新泰市| 尚义县| 岢岚县| 墨竹工卡县|",
            "久久91精品,99久久好看,一区二区三区,国产免费,在线观看,成人视频",
        )
        == []
    )


def test_table_one_line_per_row() -> None:
    found = run(
        "“十四五”教育发展规划",
        "指标\t2020年\t2025年\t属性",
        "学前教育毛入园率(%)\t90.5\t95以上\t预期性",
        "新建幼儿园(所)\t—\t20\t约束性",
    )
    assert [(c.kind, c.value, c.unit, c.comparator, c.year or c.target_year) for c in found] == [
        ("outcome", "90.5", "%", "=", "2020"),
        ("target", "95", "%", ">=", "2025"),
        ("target", "20", "所", "=", "2025"),
    ]
    assert found[0].indicator_text == "学前教育毛入园率" and found[0].indicator == "preschool_ger"


def test_table_one_cell_per_line() -> None:
    lines = ["规划", "指  标", "2020年", "2025年", "属性", "1.高中阶段教育毛入学率(%)", "92%", "95%以上", "约束性"]
    found = run(*lines)
    assert [(c.line, c.kind, c.value, c.quote) for c in found] == [
        (7, "outcome", "92", "92%"),
        (8, "target", "95", "95%以上"),
    ]


def test_target_year_from_this_year_and_period() -> None:
    found = run("工作要点", "年内创建示范高中2所。“十三五”期间新建学校10所。", year=2016)
    assert [c.target_year for c in found] == ["2016", "2020"]


def test_known_figure() -> None:
    [c] = run("xx市教育局2022年工作要点", "全面推进。新建智安校园230所。")
    assert c.known.startswith("targets.csv:")
    [other] = run("xx市教育局2022年工作要点", "全面推进。新建智安校园231所。")
    assert other.known == ""


def test_a_known_figure_gives_its_rows_region() -> None:
    """The 温州 work points name no city, and 合肥 once: the figures the package has from them say 温州."""
    found = run("xx市教育局2022年工作要点", "学习合肥经验。新建智安校园230所。加快3所特殊教育学校建设。新建幼儿园7所。")
    assert [c.region for c in found] == ["330300", "330300", "330300"]
    assert [bool(c.known) for c in found] == [True, True, False]


def test_quote_is_verbatim_and_short() -> None:
    line = "推进" + "教育" * 80 + ",新建幼儿园50所" + "并且" * 80
    [c] = run("2020年工作要点", line)
    assert c.quote in line and len(c.quote) <= 120 and "50所" in c.quote


def test_known_only_from_the_same_text() -> None:
    """The package has 学前教育毛入园率 90 from another document: the same value in this table is not known."""
    found = run("“十四五”教育发展规划", "指标\t2020年\t2025年", "学前教育毛入园率(%)\t90\t95以上")
    assert [c.value for c in found] == ["90", "95"]
    assert [c.known for c in found] == ["", ""]
