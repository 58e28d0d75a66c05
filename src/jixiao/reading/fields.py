"""Header fields of a table (methods of :class:`~jixiao.reading.tables.Walker`).

Labels are matched by :func:`~jixiao.reading.vocab.field_of_label`; a label takes the rest of its
row (GRID, text) or the next cell (STREAM); labels printed side by side take the next row's cells
in order.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from jixiao.core.model import FundingRow
from jixiao.core.problems import make
from jixiao.io.table import Layout
from jixiao.reading import problems as P
from jixiao.reading.budget_glued import is_glued_figures, split_glued_budget
from jixiao.reading.cells import (
    Line,
    Piece,
    decimal_of,
    display,
    is_none_marker,
    is_value_like,
    norm,
)
from jixiao.reading.draft import Pending
from jixiao.reading.header import parse_amount, unit_from_note, year_of
from jixiao.reading.records import where
from jixiao.reading.segment import split_labels
from jixiao.reading.vocab import (
    MAX_LABEL_LEN,
    BudgetCol,
    Field,
    column_of,
    field_of_label,
    header_key,
    is_funding_label,
    label_prefixes,
)

if TYPE_CHECKING:
    from jixiao.reading.tables import Walker

_COLON_CELL = re.compile(r"^\s*([^:：]{2,24}?)\s*[:：]\s*(\S.*)$", re.S)


def split_colon_cells(line: Line) -> None:
    """``项目名称：XX`` in one cell (docx, pdf) → a label cell and a value cell."""
    out: list[Piece] = []
    changed = False
    for piece in line.pieces:
        m = _COLON_CELL.match(piece.text) if (":" in piece.text or "：" in piece.text) else None
        if m and field_of_label(m.group(1)) is not None:
            out += [Piece(m.group(1), piece.source), Piece(m.group(2), piece.source)]
            changed = True
        else:
            out.append(piece)
    if changed:
        line.replace_pieces(out)


def _label_like(text: str) -> bool:
    t = norm(text)
    return 1 < len(t) <= 12 and not any(ch.isdigit() for ch in t) and not t.endswith("。")


_LIST_ROW = re.compile(r"^(\d{5,})([^\d].*?)(\d+(?:\.\d+)?)$")


_UNIT_NOTE = re.compile(r"^(金额)?单位[:：](万元|元|亿元)$")


_PAREN_UNIT = re.compile(r"^[(（]\s*((?:单位[:：])?(?:万元|元|亿元))\s*[)）]$")


_TEXT_FIELDS = (Field.PERIOD_GOAL, Field.ANNUAL_GOAL, Field.ANNUAL_RESULT, Field.GOALS)


_TOTAL_SCORE_TEXT = re.compile(
    r"(自评总分|项目总得分|总得分|自评得分|综合得分|评价得分)(?:[:：]|为|是)?(\d+(?:\.\d+)?)分?"
)


def header_line(self: Walker, line: Line) -> None:
    if line.layout is Layout.LINES:
        cells = [Piece(c, line.source) for c in split_labels(line.pieces[0].text)]
        if labels_over_text_values(self, cells) or self._list_labels(cells):
            return
        self._header_cells(cells, stream=False, row=True)
    elif line.layout is Layout.STREAM:
        split_colon_cells(line)  # ``资金总额: 250`` in one cell
        self._header_cells(line.pieces, stream=True, row=False)
    else:
        if self._labels_over_values(line) or self._list_labels(line.filled):
            return
        # blank positions kept: a blank after a label is an empty value, not a wrap
        self._header_cells(list(line.pieces), stream=False, row=True)


def labels_over_values(self: Walker, line: Line) -> bool:
    """项目名称 | 主管部门 | 实施单位 over a row of their values (a header printed as a small
    table): each label takes the cell under it; the row of values is used up."""
    at = self.at + 1
    if len(line.filled) < 2 or at >= len(self.lines):
        return False
    below = self.lines[at]
    if below.layout is not Layout.GRID or len(below.pieces) < len(line.pieces):
        return False
    labels = [(k, p) for k, p in enumerate(line.pieces) if not p.blank]
    if not all(field_of_label(p.clean) is not None for _, p in labels):
        return False
    under = [below.pieces[k] for k, _ in labels]
    if any(u.blank or field_of_label(u.clean) or column_of(u.clean) for u in under):
        return False
    if any(re.match(r"^\d{5,}", norm(u.text)) for u in under):
        return False  # code rows of a list (505006 学生伙食费 30.00)
    for (_, label), value in zip(labels, under, strict=True):
        found = field_of_label(label.clean)
        assert found is not None
        self._assign(Pending(found, label.clean, label.source), value)
    below.replace_pieces([])
    return True


def labels_over_text_values(self: Walker, cells: list[Piece]) -> bool:
    """The same small table as :func:`labels_over_values` in a text layer: a line of labels
    only (``项目名称 主管部门 实施单位 年度预算金额（万元）``) over a line with as many
    space-separated values, none of them a label; each label takes its value."""
    at = self.at + 1
    if len(cells) < 2 or at >= len(self.lines) or self.lines[at].layout is not Layout.LINES:
        return False
    if not all(field_of_label(c.clean) is not None for c in cells):
        return False
    below = self.lines[at]
    values = below.text.split()
    if len(values) != len(cells):
        return False
    if any(field_of_label(v) or column_of(v) or re.match(r"^\d{5,}", norm(v)) for v in values):
        return False
    for label, value in zip(cells, values, strict=True):
        found = field_of_label(label.clean)
        assert found is not None
        self._assign(Pending(found, label.clean, label.source), Piece(value, below.source))
    below.replace_pieces([])
    return True


def list_labels(self: Walker, cells: list[Piece]) -> bool:
    """A row of labels only (单位代码 | 单位(专项)名称 | 资金总额 …): a list layout whose
    values come in later rows that start with a code (Hunan 项目支出绩效目标表)."""
    texts = [c.clean for c in cells if c.clean]
    if len(texts) < 3:
        return False
    fields = [field_of_label(t) for t in texts]
    if Field.NAME not in fields:
        return False
    pairs = zip(fields, texts, strict=True)
    if not all(f is not None or column_of(t) is not None for f, t in pairs):
        return False
    assert self.draft is not None
    self.draft.list_layout = True
    return True


def list_row(self: Walker, line: Line) -> bool:
    """``505006 学生伙食费 30.00`` under list labels: code, name and amount."""
    d = self.draft
    if d is None or not d.list_layout:
        return False
    m = _LIST_ROW.match(norm(line.text))
    if m is None:
        return False
    if Field.NAME in d.values:
        d.extra.append(("单位(专项)名称", d.values[Field.NAME]))
    d.values[Field.NAME] = m.group(2)
    d.sources.append(("name", line.source))
    d.budget_amount = parse_amount(m.group(3), d.unit)
    d.budget_label = "资金总额"
    d.problems.append(
        make(
            P.SEGMENTED,
            f"{where(line.source)}: list row read as code {m.group(1)}, name "
            f"{m.group(2)!r}, amount {m.group(3)}",
            line.source,
            line.text,
            table=d.index,
        )
    )
    return True


def header_cells(self: Walker, cells: list[Piece], *, stream: bool, row: bool) -> None:
    d = self.draft
    assert d is not None
    row_labels = 0
    added: list[Pending] = []  # labels of this row
    values = 0
    printed = [k for k, c in enumerate(cells) if not c.blank]
    first = printed[0] if printed else 0
    for k, piece in enumerate(cells):
        text = piece.clean
        if not text:
            if stream and self.pending:
                self._assign(self.pending.pop(0), piece)
            continue
        if _UNIT_NOTE.match(norm(text)):
            continue  # 单位:万元 is a note on the figures, read from the line already
        paren_unit = _PAREN_UNIT.match(norm(text))
        if paren_unit and self.pending and self.pending[-1].field is Field.BUDGET:
            d.unit = unit_from_note(text) or d.unit
            continue  # ``项目资金申请`` / ``(万元)``: the unit of the label's figure
        found = field_of_label(text)
        if found is None and is_funding_label(text):
            total = header_key(text) in ("年度资金总额", "资金总额")
            found = Field.BUDGET if total else Field.FUNDING
        if found is not None:
            if stream and self.pending and _ends_with_colon(self.pending[-1].label):
                self.pending.pop()  # ``填报单位(盖章):`` then a label: the form left it blank
            if self.pending and self.pending[-1].field is Field.EXTRA and not stream:
                self.pending.pop()  # an unknown group label (项目资金) before a known one
            repeatable = (Field.EXTRA, Field.FUNDING)
            if self.pending and self.pending[-1].field is found and found not in repeatable:
                self.pending.pop()  # 项目金额(万元) then 年度资金总额: the later label holds it
            row_labels += 1
            note = unit_from_note(text)
            if note is not None and found is Field.BUDGET:
                d.unit = note
            label = Pending(found, text, piece.source)
            self.pending.append(label)
            added.append(label)
            continue
        if self.pending:
            # labels of this row still without a value
            in_row = sum(1 for p in self.pending if any(p is a for a in added))
            if not in_row and not stream and _fragment(text):
                continue  # a scrap of a label column in a text copy, not a value (023)
            if row and in_row > 1 and _labels_just_before(cells, k, in_row):
                # labels side by side then their values (年度总体目标 预期目标 实际完成情况 …)
                values += 1
                start = next(k for k, p in enumerate(self.pending) if any(p is a for a in added))
                self._assign(_take_from(self, start), piece)
                continue
            if row and in_row > 0:
                # label and value in one row: every value cell up to the next label
                run = [piece]
                for later in cells[k + 1 :]:
                    if later.blank:
                        continue
                    if (
                        field_of_label(later.clean) is not None
                        or is_funding_label(later.clean)
                        or _UNIT_NOTE.match(norm(later.clean))
                    ):
                        break
                    run.append(later)
                joined = " ".join(p.clean for p in run)
                values += 1
                self._assign(self.pending.pop(), Piece(joined, piece.source))
                for later in run[1:]:
                    cells[cells.index(later)] = Piece("", later.source)
                continue
            values += 1
            self._assign(self._take_pending(), piece)
            continue
        if not stream and not row_labels and k == first and d.last_text_field and len(printed) == 1:
            self._append_text(d.last_text_field, piece)
            continue
        if not stream and k == first and len(printed) >= 2 and _label_like(text):
            self.pending.append(Pending(Field.EXTRA, text, piece.source))
            continue
    if row and not stream and values:
        # a row with values: its own labels left without one are empty, except goal labels
        # whose text is printed in the next row; labels from a row of labels only wait on
        self.pending = [
            p for p in self.pending if p.field in _TEXT_FIELDS or not any(p is a for a in added)
        ]


def _ends_with_colon(label: str) -> bool:
    return label.rstrip().endswith((":", "："))


def _fragment(text: str) -> bool:
    """Short scraps (``产``, ``绩效出``) or column labels met while earlier labels wait."""
    t = norm(text)
    return column_of(t) is not None or (len(t) <= 3 and not is_value_like(t))


def _labels_just_before(cells: list[Piece], k: int, count: int) -> bool:
    """The ``count`` printed cells before ``cells[k]`` are all labels (a run of labels)."""
    seen = 0
    for piece in reversed(cells[:k]):
        if piece.blank:
            return False  # a blank cell between: an empty value (GRID positions)
        if field_of_label(piece.clean) is None and not is_funding_label(piece.clean):
            return False
        seen += 1
        if seen >= count:
            return True
    return seen >= count


def _take_from(self: Walker, start: int) -> Pending:
    """FIFO among this row's labels (the 总体目标 container gives way to its sub-labels)."""
    if (
        len(self.pending) > start + 1
        and self.pending[start].field is Field.GOALS
        and self.pending[start + 1].field in (Field.PERIOD_GOAL, Field.ANNUAL_GOAL)
    ):
        self.pending.pop(start)
    return self.pending.pop(start)


