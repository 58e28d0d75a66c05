"""Schemes: the presets say what the issue requires; user files inherit and are validated."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.vocabulary import Level1, Level2
from jixiao.scoring.schemes import (
    Bucket,
    Level,
    ReverseRule,
    SchemeError,
    load_scheme,
    parse_scheme,
    preset_names,
)

D = Decimal


def test_central_2020_is_exactly_the_default() -> None:
    s = load_scheme()
    assert s.name == "central-2020"
    assert s.weights == {
        Bucket.BUDGET: D(10),
        Bucket.OUTPUT: D(50),
        Bucket.BENEFIT: D(30),
        Bucket.SATISFACTION: D(10),
    }
    assert s.bucket_of(Level1.COST) is Bucket.OUTPUT
    assert s.bucket_of(Level1.OTHER) is None
    assert s.reverse is ReverseRule.RATIO
    assert [(b.low, b.high, b.default) for b in s.bands.values()] == [
        (D("0.8"), D(1), D(1)),
        (D("0.6"), D("0.8"), D("0.7")),
        (D(0), D("0.6"), D("0.3")),
    ]
    assert list(s.bands) == [Level.ACHIEVED, Level.PARTIAL, Level.FAILED]
    assert s.budget_cap and s.reason_below == D("0.9")
    assert [(g.label, g.min) for g in s.grades] == [("优", 90), ("良", 80), ("中", 60), ("差", 0)]
    assert [s.grade(D(x)) for x in ("90", "89.99", "80", "60", "59.99")] == [
        "优",
        "良",
        "良",
        "中",
        "差",
    ]
    m = s.monitoring
    assert (m.red_below, m.yellow_below, m.blue_from) == (60, 80, 120)
    assert (m.budget_red_below, m.budget_yellow_below) == (60, 80)
    assert {Level2.QUALITY, Level2.TIMELINESS, Level2.COST, Level2.ECONOMIC_COST} <= m.not_prorated


def test_vendor_80_differs_where_the_sources_differ() -> None:
    v, c = load_scheme("vendor-80"), load_scheme("central-2020")
    assert v.reverse is ReverseRule.LINEAR
    assert [(g.label, g.min) for g in v.grades] == [("优", 80), ("良", 70), ("中", 60), ("差", 0)]
    assert (v.weights, v.bands, v.monitoring) == (c.weights, c.bands, c.monitoring)
    assert set(preset_names()) >= {"central-2020", "vendor-80"}


def test_a_user_file_inherits_a_preset(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        'name = "mine"\nbase = "vendor-80"\n[weights]\noutput = 60\nbenefit = 20\n'
        "[budget]\nreason_below = 0.85\n",  # TOML floats are read as exact decimals
        encoding="utf-8",
    )
    s = load_scheme(path)
    assert s.name == "mine"
    assert s.weights[Bucket.OUTPUT] == 60 and s.weights[Bucket.SATISFACTION] == 10
    assert s.reverse is ReverseRule.LINEAR  # from vendor-80
    assert s.reason_below == D("0.85")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('base = "central-2020"\n[weights]\noutput = 40\n', "must add up to 100"),
        ('base = "central-2020"\n[quantitative]\nreverse = "cubic"\n', "ratio, linear"),
        (
            'base = "central-2020"\n[qualitative]\npartial = { low = "0.9", high = "0.8", '
            'default = "0.7" }\n',
            "low ≤ default ≤ high",
        ),
        ('base = "central-2020"\n[categories]\ncost = "overhead"\n', "not known"),
        ('base = "central-2020"\n[monitoring]\nnot_prorated = ["speed"]\n', "unknown 二级"),
        ('base = "nope"\n', "no scheme 'nope'"),
        ('base = "central-2020"\ngrades = []\n', "[[grades]]"),
        ("weights = [\n", "not valid TOML"),
        ('base = "central-2020"\n[weights]\noutput = true\n', "expected a number"),
    ],
)
def test_bad_schemes_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(SchemeError, match=None) as caught:
        parse_scheme(text, "mine.toml")
    assert message in str(caught.value)


def test_base_loops_are_caught(tmp_path: Path) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text(f'base = "{b}"\n', encoding="utf-8")
    b.write_text(f'base = "{a}"\n', encoding="utf-8")
    with pytest.raises(SchemeError, match="loops"):
        load_scheme(a)
