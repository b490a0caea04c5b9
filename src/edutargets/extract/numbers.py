"""Numbers in a line of prose: where each figure is, its value, unit and comparator, or why not.

Why a module of its own: what counts as a figure is mostly a list of what does not (dates,
ordinals, list numbering, programme labels, ranks, footnote marks, codes), and those rules are
the ones a curator will want to read and adjust. Everything here reads the *simplified*
line (text.simplify) and returns offsets into it, which are offsets into the original line too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from edutargets.extract.text import chinese_number

ARABIC = r"\d{1,3}(?: \d{3})+(?![\d. ])|\d{1,3}(?:,\d{3})+(?![\d.])|\d+(?:\.\d+)?"
_ARABIC = re.compile(rf"(?<![\d.A-Za-z])(?:{ARABIC})")
_CHINESE = re.compile(
    r"(?<![零〇一二两三四五六七八九十百千万])(百分之)?([零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)"
)
_RANGE = re.compile(rf"\s*(?:%|％)?\s*(?:至|到|-|—|~|～|－)\s*({ARABIC})(?![\d.])")
# Units a figure may carry; longest first, so 个百分点 wins over 个, 人次 over 人, 万元 over 万.
_UNIT = re.compile(
    r"\s*(多|余)?\s*[(（]?(个百分点|百分点|%|‰|(?:万|亿|千|百)?(?:平方米|平方公里|人次|人|名|所|个|项|支|套|门|间|册|台|次|场|家|座|班|条|份|倍|元|亩"
    r"|小时|课时|学时|天|周岁|周年|周|年|县|校|园|期|批|届|轮|节|位|张|件|处|块|种|类|岁|月|日|号|页|米|公里|强)|万|亿)"
)
_NOT_UNITS = {
    "周岁",
    "周年",
    "期",
    "批",
    "届",
    "轮",
    "节",
    "位",
    "种",
    "类",
    "岁",
    "月",
    "日",
    "号",
    "页",
    "强",
    "米",
    "公里",
    "张",
    "件",
    "块",
    "区",
}
_CHINESE_UNITS = {
    "所",
    "次",
    "小时",
    "县",
    "名",
    "人",
    "支",
    "项",
    "万人",
    "套",
    "门",
    "座",
    "天",
    "周",
    "个百分点",
    "人次",
    "万人次",
    "倍",
}
COUNTABLE = {
    "所",
    "个",
    "项",
    "支",
    "套",
    "门",
    "间",
    "名",
    "人",
    "人次",
    "座",
    "家",
    "处",
    "条",
    "份",
    "场",
    "次",
    "篇",
    "班",
    "县",
    "校",
    "园",
    "台",
    "册",
}

# Spans no figure may come from: addresses, dates and times, year ranges, titles and labels
# in quotation marks, footnote marks, codes.
_BLOCKED = re.compile(
    r"(?:https?://|www\.)\S+|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|net|org|gov|edu|html?|shtml)\S*"
    r"|\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月](?:\s*\d{1,2}\s*日?)?|\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|(?<!\d)(?:19|20)\d{2}\s*(?:[-—~至到－/]{1,2}|年?至|年到)\s*(?:19|20)?\d{2,4}\s*年?度?"
    r"|(?<!\d)(?:19|20)\d{2}\s*(?:年|届|级|版)|\d{1,2}:\d{2}(?::\d{2})?|\d+(?:\.\d+)?\s*[:：]\s*1(?!\d)"
    r"|“[^”]{0,24}”|\"[^\"]{0,24}\"|《[^》]*》|【[^】]*】|「[^」]*」|\[\d+\]|［\d+］|〔\d+〕"
    r"|第\s*[\d零〇一二两三四五六七八九十百千]+|[\d一二三四五六七八九十]+\s*[+＋]\s*[\d一二三四五六七八九十]+|[A-Za-z]+\d+[A-Za-z\d]*"
)
# List numbering: "1.", "(2)", "3、" at the start of a line or after a sentence end.
_NUMBERING = re.compile(
    r"(?:^|(?<=[。；;!！?？:：\s]))\s*[(（]?\d{1,2}\s*[)）.．、](?!\d)|(?:^|(?<=\s))[(（]\d{1,2}[)）]"
)
_ORDINAL_BEFORE = ("第", "前", "后", "每", "这", "那", "几", "某", "逐", "单", "唯", "初", "高", "星", "级")
_ACTION_END = re.compile(
    r"(?:新建|新增|新改扩建|改扩建|扩建|改建|建设|建成|打造|培育|创建|创成|争创|开发|评选|遴选|遴选培育|立项建设|实施|完成|更新|招聘补充|招聘|认定|设立|增设|"
    r"加快|推进|举办|开展|扶持|引进|资助|培训|投入|安排|拨付|新招|招收|建立|组建|成立|推出|形成|认定|获得|获|出台|制定|排查整改|整改|涉及|集中开展|对)$"
)


@dataclass(frozen=True)
class Number:
    """One figure in a simplified line: [start, end) spans the number, its range and unit."""

    start: int
    end: int
    value: str
    value_high: str
    unit: str
    approx: str  # 多 or 余 between number and unit ("200多项"): more than the value


def _blocked_spans(line: str) -> list[tuple[int, int]]:
    spans = [match.span() for match in _BLOCKED.finditer(line)]
    spans.extend(match.span() for match in _NUMBERING.finditer(line))
    return spans


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def _clean(digits: str) -> str:
    return digits.replace(" ", "").replace(",", "")


def numbers_in_line(line: str) -> list[Number]:
    """Every figure the line states, in order; dates, ordinals, labels and unitless numbers are left out."""
    spans = _blocked_spans(line)
    found: list[Number] = []
    for match in _ARABIC.finditer(line):
        start, end = match.span()
        if (found and start < found[-1].end) or _inside(spans, start, end) or _glued(line, start, end):
            continue
        value, high = _clean(match.group()), ""
        tail = end
        ranged = _RANGE.match(line, end)
        if ranged and not _inside(spans, ranged.start(1), ranged.end(1)):
            high, tail = _clean(ranged.group(1)), ranged.end()
        unit_match = _UNIT.match(line, tail)
        if not unit_match:
            continue
        approx, unit = unit_match.group(1) or "", unit_match.group(2)
        if not _unit_allowed(line, start, value, unit):
            continue
        found.append(Number(start, unit_match.end(), value, high, unit, approx))
    found.extend(_chinese_numbers(line, spans, found))
    found.sort(key=lambda number: number.start)
    return found


def _glued(line: str, start: int, end: int) -> bool:
    """A number glued to a plus sign, a slash or an underscore belongs to a code or a label."""
    before = line[start - 1] if start else ""
    after = line[end] if end < len(line) else ""
    return (before != "" and before in "+＋-_/#@") or (after != "" and after in "+＋_/")


def _unit_allowed(line: str, start: int, value: str, unit: str) -> bool:
    base = unit.lstrip("万亿千百") or unit
    if base in _NOT_UNITS or unit in _NOT_UNITS:
        return False
    if base == "年":  # years of schooling (11.4年), never a count of years or a year
        clause_start = max(line.rfind(mark, 0, start) for mark in "，,；;。")
        return "年限" in line[clause_start + 1 : start + 40] and float(value) < 30
    after = line[start + len(value) :]
    if (
        base in ("个", "县")
        and re.match(r"个?(?:山区)?(?:县|区|市|乡镇|省|城市)", after.lstrip("个"))
        and re.search(r"(?:在|对|尤其是|其中|的)$", line[:start])
    ):
        return False  # "在7个县设立…", "尤其是5个山区县": the places a measure covers, not a figure
    return not is_label(line, start + len(value) + len(unit))


_LABEL_NOUN = re.compile(
    r"\s*[“\"]?[^，,。；;、]{0,6}?(?:行动|工程|计划|举措|制度|原则|任务|措施|机制|要求|重点|意见|方面|环节|提高|体系|模式|规定|标准|理念)"
)


def is_label(line: str, unit_end: int) -> bool:
    """五项行动, 3个方面: a count of a programme's parts names the programme, it is no figure."""
    return bool(_LABEL_NOUN.match(line, unit_end)) and line[unit_end - 1 : unit_end] in ("项", "个", "大", "条")


