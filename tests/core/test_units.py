"""Unit vocabulary: canonical names, aliases, dimensions and exact conversions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.units import (
    KNOWN_UNITS,
    canonical_unit,
    convert,
    convertible,
    dimension,
    factor,
    is_known_unit,
    is_money,
    is_percent,
)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("百分比", "%"),
        ("％", "%"),
        ("%", "%"),
        ("‰", "‰"),
        ("百分点", "个百分点"),
        ("个百分点", "个百分点"),
        ("㎡", "平方米"),
        ("m²", "平方米"),
        ("m2", "平方米"),
        ("M2", "平方米"),
        ("平米", "平方米"),
        ("km", "公里"),
        ("KM", "公里"),
        ("千米", "公里"),
        ("公斤", "千克"),
        ("kg", "千克"),
        ("h", "小时"),
        ("min", "分钟"),
        ("工作日", "个工作日"),
        ("个工作日", "个工作日"),
        ("个月", "个月"),
        ("月", "月"),
        ("万元", "万元"),
        ("萬元", "万元"),
        ("億元", "亿元"),
        ("個", "个"),
        (" 人 次 ", "人次"),
        ("万人次", "万人次"),
        ("万工作日", "万个工作日"),
        ("m2/人", "平方米/人"),
        ("元/人.每天", "元/人.每天"),
        ("万/月", "万/月"),
        ("罐", "罐"),  # unknown units are kept verbatim
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_canonical_unit(given: str | None, expected: str | None) -> None:
    assert canonical_unit(given) == expected


def test_canonical_unit_is_idempotent_on_the_vocabulary() -> None:
    for unit in KNOWN_UNITS:
        assert canonical_unit(unit) == unit


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        ("3650.68", "万元", "元", "36506800"),
        ("36506800", "元", "万元", "3650.68"),
        ("1.5", "亿元", "万元", "15000"),
        ("500", "千元", "万元", "50"),
        ("100", "百分比", "%", "100"),
        ("5", "%", "‰", "50"),
        ("15", "‰", "%", "1.5"),
        ("2", "公里", "米", "2000"),
        ("2", "km", "米", "2000"),
        ("3", "吨", "千克", "3000"),
        ("2", "斤", "千克", "1"),
        ("1", "平方公里", "公顷", "100"),
        ("2", "小时", "分钟", "120"),
        ("2", "周", "天", "14"),
        ("1.5", "年", "月", "18"),
        ("2", "年", "个月", "24"),
        ("200", "万粒", "粒", "2000000"),
        ("5", "万人次", "人次", "50000"),
        ("28600", "万", None, "286000000"),
        ("17", "元/人", "万元/人", "0.0017"),
        ("620", "万/月", "万/月", "620"),
        ("1", "瓶", "瓶", "1"),
    ],
)
def test_convert_exact(value: str, source: str, target: str | None, expected: str) -> None:
    result = convert(Decimal(value), source, target)
    assert result == Decimal(expected)
    assert "E" not in format(result, "f") and "E" not in str(result)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("亩", "平方米"),  # 666.67 ㎡ is not exact
        ("天", "个工作日"),
        ("天", "工作日"),
        ("%", "百分点"),
        ("%", "个百分点"),
        ("%", None),  # 95 and 95% are not interchangeable
        ("人", "人次"),
        ("元", "人"),
        ("元/人", "元"),
        ("元/人", "元/户"),
        ("瓶", "箱"),
        ("小时", "天"),
        ("月", "天"),
        ("岁", "年"),
        ("万元", "万"),
    ],
)
def test_not_convertible(a: str | None, b: str | None) -> None:
    assert not convertible(a, b)
    assert not convertible(b, a)
    with pytest.raises(ValueError, match="cannot convert"):
        convert(Decimal(1), a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("元", "万元"), ("%", "百分比"), ("%", "‰"), ("公里", "米"), ("吨", "千克"), ("万人", "人")],
)
def test_convertible_both_ways(a: str, b: str) -> None:
    assert convertible(a, b) and convertible(b, a)
    there = convert(Decimal("12.5"), a, b)
    assert convert(there, b, a) == Decimal("12.5")


def test_money_and_percent_predicates() -> None:
    assert all(is_money(u) for u in ("元", "万元", "亿元", "千元", "人民币"))
    assert not any(is_money(u) for u in ("元/人", "万", "%", None, "人"))
    assert all(is_percent(u) for u in ("%", "％", "百分比", "‰"))
    assert not any(is_percent(u) for u in ("百分点", "个百分点", None, "元"))


def test_dimensions_and_factors() -> None:
    assert dimension("万元") == "money" and factor("万元") == Decimal(10000)
    assert dimension("亩") == "亩" and factor("亩") == Decimal(1)
    assert dimension(None) == "number" and factor("亿") == Decimal(10**8)
    assert dimension("罐") is None and factor("罐") is None
    assert is_known_unit("万粒") and is_known_unit(None) and not is_known_unit("罐")
