"""The official layouts as a format-neutral grid, shared by the xlsx, docx, pdf and html writers.

:func:`layout_for` turns a :class:`GoalTable` into a :class:`Sheet`: a heading, a grid of
placed cells (origin, row span, column span, style) and column widths. Each writer only maps
that grid onto its format, so every format prints the same form:

* goal table (项目绩效目标表), 6 columns: label merged A:B and value C:F in the header block,
  实施周期 on four cells, 总体绩效目标 merged down A:B over four rows, 绩效指标 merged down
  column A, 一级/二级 merged vertically over their indicators;
* self-evaluation (项目支出绩效自评表, central layout of 财预〔2020〕10号), 9 columns;
* monitoring (项目绩效运行监控表), 10 columns, with the warning light from
  ``Indicator.extra["light"]``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from jixiao.core.model import GoalTable, Indicator, TableKind
from jixiao.core.money import Amount
from jixiao.core.target import Target, TargetKind
from jixiao.core.vocabulary import FUNDING_SOURCES, FUNDING_TOTAL


class Style(StrEnum):
    LABEL = "label"  # printed label, centred
    HEAD = "head"  # column heading, centred, bold
    VALUE = "value"  # a short value, centred
    TEXT = "text"  # a long text, left aligned


@dataclass(frozen=True, slots=True)
class Place:
    row: int  # 0-based grid row
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    style: Style = Style.VALUE


@dataclass(slots=True)
class Sheet:
    """One printed form: heading lines above a grid of placed cells."""

    name: str  # sheet / section name (the project name)
    heading: str  # 项目绩效目标表
    subheading: str  # （2024年度）
    widths: list[float]  # column widths in character units (Excel's)
    places: list[Place] = field(default_factory=list)
    n_rows: int = 0

    @property
    def n_cols(self) -> int:
        return len(self.widths)

    def add(
        self,
        col: int,
        text: str,
        *,
        colspan: int = 1,
        rowspan: int = 1,
        style: Style = Style.VALUE,
        row: int | None = None,
    ) -> None:
        at = self.n_rows if row is None else row
        self.places.append(Place(at, col, text, rowspan, colspan, style))

    def next_row(self, count: int = 1) -> None:
        self.n_rows += count

    def grid(self) -> list[list[Place | None]]:
        """Origins at their positions, ``None`` on covered and empty positions."""
        out: list[list[Place | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for place in self.places:
            out[place.row][place.col] = place
        return out


HEADINGS = {
    TableKind.GOAL: "项目绩效目标表",
    TableKind.SELFEVAL: "项目支出绩效自评表",
    TableKind.MONITOR: "项目绩效运行监控表",
}

LIGHTS = {
    "green": "绿灯",
    "yellow": "黄灯",
    "red": "红灯",
    "blue": "蓝灯",
    "绿": "绿灯",
    "黄": "黄灯",
    "红": "红灯",
    "蓝": "蓝灯",
}


# --- text of model values ------------------------------------------------------------------


def dec_text(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def amount_text(amount: Amount | None, *, with_unit: bool = True) -> str:
    if amount is None:
        return ""
    if with_unit:
        return f"{format(amount.value, 'f')}{amount.unit.value}"
    return format(amount.in_wan(), "f")


def percent_text(value: Decimal | None) -> str:
    return "" if value is None else f"{format(value, 'f')}%"


def target_text(target: Target | None) -> str:
    """The printed value: the raw text when the table was read, else the canonical form."""
    if target is None:
        return ""
    if target.raw:
        return target.raw
    if target.kind is TargetKind.NONE:
        return ""
    try:
        from jixiao.core.values import format_target

        return format_target(target)
    except NotImplementedError:
        return _fallback_target_text(target)


def _fallback_target_text(target: Target) -> str:
    unit = target.unit or ""
    if target.kind is TargetKind.QUALITATIVE:
        return target.text or ""
    if target.kind is TargetKind.RANGE:
        return f"{dec_text(target.low)}{unit}-{dec_text(target.high)}{unit}"
    symbol = target.op.symbol if target.op else ""
    return f"{symbol}{dec_text(target.value)}{unit}"


def year_of(table: GoalTable, default: int | None) -> int | None:
    return table.header.year or default or table.header.period.start


def subheading(year: int | None) -> str:
    return f"（{year}年度）" if year else ""


# --- the goal table -------------------------------------------------------------------------

GOAL_WIDTHS = [9.0, 12.0, 14.0, 30.0, 13.0, 20.0]


def goal_sheet(table: GoalTable, year: int | None) -> Sheet:
    h = table.header
    sheet = Sheet(table.name, HEADINGS[TableKind.GOAL], subheading(year), list(GOAL_WIDTHS))
    fields = [
        ("项目名称", h.name),
        ("项目类型", h.type),
        ("项目等级", h.level),
        ("主管部门", h.department),
        ("用款单位", h.unit),
        *h.extra,
    ]
    for label, value in fields:
        _label_value_row(sheet, label, value or "", label_span=2)
    sheet.add(0, "实施周期", colspan=2, style=Style.LABEL)
    sheet.add(2, "起始年度", style=Style.LABEL)
    sheet.add(3, _year_text(h.period.start))
    sheet.add(4, "到期年度", style=Style.LABEL)
    sheet.add(5, _year_text(h.period.end))
    sheet.next_row()
    budget_label = f"{year}年预算金额" if year else "年度预算金额"
    _label_value_row(sheet, budget_label, amount_text(h.budget.amount), label_span=2)
    annual_label = f"{year}年度目标" if year else "年度目标"
    sheet.add(0, "总体绩效目标", colspan=2, rowspan=4, style=Style.LABEL)
    for text, style in (
        ("实施周期总目标", Style.LABEL),
        (h.period_goal or "---", Style.TEXT),
        (annual_label, Style.LABEL),
        (h.annual_goal or "", Style.TEXT),
    ):
        sheet.add(2, text, colspan=4, style=style)
        sheet.next_row()
    columns = ["一级指标", "二级指标", "三级指标", "实施周期指标值", "当年度指标值"]
    sheet.add(0, "绩效指标", rowspan=1 + len(table.indicators), style=Style.LABEL)
    _heading_row(sheet, columns, first_col=1)
    _indicator_rows(
        sheet,
        table.indicators,
        lambda ind: [ind.name, target_text(ind.period_target), target_text(ind.annual_target)],
        level_cols=(1, 2),
    )
    return sheet


def _year_text(year: int | None) -> str:
    return f"{year}年" if year else ""


def _label_value_row(sheet: Sheet, label: str, value: str, *, label_span: int) -> None:
    sheet.add(0, label, colspan=label_span, style=Style.LABEL)
    width = sheet.n_cols - label_span
    sheet.add(
        label_span, value, colspan=width, style=Style.TEXT if len(value) > 30 else Style.VALUE
    )
    sheet.next_row()


def _heading_row(sheet: Sheet, titles: Sequence[str], *, first_col: int) -> None:
    for offset, title in enumerate(titles):
        sheet.add(first_col + offset, title, style=Style.HEAD)
    sheet.next_row()


def _runs(keys: Sequence[object]) -> list[tuple[int, int]]:
    """(start, length) of runs of equal, non-empty consecutive keys."""
    runs: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start] or keys[start] is None:
            runs.append((start, i - start))
            start = i
    return runs


def _indicator_rows(
    sheet: Sheet,
    indicators: Sequence[Indicator],
    values: Callable[[Indicator], list[str]],
    *,
    level_cols: tuple[int, int],
    level1_label: Callable[[str, Sequence[Indicator]], str] | None = None,
) -> None:
    """Indicator rows: 一级/二级 merged over runs, then the per-indicator value cells."""
    top = sheet.n_rows
    l1_col, l2_col = level_cols
    level1 = [ind.level1 or None for ind in indicators]
    level2 = [(ind.level1, ind.level2) if ind.level2 else None for ind in indicators]
    for start, length in _runs(level1):
        text = indicators[start].level1 or ""
        if level1_label is not None and text:
            text = level1_label(text, indicators[start : start + length])
        sheet.add(l1_col, text, rowspan=length, row=top + start, style=Style.LABEL)
    for start, length in _runs(level2):
        text = indicators[start].level2 or ""
        sheet.add(l2_col, text, rowspan=length, row=top + start, style=Style.LABEL)
    for i, ind in enumerate(indicators):
        for offset, text in enumerate(values(ind)):
            style = Style.TEXT if offset == 0 or len(text) > 12 else Style.VALUE
            sheet.add(l2_col + 1 + offset, text, row=top + i, style=style)
    sheet.next_row(len(indicators))


# --- the self-evaluation table (财预〔2020〕10号) -----------------------------------------------

SELFEVAL_WIDTHS = [11.0, 14.0, 12.0, 20.0, 12.0, 12.0, 9.0, 9.0, 20.0]
FUNDING_LABELS = [FUNDING_TOTAL, *FUNDING_SOURCES.values()]


def selfeval_sheet(table: GoalTable, year: int | None) -> Sheet:
    h = table.header
    b = h.budget
    sheet = Sheet(table.name, HEADINGS[TableKind.SELFEVAL], subheading(year), list(SELFEVAL_WIDTHS))
    _label_value_row(sheet, "项目名称", h.name or "", label_span=1)
    sheet.add(0, "主管部门", style=Style.LABEL)
    sheet.add(1, h.department or "", colspan=3)
    sheet.add(4, "实施单位", colspan=2, style=Style.LABEL)
    sheet.add(6, h.unit or "", colspan=3)
    sheet.next_row()
    _funding_block(sheet, table)
    sheet.add(0, "年度总体目标", rowspan=2, style=Style.LABEL)
    sheet.add(1, "预期目标", colspan=4, style=Style.HEAD)
    sheet.add(5, "实际完成情况", colspan=4, style=Style.HEAD)
    sheet.next_row()
    sheet.add(1, h.annual_goal or "", colspan=4, style=Style.TEXT)
    sheet.add(5, h.annual_result or "", colspan=4, style=Style.TEXT)
    sheet.next_row()
    columns = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    sheet.add(0, "绩效指标", rowspan=1 + len(table.indicators), style=Style.LABEL)
    _heading_row(sheet, [*columns, "偏差原因分析及改进措施"], first_col=1)
    _indicator_rows(
        sheet,
        table.indicators,
        lambda ind: [
            ind.name,
            target_text(ind.annual_target),
            target_text(ind.actual),
            dec_text(ind.weight),
            dec_text(ind.score),
            ind.deviation or "",
        ],
        level_cols=(1, 2),
        level1_label=_with_points,
    )
    weights = [i.weight for i in table.indicators] + [b.weight]
    total_weight = sum((w for w in weights if w is not None), Decimal(0))
    sheet.add(0, "总分", colspan=6, style=Style.LABEL)
    sheet.add(6, dec_text(total_weight) if total_weight else "")
    sheet.add(7, dec_text(table.total_score))
    sheet.add(8, "")
    sheet.next_row()
    grade = dict(h.extra).get("自评等级", "")
    _label_value_row(sheet, "自评等级", grade, label_span=1)
    return sheet


def _with_points(label: str, indicators: Sequence[Indicator]) -> str:
    weights = [i.weight for i in indicators]
    if not weights or any(w is None for w in weights) or "分" in label:
        return label
    total = sum((w for w in weights if w is not None), Decimal(0))
    return f"{label}({format(total.normalize(), 'f')}分)"


FUNDING_TITLES = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "原因"]


def _funding_block(sheet: Sheet, table: GoalTable) -> None:
    """项目资金 block: the central form's six figures plus the 原因 (偏差原因) column of the
    Sichuan form (domain.md §7.2), the reason merged down beside all funding rows."""
    rows = _funding_rows(table)
    sheet.add(0, "项目资金（万元）", rowspan=1 + len(rows), style=Style.LABEL)
    sheet.add(1, "", style=Style.HEAD)
    for offset, title in enumerate(FUNDING_TITLES):
        sheet.add(2 + offset, title, style=Style.HEAD)
    sheet.next_row()
    reason = table.header.budget.reason or ""
    sheet.add(8, reason, rowspan=len(rows), style=Style.TEXT if reason else Style.VALUE)
    for label, cells in rows:
        sheet.add(1, label, style=Style.LABEL)
        for offset, text in enumerate(cells):
            sheet.add(2 + offset, text)
        sheet.next_row()


def _funding_rows(table: GoalTable) -> list[tuple[str, list[str]]]:
    """年度资金总额 + 其中 rows: 年初/全年预算数, 执行数, 分值, 执行率, 得分 ("/" off the total)."""
    b = table.header.budget
    total = [
        amount_text(b.initial, with_unit=False),
        amount_text(b.adjusted or b.amount, with_unit=False),
        amount_text(b.executed, with_unit=False),
        dec_text(b.weight if b.weight is not None else Decimal(10)),
        percent_text(b.rate),
        dec_text(b.score),
    ]
    printed = {row.label: row for row in b.rows}
    rows: list[tuple[str, list[str]]] = [(FUNDING_LABELS[0], total)]
    labels = FUNDING_LABELS[1:] + [r.label for r in b.rows if r.label not in FUNDING_LABELS]
    for label in labels:
        row = printed.get(label)
        if row is None:
            rows.append((label, ["", "", "", "/", "", "/"]))
            continue
        rows.append(
            (
                label,
                [
                    amount_text(row.initial, with_unit=False),
                    amount_text(row.budget, with_unit=False),
                    amount_text(row.executed, with_unit=False),
                    "/",
                    percent_text(row.rate),
                    "/",
                ],
            )
        )
    return rows


# --- the monitoring table ---------------------------------------------------------------------

MONITOR_WIDTHS = [11.0, 10.0, 12.0, 20.0, 11.0, 11.0, 11.0, 14.0, 10.0, 7.0]


def monitor_sheet(table: GoalTable, year: int | None) -> Sheet:
    h = table.header
    b = h.budget
    extra = dict(h.extra)
    month = extra.get("monitor_month", "")
    done = f"1-{month}月执行情况" if month else "截至当期执行情况"
    sheet = Sheet(table.name, HEADINGS[TableKind.MONITOR], subheading(year), list(MONITOR_WIDTHS))
    _label_value_row(sheet, "项目名称", h.name or "", label_span=1)
    sheet.add(0, "主管部门", style=Style.LABEL)
    sheet.add(1, h.department or "", colspan=4)
    sheet.add(5, "实施单位", colspan=2, style=Style.LABEL)
    sheet.add(7, h.unit or "", colspan=3)
    sheet.next_row()
    sheet.add(0, "项目资金（万元）", rowspan=2, style=Style.LABEL)
    budget_titles = [
        ("年初预算数", amount_text(b.initial, with_unit=False)),
        ("全年预算数", amount_text(b.adjusted or b.amount, with_unit=False)),
        (
            f"1-{month}月执行数" if month else "截至当期执行数",
            amount_text(b.executed, with_unit=False),
        ),
        ("执行率", percent_text(b.rate)),
        ("全年预计执行数", extra.get("budget_forecast", "")),
    ]
    spans = [2, 2, 2, 1, 2]
    col = 1
    for (title, value), span in zip(budget_titles, spans, strict=True):
        sheet.add(col, title, colspan=span, style=Style.HEAD)
        sheet.add(col, value, colspan=span, row=sheet.n_rows + 1)
        col += span
    sheet.next_row(2)
    sheet.add(0, "年度总体目标", rowspan=2, style=Style.LABEL)
    sheet.add(1, "年度目标", colspan=5, style=Style.HEAD)
    sheet.add(6, "执行情况", colspan=4, style=Style.HEAD)
    sheet.next_row()
    sheet.add(1, h.annual_goal or "", colspan=5, style=Style.TEXT)
    sheet.add(6, h.annual_result or "", colspan=4, style=Style.TEXT)
    sheet.next_row()
    columns = ["一级指标", "二级指标", "三级指标", "年度指标值", done, "全年预计完成值"]
    sheet.add(0, "绩效指标", rowspan=1 + len(table.indicators), style=Style.LABEL)
    _heading_row(sheet, [*columns, "偏差原因", "完成目标可能性", "预警"], first_col=1)
    _indicator_rows(
        sheet,
        table.indicators,
        lambda ind: [
            ind.name,
            target_text(ind.annual_target),
            target_text(ind.actual),
            target_text(ind.forecast),
            ind.deviation or "",
            ind.likelihood or "",
            _light(ind),
        ],
        level_cols=(1, 2),
    )
    return sheet


def _light(ind: Indicator) -> str:
    raw = dict(ind.extra).get("light", "")
    return LIGHTS.get(raw.strip().lower(), raw)


def layout_for(table: GoalTable, default_year: int | None = None) -> Sheet:
    """The official printed layout of ``table`` according to its kind."""
    year = year_of(table, default_year)
    if table.kind is TableKind.SELFEVAL:
        return selfeval_sheet(table, year)
    if table.kind is TableKind.MONITOR:
        return monitor_sheet(table, year)
    return goal_sheet(table, year)


def estimated_lines(text: str, width_chars: float) -> int:
    """Lines a wrapped text needs in a cell ``width_chars`` wide (CJK characters count 2)."""
    if not text:
        return 1
    total = 0
    for part in text.split("\n"):
        units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in part)
        total += max(1, -(-units // max(1, int(width_chars) - 1)))
    return total
