import pytest

from edutargets.numbers import numbers_in, stated_as_typed, unit_magnitude, value_in_quote


@pytest.mark.parametrize(
    ("value", "quote", "unit"),
    [
        (65, "达65%以上", "%"),
        (65, "达到65.0%", "%"),
        (65.0, "达65%", "%"),
        (65, "毛入园率达到６５％", "%"),
        (27000, "各级各类学历教育在校生2.70亿人", "万人"),
        (28646.5, "學(xué)歷教育在校生28646.50萬人", "万人"),
        (3, "提高3至5个百分点,达65%以上", "%"),
        (5, "提高3至5个百分点,达65%以上", "%"),
        (1627, "全市共有幼儿園1627所", "所"),
        (22.37, "全国共有幼儿园22.37万所", "万所"),
        (223700, "全国共有幼儿园22.37万所", "所"),
        (1200, "新增学位1,200个", "个"),
    ],
)
def test_value_found(value: float, quote: str, unit: str) -> None:
    assert value_in_quote(value, quote, unit)


@pytest.mark.parametrize(
    ("value", "quote", "unit"),
    [
        (66, "达65%以上", "%"),
        (6, "达65%以上", "%"),
        (2.7, "在校生2.70亿人", "万人"),
        (85.2, "学前教育毛入园率[4]达到85.0%", "%"),
    ],
)
def test_value_missing(value: float, quote: str, unit: str) -> None:
    assert not value_in_quote(value, quote, unit)


def test_numbers_keep_their_magnitude() -> None:
    assert numbers_in("2.70亿人, 1626.89萬人, 93%") == [(2.70, 1e8), (1626.89, 1e4), (93.0, 1.0)]


def test_unit_magnitude() -> None:
    assert unit_magnitude("万人") == 1e4
    assert unit_magnitude("亿元") == 1e8
    assert unit_magnitude("%") == 1


@pytest.mark.parametrize(
    ("cell", "quote", "unit", "expected"),
    [
        ("75.0", "学前教育毛入园率达到75.0%", "%", True),
        ("5", "提高3至5个百分点", "%", True),
        ("5", "达到65%", "%", False),  # 5 inside 65 is not the figure
        ("2.7", "在校生2.70亿人", "万人", False),  # as typed, but in the wrong magnitude
        ("27000", "在校生2.70亿人", "万人", True),
    ],
)
def test_typed_cell_fast_path(cell: str, quote: str, unit: str, expected: bool) -> None:
    assert value_in_quote(float(cell), quote, unit, cell) is expected


@pytest.mark.parametrize(
    ("cell", "quote", "expected"),
    [
        ("77.1", "2010年合成指标00率77.1", True),  # at the very end of the quote
        ("77.1", "率77.1%", True),
        ("7.1", "率77.1", False),  # the tail of a longer number
        ("77", "率77.1", False),  # the head of a longer number
        ("2.7", "在校生2.7亿人", False),  # followed by a magnitude
        ("65", "", False),
    ],
)
def test_stated_as_typed(cell: str, quote: str, expected: bool) -> None:
    assert stated_as_typed(cell, quote) is expected
