"""Target-value grammar (指标值): table-driven tests with strings from real tables."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import cast

import pytest

from jixiao.core.grammar import approximate_target, normalize
from jixiao.core.values import (
    Direction,
    Op,
    Target,
    TargetKind,
    date_parts,
    format_target,
    is_date_text,
    parse_op,
    parse_target,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def q(op: str | None, value: str, unit: str | None = None) -> Target:
    return Target("", TargetKind.QUANTITATIVE, Op(op) if op else None, Decimal(value), unit=unit)


def r(low: str, high: str, unit: str | None = None) -> Target:
    return Target("", TargetKind.RANGE, low=Decimal(low), high=Decimal(high), unit=unit)


def t(text: str) -> Target:
    return Target("", TargetKind.QUALITATIVE, text=text)


NONE = Target("", TargetKind.NONE)

CASES: list[tuple[str | None, Target, str]] = [
    # the Dongguan example
    ("≥64539人", q(">=", "64539", "人"), "≥64539人"),
    ("100%", q(None, "100", "%"), "100%"),
    ("≥90%", q(">=", "90", "%"), "≥90%"),
    (">0", q(">", "0"), ">0"),
    ("51人", q(None, "51", "人"), "51人"),
    ("0次", q(None, "0", "次"), "0次"),
    ("≥54宗", q(">=", "54", "宗"), "≥54宗"),
    ("---", NONE, "---"),
    ("良好", t("良好"), "良好"),
    ("有改善", t("有改善"), "有改善"),
    ("规范", t("规范"), "规范"),
    ("及时", t("及时"), "及时"),
    ("有效推动", t("有效推动"), "有效推动"),
    ("全体职工", t("全体职工"), "全体职工"),
    ("无劳动争议或全部解决", t("无劳动争议或全部解决"), "无劳动争议或全部解决"),
    # the wild tables (manifest sample targets)
    ("≤90万元", q("<=", "90", "万元"), "≤90万元"),
    ("≤65万元", q("<=", "65", "万元"), "≤65万元"),
    ("5万元", q(None, "5", "万元"), "5万元"),
    ("=100%", q("=", "100", "%"), "=100%"),
    ("≥100百分比", q(">=", "100", "%"), "≥100%"),
    ("≧85%", q(">=", "85", "%"), "≥85%"),
    ("90%以上", q(">=", "90", "%"), "≥90%"),
    ("95%以上", q(">=", "95", "%"), "≥95%"),
    ("大于90%", q(">", "90", "%"), ">90%"),
    ("≥50000人次", q(">=", "50000", "人次"), "≥50000人次"),
    ("≥50个", q(">=", "50", "个"), "≥50个"),
    ("≥70村", q(">=", "70", "村"), "≥70村"),
    ("≥1场", q(">=", "1", "场"), "≥1场"),
    ("300公里", q(None, "300", "公里"), "300公里"),
    ("200万粒", q(None, "200", "万粒"), "200万粒"),
    ("17元/人.每天", q(None, "17", "元/人.每天"), "17元/人.每天"),
    ("28600万", q(None, "28600", "万"), "28600万"),
    ("43.2", q(None, "43.2"), "43.2"),
    ("2023年 年底前", t("2023年 年底前"), "2023年 年底前"),
    ("2025年12月", t("2025年12月"), "2025年12月"),
    ("在项目计划完成时间内完成", t("在项目计划完成时间内完成"), "在项目计划完成时间内完成"),
    ("是", t("是"), "是"),
    ("否", t("否"), "否"),
    ("满意", t("满意"), "满意"),
    ("效果明显", t("效果明显"), "效果明显"),
    ("稳步提高", t("稳步提高"), "稳步提高"),
    ("达成预期指标", t("达成预期指标"), "达成预期指标"),
    # comparators: ASCII, full width, look-alikes, words
    (">=90%", q(">=", "90", "%"), "≥90%"),
    ("<=5天", q("<=", "5", "天"), "≤5天"),
    ("≦5天", q("<=", "5", "天"), "≤5天"),
    ("＞＝９０％", q(">=", "90", "%"), "≥90%"),
    ("＞0", q(">", "0"), ">0"),
    ("＜3次", q("<", "3", "次"), "<3次"),
    ("＝100％", q("=", "100", "%"), "=100%"),
    ("═100%", q("=", "100", "%"), "=100%"),
    ("≥ 90 %", q(">=", "90", "%"), "≥90%"),
    ("不低于85%", q(">=", "85", "%"), "≥85%"),
    ("不少于3次", q(">=", "3", "次"), "≥3次"),
    ("不小于10", q(">=", "10"), "≥10"),
    ("大于等于95%", q(">=", "95", "%"), "≥95%"),
    ("至少2场", q(">=", "2", "场"), "≥2场"),
    ("不高于3%", q("<=", "3", "%"), "≤3%"),
    ("不超过5天", q("<=", "5", "天"), "≤5天"),
    ("不大于2", q("<=", "2"), "≤2"),
    ("小于等于10个工作日", q("<=", "10", "个工作日"), "≤10个工作日"),
    ("最多3次", q("<=", "3", "次"), "≤3次"),
    ("控制在5%以内", q("<=", "5", "%"), "≤5%"),
    ("控制在预算内", t("控制在预算内"), "控制在预算内"),
    ("高于80%", q(">", "80", "%"), ">80%"),
    ("超过100人", q(">", "100", "人"), ">100人"),
    ("小于1%", q("<", "1", "%"), "<1%"),
    ("低于5‰", q("<", "5", "‰"), "<5‰"),
    ("等于100%", q("=", "100", "%"), "=100%"),
    ("≤5%以内", q("<=", "5", "%"), "≤5%"),
    ("≥90%以上", q(">=", "90", "%"), "≥90%"),
    ("10天以内", q("<=", "10", "天"), "≤10天"),
    ("3个工作日内", q("<=", "3", "个工作日"), "≤3个工作日"),
    ("5人以下", q("<=", "5", "人"), "≤5人"),
    ("90%（含）以上", q(">=", "90", "%"), "≥90%"),
    ("95%及以上", q(">=", "95", "%"), "≥95%"),
    ("≥≥90%", q(">=", "90", "%"), "≥90%"),  # doubled comparator typo
    ("≥=90%", q(">=", "90", "%"), "≥90%"),
    ("≥>90%", t("≥>90%"), "≥>90%"),
    ("≥5%以下", t("≥5%以下"), "≥5%以下"),  # contradictory comparators: kept as text
    # ranges
    ("80%-90%", r("80", "90", "%"), "80-90%"),
    ("80-90%", r("80", "90", "%"), "80-90%"),
    ("80%至90%", r("80", "90", "%"), "80-90%"),
    ("80%～90%", r("80", "90", "%"), "80-90%"),
    ("3~5个工作日", r("3", "5", "个工作日"), "3-5个工作日"),
    ("3-5天", r("3", "5", "天"), "3-5天"),
    ("3天到5天", r("3", "5", "天"), "3-5天"),
    ("90-80%", r("80", "90", "%"), "80-90%"),
    ("80%-90", r("80", "90", "%"), "80-90%"),
    ("±3%以内", r("-3", "3", "%"), "±3%"),
    ("±3%", r("-3", "3", "%"), "±3%"),
    ("+-3%", r("-3", "3", "%"), "±3%"),
    ("控制在3-5天", r("3", "5", "天"), "3-5天"),
    ("+-0.5℃", r("-0.5", "0.5", "°C"), "±0.5°C"),  # NFKC writes ℃ as °C
    ("-5~-3%", r("-5", "-3", "%"), "-5~-3%"),
    ("80%——90%", r("80", "90", "%"), "80-90%"),
    ("3--5天", r("3", "5", "天"), "3-5天"),  # a doubled dash separates, it is not a sign
    ("90%（含）-100%", r("90", "100", "%"), "90-100%"),
    ("80%-90人", t("80%-90人"), "80%-90人"),  # units disagree
    # numbers
    ("64,539人", q(None, "64539", "人"), "64539人"),
    ("1,234,567.5元", q(None, "1234567.5", "元"), "1234567.5元"),
    ("1,2345", t("1,2345"), "1,2345"),
    ("３６５０.６８万元", q(None, "3650.68", "万元"), "3650.68万元"),
    ("100.00%", q(None, "100.00", "%"), "100.00%"),
    ("-5%", q(None, "-5", "%"), "-5%"),
    ("≥-2.5%", q(">=", "-2.5", "%"), "≥-2.5%"),
    ("+3", q(None, "3"), "3"),
    (".5", q(None, "0.5"), "0.5"),
    ("90 95", t("90 95"), "90 95"),
    ("1E+2", q(None, "100"), "100"),  # spreadsheet exports
    ("9.5e-1", q(None, "0.95"), "0.95"),
    ("1e999", t("1e999"), "1e999"),  # exponent capped: never a 1000-digit string
    # units glued or spaced
    ("2km", q(None, "2", "公里"), "2公里"),
    ("120㎡", q(None, "120", "平方米"), "120平方米"),
    ("120m²", q(None, "120", "平方米"), "120平方米"),
    ("≤620万/月", q("<=", "620", "万/月"), "≤620万/月"),
    ("≥100 万元", q(">=", "100", "万元"), "≥100万元"),
    ("5工作日", q(None, "5", "个工作日"), "5个工作日"),
    ("2个月", q(None, "2", "个月"), "2个月"),
    ("1-12月", r("1", "12", "月"), "1-12月"),
    ("30亩", q(None, "30", "亩"), "30亩"),
    ("1.5亿元", q(None, "1.5", "亿元"), "1.5亿元"),
    ("≥100萬元", q(">=", "100", "万元"), "≥100万元"),
    ("3个百分点", q(None, "3", "个百分点"), "3个百分点"),
    ("≥2百分点", q(">=", "2", "个百分点"), "≥2个百分点"),
    ("12课时", q(None, "12", "课时"), "12课时"),
    ("≥2000罐", q(">=", "2000", "罐"), "≥2000罐"),  # unknown CJK word kept as the unit
    ("1次/年", q(None, "1", "次/年"), "1次/年"),
    ("100%完成", t("100%完成"), "100%完成"),
    ("100%覆盖率", t("100%覆盖率"), "100%覆盖率"),
    ("较上年提高5%", t("较上年提高5%"), "较上年提高5%"),
    ("三级", t("三级"), "三级"),
    ("Ⅲ级", t("III级"), "III级"),
    ("3年内完成", t("3年内完成"), "3年内完成"),
    # approximate values are kept as printed text (see test_approximate_values)
    ("95%左右", t("95%左右"), "95%左右"),
    ("约100人", t("约100人"), "约100人"),
    # units seen in real tables
    ("≥0.5等", q(">=", "0.5", "等"), "≥0.5等"),
    ("等", t("等"), "等"),  # alone it is a word, not an unfilled unit
    ("3等奖", t("3等奖"), "3等奖"),
    ("≥3个（次）", q(">=", "3", "个（次）"), "≥3个（次）"),  # an alternative unit, verbatim
    ("≥3个(次)", q(">=", "3", "个（次）"), "≥3个（次）"),
    ("≥3(次)", t("≥3(次)"), "≥3(次)"),
    ("第一名", t("第一名"), "第一名"),
    # no value
    ("", NONE, "---"),
    ("   ", NONE, "---"),
    (None, NONE, "---"),
    ("--", NONE, "---"),
    ("-", NONE, "---"),
    ("—", NONE, "---"),
    ("——", NONE, "---"),
    ("/", NONE, "---"),
    ("／", NONE, "---"),
    ("null", NONE, "---"),
    ("NULL", NONE, "---"),
    ("N/A", NONE, "---"),
    ("……", NONE, "---"),
    ("≥**个", NONE, "---"),  # template residue
    ("≥XX人", NONE, "---"),
    ("**%", NONE, "---"),
    ("≥", NONE, "---"),
    ("%", NONE, "---"),  # unfilled: the cell holds only the unit
    ("人", NONE, "---"),
    ("个工作日", NONE, "---"),
    ("无", t("无"), "无"),  # a real answer
    # dates are answers, kept as text
    ("2023年12月31日", t("2023年12月31日"), "2023年12月31日"),
    ("2024年", t("2024年"), "2024年"),
    ("2023-12-31", t("2023-12-31"), "2023-12-31"),
    ("2023.12", t("2023.12"), "2023.12"),
    ("2023.5万元", q(None, "2023.5", "万元"), "2023.5万元"),
    ("2020-2025年", r("2020", "2025", "年"), "2020-2025年"),
]


@pytest.mark.parametrize(("raw", "expected", "canonical"), CASES)
def test_parse_and_format(raw: str | None, expected: Target, canonical: str) -> None:
    parsed = parse_target(raw)
    assert parsed.without_raw() == expected
    assert parsed.raw == (raw or "")
    assert format_target(parsed) == canonical
    assert parse_target(canonical).without_raw() == expected


@pytest.mark.parametrize(
    ("raw", "unit", "op", "expected"),
    [
        ("=100", "%", None, q("=", "100", "%")),
        ("100", "%", "=", q("=", "100", "%")),
        ("100", "%", "≥", q(">=", "100", "%")),
        ("100", "百分比", ">=", q(">=", "100", "%")),
        ("100", "人", "大于等于", q(">=", "100", "人")),
        ("5", "天", "反向", q("<=", "5", "天")),
        ("95", "%", "正向", q(">=", "95", "%")),
        ("95", "％", "  ≧ ", q(">=", "95", "%")),
        ("95", None, "定性", q(None, "95")),
        ("≤5", "%", "≥", q("<=", "5", "%")),  # the value's own comparator wins
        ("5万元", "元", None, q(None, "5", "万元")),  # the value's own unit wins
        ("28600万", "元", None, q(None, "28600", "万元")),  # a bare multiplier joins the cell
        ("1.5万", "人次", "≥", q(">=", "1.5", "万人次")),
        ("3万", "万元", None, q(None, "3", "万")),
        ("3万", "其他", None, q(None, "3", "万")),
        ("80-90", "%", "≥", r("80", "90", "%")),
        ("100", "按实际情况填写", None, q(None, "100")),  # not a unit: ignored
        ("100", "---", None, q(None, "100")),
        ("100", "其他", None, q(None, "100")),
        ("良好", "%", "=", t("良好")),
        ("---", "%", "≥", NONE),
        ("", "人", None, NONE),
        ("2024", "年", None, t("2024年")),  # a year with a 年 cell is a date
    ],
)
def test_separate_unit_and_op_cells(
    raw: str, unit: str | None, op: str | None, expected: Target
) -> None:
    parsed = parse_target(raw, unit=unit, op=op)
    assert parsed.without_raw() == expected
    assert parsed.raw == raw
    assert parse_target(format_target(parsed)).without_raw() == expected


@pytest.mark.parametrize(
    ("raw", "direction"),
    [
        ("≥90%", Direction.POSITIVE),
        (">0", Direction.POSITIVE),
        ("=100%", Direction.POSITIVE),
        ("51人", Direction.POSITIVE),
        ("≤90万元", Direction.NEGATIVE),
        ("不超过5天", Direction.NEGATIVE),
        ("<1%", Direction.NEGATIVE),
        ("80-90%", None),
        ("良好", None),
        ("---", None),
    ],
)
def test_direction_is_derived(raw: str, direction: Direction | None) -> None:
    assert parse_target(raw).direction == direction


@pytest.mark.parametrize(
    ("cell", "op"),
    [
        ("≥", Op.GE),
        (">=", Op.GE),
        ("＞＝", Op.GE),
        ("大于等于", Op.GE),
        ("正向", Op.GE),
        ("反向", Op.LE),
        ("<", Op.LT),
        ("等于", Op.EQ),
        ("定性", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_op_cell(cell: str | None, op: Op | None) -> None:
    assert parse_op(cell) is op


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("2023年12月31日", (2023, 12, 31)),
        ("2025年12月", (2025, 12, None)),
        ("2023年 年底前", (2023, None, None)),
        ("2023-12-31", (2023, 12, 31)),
        ("2023.12", (2023, 12, None)),
        ("2023年13月", None),
        ("良好", None),
        ("2023.5万元", None),
    ],
)
def test_date_parts(text: str, parts: tuple[int, int | None, int | None] | None) -> None:
    assert date_parts(text) == parts
    assert is_date_text(text) == (text not in ("良好", "2023.5万元"))


def _column_values(path: Path) -> list[str]:
    values = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 4:
            values.append(cells[-1])
    return values


def test_every_dongguan_target_cell_round_trips() -> None:
    values = _column_values(EXAMPLES / "dongguan-changan-2024-goal-tables.txt")
    kinds = {parse_target(v).kind for v in values}
    assert kinds == set(TargetKind) - {TargetKind.RANGE}
    for value in values:
        parsed = parse_target(value)
        assert parse_target(format_target(parsed)).without_raw() == parsed.without_raw()
        if value.startswith(("≥", ">")):
            assert parsed.kind is TargetKind.QUANTITATIVE, value


def _manifest_targets() -> list[str]:
    targets = []
    for line in (EXAMPLES / "wild" / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        for row in json.loads(line)["expected"].get("sample_indicators") or []:
            for key in ("target", "actual"):
                if isinstance(row.get(key), str):
                    targets.append(row[key])
    return targets


def test_wild_manifest_targets() -> None:
    targets = _manifest_targets()
    assert len(targets) > 40
    for value in targets:
        parsed = parse_target(value)
        assert parse_target(format_target(parsed)).without_raw() == parsed.without_raw()
        squeezed = "".join(value.split())
        if squeezed[:1] in "≥≤><=≧≦" and squeezed[1:2].isdigit():
            assert parsed.kind is TargetKind.QUANTITATIVE, value
            assert parsed.value is not None
        if squeezed and all(c.isdigit() or c in ".%" for c in squeezed):
            assert parsed.kind is TargetKind.QUANTITATIVE, value


def test_a_number_passed_instead_of_text_is_read_not_dropped() -> None:
    parsed = parse_target(cast(str, Decimal("95.0")))
    assert parsed.without_raw() == q(None, "95.0")
    assert parsed.raw == "95.0"


def test_parse_results_are_cached_but_identical_to_fresh_reads() -> None:
    first, second = parse_target("≥90%"), parse_target("≥90%")
    assert first == second and first.raw == "≥90%"
    assert parse_target("≥90%", unit="人") == first  # the value's own unit wins


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("95%左右", q(None, "95", "%")),
        ("约100人", q(None, "100", "人")),
        ("大约3个工作日", q(None, "3", "个工作日")),
        ("约80-90%", r("80", "90", "%")),
        ("约 1,200 万元", q(None, "1200", "万元")),
        ("约≥90%", None),  # approximate and a bound at once: not read
        ("约", None),
        ("约2024年", None),  # a date
        ("约定俗成", None),
        ("良好", None),
        ("≥90%", None),  # not approximate: parse_target reads it already
    ],
)
def test_approximate_values(raw: str, number: Target | None) -> None:
    """约 / 左右 values stay qualitative text; approximate_target gives the number."""
    target = parse_target(raw)
    got = approximate_target(target)
    if number is None:
        assert got is None
        return
    assert target.kind is TargetKind.QUALITATIVE and target.text == normalize(raw)
    assert got is not None and got.without_raw() == number.without_raw() and got.raw == raw
