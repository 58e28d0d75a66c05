"""The budget block of self-evaluation and monitoring tables, as met by the walk
(methods of :class:`~jixiao.reading.tables.Walker`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.core.money import MoneyUnit
from jixiao.io.table import Layout
from jixiao.reading.budget import BudgetBlock, budget_header
from jixiao.reading.budget_glued import is_glued_figures
from jixiao.reading.cells import Line, Piece, decimal_of, is_none_marker
from jixiao.reading.columns import starts_header
from jixiao.reading.draft import Section
from jixiao.reading.header import unit_from_note
from jixiao.reading.segment import split_labels
from jixiao.reading.vocab import (
    BudgetCol,
    budget_column_after,
    budget_column_of,
    field_of_label,
    is_funding_label,
)

if TYPE_CHECKING:
    from jixiao.reading.tables import Walker


def _numbers_follow(pieces: list[Piece]) -> bool:
    filled = [p for p in pieces if not p.blank]
    return bool(filled) and all(
        decimal_of(p.clean.rstrip("%万元")) is not None or is_none_marker(p.clean) for p in filled
    )


def _one_cell_line(line: Line) -> bool:
    return line.layout is Layout.LINES and len(split_labels(line.pieces[0].text)) == 1


def _same_kind(line: Line, layout: Layout) -> bool:
    if layout is Layout.STREAM:
        return line.layout is Layout.STREAM
    return _one_cell_line(line)


def budget_start(self: Walker, i: int, line: Line) -> bool:
    if line.layout is Layout.GRID:
        roles = budget_header([p.clean for p in line.pieces])
        if roles is None:
            return False
        # 项目资金（元）: the label of the block says the unit of its figures
        notes = (unit_from_note(p.clean) for p in line.filled if budget_column_of(p.clean) is None)
        self._open_budget(roles, next((u for u in notes if u is not None), None))
        self._note_month([p.clean for p in line.pieces])
        if self.draft is not None and self.draft.budget_block is not None:
            self.draft.budget_block.title = line.pieces[0].clean
        self._budget_header_end = i + 1
        return True
    # a text line is cut into cells once: the one-cell test and the header below share it
    cells = split_labels(line.pieces[0].text) if line.layout is Layout.LINES else []
    if line.layout is Layout.STREAM or len(cells) == 1:
        # one cell per line (a stream, or text lines of a copied form): the header runs on
        first = line.pieces[0].clean
        if budget_column_of(first) is None:
            return False
        layout = line.layout
        texts: list[str] = []
        j = i
        while j < len(self.lines) and _same_kind(self.lines[j], layout):
            t = self.lines[j].pieces[0].clean
            nxt = (
                self.lines[j + 1].pieces[0].clean
                if j + 1 < len(self.lines) and _same_kind(self.lines[j + 1], layout)
                else ""
            )
            if not t:
                j += 1
                continue
            if budget_column_of(t) is not None or budget_column_of(t + nxt) is not None:
                texts.append(t)
                j += 1
                continue
            if t in ("年初", "全年", "调整后", "预算数", "执行数"):
                texts.append(t)
                j += 1
                continue
            break
        roles = budget_header(texts)
        if roles is None:
            return False
        if roles[0] is not BudgetCol.LABEL:
            roles = [BudgetCol.LABEL, *roles]
        self._open_budget(roles)
        self._note_month(texts)
        self._budget_header_end = j
        return True
    figures = (BudgetCol.INITIAL, BudgetCol.BUDGET, BudgetCol.EXECUTED, BudgetCol.PERIOD)
    start = next((k for k, c in enumerate(cells) if budget_column_of(c) in figures), None)
    if start is None:
        return False
    end, previous = start, None
    while end < len(cells) and budget_column_after(cells[end], previous) not in (
        None,
        BudgetCol.LABEL,
    ):
        previous = budget_column_after(cells[end], previous)
        end += 1
    roles = budget_header(cells[start:end])
    if roles is None:
        return False
    label_at = start
    while label_at > 0 and (
        budget_column_of(cells[label_at - 1]) is BudgetCol.LABEL
        or unit_from_note(cells[label_at - 1]) is not None
    ):
        label_at -= 1
    if label_at:
        self._header_cells(
            [Piece(c, line.source) for c in cells[:label_at]], stream=False, row=True
        )
    self._open_budget([BudgetCol.LABEL, *roles])
    self._note_month(cells[start:end])
    self._budget_header_end = i + 1
    rest = [Piece(c, line.source) for c in cells[end:]]
    for k, piece in enumerate(rest):
        if not self._budget_stream(piece):
            self._header_cells(rest[k:], stream=False, row=True)
            break
    return True


def open_budget(self: Walker, roles: list[BudgetCol | None], unit: MoneyUnit | None = None) -> None:
    d = self.draft
    assert d is not None
    d.budget_block = BudgetBlock(roles, unit or d.unit)
    self.section = Section.BUDGET
    self.pending = []
    self.budget_row = None


def budget_line(self: Walker, line: Line) -> bool:
    """A funding row (GRID) or cells of one (STREAM); False when the block has ended."""
    block = self.draft.budget_block if self.draft else None
    if block is None:
        return False
    if line.layout is Layout.GRID:
        filled = line.filled
        label = filled[0]
        if not is_funding_label(label.clean) and not _numbers_follow(line.pieces[1:]):
            self._end_budget()
            return False
        block.add_grid_row(line.pieces)
        return True
    if line.layout is Layout.STREAM:
        piece = line.pieces[0]
        return self._budget_stream(piece)
    ok = True
    for c in split_labels(line.pieces[0].text):
        ok = self._budget_stream(Piece(c, line.source))
        if not ok:
            break
    return ok


def budget_stream(self: Walker, piece: Piece) -> bool:
    block = self.draft.budget_block if self.draft else None
    if block is None:
        return False
    text = piece.clean
    if text and is_funding_label(text):
        self._flush_budget_row()
        self.budget_row = (piece, [])
        return True
    if self.budget_row is None:
        if not text:
            return True
        self._end_budget()
        return False
    cells = self.budget_row[1]
    full = len(cells) >= len(block.value_roles)
    if text and (
        full
        or field_of_label(text) is not None
        or starts_header(Line([piece], Layout.STREAM, piece.source))
        or (
            decimal_of(text.rstrip("%万元")) is None
            and not is_none_marker(text)
            and not (not cells and is_glued_figures(text))  # split by the block, checked
            and block.value_roles[len(cells)] is not BudgetCol.REASON
        )
    ):
        self._end_budget()
        return False
    cells.append(piece)
    return True


def flush_budget_row(self: Walker) -> None:
    block = self.draft.budget_block if self.draft else None
    if self.budget_row is not None and block is not None:
        label, cells = self.budget_row
        block.add_row(label, cells)
    self.budget_row = None


def end_budget(self: Walker) -> None:
    self._flush_budget_row()
    if self.section is Section.BUDGET:
        self.section = Section.HEADER
