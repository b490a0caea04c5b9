"""Interface strings and number formats for both languages of the site."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import yaml

LANGUAGES = ("zh", "en")
BILINGUAL = "bi"

COMPARATOR_SIGNS = {">=": "≥ ", ">": "> ", "<=": "≤ ", "<": "< ", "=": "", "~": "≈ "}


@dataclass(frozen=True)
class Strings:
    """Interface strings of site_src/strings.yml, looked up by key and language."""

    table: dict[str, dict[str, str]]

    @classmethod
    def load(cls, path: Path) -> "Strings":
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


def with_unit(value: float | None, unit: str) -> str:
    """85.2%, 48 所, 48 kindergartens, 7.1 × 10,000 places (a unit that is a multiple)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if unit == "%":
        return f"{number(value)}%"
    if unit[:1].isdigit():
        return f"{number(value)} × {unit}"
    return f"{number(value)} {unit}".strip()


def localized(row: dict, field: str, lang: str) -> str:
    """The zh or en column of a row (name_zh/name_en), falling back to Chinese."""
    return row.get(f"{field}_{lang}") or row.get(f"{field}_zh") or ""