def _chinese_numbers(line: str, spans: list[tuple[int, int]], arabic: list[Number]) -> list[Number]:
    """百分之九十, 两次, 一小时, 三县, 十二所: Chinese numerals with a measure, read with cn2an."""
    found = []
    for match in _CHINESE.finditer(line):
        start, end = match.span()
        if _inside(spans, start, end) or any(n.start <= start < n.end for n in arabic):
            continue
        before = line[start - 1] if start else ""
        if before in _ORDINAL_BEFORE or before.isdigit():
            continue
        percent, numeral = match.group(1), match.group(2)
        if percent:
            value = chinese_number(numeral)
            if value is not None:
                found.append(Number(start, end, value, "", "%", ""))
            continue
        unit_match = _UNIT.match(line, end)
        if not unit_match or unit_match.group(1) or unit_match.group(2) not in _CHINESE_UNITS:
            continue
        unit = unit_match.group(2)
        after = line[unit_match.end() : unit_match.end() + 1]
        if after == "一" or (numeral == "一" and unit not in ("小时", "天", "周")) or is_label(line, unit_match.end()):
            continue  # 一人一案, 一校一品: slogans
        if unit == "次" and re.match(r"(?:全会|会议|全体|代表大会|党代会)", line[unit_match.end() :]):
            continue  # 八届七次全会: a meeting's name
        if unit == "周" and not re.search(r"(?:至少|安排|不少于|每学[年期])\S{0,3}$", line[:start]):
            continue
        if (unit in ("人", "名") and numeral in ("一", "两", "二")) or (unit == "支" and numeral == "一"):
            continue  # 一名教师, 两人: wording, not a figure
        value = chinese_number(numeral)
        if value is None:
            continue
        found.append(Number(start, unit_match.end(), value, "", unit, ""))
    return found


def comparator_for(line: str, number: Number, clause_start: int) -> str:
    """The comparator of targets.csv for this figure: >= (以上, 不低于), <= (以内), ~ (左右), > (多, 超过)."""
    after = line[number.end : number.end + 4]
    before = line[max(clause_start, number.start - 8) : number.start]
    if number.approx:
        return ">"
    if re.match(r"\s*(?:及)?以上", after) or re.search(r"(?:不低于|不少于|至少|不小于)\S{0,2}$", before):
        return ">="
    if re.match(r"\s*(?:以内|以下)", after) or re.search(r"(?:不超过|不高于|不多于|控制在)\S{0,6}$", before):
        return "<="
    if re.match(r"\s*左右", after) or re.search(r"(?:约|大约|近|接近)$", before):
        return "~"
    if re.search(r"(?:超过|突破|高于|多于)$", before):
        return ">"
    if re.search(r"(?:低于|少于)$", before):
        return "<"
    return "="


def suffix_end(line: str, number: Number) -> int:
    """Where the figure's phrase ends, its comparator word (以上, 左右…) included."""
    match = re.match(r"\s*(?:及以上|以上|以内|以下|左右)", line[number.end :])
    return number.end + (match.end() if match else 0)


def ends_with_action(text: str) -> bool:
    """True when the wording before a count is a verb (打造30个…): the indicator follows the number."""
    return bool(_ACTION_END.search(text))
