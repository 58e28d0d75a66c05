"""Defects found in review: each test failed before its fix (issue 5 review)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from jixiao.core.model import Budget, Document, GoalTable, Header, Indicator, TableKind
from jixiao.core.money import Amount, MoneyUnit
from jixiao.core.problems import Severity
from jixiao.core.target import Op, Target, TargetKind
from jixiao.io.actuals import read_actuals, template_rows
from jixiao.scoring import codes
from jixiao.scoring.budget import budget_basis
from jixiao.scoring.matching import header_unit, match_actuals, parse_amount
from jixiao.scoring.monitoring import Light, monitor_table
from jixiao.scoring.qualitative import read_level
from jixiao.scoring.schemes import SchemeError, load_scheme, parse_scheme
from jixiao.scoring.selfeval import evaluate_table, score_indicator
from jixiao.scoring.weights import plan_weights, split_evenly
from jixiao.services.evaluation import score_document

from .helpers import actual, ind, inputs, table

D = Decimal
SCHEME = load_scheme()
GOAL = table(
    ind("产出指标", "数量指标", "参保人数", "≥100人"),
    ind("效益指标", "社会效益指标", "改善程度", "良好"),
    ind("满意度指标", "服务对象满意度指标", "满意度", "≥90%"),
    name="甲项目",
    budget="50",
)


def write(tmp_path: Path, text: str, name: str = "a.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def codes_of(problems: list) -> list[str]:  # type: ignore[type-arg]
    return [p.code for p in problems]


# --- 1. budget figures in 元 ----------------------------------------------------------------


def test_header_unit_yuan_is_not_read_as_wan(tmp_path: Path) -> None:
    path = write(tmp_path, "项目名称,三级指标,全年执行数（元）\n甲项目,预算执行,450000\n")
    matched = match_actuals([GOAL], read_actuals(path))
    budget = matched.inputs[0].budget
    assert budget is not None and budget.executed == Amount(D(450000), MoneyUnit.YUAN)
    result = evaluate_table(GOAL, matched.inputs[0], SCHEME)
    assert result.budget.rate == D("0.9")  # 45万元 / 50万元
    assert result.budget.score == D("9.00")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("152000元", Amount(D(152000), MoneyUnit.YUAN)),
        ("15.2万元", Amount(D("15.2"), MoneyUnit.WAN)),
        ("1.5亿元", Amount(D("1.5"), MoneyUnit.YI)),
        ("15.2", Amount(D("15.2"), MoneyUnit.WAN)),
        ("1,520", Amount(D(1520), MoneyUnit.WAN)),
        ("十五万", None),
    ],
)
def test_amount_suffixes(text: str, expected: Amount | None) -> None:
    assert parse_amount(text, MoneyUnit.WAN) == expected


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("全年执行数（元）", MoneyUnit.YUAN),
        ("全年执行数(万元)", MoneyUnit.WAN),
        ("全年预算数（单位：元）", MoneyUnit.YUAN),
        ("全年预算数（亿元）", MoneyUnit.YI),
        ("全年执行数", None),
        ("实际完成值（人）", None),
    ],
)
def test_header_unit(header: str, unit: MoneyUnit | None) -> None:
    assert header_unit(header) is unit


@given(
    st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False),
    st.sampled_from(list(MoneyUnit)),
)
def test_amounts_with_a_unit_convert_exactly(value: Decimal, unit: MoneyUnit) -> None:
    amount = parse_amount(f"{value}{unit.value}", MoneyUnit.WAN)
    assert amount == Amount(value, unit)
    assert amount.to(MoneyUnit.YUAN).to(unit).value == value


def test_suffix_overrides_header_and_converts_exactly(tmp_path: Path) -> None:
    path = write(
        tmp_path, "项目名称,三级指标,实际完成值（元）,全年预算数\n甲项目,预算执行,40万元,500000元\n"
    )
    matched = match_actuals([GOAL], read_actuals(path))
    result = evaluate_table(GOAL, matched.inputs[0], SCHEME)
    assert result.budget.rate == D("0.8")
    assert result.budget.budget is not None and result.budget.budget.in_wan() == D(50)


def test_negative_amount_is_a008(tmp_path: Path) -> None:
    path = write(tmp_path, "项目名称,三级指标,实际完成值,全年预算数\n甲项目,预算执行,-5,50\n")
    matched = match_actuals([GOAL], read_actuals(path))
    (problem,) = [p for p in matched.problems if p.code == codes.BAD_VALUE.code]
    assert "amount must not be negative" in problem.message
    assert problem.source.row == 2 and problem.source.column == 3
    budget = matched.inputs[0].budget
    assert budget is not None and budget.executed is None


def test_rate_far_above_100_percent_warns(tmp_path: Path) -> None:
    path = write(tmp_path, "项目名称,三级指标,实际完成值\n甲项目,预算执行,100000\n")
    matched = match_actuals([GOAL], read_actuals(path))
    result = evaluate_table(GOAL, matched.inputs[0], SCHEME)
    warned = [p for p in result.problems if p.code == codes.RATE_SUSPECT.code]
    assert len(warned) == 1 and warned[0].severity is Severity.WARNING
    assert "元" in warned[0].message
    ok = evaluate_table(GOAL, inputs(executed="60"), SCHEME)  # 120 %: not suspect yet
    assert codes.RATE_SUSPECT.code not in codes_of(list(ok.problems))


# --- 2. qualitative wordings ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["完成情况较差", "实现了部分目标", "达成率60%", "达到预期目标的一半", "达标率90%"]
)
def test_wordings_that_only_start_like_a_level_name_none(text: str) -> None:
    assert read_level(text) is None
    outcome = score_indicator(
        ind("效益指标", "社会效益指标", "改善", "良好"), D(10), actual("", level=text), SCHEME
    )
    assert outcome.score is None
    assert [f.kind.code for f in outcome.findings] == [codes.UNKNOWN_LEVEL.code]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("达成年度目标", "达成"),
        ("已完成。", "达成"),
        ("基本完成", "部分达成"),
        ("部分完成年度指标，并具有一定效果", "部分达成"),
        ("未完成预期目标且效果较差", "未达成"),
    ],
)
def test_listed_wordings_still_read(text: str, level: str) -> None:
    found = read_level(text)
    assert found is not None and found.value == level


# --- 3. monitoring keeps the sign against a ± range ------------------------------------------


def test_monitoring_negative_actual_outside_plus_minus_range_is_red() -> None:
    t = table(ind("产出指标", "质量指标", "偏差", "±3%以内"))
    result = monitor_table(t, inputs(actual("-5%"), executed="50"), 6, SCHEME)
    assert result.indicators[0].light is Light.RED
    inside = monitor_table(t, inputs(actual("-2%"), executed="50"), 6, SCHEME)
    assert inside.indicators[0].light is Light.GREEN


# --- 4. zero-weight categories and unexpected failures ---------------------------------------


def test_split_evenly_of_zero_parts_splits_by_count() -> None:
    assert split_evenly(D(90), [D(0), D(0), D(0)]) == [D(30), D(30), D(30)]
    assert split_evenly(D(10), [D(0), D(0), D(0)]) == [D("3.33"), D("3.33"), D("3.34")]


def test_scheme_with_zero_weight_categories_scores() -> None:
    scheme = parse_scheme(
        'base = "central-2020"\n[weights]\nbudget = 100\noutput = 0\nbenefit = 0\n'
        "satisfaction = 0\n",
        "zero.toml",
    )
    plan = plan_weights(GOAL.indicators, scheme)
    assert plan.weights == (D(0), D(0), D(0))
    result = evaluate_table(GOAL, inputs(executed="50"), scheme)
    assert result.budget.score == D("100.00")


def test_a_table_that_breaks_the_scorer_is_a_located_error(tmp_path: Path) -> None:
    # NaN is no number a comparison accepts: an unexpected failure inside the scorer
    broken = Target(raw="≥NaN", kind=TargetKind.QUANTITATIVE, op=Op.GE, value=D("NaN"))
    bad = GoalTable(
        TableKind.GOAL,
        Header(name="坏项目", budget=Budget(amount=Amount(D(10)))),
        (Indicator("产出指标", "数量指标", "件数", annual_target=broken),),
    )
    document = Document("goals.txt", (bad, GOAL))
    path = write(tmp_path, "项目名称,三级指标,实际完成值\n坏项目,件数,5\n甲项目,参保人数,100人\n")
    run = score_document(document, read_actuals(path), SCHEME)
    internal = [p for p in run.problems if p.code == codes.INTERNAL.code]
    assert len(internal) == 1 and internal[0].severity is Severity.ERROR
    assert "坏项目" in internal[0].message and "InvalidOperation" in internal[0].message
    assert [r.table.name for r in run.results] == ["甲项目"]  # the other table goes on


# --- 5. scheme validation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[weight]\nbudget = 10\n", "'weight'"),
        ('[quantitativ]\nreverse = "linear"\n', "'quantitativ'"),
        ("[budget]\nreson_below = 0.8\n", "'reson_below'"),
        ('[[grades]]\nlabel = "优"\nmin = 90\n[[grades]]\nlabel = "良"\nmin = 60\n', "min = 0"),
        (
            '[[grades]]\nlabel = "中"\nmin = 60\n[[grades]]\nlabel = "优"\nmin = 90\n'
            '[[grades]]\nlabel = "差"\nmin = 0\n',
            "highest min down",
        ),
        (
            "[weights]\nbudget = 10\noutput = 70\nbenefit = -10\nsatisfaction = 30\n",
            "must not be negative",
        ),
        ("[monitoring]\nred_below = 90\n", "red_below ≤ yellow_below ≤ blue_from"),
        ("[monitoring]\nblue_from = 70\n", "red_below ≤ yellow_below ≤ blue_from"),
    ],
)
def test_scheme_mistakes_are_named(tmp_path: Path, text: str, needle: str) -> None:
    path = write(tmp_path, 'base = "central-2020"\n' + text, "mine.toml")
    with pytest.raises(SchemeError) as caught:
        load_scheme(path)
    assert needle in str(caught.value)
    assert str(path) in str(caught.value)


# --- 6. namesakes -------------------------------------------------------------------------


NAMESAKES = table(
    ind("产出指标", "数量指标", "覆盖率", "≥90%"),
    ind("产出指标", "质量指标", "覆盖率", "≥80%"),
    ind("效益指标", "社会效益指标", "覆盖率", "≥70%"),
    name="乙项目",
)


def test_namesakes_told_apart_by_level_columns(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "项目名称,一级指标,二级指标,三级指标,实际完成值\n"
        "乙项目,效益指标,社会效益指标,覆盖率,71%\n"
        "乙项目,产出指标,质量指标,覆盖率,82%\n"
        "乙项目,产出,数量指标,覆盖率,93%\n",
    )
    matched = match_actuals([NAMESAKES], read_actuals(path))
    assert matched.problems == []
    got = {i: a.actual.raw for i, a in matched.inputs[0].indicators.items() if a.actual}
    assert got == {0: "93%", 1: "82%", 2: "71%"}


def test_namesakes_without_levels_go_by_order(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "项目名称,三级指标,实际完成值\n乙项目,覆盖率,91%\n乙项目,覆盖率,81%\n乙项目,覆盖率,71%\n"
        "乙项目,覆盖率,61%\n",
    )
    matched = match_actuals([NAMESAKES], read_actuals(path))
    got = {i: a.actual.raw for i, a in matched.inputs[0].indicators.items() if a.actual}
    assert got == {0: "91%", 1: "81%", 2: "71%"}
    assert codes_of(matched.problems) == [codes.DUPLICATE.code]  # the fourth row


def test_namesake_under_no_given_level_is_a006(tmp_path: Path) -> None:
    path = write(
        tmp_path, "项目名称,一级指标,二级指标,三级指标,实际完成值\n乙项目,满意度指标,,覆盖率,71%\n"
    )
    matched = match_actuals([NAMESAKES], read_actuals(path))
    assert codes_of(matched.problems) == [codes.AMBIGUOUS.code]
    assert "满意度指标" in matched.problems[0].message


def test_template_round_trip_with_namesakes(tmp_path: Path) -> None:
    from jixiao.io.actuals import write_template

    path = tmp_path / "t.xlsx"
    path.write_bytes(write_template([NAMESAKES]))
    sheet = read_actuals(path)
    matched = match_actuals([NAMESAKES], sheet)
    assert codes.UNKNOWN_COLUMN.code not in codes_of(matched.problems)
    assert codes.AMBIGUOUS.code not in codes_of(matched.problems)


# --- 7. unitless actuals --------------------------------------------------------------------


def test_unitless_actual_is_a_warning() -> None:
    outcome = score_indicator(
        ind("产出指标", "数量指标", "人数", "≥100人"), D(10), actual("90"), SCHEME
    )
    assert outcome.score == D("9.00")
    assert [f.kind.severity for f in outcome.findings] == [Severity.WARNING]
    assert codes.UNIT_ASSUMED.severity is Severity.WARNING


def test_unitless_fraction_against_percent_is_an_error(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["项目名称", "三级指标", "实际完成值"])
    ws.append(["甲项目", "满意度", 0.95])  # General format: the cell shows 0.95
    path = tmp_path / "a.xlsx"
    wb.save(path)
    matched = match_actuals([GOAL], read_actuals(path))
    result = evaluate_table(GOAL, matched.inputs[0], SCHEME)
    row = result.indicators[2]
    assert row.score is None
    (problem,) = [p for p in result.problems if p.code == codes.FRACTION_FOR_PERCENT.code]
    assert problem.severity is Severity.ERROR and "fraction" in problem.message
    assert "95%" in problem.message


# --- 9. one budget basis --------------------------------------------------------------------


def test_budget_basis_falls_back_to_the_initial_budget_everywhere() -> None:
    printed = Budget(initial=Amount(D(40)))
    assert budget_basis(None, printed) == Amount(D(40))
    assert budget_basis(Amount(D(1)), printed) == Amount(D(1))
    t = GoalTable(
        TableKind.GOAL,
        Header(name="丙项目", budget=printed),
        (ind("产出指标", "数量指标", "件数", "≥10件"),),
    )
    given = inputs(actual("10件"), executed="20")
    assert evaluate_table(t, given, SCHEME).budget.rate == D("0.5")
    assert monitor_table(t, given, 6, SCHEME).budget.rate == D("0.5")  # was: no budget
    assert template_rows([t])[-1][6] == "40"


# --- CLI: 5 (exit 2), 8 (--recheck on a goal table), 11 (-o creates folders), escaping ------


def _cli(*args: str) -> tuple[int, str]:
    from typer.testing import CliRunner

    from jixiao.cli import _load_commands, app

    _load_commands()
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_cli_scheme_typo_is_a_usage_error(tmp_path: Path) -> None:
    from testdata import DATA

    scheme = write(tmp_path, 'base = "central-2020"\n[weight]\nbudget = 10\n', "typo.toml")
    union = DATA / "scoring"
    code, out = _cli(
        "score",
        str(union / "union-goal.txt"),
        "--actuals",
        str(union / "union-actuals.csv"),
        "--scheme",
        str(scheme),
    )
    assert code == 2
    flat = "".join(out.split())
    assert "typo.toml" in flat and "'weight'" in flat


def test_cli_recheck_of_a_goal_table_only_says_so() -> None:
    from testdata import EXAMPLE_FILE

    code, out = _cli("score", "--recheck", str(EXAMPLE_FILE), "--json")
    assert code == 0  # S303 is a warning: nothing printed to recheck
    import json

    data = json.loads(out)
    assert {p["code"] for p in data["problems"]} <= {codes.NOT_SELFEVAL.code, "B003"}
    assert all(t["rechecked"] is False for t in data["tables"])


def test_cli_recheck_with_actuals_is_a_usage_error() -> None:
    from testdata import DATA

    union = DATA / "scoring"
    code, out = _cli(
        "score",
        "--recheck",
        str(union / "union-goal.txt"),
        "--actuals",
        str(union / "union-actuals.csv"),
    )
    assert code == 2 and "--actuals" in out


def test_cli_output_creates_missing_folders(tmp_path: Path) -> None:
    from testdata import DATA

    union = DATA / "scoring"
    target = tmp_path / "new" / "dir" / "自评表.xlsx"
    code, _ = _cli(
        "score",
        str(union / "union-goal.txt"),
        "--actuals",
        str(union / "union-actuals.csv"),
        "-o",
        str(target),
    )
    assert code in (0, 1) and target.is_file()


def test_cli_prints_table_names_and_cells_as_is(tmp_path: Path) -> None:
    from testdata import DATA

    union = DATA / "scoring"
    text = (union / "union-goal.txt").read_text(encoding="utf-8")
    goal = write(tmp_path, text.replace("工会经费", "工会[bold]经费[/bold]"), "goal.txt")
    actuals = (union / "union-actuals.csv").read_text(encoding="utf-8")
    actuals = actuals.replace("工会经费", "工会[bold]经费[/bold]").replace("51人", "[red]51人")
    path = write(tmp_path, actuals, "a.csv")
    _code, out = _cli("score", str(goal), "--actuals", str(path))
    flat = "".join(out.split())
    assert "工会[bold]经费[/bold]" in flat
    assert "[red]51人" in flat