def take_pending(self: Walker) -> Pending:
    if (
        len(self.pending) > 1
        and self.pending[0].field is Field.GOALS
        and self.pending[1].field in (Field.PERIOD_GOAL, Field.ANNUAL_GOAL)
    ):
        self.pending.pop(0)  # the 总体目标 container: its sub-labels take the values
    return self.pending.pop(0)


def assign(self: Walker, pending: Pending, piece: Piece) -> None:
    d = self.draft
    if d is None:
        return
    value = display(piece.text)
    f = pending.field
    d.sources.append((f.value if f is not Field.EXTRA else pending.label, piece.source))
    if f is Field.EXTRA:
        d.extra.append((display(pending.label).rstrip(":："), value))
        return
    if f is Field.BUDGET:
        self._budget_value(pending, piece)
        return
    if f is Field.FUNDING:
        self._funding(Piece(pending.label, pending.source), piece)
        return
    if f in (Field.GOALS, Field.ANNUAL_GOAL, Field.PERIOD_GOAL, Field.ANNUAL_RESULT):
        target = Field.ANNUAL_GOAL if f is Field.GOALS else f
        if f is Field.GOALS and Field.ANNUAL_GOAL in d.values:
            target = Field.ANNUAL_RESULT
        if not value or is_none_marker(value):
            d.values.setdefault(target, "")
            return
        d.values[target] = value
        d.last_text_field = target
        year = year_of(pending.label)
        if target is Field.ANNUAL_GOAL and year and d.year is None:
            d.year = year
        return
    d.last_text_field = None
    if f in (Field.NAME, Field.DEPARTMENT, Field.UNIT) and _reads_as_label(value):
        # ``项目名称 | 自评总分:`` (family 9): a label is never the value of another label
        message = f"{where(piece.source)}: {pending.label} {value!r} reads as a label; not taken"
        d.problems.append(
            make(P.BAD_HEADER_VALUE, message, piece.source, piece.text, table=d.index)
        )
        return
    if d.values.get(f):
        d.extra.append((display(pending.label), value))
        return
    d.values[f] = value
    d.labels[f] = pending.label


