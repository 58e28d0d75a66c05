"""A table is cut off only when the text visibly stops inside it: a printed total row below
the indicators means its end was reached, and rows that all drop their empty trailing cells
(a text copy) are not cut."""

from __future__ import annotations

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
