"""The budget block of self-evaluation and monitoring tables (项目资金(万元) | 年初预算数 | …)."""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.core.model import Budget, FundingRow
from jixiao.core.money import Amount, MoneyUnit
from jixiao.core.problems import Problem, make
from jixiao.core.source import SourceLocation
from jixiao.reading import problems as P
from jixiao.reading.budget_glued import is_glued_figures, split_glued_budget
from jixiao.reading.cells import Piece, decimal_of, is_none_marker, percent_of
from jixiao.reading.header import parse_amount
from jixiao.reading.vocab import BudgetCol, budget_column_after, budget_column_of, header_key

_FRAGMENTS = {"年初", "全年", "调整后", "预算", "执行"}


def budget_header(texts: list[str]) -> list[BudgetCol | None] | None:
    """Column roles of a budget header row, or ``None`` if ``texts`` is not one."""
    joined = join_fragments(texts)
    roles: list[BudgetCol | None] = []
    for t in joined:
        roles.append(budget_column_after(t, roles[-1] if roles else None))
    figures = {
        r
        for r in roles
        if r in (BudgetCol.INITIAL, BudgetCol.BUDGET, BudgetCol.EXECUTED, BudgetCol.PERIOD)
    }
    if len(figures) >= 2 or (figures and BudgetCol.RATE in roles):
        if roles and roles[0] is None and joined[0].strip():
            roles[0] = BudgetCol.LABEL
        return roles
    return None


def join_fragments(texts: list[str]) -> list[str]:
    """``年初`` + ``预算数`` → ``年初预算数`` (headers broken across cells)."""
    out: list[str] = []
    i = 0
    while i < len(texts):
        t = texts[i].strip()
        if (
            i + 1 < len(texts)
            and t in _FRAGMENTS
            and budget_column_of(t + texts[i + 1].strip()) is not None
        ):
            out.append(t + texts[i + 1].strip())
            i += 2
            continue
        out.append(texts[i])
        i += 1
    return out


