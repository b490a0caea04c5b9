"""Interface strings and number formats for both languages of the site."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

LANGUAGES = ("zh", "en")
_CJK = re.compile(r"[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]")
BILINGUAL = "bi"
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
"""Han characters: the CJK Unified Ideographs, their extensions and compatibility forms."""
HAN_RUN = re.compile(f"[{HAN}]+")


def language_folder(lang: str) -> str:
    """Where a language's pages are, from the site root: Chinese at the root, English under en/."""
    return "" if lang == LANGUAGES[0] else f"{lang}/"


COMPARATOR_SIGNS = {">=": "≥ ", ">": "> ", "<=": "≤ ", "<": "< ", "=": "", "~": "≈ "}


@dataclass(frozen=True)
class Strings:
    """Interface strings of site_src/strings.yml, looked up by key and language."""

    table: dict[str, dict[str, str]]

    @classmethod
    def load(cls, path: Path) -> Strings:
        return cls(yaml.safe_load(path.read_text(encoding="utf-8")))

    def get(self, key: str, lang: str, **params: str) -> str:
        """The string in `lang`; lang "bi" gives both ("来源 / Source") for the bilingual pages."""
        if lang == BILINGUAL:
            zh, en = self.get(key, "zh", **params), self.get(key, "en", **params)
            return zh if zh == en else f"{zh} / {en}"
        text = self.table[key][lang]
        return text.format(**params) if params else text


def number(value: float | None) -> str:
    """A value as a reader expects it: no float noise, no needless decimals (75.0 -> 75)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def unit_of(indicator: dict, lang: str) -> str:
    """The indicator's unit in a language: 所 on Chinese pages, kindergartens on English ones."""
    return (indicator.get("unit_en") or indicator["unit"]) if lang == "en" else indicator["unit"]


MULTIPLES = {"10,000 ": 10_000, "100 million ": 100_000_000}
"""English units that are a multiple (万人 is "10,000 people", 亿元 "100 million yuan"): English
pages write the whole amount in the unit after it, 7.1 万个 as "71,000 places"."""


def display_unit(indicator: dict, lang: str) -> tuple[str, int]:
    """The unit a page writes its values in, and the factor from the stored value to it: (万人, 1)
    on Chinese pages; ("people", 10000) for 万人 on English ones. Only the way a value is written
    changes: the factor is exact, every value is still the one its quote states."""
    unit = unit_of(indicator, lang)
    if lang == "en":
        for prefix, factor in MULTIPLES.items():
            if unit.startswith(prefix):
                return unit[len(prefix) :], factor
    return unit, 1


def amount(value: float | None, lang: str, factor: int = 1) -> str:
    """A value as a reader of the language writes it: 1792.97 on Chinese pages (as stated), and on
    English ones the value times `factor` with thousands separators (1792.97 万 -> 17,929,700)."""
    text = number(value)
    if lang != "en" or not text:
        return text
    exact = (Decimal(text) * factor).normalize()
    return f"{exact:,f}"


def with_unit(value: float | None, unit: str, lang: str = "zh", factor: int = 1) -> str:
    """85.2%, 48 所, 48 kindergartens, 71,000 places (lang "en", unit "places", factor 10,000)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if unit == "%":
        return f"{amount(value, lang, factor)}%"
    if unit[:1].isdigit():
        return f"{amount(value, lang, factor)} × {unit}"
    return f"{amount(value, lang, factor)} {unit}".strip()


def quantity(value: float | None, indicator: dict, lang: str) -> str:
    """A value of an indicator with its unit, as pages in `lang` write it (display_unit)."""
    unit, factor = display_unit(indicator, lang)
    return with_unit(value, unit, lang, factor)


def localized(row: dict, field: str, lang: str) -> str:
    """The zh or en column of a row (name_zh/name_en), falling back to Chinese."""
    return row.get(f"{field}_{lang}") or row.get(f"{field}_zh") or ""


def in_language(row: dict, zh_field: str, en_field: str, lang: str) -> dict[str, str]:
    """A text of a row in the page's language where the data have one (title / title_en), else the
    other's: {"text", "lang"}, lang empty when the text is in the page's language and otherwise
    the language it is in, for a lang attribute (a screen reader reads 温州市教育局 as Chinese)."""
    own, other = (zh_field, en_field) if lang == "zh" else (en_field, zh_field)
    if row.get(own):
        return {"text": row[own], "lang": ""}
    text = row.get(other) or ""
    foreign = text and (lang == "zh" or _CJK.search(text))  # China Daily, zgstyb.cn read as they are
    return {"text": text, "lang": ("en" if lang == "zh" else "zh") if foreign else ""}
