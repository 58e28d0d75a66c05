"""Edges of the target grammar that mutation testing showed unguarded (issue 24,
docs/testing.md): date bounds, unit words, approximate values, template placeholders,
contradictory comparators, a separate 指标性质 cell, ranges with bad units, the canonical text
of ranges that touch 0, and the never-raises contract."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.grammar import target_parse
from jixiao.core.grammar.formatter import format_target
from jixiao.core.grammar.parser import date_parts, unit_word
from jixiao.core.grammar.target_parse import approximate_target
from jixiao.core.target import Op, Target, TargetKind
from jixiao.core.values import parse_target

D = Decimal


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("2024年1月31日", (2024, 1, 31)),
        ("2024年12月1日", (2024, 12, 1)),
        ("2024年12月31日", (2024, 12, 31)),
        ("2024年12月32日", None),
        ("2024年13月", None),
        ("2024年0月", None),
    ],
)
def test_date_parts_accept_every_real_month_and_day(
    text: str, parts: tuple[int, int | None, int | None] | None
) -> None:
    assert date_parts(text) == parts


@pytest.mark.parametrize(
    ("word", "unit"),
    [
        ("个(次)", "个（次）"),
        ("个(其他)", None),
        ("其他(个)", None),
        ("人/所有", None),
        ("个/村", "个/村"),
    ],
)
def test_unit_words(word: str, unit: str | None) -> None:
    assert unit_word(word) == unit


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("约100人", TargetKind.QUALITATIVE),  # approximate: kept as printed
        ("≥90%以下", TargetKind.QUALITATIVE),  # two comparators that disagree
        ("≤90%以上", TargetKind.QUALITATIVE),
        ("≥/", TargetKind.NONE),  # a comparator and a no-value mark
        ("≥---", TargetKind.NONE),
        ("**", TargetKind.NONE),  # template stars
        ("**个", TargetKind.NONE),
        ("≥**个", TargetKind.NONE),
        ("≥XX%", TargetKind.NONE),
        ("XX人", TargetKind.QUALITATIVE),
        ("±5所有", TargetKind.QUALITATIVE),  # not a unit
        ("5-10所有", TargetKind.QUALITATIVE),
        ("5个-10人", TargetKind.QUALITATIVE),  # two different units
    ],
)
def test_what_is_not_a_number(text: str, kind: TargetKind) -> None:
    assert parse_target(text).kind is kind


def test_approximate_values_once_only() -> None:
    near = approximate_target(parse_target("约100人"))
    assert near is not None and (near.value, near.unit, near.op) == (D(100), "人", None)
    assert approximate_target(parse_target("约约100人")) is None
    assert approximate_target(parse_target("95%左右左右")) is None


def test_a_separate_op_cell_fills_a_value_that_has_its_unit() -> None:
    target = parse_target("100人", op="大于等于")
    assert (target.op, target.value, target.unit) == (Op.GE, D(100), "人")
    assert parse_target("≤100人", op="大于等于").op is Op.LE  # the value's own op wins


def test_parse_target_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever goes wrong inside, the printed value is kept as text."""

    def broken(*args: object) -> Target:
        raise RuntimeError("a grammar bug")

    monkeypatch.setattr(target_parse, "_cached_parse", broken)
    kept = parse_target("  ≥ 90 %  ")
    assert (kept.kind, kept.text, kept.raw) == (TargetKind.QUALITATIVE, "≥ 90 %", "  ≥ 90 %  ")
    assert parse_target("   ").kind is TargetKind.NONE


@pytest.mark.parametrize(
    ("target", "text"),
    [
        (Target("", TargetKind.RANGE, low=D(0), high=D(0), unit="%"), "0-0%"),
        (Target("", TargetKind.RANGE, low=D(0), high=D(5), unit="个"), "0-5个"),
        (Target("", TargetKind.RANGE, low=D("0.5"), high=D(1), unit="万元"), "0.5-1万元"),
        (Target("", TargetKind.RANGE, low=D("-0.5"), high=D("0.5"), unit="%"), "±0.5%"),
        (Target("", TargetKind.RANGE, low=D(-5), high=D(-3), unit="%"), "-5~-3%"),
        (Target("", TargetKind.RANGE, low=None, high=D(5), unit="个"), "---"),
        (Target("≥人", TargetKind.QUANTITATIVE, op=Op.GE, value=None, unit="人"), "---"),
        (Target("良好 ", TargetKind.QUALITATIVE), "良好"),
        (Target("", TargetKind.QUALITATIVE), "---"),
        (Target("abc", TargetKind.NONE, text="abc"), "---"),
    ],
)
def test_canonical_text(target: Target, text: str) -> None:
    assert format_target(target) == text