@dataclass(slots=True)
class BudgetBlock:
    """Collects funding rows under a budget header."""

    roles: list[BudgetCol | None]
    unit: MoneyUnit = MoneyUnit.WAN
    rows: list[FundingRow] = field(default_factory=list)
    reason: str | None = None
    problems: list[Problem] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)
    title: str = ""  # the header's label cell (项目资金（万元）): names a row printed without one

    @property
    def value_roles(self) -> list[BudgetCol]:
        return [r for r in self.roles[1:] if r is not None and r is not BudgetCol.LABEL]

    def add_grid_row(self, pieces: list[Piece]) -> None:
        """A GRID row: cells are read under the header column they sit in."""
        label_at = next((k for k, p in enumerate(pieces) if not p.blank), 0)
        label, first = pieces[label_at], label_at + 1
        if label_at and self.title and _is_figure(self.roles, label_at):
            # the block's label cell spans the header and its only row (rowspan=2): the
            # figures start at once; the row is named by that label
            label, first = Piece(self.title, pieces[label_at].source), label_at
        got: dict[BudgetCol, str] = {}
        for k, cell in enumerate(pieces):
            role = self.roles[k] if k < len(self.roles) else None
            if k < first or role is None or role is BudgetCol.LABEL:
                continue
            if cell.clean and not is_none_marker(cell.clean):
                got[role] = cell.clean
        if len(pieces) < len(self.roles) and not got:
            # a left-packed copy (merged cells dropped): read the cells in header order
            self.add_row(label, pieces[first:])
            return
        self._append(label, got)

    def add_row(self, label: Piece, cells: list[Piece]) -> None:
        """Cells in header order (STREAM and text rows)."""
        got: dict[BudgetCol, str] = {}
        for role, cell in zip(self.value_roles, cells, strict=False):
            text = cell.clean
            if text and not is_none_marker(text):
                got[role] = text
        self._append(label, got)

    def _append(self, label: Piece, got: dict[BudgetCol, str]) -> None:
        if len(got) == 1:
            got = self._unglued(label, got)
        if BudgetCol.REASON in got:
            self.reason = self.reason or got[BudgetCol.REASON]
        if BudgetCol.PERIOD in got and (_is_total(label.clean) or not self.rows):
            # 实施期资金总额 of the whole project: FundingRow has no field for it
            self.extra.append(("实施期资金总额", got[BudgetCol.PERIOD]))
        self.rows.append(
            FundingRow(
                label=label.clean,
                initial=self._amount(got.get(BudgetCol.INITIAL)),
                budget=self._amount(got.get(BudgetCol.BUDGET)),
                executed=self._amount(got.get(BudgetCol.EXECUTED)),
                rate=percent_of(got.get(BudgetCol.RATE)),
                weight=decimal_of(got.get(BudgetCol.WEIGHT)),
                score=decimal_of(got.get(BudgetCol.SCORE)),
                source=label.source,
                forecast=self._amount(got.get(BudgetCol.FORECAST)),
            )
        )

    def _unglued(self, label: Piece, got: dict[BudgetCol, str]) -> dict[BudgetCol, str]:
        """A row whose figures were glued into one cell, split when arithmetic confirms it."""
        ((role, text),) = got.items()
        if role is BudgetCol.REASON or not is_glued_figures(text):
            return got
        split = split_glued_budget(text, self.value_roles)
        where = f"line {label.source.line}" if label.source.line else "budget row"
        if split is None:
            self.problems.append(
                make(
                    P.UNSPLIT_VALUE,
                    f"{where}: figures of {label.clean!r} glued into {text!r}; no single "
                    "reading is confirmed by 执行率 = 执行数/预算数; kept as printed",
                    label.source,
                    text,
                )
            )
            return got
        shown = " | ".join(f"{r.value}={v}" for r, v in split.items())
        self.problems.append(
            make(
                P.GLUED_BUDGET,
                f"{where}: figures of {label.clean!r} glued into {text!r} split as {shown} "
                "(执行率 = 执行数/预算数 and 得分 ≤ 分值 confirm it); check against the source",
                label.source,
                text,
            )
        )
        return split

    def _amount(self, text: str | None) -> Amount | None:
        if text is None or (decimal_of(text.rstrip("万元")) is None and "万" not in text):
            return None
        return parse_amount(text, self.unit)

    def forecast_extra(self) -> list[tuple[str, str]]:
        """``budget_forecast`` (全年预计执行数 of the whole budget, 万元) for Header.extra, the key
        the exporters write: from the total row, or the only row; Budget has no field for it."""
        total = next((r for r in self.rows if _is_total(r.label)), None)
        if total is None and len(self.rows) == 1:
            total = self.rows[0]
        if total is None or total.forecast is None:
            return []
        return [("budget_forecast", format(total.forecast.in_wan(), "f"))]

    def budget(self, source: SourceLocation | None) -> Budget:
        total = next((r for r in self.rows if _is_total(r.label)), None)
        if total is None and self.rows:
            total = self.rows[0]
        if total is None:
            return Budget(rows=tuple(self.rows), reason=self.reason, source=source)
        amount = total.budget or total.initial
        return Budget(
            amount=amount,
            initial=total.initial,
            # a goal form's 年度资金总额 is the year's budget, not an adjusted one
            adjusted=None if BudgetCol.PERIOD in self.roles else total.budget,
            executed=total.executed,
            rate=total.rate,
            weight=total.weight,
            score=total.score,
            reason=self.reason,
            rows=tuple(self.rows),
            source=total.source or source,
        )


def _is_figure(roles: list[BudgetCol | None], k: int) -> bool:
    return k < len(roles) and roles[k] in (BudgetCol.INITIAL, BudgetCol.BUDGET, BudgetCol.EXECUTED)


def _is_total(label: str) -> bool:
    key = header_key(label)
    return key in ("年度资金总额", "资金总额", "总额", "合计", "年度资金合计")
