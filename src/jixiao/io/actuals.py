"""The actuals file (实际完成值填报表): read CSV / xlsx, write the fill-in template (xlsx).

Reading gives a :class:`~jixiao.scoring.matching.ActualsSheet` of text cells with their places;
matching rows to goal tables is pure logic in :mod:`jixiao.scoring.matching`. The template
lists every indicator of the goal tables with its target, a budget row per table, and drop-down
lists (data validation) on 等级, 完成目标可能性 and 偏差原因类别.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jixiao.core.model import GoalTable
from jixiao.core.problems import make
from jixiao.core.source import SourceLocation
from jixiao.core.values import format_target
from jixiao.io.formula_cells import as_text
from jixiao.io.limits import ReadLimits, check_bytes
from jixiao.scoring import codes
from jixiao.scoring.budget import budget_basis
from jixiao.scoring.matching import REQUIRED, ActualsSheet, field_of
from jixiao.scoring.monitoring import LIKELIHOODS, REASON_CATEGORIES
from jixiao.scoring.schemes import Level

TEMPLATE_COLUMNS = (
    ("项目名称", 30),
    ("一级指标", 12),
    ("二级指标", 16),
    ("三级指标", 30),
    ("年度指标值", 16),
    ("实际完成值", 16),
    ("全年预算数", 12),
    ("等级", 12),
    ("得分", 8),
    ("全年预计完成值", 16),
    ("完成目标可能性", 14),
    ("偏差原因类别", 14),
    ("偏差原因", 30),
)
BUDGET_ROW = "预算执行"


def read_actuals(path: Path) -> ActualsSheet:
    """Read the first sheet of an xlsx, or a UTF-8 CSV; problems instead of exceptions."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        message = f"cannot read the actuals file: {exc}"
        problem = make(codes.UNREADABLE, message, SourceLocation(str(path)))
        return ActualsSheet(str(path), (), (), problems=(problem,))
    return read_actuals_bytes(data, str(path))


def read_actuals_bytes(data: bytes, name: str) -> ActualsSheet:
    """Like :func:`read_actuals` for uploaded content; ``name`` names the file in problems.

    An xlsx is recognised by its suffix or its zip signature, anything else is read as CSV.
    """
    package = name.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04"
    refused = check_bytes(data, name, ReadLimits.from_env(), package=package)
    if refused is not None:
        return ActualsSheet(name, (), (), problems=(refused,))
    try:
        if package:
            return _read_xlsx(io.BytesIO(data), name)
        return _read_csv(data, name)
    except Exception as exc:  # a broken file is a located problem, never a traceback
        message = f"cannot read the actuals file: {type(exc).__name__}: {exc}"
        problem = make(codes.UNREADABLE, message, SourceLocation(name))
        return ActualsSheet(name, (), (), problems=(problem,))


def _sheet(name: str, rows: list[tuple[int, tuple[str, ...]]], sheet: str | None) -> ActualsSheet:
    filled = [(n, cells) for n, cells in rows if any(c.strip() for c in cells)]
    if not filled:
        problem = make(codes.MISSING_COLUMN, "the actuals file is empty", SourceLocation(name))
        return ActualsSheet(name, (), (), sheet, problems=(problem,))
    # the header is the first row naming the required columns (a title row may sit above it)
    at = next(
        (
            i
            for i, (_, cells) in enumerate(filled[:10])
            if set(REQUIRED) <= {field_of(c) for c in cells}
        ),
        0,
    )
    (header_row, header), *body = filled[at:]
    return ActualsSheet(name, tuple(h.strip() for h in header), tuple(body), sheet, header_row)


def _read_csv(data: bytes, name: str) -> ActualsSheet:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"the actuals CSV is not UTF-8 (byte {exc.start}); save it as UTF-8"
        problem = make(codes.UNREADABLE, message, SourceLocation(name))
        return ActualsSheet(name, (), (), problems=(problem,))
    dialect: Any = csv.excel_tab if text.count("\t") > text.count(",") else csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows = [(reader.line_num, tuple(row)) for row in reader]
    return _sheet(name, rows, None)