_LABEL_END = re.compile(r"^[^\d]{1,10}[:：]$")


def _reads_as_label(value: str) -> bool:
    """A header value that is itself a label: ``自评总分:``, ``主管部门``, ``三级指标``."""
    t = norm(value)
    if not t:
        return False
    return (
        bool(_LABEL_END.match(t))
        or field_of_label(t) is not None
        or column_of(t) is not None
        or bool(_TOTAL_SCORE_TEXT.match(t))
        or _cut_label(t)
    )


@lru_cache(maxsize=1)
def _label_endings() -> frozenset[str]:
    keys = [key for key, _ in label_prefixes() if len(key) >= 3]
    return frozenset(key[-n:] for key in keys for n in (1, 2))


def _cut_label(text: str) -> bool:
    """A label a line wrap cut short (``省级业务主管部`` | ``门``): still a label, not a value."""
    if len(text) < 3 or len(text) > MAX_LABEL_LEN:
        return False
    return any(field_of_label(text + ending) is not None for ending in _label_endings())


def append_text(self: Walker, f: Field, piece: Piece) -> None:
    d = self.draft
    if d is None:
        return
    d.values[f] = (d.values.get(f, "") + "\n" + display(piece.text)).strip()


def budget_value(self: Walker, pending: Pending, piece: Piece) -> None:
    d = self.draft
    assert d is not None
    text = _unglued_budget(piece.clean)
    unit = unit_from_note(pending.label) or d.unit
    amount = parse_amount(text, unit) if text else None
    if amount is None:
        if text:
            d.problems.append(
                make(
                    P.BAD_HEADER_VALUE,
                    f"budget {pending.label!r} value {text!r} is not an amount",
                    piece.source,
                    text,
                    table=d.index,
                )
            )
        return
    year = year_of(pending.label)
    if year and d.year is None:
        d.year = year
    key = header_key(pending.label)
    better = d.budget_label is None or ("总预算" in (d.budget_label or "") and "总预算" not in key)
    if better:
        d.budget_amount = amount
        d.budget_label = key
    else:
        d.extra.append((display(pending.label), text))


