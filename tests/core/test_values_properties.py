"""Property tests of the target-value grammar: round trip, never raises, fixed point."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from jixiao.core.grammar.target_parse import _parse
from jixiao.core.target import Op, Target, TargetKind
from jixiao.core.units import KNOWN_UNITS, canonical_unit, is_known_unit
from jixiao.core.values import format_target, is_date_text, parse_target

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
WILD = EXAMPLES / "wild"

# Modest by default so the suite stays fast; raise the env variable for a deeper search.
SETTINGS = settings(
    max_examples=int(os.environ.get("JIXIAO_HYPOTHESIS_EXAMPLES", "300")), deadline=None
)

UNITS = st.sampled_from(
    [
        None,
        *sorted(KNOWN_UNITS),
        "元/人",
        "万/月",
        "元/人.每天",
        "次/年",
        "平方米/人",
        "瓶",
        "箱",
        "万人次",
        "万粒",
        "千工作日",
    ]
).map(lambda u: canonical_unit(u) if u else None)

OPS = st.sampled_from([None, *Op])


@st.composite
def decimals(draw: st.DrawFn) -> Decimal:
    places = draw(st.integers(min_value=0, max_value=4))
    magnitude = draw(st.sampled_from([10, 1000, 10**6, 10**12]))
    return draw(
        st.decimals(
            min_value=-magnitude,
            max_value=magnitude,
            places=places,
            allow_nan=False,
            allow_infinity=False,
        )
    )


# Characters of real qualitative answers, minus those that are units or comparator words.
_QUALITATIVE_CHARS = "".join(
    sorted(
        {
            c
            for c in "良好有改善规范及时效推动全职工劳争议或解决满意果明显达成预期稳步提高合法保障"
            if not is_known_unit(c)
        }
    )
)
_REAL_QUALITATIVE = [
    "良好",
    "有改善",
    "规范",
    "及时",
    "有效推动",
    "全体职工",
    "无劳动争议或全部解决",
    "是",
    "否",
    "无",
    "满意",
    "效果明显",
    "达成预期指标",
    "稳步提高",
    "2023年 年底前",
    "2025年12月",
    "2023年12月31日",
    "100%完成",
    "3年内完成",
    "95%左右",
    "≥5%以下",
    "控制在预算内",
    "Good",
]
QUALITATIVE_TEXT = st.sampled_from(_REAL_QUALITATIVE) | st.text(
    alphabet=_QUALITATIVE_CHARS, min_size=1, max_size=10
)


@st.composite
def targets(draw: st.DrawFn) -> Target:
    kind = draw(st.sampled_from(list(TargetKind)))
    if kind is TargetKind.NONE:
        return Target("", kind)
    if kind is TargetKind.QUALITATIVE:
        return Target("", kind, text=draw(QUALITATIVE_TEXT))
    unit = draw(UNITS)
    if kind is TargetKind.RANGE:
        a, b = draw(decimals()), draw(decimals())
        return Target("", kind, low=min(a, b), high=max(a, b), unit=unit)
    target = Target("", kind, op=draw(OPS), value=draw(decimals()), unit=unit)
    # A bare year with 年 (``2024年``) or ``2023.12`` is read as a date, never produced as a number.
    assume(not is_date_text(format_target(target)))
    return target


def _consistent(target: Target) -> bool:
    kind = target.kind
    fields = (target.op, target.value, target.low, target.high, target.unit, target.text)
    if kind is TargetKind.NONE:
        return all(f is None for f in fields)
    if kind is TargetKind.QUALITATIVE:
        return bool(target.text) and all(f is None for f in fields[:5])
    if kind is TargetKind.RANGE:
        return (
            target.low is not None
            and target.high is not None
            and target.low <= target.high
            and target.op is None
            and target.value is None
            and target.text is None
        )
    return (
        target.value is not None
        and target.value.is_finite()
        and target.low is None
        and target.high is None
        and target.text is None
    )


# Fragments real cells are made of, glued in random order: the parser's hard cases.
FRAGMENTS = st.sampled_from(
    [
        "≥",
        "≤",
        ">",
        "<",
        "=",
        ">=",
        "＞＝",
        "≧",
        "不低于",
        "不超过",
        "控制在",
        "大于",
        "±",
        "以上",
        "以下",
        "以内",
        "内",
        "(含)",
        "-",
        "~",
        "至",
        "/",
        "---",
        "*",
        "X",
        " ",
        "　",
        "0",
        "1",
        "9",
        "64,539",
        "3650.68",
        ".",
        ",",
        "１００",
        "-5",
        "2023",
        "年",
        "月",
        "日",
        "%",
        "％",
        "百分比",
        "‰",
        "人",
        "人次",
        "万元",
        "万",
        "元/人",
        "个工作日",
        "㎡",
        "km",
        "良好",
        "是",
        "无",
        "null",
        "\u0338",
        "〈",
        "—",
        "\n",
        "\t",
    ]
)


def _real_cells() -> list[str]:
    """Every cell of the example tables that looks like a target or an actual value."""
    cells: set[str] = set()
    for path in [EXAMPLES / "dongguan-changan-2024-goal-tables.txt", *WILD.glob("*.txt")]:
        for line in path.read_text(encoding="utf-8").splitlines():
            cells.update(c.strip() for c in line.replace("|", "\t").split("\t") if len(c) < 20)
    return sorted(cells)


@st.composite
def mutated_real_cells(draw: st.DrawFn) -> str:
    """A real cell with a fragment inserted somewhere: what copy-paste damage looks like."""
    cell = draw(st.sampled_from(REAL_CELLS))
    at = draw(st.integers(min_value=0, max_value=len(cell)))
    return cell[:at] + draw(FRAGMENTS) + cell[at:]


REAL_CELLS = _real_cells()
CELL_TEXT = (
    st.lists(FRAGMENTS, max_size=8).map("".join)
    | st.text(max_size=30)
    | st.sampled_from(REAL_CELLS)
    | mutated_real_cells()
)


@SETTINGS
@given(targets())
def test_format_then_parse_round_trips(target: Target) -> None:
    text = format_target(target)
    parsed = parse_target(text)
    assert parsed.without_raw() == target.without_raw(), text
    assert parsed.raw == text
    assert "E" not in text.replace("Good", "")


@SETTINGS
@given(CELL_TEXT)
def test_parse_never_raises_and_is_consistent(text: str) -> None:
    # The uncached reader without the last-resort ``except``: a bug must show up here.
    assert _parse(text, None, None) == parse_target(text)
    parsed = parse_target(text)
    assert parsed.raw == text
    assert _consistent(parsed), parsed


@SETTINGS
@given(CELL_TEXT)
@example("02000年")  # a zero-padded year: a date answer both times, not 2000 years once
def test_format_of_parse_is_a_fixed_point(text: str) -> None:
    once = parse_target(text)
    canonical = format_target(once)
    twice = parse_target(canonical)
    assert twice.without_raw() == once.without_raw(), (text, canonical)
    assert format_target(twice) == canonical


@SETTINGS
@given(CELL_TEXT, st.none() | CELL_TEXT, st.none() | CELL_TEXT)
def test_separate_cells_never_raise_and_round_trip(
    text: str, unit: str | None, op: str | None
) -> None:
    parsed = parse_target(text, unit=unit, op=op)
    assert _parse(text, unit, op) == parsed
    assert _consistent(parsed)
    assert parse_target(format_target(parsed)).without_raw() == parsed.without_raw()


@SETTINGS
@given(st.one_of(st.none(), st.text(max_size=5)))
def test_canonical_unit_is_idempotent(unit: str | None) -> None:
    once = canonical_unit(unit)
    assert canonical_unit(once) == once
