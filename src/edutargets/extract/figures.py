"""Figures in prose: each number tied to an indicator, as a target or a reported outcome.

For every number numbers.py accepts, this module decides what a curator needs to judge it:
the clause it stands in (the quote), the document's own wording for the indicator, whether
the plan promises it (target) or a report states it (outcome), its comparator and kind of
target, and its year. What must stay true: the quote and indicator_text are cut from the
original line by offsets (verbatim, in the file's characters), and a quote is at most 120
characters and always contains the printed number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from edutargets.extract.model import Candidate, Masked
from edutargets.extract.numbers import (
    COUNTABLE,
    Number,
    comparator_for,
    ends_with_action,
    numbers_in_line,
    suffix_end,
)
from edutargets.extract.text import simplify

QUOTE_MAX = 120
_CLAUSE_MARKS = "，,；;。！!？?：:\t"
_SENTENCE_MARKS = "。！!？?"
_PERIODS = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}
_PERIOD = re.compile(r"(十一五|十二五|十三五|十四五|十五五)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_TARGET_YEAR = re.compile(r"(?:到|至|力争到|争取到|力争在|在)\s*((?:19|20)\d{2})\s*年")
_THIS_YEAR = re.compile(r"年内|今年|本年度?|全年")

_TARGET_STRONG = re.compile(
    r"到\s*(?:19|20)\d{2}\s*年|力争|确保|争取|计划|拟|目标|预计|年内|今年|不低于|不少于|至少|提高到|提升到|提至|提高至|提升至|增至|降到|下降到|降至|控制在|保持在|要|将|下一步|努力|力求|预期"
)
_OUTCOME_STRONG = re.compile(
    r"已经|已|截至|截止|现有|共有|另有|目前|比上年|比去年|较上年|同比|累计|获得|获评|荣获|完成了|实现了|达到了|以来|期间|创历史|去年|上年"
)
# In a plan, "比上年增长3%以上" is a goal (relative_change), so comparisons with last year are no sign of a report there.
_OUTCOME_IN_PLAN = re.compile(
    r"已经|已|截至|截止|现有|共有|另有|目前|累计|获得|获评|荣获|完成了|实现了|达到了|以来|创历史"
)
_TITLES = re.compile(r"《[^》]*》")  # a title's period (《“十二五”规划》) is no year of the figure

_LEAD = re.compile(
    r"^(?:\s|[，,、]|(?:到|至|力争到|争取到|截至|截止)?\s*(?:19|20)\d{2}\s*年(?:底|末|内)?|年内|今年|全年|全市|全省|全县|全区|全国|全州|我市|我省|我县|我区|本市|"
    r"其中|力争|确保|争取|进一步|继续|计划|目前|已经|已|共有|现有|累计|另有|以及|同时|使|让|将|要|并|和|及|“?十[一二三四五]五”?(?:期间|末|时期)?|期间|此外|"
    r"到目前|截至目前|截止目前|[—-]+|在)+"
)
_TRAIL = re.compile(
    r"(?:达到了|达到|达|为|是|提高到|提高至|提升到|提升至|提至|增至|升至|降至|降到|下降到|下降至|保持在|控制在|稳定在|稳定|保持|分别|均|总数|超过|不低于|不少于|不超过|"
    r"低于|高于|至少|约|近|共计|共|计|有|占|增长|增加|减少|下降|提高|提升|降低|比上年|比去年|较上年|同比|上升到|上升|突破|净增|的|在原基础上|在|每年|年均|\s)+$"
)
_CHANGE = re.compile(r"(?:增长|增加|减少|下降|提高|提升|降低|净增|增幅|上升|扩大)(?:了)?\s*$")


@dataclass(frozen=True)
class DocContext:
    """What the whole document says about its figures: plan or report, its year, --year."""

    kind: str  # "target" for plans, "outcome" for reports
    year: int | None


_DOC_TYPE = re.compile(
    r"(统计公报|公报|工作总结|总结|情况汇报|汇报|评估报告|情况报告|报告|综述|发展情况|讲话|发言|工作要点|要点|规划|计划|实施方案|方案|实施意见|意见|为民办实事|实事|行动|纲要)"
    r"\s*(?:【[^】]*】|[(（][^)）]*[)）]|\.docx?|\.pdf|\.txt)*\s*(?=$|[,，。:：\s(（_])"
)
_REPORT_TYPES = re.compile(r"公报|总结|汇报|报告|综述|情况|讲话|发言")
_DOC_OUTCOME = re.compile(r"已经|已|截至|截止|比上年|比去年|同比|累计|期间|以来|目前|(?<!为)了(?!解)")
_DOC_TARGET = re.compile(r"力争|确保|到\s*20\d\d\s*年|计划|目标|争取|年内|将")


def document_context(lines: list[str], name: str, year: int | None) -> DocContext:
    """Plan or report, and the document's year.

    The kind comes from the title: the first of the opening lines that ends in a kind of
    document (…工作要点, …统计公报, …评估报告【精选】), the file name next; a text without
    such a title is a report when it uses more past-tense cues (已, 比上年, 期间, …了) than
    planning ones (力争, 确保, 到2025年). A comment line with the source address (# source:
    http…, as captured copies carry) is no title. The year is --year, else the title's year
    (or its five-year plan: 十四五 is 2025), else none.
    """
    head = [line for line in lines if line.strip() and not (line.lstrip().startswith("#") and "http" in line)][:10]
    simple_head = [simplify(line) for line in head]
    kind = ""
    title = ""
    for line in simple_head + [simplify(name)]:
        if len(line) > 80:
            continue
        # a title names its subject before its kind (…教育工作要点, …年统计公报); "我讲四点意见。" is no title
        found = [
            m
            for m in _DOC_TYPE.finditer(line.strip())
            if re.search(r"教育|工作|事业|发展|年|局|规划|情况|五”|五", line.strip()[: m.start()])
        ]
        if found:
            kind = "outcome" if _REPORT_TYPES.search(found[-1].group(1)) else "target"
            title = line
            break
    if not kind:
        text = simplify("\n".join(lines))
        kind = "outcome" if len(_DOC_OUTCOME.findall(text)) > len(_DOC_TARGET.findall(text)) else "target"
    if year is None:
        source = title or " ".join(simple_head[:3])
        found_year = _YEAR.search(source) or re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", source)
        if found_year:
            year = int(found_year.group(1))
        else:
            period = _PERIOD.search(source)
            year = _PERIODS[period.group(1)] if period and kind == "target" else None
    return DocContext(kind, year)


def _clause_bounds(line: str, start: int, end: int) -> tuple[int, int]:
    left = max(line.rfind(mark, 0, start) for mark in _CLAUSE_MARKS) + 1
    rights = [pos for pos in (line.find(mark, end) for mark in _CLAUSE_MARKS) if pos >= 0]
    return left, min(rights) if rights else len(line)


def _sentence_start(line: str, start: int) -> int:
    return max(line.rfind(mark, 0, start) for mark in _SENTENCE_MARKS) + 1


def quote_span(line: str, start: int, end: int) -> tuple[int, int]:
    """The shortest clause holding [start, end), trimmed of spaces, at most QUOTE_MAX characters."""
    left, right = _clause_bounds(line, start, end)
    while left < start and line[left].isspace():
        left += 1
    while right > end and line[right - 1].isspace():
        right -= 1
    if right - left > QUOTE_MAX:
        left = max(left, min(start - 40, end - QUOTE_MAX))
        right = min(right, left + QUOTE_MAX)
    return left, right


def _kind(simple: str, clause_start: int, number: Number, context: DocContext, year_before: int | None) -> str:
    clause = simple[clause_start : number.start]
    if _TARGET_STRONG.search(clause):
        return "target"
    outcome_cues = _OUTCOME_STRONG if context.kind == "outcome" else _OUTCOME_IN_PLAN
    if outcome_cues.search(clause):
        return "outcome"
    sentence = simple[_sentence_start(simple, number.start) : number.start]
    cues = [(m.end(), "target") for m in _TARGET_STRONG.finditer(sentence)] + [
        (m.end(), "outcome") for m in outcome_cues.finditer(sentence)
    ]
    if cues:
        return max(cues)[1]
    if year_before is not None and context.year is not None and year_before != context.year:
        return "outcome" if year_before < context.year else "target"
    return context.kind


def _year_before(simple: str, position: int, context: DocContext) -> tuple[int | None, str]:
    """The year the sentence gives the figure (到2025年, 2021年, 年内, 十四五), and how it said it."""
    sentence = _TITLES.sub(lambda match: " " * len(match.group()), simple[_sentence_start(simple, position) : position])
    explicit = list(_TARGET_YEAR.finditer(sentence)) or list(_YEAR.finditer(sentence))
    periods = list(_PERIOD.finditer(sentence))
    this_year = list(_THIS_YEAR.finditer(sentence))
    best: tuple[int, int | None, str] = (-1, None, "")
    for match in explicit:
        best = max(best, (match.end(), int(match.group(1)), "year"), key=lambda item: item[0])
    for match in periods:
        best = max(best, (match.end(), _PERIODS[match.group(1)], "period"), key=lambda item: item[0])
    for match in this_year:
        if context.year is not None:
            best = max(best, (match.end(), context.year, "this"), key=lambda item: item[0])
    return best[1], best[2]


def _target_kind(simple: str, segment_start: int, number: Number, indicator_text: str) -> str:
    before = simple[segment_start : number.start]
    if number.unit in ("个百分点", "百分点"):
        return "change"
    if _CHANGE.search(before) or re.search(r"在原基础上\S*$", before):
        return "relative_change" if number.unit in ("%", "‰") else "change"
    base = number.unit.lstrip("万亿千百") or number.unit
    if number.unit in ("%", "‰", "倍") or base in ("年", "小时", "天", "周", "课时", "学时"):
        return "level"
    if base == "元" and ("生均" in indicator_text or "标准" in indicator_text):
        return "level"
    return "count"


def _indicator_span(simple: str, segment_start: int, number: Number, clause_end: int) -> tuple[int, int] | None:
    """Where the document names what the figure counts: before it, or after it for 打造30个工作室."""
    before = simple[segment_start : number.start]
    lead = _LEAD.match(before)
    left = segment_start + (lead.end() if lead else 0)
    right = number.start
    trail = _TRAIL.search(simple, left, right) if right > left else None
    if trail:
        right = trail.start()
    base = number.unit.lstrip("万亿千百") or number.unit
    after_end = suffix_end(simple, number)
    stop = [pos for pos in (simple.find(mark, after_end, clause_end) for mark in "、和及与") if pos >= 0]
    after_stop = min(stop) if stop else clause_end
    after = simple[after_end:after_stop]
    after = re.sub(r"(?:的|建设|建|以上)+$", "", after)
    if (
        base in COUNTABLE
        and len(after) >= 2
        and (right - left < 2 or ends_with_action(simple[segment_start : number.start].rstrip()))
    ):
        return after_end, after_end + len(after)
    if right - left >= 2:
        return left, right
    return None


def figures_in_line(original: str, simple: str, line_no: int, context: DocContext) -> list[Candidate]:
    """The candidates one prose line holds, in order."""
    numbers = numbers_in_line(simple)
    found: list[Candidate] = []
    previous: Number | None = None
    consumed = 0  # where the previous figure's wording ended (after it, for 打造30个工作室)
    for number in numbers:
        clause_start, clause_end = _clause_bounds(simple, number.start, number.end)
        segment_start = previous.end if previous is not None and previous.end > clause_start else clause_start
        segment_start = max(
            segment_start,
            suffix_end(simple, previous) if previous is not None and previous.end > clause_start else segment_start,
        )
        if consumed > segment_start and consumed <= number.start:
            segment_start = consumed
        span = _indicator_span(simple, segment_start, number, clause_end)
        consumed = span[1] if span and span[0] >= number.end else 0
        if span is None and found and previous is not None and previous.end > _sentence_start(simple, number.start):
            text = found[-1].indicator_text
        else:
            text = original[span[0] : span[1]].strip() if span else ""
        year, how = _year_before(simple, number.start, context)
        kind = _kind(simple, clause_start, number, context, year if how == "year" else None)
        q_start, q_end = quote_span(original, number.start, suffix_end(simple, number))
        candidate = Candidate(
            file="",
            line=line_no,
            kind=kind,
            indicator_text=text,
            value=number.value,
            value_high=number.value_high,
            unit=number.unit,
            quote=original[q_start:q_end],
            comparator=comparator_for(simple, number, clause_start),
            start=number.start,
            context=simple[max(clause_start, number.start - 4) : suffix_end(simple, number)],
        )
        if kind == "target":
            candidate.target_kind = _target_kind(simple, segment_start, number, text)
            candidate.target_year = str(year or context.year or "")
        else:
            candidate.year = str(year or context.year or "")
        found.append(candidate)
        previous = number
    _share_list_comparators(simple, numbers, found)
    return found


def _share_list_comparators(simple: str, numbers: list[Number], found: list[Candidate]) -> None:
    """分别达到15%、50%、70%左右: the comparator after the last of a 、-list holds for each."""
    group: list[int] = []
    for index in range(len(numbers)):
        if group and simple[suffix_end(simple, numbers[index - 1]) : numbers[index].start].strip() not in (
            "、",
            "和",
            "及",
        ):
            _share(group, found)
            group = []
        group.append(index)
    _share(group, found)


def _share(group: list[int], found: list[Candidate]) -> None:
    last = found[group[-1]].comparator if group else "="
    if len(group) > 1 and last != "=":
        for index in group[:-1]:
            if found[index].comparator == "=":
                found[index].comparator = last


_MASKED = re.compile(
    r"(?<![A-Za-z])(?:[xX]{1,4}(?:\.[xX]{1,4})?|\*{1,4}(?:\.\*{1,4})?|＊{1,4})(?=\s*(?:余|多)?\s*(?:万|亿)?\s*(?:%|个百分点|人次|人|名|所|个|项|元|场|条|支|套|间|次|倍|平方米|亩))"
)


def masked_in_line(original: str, simple: str, line_no: int) -> list[Masked]:
    """Numbers the publisher replaced by xx or **: listed apart so a curator can look them up elsewhere."""
    found = []
    for match in _MASKED.finditer(simple):
        start, end = match.span()
        if start and simple[start - 1] == "第":
            continue
        q_start, q_end = quote_span(original, start, end)
        found.append(Masked("", line_no, original[start:end], original[q_start:q_end]))
    return found
