"""``.csv`` exporter: one row per indicator with the header fields repeated (UTF-8 with BOM).

``jixiao parse`` reads this file back (io/readers/own_formats.py): keep the first three column
titles (format detection keys on them) and add new columns at the end.

The BOM makes Excel open the file as UTF-8. A table without indicators still gives one row
(its header fields) so no project disappears from the export.
"""

from __future__ import annotations

import csv as _csv
import io

from jixiao.core.model import GoalTable, Indicator
from jixiao.io.formula_cells import csv_row
from jixiao.io.writers import Exporter, register_exporter
from jixiao.io.writers.layout import amount_text, dec_text, percent_text, target_text, year_of

COLUMNS = [
    "表类型",
    "年度",
    "项目名称",
    "项目类型",
    "项目等级",
    "主管部门",
    "用款单位",
    "起始年度",
    "到期年度",
    "预算金额（万元）",
    "实施周期总目标",
    "年度目标",
    "一级指标",
    "二级指标",
    "三级指标",
    "实施周期指标值",
    "当年度指标值",
    "分值",
    "实际完成值",
    "得分",
    "偏差原因分析及改进措施",
    "全年预计完成值",
    "完成目标可能性",
    # self-evaluation and monitoring: budget execution, result and total (empty on goal tables)
    "年初预算数（万元）",
    "全年执行数（万元）",
    "预算执行率",
    "预算分值",
    "预算得分",
    "预算偏差原因",
    "实际完成情况",
    "总分",
    "其他信息",  # Header.extra, one ``key：value`` per line
]


def _header_cells(table: GoalTable, default_year: int | None) -> list[str]:
    h = table.header
    year = year_of(table, default_year)
    return [
        table.kind.value,
        str(year) if year else "",
        h.name or "",
        h.type or "",
        h.level or "",
        h.department or "",
        h.unit or "",
        str(h.period.start or ""),
        str(h.period.end or ""),
        amount_text(h.budget.amount, with_unit=False),
        h.period_goal or "",
        h.annual_goal or "",
    ]


def _indicator_cells(ind: Indicator | None) -> list[str]:
    if ind is None:
        return [""] * 11
    return [
        ind.level1 or "",
        ind.level2 or "",
        ind.name,
        target_text(ind.period_target),
        target_text(ind.annual_target),
        dec_text(ind.weight),
        target_text(ind.actual),
        dec_text(ind.score),
        ind.deviation or "",
        target_text(ind.forecast),
        ind.likelihood or "",
    ]


def _result_cells(table: GoalTable) -> list[str]:
    b = table.header.budget
    return [
        amount_text(b.initial, with_unit=False),
        amount_text(b.executed, with_unit=False),
        percent_text(b.rate),
        dec_text(b.weight),
        dec_text(b.score),
        b.reason or "",
        table.header.annual_result or "",
        dec_text(table.total_score),
        "\n".join(f"{key}：{value}" for key, value in table.header.extra),
    ]


@register_exporter
class CsvExporter(Exporter):
    id = "csv"
    name = "CSV (one row per indicator)"
    extension = ".csv"
    content_type = "text/csv; charset=utf-8"

    def render(self) -> bytes:
        out = io.StringIO()
        writer = _csv.writer(out, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for table in self.tables:
            head = _header_cells(table, self.options.year)
            tail = _result_cells(table)
            indicators: list[Indicator | None] = list(table.indicators) or [None]
            for ind in indicators:
                writer.writerow(csv_row(head + _indicator_cells(ind) + tail))
        return ("\ufeff" + out.getvalue()).encode("utf-8")