def _read_xlsx(path: Path | io.BytesIO, name: str) -> ActualsSheet:
    from openpyxl import load_workbook

    from jixiao.io.readers.xlsx import cell_text

    workbook = load_workbook(path, data_only=True, read_only=True)
    try:
        ws = workbook.worksheets[0]
        rows = [
            (number, tuple(cell_text(c.value, getattr(c, "number_format", None)) for c in row))
            for number, row in enumerate(ws.iter_rows(), start=1)
        ]
        return _sheet(name, rows, ws.title)
    finally:
        workbook.close()


def template_rows(tables: Sequence[GoalTable]) -> list[list[str]]:
    """One row per indicator and a 预算执行 row per table, targets as printed."""
    rows: list[list[str]] = []
    for table in tables:
        for ind in table.indicators:
            target = ind.annual_target
            shown = target.raw or (format_target(target) if not target.is_empty else "")
            rows.append(
                [table.name, ind.level1 or "", ind.level2 or "", ind.name, shown] + [""] * 8
            )
        budget = table.header.budget
        amount = budget_basis(None, budget)
        rows.append(
            [table.name, "", "", BUDGET_ROW, "", "", format(amount.in_wan(), "f") if amount else ""]
            + [""] * 6
        )
    return rows


def write_template(tables: Sequence[GoalTable]) -> bytes:
    """The fill-in workbook (xlsx bytes) for the given goal tables."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "实际完成值"
    ws.append([title for title, _ in TEMPLATE_COLUMNS])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for col, (_, width) in enumerate(TEMPLATE_COLUMNS, start=1):
        ws.cell(1, col).font = bold
        ws.column_dimensions[get_column_letter(col)].width = width
    rows = template_rows(tables)
    for row in rows:
        ws.append(row)
        as_text(ws[ws.max_row])
    last = max(len(rows) + 1, 2)
    for row_cells in ws.iter_rows(min_row=2, max_row=last):
        for cell in row_cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.column in (6, 7, 8, 9, 10, 11, 12, 13):
                cell.fill = fill
            cell.number_format = "@"  # keep what is typed as text: 65012人, 98%
    _validation(ws, DataValidation, "H", [lv.value for lv in Level], last, "等级")
    _validation(ws, DataValidation, "K", list(LIKELIHOODS), last, "完成目标可能性")
    _validation(ws, DataValidation, "L", list(REASON_CATEGORIES), last, "偏差原因类别")
    ws.freeze_panes = "E2"
    _notes(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _validation(ws: Any, kind: Any, column: str, options: list[str], last: int, name: str) -> None:
    rule = kind(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
    rule.error = f"{name}: {' / '.join(options)}"
    rule.errorTitle = name
    rule.prompt = " / ".join(options)
    rule.promptTitle = name
    ws.add_data_validation(rule)
    rule.add(f"{column}2:{column}{last}")


def _notes(wb: Any) -> None:
    ws = wb.create_sheet("填写说明")
    for line in (
        "实际完成值: 按指标值的写法填写, 如 65012人, 98%, 达成; "
        "单位须与年度指标值相同或可换算 (元/万元, %/百分比).",
        "定性指标: 在“等级”列选择 达成 / 部分达成 / 未达成; 可在“得分”列填写该等级分数段内的得分.",
        "预算执行 行: “实际完成值”填全年执行数 (万元), “全年预算数”默认取目标表的预算; "
        "执行率低于90%须填写偏差原因.",
        "运行监控: 实际完成值填截至当期的完成值, "
        "并填写全年预计完成值、完成目标可能性、偏差原因类别及说明.",
        "请勿修改 项目名称 与 三级指标 两列: 评分按这两列与目标表对应.",
    ):
        ws.append([line])
    ws.column_dimensions["A"].width = 120
