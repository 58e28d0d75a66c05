"""How a score explains itself (scoring/explain.py): the numbers as people write them, the
full and the one-line text, and every part kept (issue 24: mutation testing showed these
unguarded)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.scoring.explain import Explanation, fmt, round2

D = Decimal


def test_numbers_as_people_write_them() -> None:
    assert [fmt(D(x)) for x in ("10", "10.00", "9.30", "1E+2", "0.5", "-3.10")] == [
        "10", "10", "9.3", "100", "0.5", "-3.1",
    ]  # fmt: skip
    assert fmt(None) == "—"
    rounded = [round2(D(x)) for x in ("9.305", "9.304", "-0.005")]
    assert rounded == [D("9.31"), D("9.30"), D("-0.01")]


def test_the_full_text_keeps_every_part() -> None:
    ex = Explanation(
        "正向 ≥",
        "w × A / T",
        (("w", "10"), ("T", "≥64539人")),
        "10 × 60000 / 64539 = 9.30",
        D("9.30"),
        "A ≥ 64539人 gives full marks",
        ("negative actual counts as 0",),
    )
    assert ex.text() == (
        "正向 ≥: w × A / T | w = 10; T = ≥64539人 | 10 × 60000 / 64539 = 9.30"
        " (A ≥ 64539人 gives full marks) [negative actual counts as 0]"
    )
    assert ex.short() == "正向 ≥: 10 × 60000 / 64539 = 9.30; A ≥ 64539人 gives full marks"
    bare = Explanation("定性", "level → points")
    assert bare.text() == "定性: level → points" and bare.short() == "定性: level → points"


def test_a_working_that_is_only_the_result_keeps_the_formula() -> None:
    full = Explanation("正向 ≥", "A meets T: w", (), "= 10.00", D(10))
    assert full.short() == "正向 ≥: A meets T: w = 10.00"
