"""Rules over a department's tables: copied goals, copied indicator sets, budget totals."""

from __future__ import annotations

from rule_tables import GOAL, GOOD, check, codes, table


def test_identical_annual_goals_across_projects() -> None:
    a = table(name="项目甲")
    b = table(name="项目乙", rows=[(*r[:3], "≥1人") for r in GOOD])
    found = check([a, b], ["R251"])
    assert [f.code for f in found] == ["R251", "R251"]
    assert "「项目乙」" in found[0].message_zh
    assert {f.document for f in found} == {"doc0.txt", "doc1.txt"}


def test_different_goals_or_same_project_are_fine() -> None:
    assert (
        codes(
            [table(name="项目甲"), table(name="项目乙", annual_goal=GOAL + "另有内容。")], ["R251"]
        )
        == []
    )
    # the same project twice (for example two versions) is not a copy
    assert codes([table(name="项目甲"), table(name="项目甲")], ["R251", "R252"]) == []


def test_identical_indicator_sets_across_projects() -> None:
    a = table(name="项目甲")
    b = table(name="项目乙", annual_goal="另一个项目的年度目标，内容不同于项目甲。")
    assert codes([a, b], ["R252"]) == ["R252", "R252"]
    c = table(
        name="项目丙", annual_goal="另一个项目的年度目标，内容不同于项目甲。", drop=["政策知晓度"]
    )
    assert codes([a, c], ["R252"]) == []


def test_department_budget_total_is_reported_once() -> None:
    a = table(name="项目甲", budget="3650.68万元")
    b = table(name="项目乙", budget="353100元", annual_goal="项目乙年度目标：完成信访案件处理。")
    c = table(name="项目丙", budget=None, annual_goal="项目丙年度目标：组织职工活动十次。")
    [finding] = check([a, b, c], ["R351"])
    assert "3 个项目" in finding.message_zh
    assert "3685.99万元" in finding.message_zh  # 3650.68 + 35.31 (353100元), exact
    assert "1 个项目未填预算" in finding.message_zh
    assert codes([a], ["R351"]) == []


def test_printed_department_total_that_disagrees() -> None:
    a = table(name="项目甲", budget="100万元", extra=(("部门预算合计", "250万元"),))
    b = table(name="项目乙", budget="100万元", annual_goal="项目乙年度目标：完成信访案件处理。")
    [finding] = check([a, b], ["R352"])
    assert "250万元" in finding.message_zh and "200万元" in finding.message_zh
    right = table(name="项目甲", budget="100万元", extra=(("部门预算合计", "200万元"),))
    assert codes([right, b], ["R352"]) == []


def test_tables_without_department_are_not_summed() -> None:
    a = table(name="项目甲", department=None)
    b = table(name="项目乙", department="", annual_goal="项目乙年度目标：完成信访案件处理。")
    assert codes([a, b], ["R351", "R352"]) == []
