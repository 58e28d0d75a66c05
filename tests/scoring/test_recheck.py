"""``--recheck`` over the published self-evaluation tables in examples/wild/, checked by hand."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.problems import Severity
from jixiao.scoring import codes
from jixiao.scoring.schemes import load_scheme
from jixiao.services.evaluation import RecheckRun, recheck_file
from testdata import WILD

from .helpers import actual, ind, table

D = Decimal
CENTRAL = load_scheme("central-2020")


def recheck(name: str) -> RecheckRun:
    return recheck_file(WILD / name, CENTRAL)


def own(run: RecheckRun) -> list[tuple[str, Severity]]:
    return [(p.code, p.severity) for p in run.problems if p.code.startswith("S")]


def test_020_two_printed_scores_do_not_follow_the_rule() -> None:
    run = recheck("020_selfeval.txt")
    (result,) = run.results
    assert [r.weight for r in result.result.indicators] == [D(10)] * 9
    diffs = [(d.name, d.printed, d.recomputed) for d in result.differences]
    assert diffs == [
        # 工程资金金额: target 43.2, actual 37.24 → 10 × 37.24 / 43.2 = 8.6204 → 8.62, printed 9
        ("工程资金金额", D(9), D("8.62")),
        # budget: 37.24 / 43.2 = 86.20 % → 8.62, printed 9 (rounded up to a whole point)
        ("预算执行率", D(9), D("8.62")),
    ]
    # the other eight rows print 100 against 100 and full marks: no difference
    # total: 8.62 + 8 × 10 + 8.62 = 97.24 (the copied text ends before the printed 总分)
    assert result.recomputed_total == D("97.24")
    assert result.printed_total is None
    assert own(run) == [
        (codes.REASON_MISSING.code, Severity.ERROR),  # 86.2 % < 90 % and no reason on the row
        (codes.SCORE_DIFFERS.code, Severity.ERROR),
        (codes.SCORE_DIFFERS.code, Severity.ERROR),
    ]
    assert "A ≥ 43.2 gives full marks" in run.problems[-2].message


def test_002_scores_follow_the_rule_but_the_table_is_cut() -> None:
    run = recheck("002_selfeval.txt")
    (result,) = run.results
    # 8 + 8 + 8 + 8 + 8 + 10 (产出) + 10 + 10 + 10 (效益) = 80: the 满意度 row is cut off, so
    # the weights add up to 80, not 90 (S101); every printed score is what the rule gives:
    # 50 ≥ 50个, 100 ≥ 100百分比 and 90 ≤ 90万元 earn full marks, 达成预期指标 with the full
    # weight lies in the 达成 band.
    assert result.differences == ()
    assert [r.score for r in result.result.indicators] == [D(8)] * 5 + [D(10)] * 4
    assert result.recomputed_total == D("80.00")
    codes_found = [c for c, _ in own(run)]
    assert codes_found.count(codes.UNIT_ASSUMED.code) == 3  # 50, 100, 90 printed without unit
    assert codes.WEIGHT_SUM.code in codes_found
    assert codes.NO_BUDGET.code in codes_found  # 年度资金总额 row prints 0 / 0 / 0


def test_001_has_weights_but_no_actuals() -> None:
    run = recheck("001_selfeval.txt")
    (result,) = run.results
    # weights 60 + 30 = 90: no S101; nothing printed in 完成值 / 得分 → warnings, not errors
    assert [r.weight for r in result.result.indicators] == [D(60), D(30)]
    assert own(run) == [(codes.NO_ACTUAL.code, Severity.WARNING)] * 2
    # budget 251.89 / 251.89 = 100 % → 10.00
    assert result.result.budget.score == D("10.00")
    assert result.differences == ()


def test_015_partial_level_scored_above_its_band() -> None:
    run = recheck("015_selfeval.txt")
    (result,) = run.results
    rows = {r.indicator.name: r for r in result.result.indicators}
    name = next((n for n in rows if n.startswith("持续完善马铃薯种薯繁育体系")), None)
    assert name is not None, f"015's indicator rows not read: {sorted(rows)}"
    # 基本达到 is 部分达成 (band [4.80, 6.40) of w = 8); the printed 7 lies outside → 5.60
    assert rows[name].score == D("5.60")
    assert any(d.name == name and d.printed == D(7) for d in result.differences)


def test_qualitative_printed_score_inside_the_band_is_kept() -> None:
    from dataclasses import replace

    from jixiao.core.model import TableKind
    from jixiao.scoring.recheck import recheck_table

    t = table(
        ind("产出指标", "数量指标", "a", "≥10人", "45"),
        ind("效益指标", "社会效益指标", "b", "良好", "45"),
    )
    rows = (
        replace(t.indicators[0], actual=actual("8人").actual, score=D(40)),
        replace(t.indicators[1], actual=actual("部分达成").actual, score=D(30)),
    )
    t = replace(t, kind=TableKind.SELFEVAL, indicators=rows, total_score=D(80))
    r = recheck_table(t, CENTRAL)
    # a: 45 × 8 / 10 = 36.00, printed 40 → difference; b: 30 in [27, 36) → kept
    assert [(d.name, d.printed, d.recomputed) for d in r.differences] == [("a", D(40), D(36))]
    assert r.recomputed_total == D("66.00")  # no budget figures: incomplete
    assert [p.code for p in r.problems if p.code in ("S301", "S302")] == ["S301", "S302"]
    assert r.problems[-1].severity is Severity.WARNING  # incomplete recomputation: warn only


def test_015_rows_as_printed_built_by_hand() -> None:
    """015's OCR text glues 分值 to 指标值 ("8550万粒" = 分值 8 | 550万粒); the rows that read
    unambiguously (manifest sample_indicators) are typed in here as printed."""
    from dataclasses import replace

    from jixiao.core.model import TableKind
    from jixiao.core.money import Amount
    from jixiao.core.values import parse_target
    from jixiao.scoring.recheck import recheck_table

    def row(level1: str, level2: str, name: str, target: str, done: str, score: str):
        base = ind(level1, level2, name, target, "8")
        return replace(base, actual=parse_target(done), score=D(score))

    rows = (
        row("产出指标", "数量指标", "免费发放原原种", "550万粒", "550万粒", "8"),
        row("产出指标", "数量指标", "企业自行采购", "200万粒", "200万粒", "8"),
        row("产出指标", "成本指标", "种薯采购价格不高于市场价", "是", "是", "8"),
        row("效益指标", "可持续影响指标", "持续完善马铃薯种薯繁育体系", "是", "基本达到", "7"),
    )
    t = table(*rows, budget="300")
    budget = replace(t.header.budget, executed=Amount(D("259.45")))
    t = replace(
        t, kind=TableKind.SELFEVAL, header=replace(t.header, budget=budget), total_score=D(99)
    )
    r = recheck_table(t, CENTRAL)
    # 550万粒 = 550万粒 and 200万粒 = 200万粒 meet their targets: 8 each, as printed;
    # 是 against 是 is 达成 and the printed 8 lies in [6.40, 8]: kept.
    # 基本达到 is 部分达成: band [4.80, 6.40) of 8; the printed 7 (87.5 %) lies outside,
    # so the rule gives the default 70 % × 8 = 5.60.
    assert [(d.name, d.printed, d.recomputed) for d in r.differences] == [
        ("持续完善马铃薯种薯繁育体系", D(7), D("5.60"))
    ]
    found = [p.code for p in r.problems]
    assert codes.OUT_OF_BAND.code in found and codes.SCORE_DIFFERS.code in found
    # budget 259.45 / 300 = 86.48 % → 8.65, below 90 % without a printed reason (S202)
    assert r.result.budget.score == D("8.65")
    assert codes.REASON_MISSING.code in found
    # weights 4 × 8 = 32 ≠ 90 (the table is cut after these rows): S101
    assert codes.WEIGHT_SUM.code in found
