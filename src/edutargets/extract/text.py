"""Text as the rules read it: simplified characters, half-width digits, page furniture marked.

What must stay true: `simplify(line)` has exactly the length of `line`, character for
character, so every offset found in the simplified text cuts the same span from the original
line. Quotes and indicator wording are always cut from the original (traditional characters
are quoted as the file has them); only matching reads the simplified copy.
"""

from __future__ import annotations

import re
from functools import lru_cache

from edutargets.numbers import chinese_number  # noqa: F401 - read through this module by extract

_HALF = str.maketrans("０１２３４５６７８９．％：，；（）", "0123456789.%:,;()")


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def simplify(line: str) -> str:
    """Traditional to simplified (OpenCC t2s) and full-width digits to ASCII, keeping every offset.

    OpenCC converts phrases, which can change a line's length; when it does, the line is
    converted one character at a time instead, which keeps offsets at the cost of phrase
    context (rare, and harmless for the figures).
    """
    half = line.translate(_HALF)
    if half.isascii():
        return half
    converted = _converter().convert(half)
    if len(converted) == len(half):
        return converted
    convert = _converter().convert
    return "".join(char if char.isascii() else (convert(char) if len(convert(char)) == 1 else char) for char in half)


# Lines that belong to the page, not the document: uploader and download blocks of document
# sites, page counters, ICP numbers, copyright lines, view counters, share bars.
_FURNITURE = re.compile(
    r"上传人|上传时间|文档编号|文档页数|页数[:：]|大小[:：]|格式[:：]\s*(?:DOC|PDF|TXT|PPT)|第\s*\d+\s*页\s*/\s*共\s*\d+\s*页|_第\d+页|共\d+页|"
    r"ICP|备案号|版权所有|copyright|©|浏览次数|阅读次数|点击[:：(]|累计次数|访问量|下载次数|发布时间[:：]|添加时间[:：]|更新[:：]\s*\d|"
    r"字体[:：]|字号[:：]|分享到|责任编辑|免费预览|下载就|下载吧|由会员分享|请在.{0,12}上搜索|蜘蛛池|当前位置[:：]|您的位置|你的位置",
    re.IGNORECASE,
)
_SEPARATED = re.compile(r"[|｜,，_]")


def is_furniture(simplified: str) -> bool:
    """True for a line of page furniture or a spam link list, which holds no document figure.

    A spam list is many short segments (titles or place names) joined by | , or _; a table row
    from a document has numbers with its labels, so a list of segments without digits or with
    only digits glued to its words ("久久91精品") is what is dropped.
    """
    if _FURNITURE.search(simplified):
        return True
    parts = [part.strip() for part in _SEPARATED.split(simplified)]
    if len(parts) >= 6 and all(len(part) <= 16 for part in parts) and sum(1 for part in parts if part) >= 6:
        return not re.search(r"\d\s*(?:%|所|个|人|名|万|亿|元)", simplified)
    return False
