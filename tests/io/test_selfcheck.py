"""The self-check (a table's own arithmetic) and the selector between readings."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jixiao.core.grammar import parse_target
from jixiao.core.model import Budget, Document, GoalTable, Header, Indicator, TableKind
from jixiao.core.money import Amount
from jixiao.reading.selfcheck import check_table, select


def indicator(
    name: str, target: str, weight: str | None = None, score: str | None = None
) -> Indicator:
    return Indicator(
        "产出指标",
        "数量指标",
        name,
        annual_target=parse_target(target),
        weight=Decimal(weight) if weight else None,
        score=Decimal(score) if score else None,
    )


def table(*indicators: Indicator, name: str = "社区养老服务补贴", **budget: str) -> GoalTable:
    figures = {k: Amount(Decimal(v)) for k, v in budget.items() if k in ("amount", "executed")}
    rate = Decimal(budget["rate"]) if "rate" in budget else None
    header = Header(name=name, budget=Budget(rate=rate, **figures))
    return GoalTable(TableKind.SELFEVAL, header, tuple(indicators))


def points(t: GoalTable) -> int:
    return check_table(t).points


def test_weights_that_sum_to_100_or_90_count_for_a_reading() -> None:
    right = table(indicator("培训人次", "≥100人", "50"), indicator("合格率", "≥95%", "50"))
    wrong = table(indicator("培训人次", "≥100人", "50"), indicator("合格率", "≥95%", "27"))
    ninety = table(indicator("培训人次", "≥100人", "45"), indicator("合格率", "≥95%", "45"))
    assert points(right) == points(ninety) > points(wrong)
    assert any("not 100 or 90" in n for n in check_table(wrong).notes)


def test_a_score_above_its_weight_counts_against() -> None:
    ok = table(indicator("培训人次", "≥100人", "10", "9"))
    over = table(indicator("培训人次", "≥100人", "10", "19"))
    assert points(over) < points(ok)


def test_labels_values_and_totals_read_as_names_count_against() -> None:
    good = table(indicator("培训人次", "≥100人"))
    assert points(table(indicator("培训人次", "≥100人"), name="项目起止时间")) < points(good)
    assert points(table(indicator("合计", "100"))) < points(table(indicator("合格率", "100%")))
    assert points(table(indicator("≥95%", "22.5"))) < points(table(indicator("合格率", "≥95%")))
    glued = table(indicator("足额保障率=100%", "22.5"))
    assert points(glued) < points(table(indicator("足额保障率", "=100%")))


def test_budget_execution_must_add_up() -> None:
    base = indicator("培训人次", "≥100人")
    right = table(base, amount="200", executed="190", rate="95")
    wrong_rate = table(base, amount="200", executed="190", rate="59")
    overspent = table(base, amount="200", executed="290", rate="145")
    assert points(right) > points(wrong_rate)
    assert points(right) > points(overspent)


def test_the_selector_keeps_the_first_reading_on_a_tie_and_the_best_otherwise() -> None:
    one = Document("x", (table(indicator("培训人次", "≥100人")),))
    same = Document("x", (table(indicator("培训班次", "≥10期")),))
    better = Document("x", (table(indicator("培训人次", "≥100人"), indicator("合格率", "≥95%")),))
    assert select([one, same])[0] == 0
    assert select([one, same, better])[0] == 2
    empty = Document("x", ())
    assert select([empty, one])[0] == 1
    assert select([replace(one, tables=()), empty])[0] == 0
