"""A table is cut off only when the text visibly stops inside it: a printed total row below
the indicators means its end was reached, and rows that all drop their empty trailing cells
(a text copy) are not cut."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.core.model import GoalTable
from jixiao.services.parsing import parse_file

HEAD = ["项目支出绩效自评表", "项目名称", "某培训项目"]
COLUMNS = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
ROWS = [
    ["产出指标", "数量指标", "培训班次", "≥12期", "12期", "50", "50"],
    ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "95%", "50", "50"],
]


def read(tmp_path: Path, text: str) -> GoalTable:
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    (table,) = parse_file(path).tables
    return table


def test_a_total_row_then_a_grade_is_the_end_of_a_stream_copy(tmp_path: Path) -> None:
    """011: one cell per line, ending ``其他需要说明事项 / 无 / 总分 / 100 / 100 / 优``."""
    cells = [*HEAD, *COLUMNS, *(c for r in ROWS for c in r)]
    cells += ["其他需要说明事项", "无", "总分", "100", "100", "优"]
    table = read(tmp_path, "\n\n".join(cells) + "\n")
    assert len(table.indicators) == 2
    assert table.complete


def test_rows_without_their_empty_trailing_cells_are_complete(tmp_path: Path) -> None:
    lines = [
        "\t".join(HEAD[:1]),
        "\t".join(HEAD[1:]),
        "\t".join([*COLUMNS, "偏差原因分析", "备注"]),
    ]
    lines += ["\t".join(r) for r in ROWS]
    table = read(tmp_path, "\n".join(lines) + "\n")
    assert len(table.indicators) == 2
    assert table.complete


def test_a_last_row_shorter_than_the_rows_before_it_is_cut(tmp_path: Path) -> None:
    lines = ["\t".join(HEAD[:1]), "\t".join(HEAD[1:]), "\t".join(COLUMNS)]
    lines += ["\t".join(ROWS[0]), "\t".join(ROWS[1][:5])]
    table = read(tmp_path, "\n".join(lines) + "\n")
    assert not table.complete


def test_a_last_row_without_its_score_cells_is_cut(tmp_path: Path) -> None:
    """The copy stops after 指标值: the 完成值 / 分值 / 得分 cells of the last row are missing."""
    lines = ["\t".join(HEAD[:1]), "\t".join(HEAD[1:]), "\t".join(COLUMNS)]
    lines += ["\t".join(ROWS[0]), "\t".join([*ROWS[1][:4], ""])]
    table = read(tmp_path, "\n".join(lines) + "\n")
    assert not table.complete


def test_a_headerless_fragment_is_a_self_evaluation_when_weights_sum_to_90(
    tmp_path: Path,
) -> None:
    """018: indicator rows with no header and no name above them, 分值 summing to 90 (the
    self-evaluation rule: 预算执行率 10 points): the lower part of a 自评表, not the whole."""
    rows = [
        ["产出指标", "数量指标", "足额保障率", "=100%", "22.5"],
        ["", "", "科目调整次数", "≤10次", "22.5"],
        ["", "时效指标", "按时发放率", "=100%", "22.5"],
        ["效益指标", "经济效益指标", "结余率", "≤5%", "22.5"],
    ]
    table = read(tmp_path, "\n".join("\t".join(r) for r in rows) + "\n")
    assert table.kind.value == "selfeval"
    assert not table.complete
    assert [i.weight for i in table.indicators] == [Decimal("22.5")] * 4


def test_goal_weights_that_sum_to_100_keep_a_goal_table(tmp_path: Path) -> None:
    lines = [
        "项目支出绩效目标表",
        "项目名称\t某培训项目",
        "一级指标\t二级指标\t三级指标\t指标值\t分值",
    ]
    lines += ["产出指标\t数量指标\t培训班次\t≥12期\t50", "\t\t培训人数\t≥300人\t30"]
    lines += ["满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\t20"]
    table = read(tmp_path, "\n".join(lines) + "\n")
    assert table.kind.value == "goal"
    assert table.complete


def test_a_goal_form_with_weights_summing_to_90_stays_a_goal_table(tmp_path: Path) -> None:
    lines = ["项目支出绩效目标表", "项目名称\t某培训项目"]
    lines += ["一级指标\t二级指标\t三级指标\t指标值\t分值"]
    lines += ["产出指标\t数量指标\t培训班次\t≥12期\t40", "\t\t培训人数\t≥300人\t30"]
    lines += ["满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\t20"]
    assert read(tmp_path, "\n".join(lines) + "\n").kind.value == "goal"