# Column orders of budget figures printed after a 年度资金总额 label (central and local forms).
_GLUED_ORDERS = (
    [BudgetCol.BUDGET, BudgetCol.EXECUTED, BudgetCol.RATE],
    [BudgetCol.INITIAL, BudgetCol.BUDGET, BudgetCol.EXECUTED, BudgetCol.RATE],
    [
        BudgetCol.INITIAL,
        BudgetCol.BUDGET,
        BudgetCol.EXECUTED,
        BudgetCol.WEIGHT,
        BudgetCol.RATE,
        BudgetCol.SCORE,
    ],
)


def _unglued_budget(text: str) -> str:
    """``194.9194.9100%`` (全年预算数, 执行数, 执行率 run together) → ``194.9``, when the
    table's own arithmetic (执行率 = 执行数 / 预算数) confirms one cut; else the text as is."""
    if not is_glued_figures(text):
        return text
    for order in _GLUED_ORDERS:
        split = split_glued_budget(text, order)
        if split is not None:
            return split.get(BudgetCol.BUDGET) or split.get(BudgetCol.INITIAL) or text
    return text


def funding(self: Walker, label: Piece, value: Piece | None) -> None:
    d = self.draft
    assert d is not None
    amount = parse_amount(value.clean, d.unit) if value is not None and value.clean else None
    d.funding.append(FundingRow(label=label.clean, budget=amount, source=label.source))


def prose_total(text: str) -> Decimal | None:
    """The self-evaluation total stated in prose (``项目绩效自评得分为95分``), if any."""
    m = _TOTAL_SCORE_TEXT.search(norm(text))
    return decimal_of(m.group(2)) if m else None


def total_score_text(self: Walker, text: str) -> None:
    m = _TOTAL_SCORE_TEXT.search(norm(text))
    if m and self.draft is not None:
        self.draft.total_score = decimal_of(m.group(2))
    grade = _GRADE.match(norm(text))
    if grade and self.draft is not None:
        pair = (grade.group(1), grade.group(2))
        if pair not in self.draft.extra:  # 自评等级 | 优: kept with the header fields
            self.draft.extra.append(pair)


_GRADE = re.compile(
    r"^(自评等级|评价等级|绩效等级|自评结果)[:：]?(优秀|良好|合格|不合格|优|良|中|差)$"
)
