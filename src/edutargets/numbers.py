"""Find the numbers a quote states, so a typed value can be checked against its sentence.

Curators copy figures by hand; the commonest slip is a value that is not in the sentence
it cites. Quotes come from web pages and mirrors, so they may use full-width digits,
traditional characters, 万/亿 magnitudes ("2.70亿人" for a value stored as 27000 万人) and
Chinese numerals (两次, 三县, 十二所, 百分之九十), which cn2an reads.
"""

from __future__ import annotations

import math
import re

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_NUMBER = re.compile(r"(?<![0-9.])(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万|萬|亿|億)?")
_MAGNITUDE = {None: 1.0, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
_NUMERAL = re.compile(r"(百分之)?([零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?)")
_NOT_A_NUMBER = {"万", "亿", "万亿", "千万", "百万"}  # 万一, 亿万: words, not numbers


def chinese_number(text: str) -> str | None:
    """A Chinese numeral as Arabic digits with cn2an ("十二" -> "12", "两" -> "2"), or None."""
    import cn2an

    if text == "两":
        return "2"
    try:
        value = cn2an.cn2an(text.replace("两", "二"), "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def numerals_in(text: str) -> list[tuple[str, float]]:
    """Each Chinese numeral in the text, as written and as a number (百分之九十 -> 90)."""
    found = []
    for match in _NUMERAL.finditer(text):
        percent, numeral = match.groups()
        if numeral in _NOT_A_NUMBER:
            continue
        value = chinese_number(numeral)
        if value is not None:
            found.append((match.group(0), float(value)))
    return found


def unit_magnitude(unit: str) -> float:
    """How many ones one unit holds: '万人' -> 10000, '亿元' -> 1e8, '%' -> 1."""
    for prefix in ("万", "萬", "亿", "億"):
        if unit.startswith(prefix):
            return _MAGNITUDE[prefix]
    return 1.0


def numbers_in(text: str) -> list[tuple[float, float]]:
    """Each number in the text as (number as written, magnitude of its 万/亿 suffix)."""
    found = []
    for match in _NUMBER.finditer(text.translate(_FULLWIDTH)):
        digits, suffix = match.groups()
        found.append((float(digits.replace(",", "")), _MAGNITUDE[suffix]))
    return found


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def stated_as_typed(cell: str, quote: str) -> bool:
    """True when the quote holds the cell exactly as typed, as a whole number: not inside a
    longer number and not followed by 万/亿. Cheap, so it runs first on every row."""
    index = quote.find(cell)
    if index < 0 or not cell:
        return False
    before = quote[index - 1] if index else ""
    end = index + len(cell)
    after = quote[end] if end < len(quote) else ""
    return not (before.isdigit() or before == ".") and not (after.isdigit() or (after != "" and after in ".万萬亿億"))


def value_in_quote(value: float, quote: str, unit: str = "", cell: str = "") -> bool:
    """True when the quote states this value in the indicator's unit.

    A bare number matches as written (the unit may stand in a table header); a number with
    万/亿 must match in magnitude, so 2.70亿人 is 27000 万人 and never 2.7 万人. `cell`, the value as
    typed, is looked for first: most figures are copied exactly, and a substring test is cheap.
    """
    if cell and stated_as_typed(cell, quote):
        return True
    value = abs(value)  # quotes state decreases in words (下降0.5个百分点), not with a minus sign
    absolute = value * unit_magnitude(unit)
    for number, magnitude in numbers_in(quote):
        if _close(number * magnitude, absolute) or (magnitude == 1.0 and _close(number, value)):
            return True
    return any(_close(number, value) or _close(number, absolute) for _, number in numerals_in(quote))


def stated_numbers(quote: str) -> str:
    """The numbers a quote states, as a message lists them: '93.0, 两 (2)'; '' if none."""
    digits = [m.group(0).strip() for m in _NUMBER.finditer(quote.translate(_FULLWIDTH))]
    numerals = [f"{written} ({number:g})" for written, number in numerals_in(quote)]
    return ", ".join(digits + numerals)
