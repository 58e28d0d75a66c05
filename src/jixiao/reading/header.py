"""Header fields: values of labelled cells (项目名称, 主管部门, 实施周期, 预算金额 …)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from jixiao.core.model import Period
from jixiao.core.money import Amount, MoneyUnit
from jixiao.core.text import nfkc

_AMOUNT = re.compile(r"(-?\d+(?:,\d{3})*(?:\.\d+)?)\s*(亿元|万元|亿|万|元)?")
_CODE = re.compile(r"^\s*([0-9A-Za-z]{8,})\s*[-—_－:：]\s*(\S.*)$")
# ``[077]淮北市…``, ``【115】…``: a code printed in brackets before the name
_BRACKET_CODE = re.compile(r"^\s*[\[【]([0-9A-Za-z]{2,})[\]】]\s*(\S.*)$")
_YEARS = re.compile(r"((?:19|20)\d{2})")


_NOTE_WAN = re.compile(r"单位[:：]?万元|\(万元\)|万元\)")
_NOTE_YUAN = re.compile(r"单位[:：]?元|\(元\)")
_NOTE_YI = re.compile(r"单位[:：]?亿元|\(亿元\)")


@lru_cache(maxsize=65536)
def unit_from_note(text: str) -> MoneyUnit | None:
    """``(万元)`` / ``单位:万元`` / ``金额单位:元`` → the unit the figures are in."""
    t = nfkc(text).replace(" ", "")
    if _NOTE_WAN.search(t) or t.endswith("万元"):
        return MoneyUnit.WAN
    if _NOTE_YUAN.search(t):
        return MoneyUnit.YUAN
    if _NOTE_YI.search(t):
        return MoneyUnit.YI
    return None


_SPACE_NOT_BETWEEN_DIGITS = re.compile(r"(?<!\d) +| +(?!\d)")


def parse_amount(text: str, default: MoneyUnit = MoneyUnit.WAN) -> Amount | None:
    """``3650.68万元`` → Amount(3650.68, 万元); ``28600万`` → 万元; bare numbers: ``default``."""
    # a space between two figures separates two amounts (``24902.58 8300.86``): never glued
    t = _SPACE_NOT_BETWEEN_DIGITS.sub("", nfkc(text))
    m = _AMOUNT.search(t)
    if m is None:
        return None
    try:
        value = Decimal(m.group(1).replace(",", ""))
    except InvalidOperation:
        return None
    unit_text = m.group(2)
    if unit_text in ("万元", "万"):
        unit = MoneyUnit.WAN
    elif unit_text in ("亿元", "亿"):
        unit = MoneyUnit.YI
    elif unit_text == "元":
        unit = MoneyUnit.YUAN
    else:
        unit = default
    return Amount(value, unit)


def parse_period(text: str) -> Period:
    """``起始年度 2024年 到期年度 2024年`` / ``2023年4月-2024年2月`` → Period(start, end)."""
    years = [int(y) for y in _YEARS.findall(nfkc(text))]
    if not years:
        return Period()
    return Period(years[0], years[-1])


def split_code(value: str) -> tuple[str | None, str]:
    """``51000021R000000019951-工资性支出`` → (code, name as printed)."""
    m = _CODE.match(value) or _BRACKET_CODE.match(value)
    if m and any(ch.isdigit() for ch in m.group(1)):
        return m.group(1), value.strip()
    return None, value.strip()


def year_of(text: str) -> int | None:
    m = re.search(r"((?:19|20)\d{2})\s*年", nfkc(text))
    return int(m.group(1)) if m else None


_TITLE_TAIL = re.compile(
    r"(项目)?(支出)?(绩效目标(申报|审批|审核)?表|绩效(目标)?自评表|绩效评价指标表|绩效监控表|"
    r"运行监控表|绩效目标表|自评表)\s*([(（].*[)）])?\s*$"
)


def name_from_title(title: str) -> str | None:
    """``2019年度宁晋县高中助学金项目绩效评价指标表`` → ``宁晋县高中助学金项目``."""
    t = re.sub(r"^\s*[#\d.、]*\s*(19|20)\d{2}\s*年度?", "", title.strip())
    m = _TITLE_TAIL.search(t)
    if m is None:
        return None
    name = t[: m.start()] + (m.group(1) or "")
    name = name.strip(' :：-—“”"')
    return None if len(name) < 2 or _generic(name) else name


def _generic(name: str) -> bool:
    """Form words, after a place and a year (``广水市财政预算支出项目``, ``鄂州市2022年市直部门
    预算项目``): not a project's name."""
    rest = _PLACE_AND_YEAR.sub("", name)
    return bool(_GENERIC_TITLE_NAME.match(name) or _GENERIC_TITLE_NAME.match(rest))


_PLACE_AND_YEAR = re.compile(
    r"^([\u4e00-\u9fff]{1,10}(省|市|县|区|州|旗|盟|镇|乡))?\s*((19|20)\d{2}\s*年度?)?"
    r"(市直|县直|区直|省直|本级)?"
)


# What is left of a bare form title (``项目支出绩效目标表``, ``财政支出项目绩效目标申报表``):
# the form's own words, not a project's name.
_GENERIC_TITLE_NAME = re.compile(
    r"^(附件\d*[:：]?)?(财政|部门|预算|本级|专项)*(支出)?(项目|资金)?$"
)
