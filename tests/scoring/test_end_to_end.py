"""The three Dongguan example tables scored end to end with a made-up actuals file.

tests/data/scoring/dongguan-actuals.csv holds the actuals; every expected score below is worked
out by hand from central-2020 (weights: 产出 50 incl. 成本, 效益 30, 满意度 10, budget 10).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.scoring import codes
from jixiao.scoring.schemes import load_scheme
from jixiao.services.evaluation import ScoreRun, result_dict, score_file

D = Decimal
DATA = Path(__file__).resolve().parents[1] / "data" / "scoring"


@pytest.fixture(scope="module")
def run(request: pytest.FixtureRequest) -> ScoreRun:
    example = Path(__file__).resolve().parents[2] / "examples"
    path = example / "dongguan-changan-2024-goal-tables.txt"
    result = score_file(path, DATA / "dongguan-actuals.csv", load_scheme("central-2020"))
    assert [len(t.indicators) for t in result.document.tables] == [19, 17, 14]
    return result


def scores(run: ScoreRun, table: int) -> list[Decimal | None]:
    return [r.score for r in run.results[table].indicators]


def test_medical_insurance_table(run: ScoreRun) -> None:
    result = run.results[0]
    # weights: 产出 50 / 8 (7 产出 + 预算执行率 under 成本) = 6.25;
    # 效益 30 / 7 = 4.2857 → 4.29 × 6 = 25.74, last 30 − 25.74 = 4.26; 满意度 10 / 4 = 2.5
    assert [r.weight for r in result.indicators] == (
        [D("6.25")] * 8 + [D("4.29")] * 6 + [D("4.26")] + [D("2.50")] * 3 + [D("2.5")]
    )
    assert scores(run, 0) == [
        D(s)
        for s in (
            "5.81",  # 年均参保缴费人数 60000 / 64539 × 6.25 = 5.8104 → 5.81
            "6.25",  # 补助合规率 100 %
            "6.13",  # 应补尽补率 98 / 100 × 6.25 = 6.125 → 6.13 (half-up)
            "6.25",  # 资料审核规范性: level 达成, 100 %
            "6.25",
            "6.25",  # 补助精准率, 资金按时到位率 100 %
            "5.94",  # 任务完成及时率 95 / 100 × 6.25 = 5.9375 → 5.94
            "6.25",  # 预算执行率 96.5 % ≥ 90 %
            "3.00",  # 经济压力缓解程度: 部分达成, 70 % × 4.29 = 3.003 → 3.00
            "4.29",  # 补贴对象生活改善程度: "有改善" repeats the target → 达成
            "4.00",  # 保障工作有效性: 达成 with score 4 inside [3.43, 4.29]
            "4.04",  # 政策知晓度 80 / 85 × 4.29 = 4.0376 → 4.04
            "4.29",
            "4.29",  # 达成预期指标, 达到预期目标
            "4.26",  # 社会保障体系健全性 达成 (the last 效益 weight)
            "2.50",  # 调查参保人数 210 ≥ 200
            "2.44",  # 调查参保人员满意度 88 / 90 × 2.5 = 2.4444 → 2.44
            "2.50",
            "2.50",
        )
    ]
    # budget 3520 / 3650.68 = 96.42 % → 9.64
    assert result.budget.score == D("9.64")
    # 产出 49.13 + 效益 28.17 + 满意度 9.94 + budget 9.64 = 96.88
    assert result.total == D("96.88")
    assert result.grade == "优"


def test_general_affairs_table(run: ScoreRun) -> None:
    result = run.results[1]
    # weights: 产出 50 / 10 = 5; 效益 30 / 3 = 10; 满意度 10 / 4 = 2.5
    assert scores(run, 1) == [
        D(s)
        for s in (
            "4.63",  # 一审宗数 50 / 54 × 5 = 4.6296 → 4.63
            "5.00",
            "5.00",
            "5.00",
            "0.00",  # 安全事故发生次数 target "0次" = "= 0"; actual 1次 → 0
            "5.00",
            "5.00",
            "5.00",
            "4.72",  # 预算执行率 85 / 90 × 5 = 4.7222 → 4.72
            "3.50",  # 律师服务费: 部分达成 with 3.5 inside [3.00, 4.00)
            "10.00",  # 减少率 >0: 5 % > 0 (target without unit, noted S010)
            "10.00",  # 达成
            "3.00",  # 未达成: 30 % × 10
            "2.50",
            "2.50",
            "2.50",
            "2.50",
        )
    ]
    # budget 30.01 / 35.31 = 84.99 % → 8.50; below 90 % but a reason is given
    assert result.budget.score == D("8.50")
    # 产出 42.85 + 效益 23 + 满意度 10 + budget 8.50 = 84.35 → 良
    assert result.total == D("84.35")
    assert result.grade == "良"


def test_trade_union_table(run: ScoreRun) -> None:
    result = run.results[2]
    # weights: 产出 50 / 5 = 10; 效益 30 / 5 = 6; 满意度 10 / 4 = 2.5
    assert scores(run, 2) == [
        D(s)
        for s in (
            "10.00",
            "10.00",
            "10.00",
            "7.00",  # 活动开展及时性 部分达成 70 %
            "10.00",  # 预算执行率 96 % ≥ 95 %
            "6.00",
            "5.50",  # 达成 with 5.5 inside [4.80, 6.00]
            "6.00",
            "6.00",
            "4.20",  # 部分达成年度指标并具有一定效果: 70 % × 6
            "2.50",  # 调查对象人数 "全体职工" repeats the target
            "2.50",
            "2.50",
            "2.36",  # 投诉处理满意率 85 / 90 × 2.5 = 2.3611 → 2.36
        )
    ]
    # budget 15.2 / 15.47 = 98.25 % → 9.83
    # 产出 47 + 效益 27.70 + 满意度 9.86 + budget 9.83 = 94.39
    assert result.total == D("94.39")
    assert result.grade == "优"


def test_only_the_expected_notes(run: ScoreRun) -> None:
    own = [p for p in run.problems if p.code.startswith(("S", "A"))]
    assert [p.code for p in own] == [codes.UNIT_ASSUMED.code]
    assert own[0].source.row == 32 and own[0].source.column == 3  # the CSV cell


def test_json_shape(run: ScoreRun) -> None:
    data = result_dict(run.results[2])
    assert data["project"] == "工会经费"
    assert data["total"] == "94.39" and data["grade"] == "优"
    assert data["budget"] == {
        "budget": "15.47",
        "executed": "15.2",
        "rate": "98.25",
        "weight": "10",
        "score": "9.83",
        "explanation": data["budget"]["explanation"],
    }
    first = data["indicators"][0]
    assert first["weight"] == "10.00" and first["score"] == "10.00"
    assert first["actual"]["raw"] == "51人"
    assert "正向" in first["explanation"]["text"]
