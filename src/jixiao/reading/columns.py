"""The column header of an indicator block: which printed column holds what.

Columns are mapped by header text, never by position. Headers may be split over cells or rows
(``年度`` + ``指标值``, ``一级 指标``); :func:`read_header` gathers the pieces back.
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.core.source import SourceLocation
from jixiao.io.table import Layout
from jixiao.reading.cells import Line, Piece, is_value_like
from jixiao.reading.records import is_level
from jixiao.reading.segment import split_header_row
from jixiao.reading.vocab import STRONG_COLUMNS, Col, column_of, is_long_term_label

# Columns whose cells are free text that may be missing in copies without cell borders.
OPTIONAL = frozenset({Col.DEVIATION, Col.EXTRA, Col.LIKELIHOOD, Col.UNIT, Col.LIGHT})


@dataclass(slots=True)
class Columns:
    """Roles of the header positions, with the printed labels."""

    roles: list[Col | None]
    labels: list[str]
    source: SourceLocation
    layout: Layout

    def index(self, role: Col) -> int | None:
        for i, r in enumerate(self.roles):
            if r is role:
                return i
        return None

    def has(self, role: Col) -> bool:
        return role in self.roles

    @property
    def name_index(self) -> int | None:
        return self.index(Col.L3)

    def value_slots(self) -> list[tuple[Col, str]]:
        """(role, label) of every column after the 三级 column, in printed order."""
        start = self.name_index
        if start is None:
            start = max((i for i, r in enumerate(self.roles) if r in STRONG_COLUMNS), default=-1)
        out: list[tuple[Col, str]] = []
        for role, label in zip(self.roles[start + 1 :], self.labels[start + 1 :], strict=False):
            if role is None:
                continue
            out.append((role, label))
        return out

    def lead_roles(self) -> list[Col]:
        """Roles before the 三级 column (FRAME, GROUP, L1, L2)."""
        start = self.name_index
        if start is None:
            return []
        return [r for r in self.roles[:start] if r is not None]


_LEVEL_ROLES = (Col.L1, Col.L2, Col.L3)
_TARGET_PARENTS = (Col.ANNUAL, Col.PERIOD)
_VALUE_ROLES = (Col.ANNUAL, Col.PERIOD, Col.ACTUAL, Col.WEIGHT, Col.SCORE, Col.DEVIATION)


def unflatten(labels: list[str]) -> list[str]:
    """A two-row header copied onto one row, parents first, back into one row of columns.

    ``绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 一级指标 | 二级指标 | 三级指标 | 指标性质 |
    指标值 | 度量单位``: the level labels after value columns are the second header row. Each
    parent that spans sub-columns (绩效指标 over the levels, 年度指标值 over 指标性质 / 指标值 /
    度量单位) is replaced by them; the other parents (完成值, 分值 …) keep their place.
    """
    roles = [column_of(t) for t in labels]
    first_value = next((i for i, r in enumerate(roles) if r in _VALUE_ROLES), None)
    if first_value is None:
        return labels
    cut = next((i for i in range(first_value + 1, len(roles)) if roles[i] in _LEVEL_ROLES), None)
    if cut is None or any(r in _LEVEL_ROLES for r in roles[:first_value]):
        return labels
    parents, children = labels[:cut], labels[cut:]
    child_roles = roles[cut:]
    levels = 0
    while levels < len(children) and child_roles[levels] in _LEVEL_ROLES:
        levels += 1
    out: list[str] = []
    used = levels
    for label, role in zip(parents, roles[:cut], strict=True):
        if role in (Col.FRAME, None) and levels and used == levels and not out:
            out.extend(children[:levels])
        elif role in _TARGET_PARENTS and used < len(children):
            taken = _target_cells(child_roles[used:])
            out.extend(children[used : used + taken] if taken else [label])
            used += taken
        else:
            out.append(label)
    if not any(column_of(t) in _LEVEL_ROLES for t in out):
        out = children[:levels] + out
    return out + children[used:]


def _target_cells(roles: list[Col | None]) -> int:
    """How many sub-columns (指标性质, 指标值, 度量单位) a target parent spans."""
    k = 0
    if k < len(roles) and roles[k] is Col.OP:
        k += 1
    if k < len(roles) and roles[k] in (Col.ANNUAL, Col.PERIOD, Col.EXTRA):
        k += 1
    if k < len(roles) and roles[k] is Col.UNIT:
        k += 1
    return k if k >= 2 else 0


def _columns(labels: list[str], source: SourceLocation, layout: Layout) -> Columns:
    labels = unflatten(labels)
    return Columns(_assign_roles(labels), labels, source, layout)


def _assign_roles(labels: list[str]) -> list[Col | None]:
    roles: list[Col | None] = []
    seen: set[Col] = set()
    for label in labels:
        role = column_of(label)
        if role is None and label.strip():
            role = Col.EXTRA
        if role is not None and role in seen and role not in (Col.EXTRA, Col.FRAME):
            role = Col.EXTRA
        if role is not None:
            seen.add(role)
        roles.append(role)
    if Col.PERIOD not in seen and any(is_long_term_label(t) for t in labels):
        roles = [Col.PERIOD if r is Col.ANNUAL else r for r in roles]
        seen = {r for r in roles if r is not None}
    # Wide layouts: no 指标值 column but one target column per sub-project (044): the first
    # unknown column after 三级 holds the target.
    if Col.ANNUAL not in seen and Col.PERIOD not in seen and Col.L3 in seen:
        start = roles.index(Col.L3)
        for i in range(start + 1, len(roles)):
            if roles[i] is Col.EXTRA and column_of(labels[i]) is None:
                roles[i] = Col.ANNUAL
                break
    return roles


def is_header_labels(labels: list[str]) -> bool:
    """Enough known column labels to be the indicator block's header."""
    roles = [column_of(t) for t in labels if t.strip()]
    strong = sum(1 for r in roles if r in STRONG_COLUMNS)
    values = sum(1 for r in roles if r in (Col.ANNUAL, Col.PERIOD, Col.ACTUAL, Col.WEIGHT))
    return strong >= 2 or (strong >= 1 and values >= 1)


def _is_column_piece(text: str) -> bool:
    return bool(text.strip()) and column_of(text) is not None


def read_header(lines: list[Line], i: int) -> tuple[Columns, int] | None:
    """The header starting at ``lines[i]`` and the index of the first line after it."""
    line = lines[i]
    if line.layout is Layout.GRID:
        return _grid_header(lines, i)
    if line.layout is Layout.STREAM:
        return _stream_header(lines, i)
    return _lines_header(line, i)


def _grid_header(lines: list[Line], i: int) -> tuple[Columns, int] | None:
    _split_glued_row(lines, i)
    pieces = list(lines[i].pieces)
    texts = [p.clean for p in pieces]
    j = i + 1
    stacked = _stacked_header(lines, i)
    if stacked is not None:
        return _columns(stacked, lines[i].source, Layout.GRID), i + 2
    # A header split over rows (014: "绩效指标 | 一级 指标" then "二级指标 | 三级指标 | …"):
    # follow-on rows made only of column labels extend it.
    while j < len(lines) and lines[j].layout is Layout.GRID:
        more = [p.clean for p in lines[j].filled]
        if not more or not all(_is_column_piece(t) for t in _join_fragments(more)):
            break
        if is_header_labels(texts) and len(more) <= 1:
            break
        kept = [p for p in pieces if not p.blank]
        pieces = kept + lines[j].filled
        texts = [p.clean for p in pieces]
        j += 1
    if not is_header_labels(texts):
        return None
    texts = _join_fragments(texts)
    cols = _columns(texts, lines[i].source, Layout.GRID)
    return cols, j


_SUB_LABELS = frozenset({"年度", "实施周期", "中期", "长期", "年初", "全年", "当年度", "本年度"})


def _stacked_header(lines: list[Line], i: int) -> list[str] | None:
    """A two-row header of one width whose second row names sub-columns of a merged parent.

    ``一级指标 | 二级指标 | 三级指标 | 指标值 (2 columns)`` over ``| | | 实施周期 | 年度``: each
    position reads its parent and sub label together (实施周期指标值, 年度指标值).
    """
    if i + 1 >= len(lines) or lines[i + 1].layout is not Layout.GRID:
        return None
    top, low = lines[i], lines[i + 1]
    if len(top.pieces) != len(low.pieces) or not low.filled:
        return None
    lower = [p.clean for p in low.pieces]
    upper = [
        p.clean or (top.under[k] if k < len(top.under) else "") for k, p in enumerate(top.pieces)
    ]
    for k in range(1, len(upper)):
        # a parent spanning its sub-columns, copied without merge information: blank on the right
        if not upper[k] and lower[k] and lower[k - 1] and upper[k - 1]:
            upper[k] = upper[k - 1]
    for k, t in enumerate(lower):
        if not t or column_of(t) is not None or t in _SUB_LABELS:
            continue
        parent_col = column_of(upper[k])
        # sub-columns of a descriptive parent (偏差原因分析: 经费保障 | 制度保障 | …)
        if parent_col is None or parent_col in STRONG_COLUMNS or is_value_like(t) or is_level(t):
            return None
    # the second row must leave blank (merged) the strong columns the first row names
    if any(lower[k] and column_of(upper[k]) in STRONG_COLUMNS for k in range(len(upper))):
        return None
    out: list[str] = []
    for parent, sub in zip(upper, lower, strict=True):
        if not sub:
            out.append(parent)
        elif column_of(sub + parent) is not None and sub in _SUB_LABELS:
            out.append(sub + parent)
        elif column_of(sub) is not None:
            out.append(sub)
        else:
            out.append(parent + sub)
    return out if is_header_labels(out) else None


def _join_fragments(texts: list[str]) -> list[str]:
    """``年度`` + ``指标值`` → ``年度指标值`` when the join is a label and the first part is not."""
    out: list[str] = []
    k = 0
    while k < len(texts):
        t = texts[k]
        if (
            k + 1 < len(texts)
            and t.strip()
            and column_of(t) is None
            and column_of(t + texts[k + 1]) is not None
        ):
            out.append(t + texts[k + 1])
            k += 2
            continue
        if (
            k + 1 < len(texts)
            and column_of(t) is not None
            and column_of(texts[k + 1]) is None
            and column_of(t + texts[k + 1]) is not None
            and column_of(t + texts[k + 1]) is not column_of(t)
        ):
            out.append(t + texts[k + 1])
            k += 2
            continue
        out.append(t)
        k += 1
    return out


def _stream_header(lines: list[Line], i: int) -> tuple[Columns, int] | None:
    texts: list[str] = []
    j = i
    while j < len(lines) and lines[j].layout is Layout.STREAM:
        piece = lines[j].pieces[0]
        t = piece.clean
        if not t:
            if texts:
                break
            j += 1
            continue
        nxt = _next_text(lines, j)
        if column_of(t) is not None or (nxt is not None and column_of(t + nxt) is not None):
            texts.append(t)
            j += 1
            continue
        break
    if not is_header_labels(_join_fragments(texts)):
        return None
    joined = _join_fragments(texts)
    return _columns(joined, lines[i].source, Layout.STREAM), j


def _next_text(lines: list[Line], j: int) -> str | None:
    if j + 1 < len(lines) and lines[j + 1].layout is Layout.STREAM:
        return lines[j + 1].pieces[0].clean
    return None


def _lines_header(line: Line, i: int) -> tuple[Columns, int] | None:
    labels = split_header_row(line.text)
    if labels is None or not is_header_labels(labels):
        return None
    return _columns(labels, line.source, Layout.LINES), i + 1


def starts_header(line: Line) -> bool:
    """Whether ``line`` can open an indicator header (a strong column label in it)."""
    if line.layout is Layout.LINES:
        labels = split_header_row(line.text)
        return labels is not None and is_header_labels(labels)
    first = [p.clean for p in line.filled]
    if not first:
        return False
    if line.layout is Layout.STREAM:
        role = column_of(first[0])
        return role in STRONG_COLUMNS or role is Col.FRAME
    if _label_run_end(line.pieces) is not None:
        return True  # a header with the first data row glued on (a copy that lost a line end)
    return any(column_of(t) in STRONG_COLUMNS for t in first) and not any(
        is_value_like(t) for t in first
    )


def _label_run_end(pieces: list[Piece]) -> int | None:
    """End of a leading run of column labels followed by other cells in the same row, or None."""
    end = 0
    labels: list[str] = []
    for k, piece in enumerate(pieces):
        if piece.blank and not labels:
            continue
        if piece.blank or column_of(piece.clean) is None:
            break
        labels.append(piece.clean)
        end = k + 1
    if not is_header_labels(labels) or len(labels) < 3:
        return None
    rest = [p.clean for p in pieces[end:] if not p.blank]
    # the rest must read as a data row (a category label or a value), not as more headers
    # such as one column per village (044)
    return end if any(is_level(t) or is_value_like(t) for t in rest) else None


def _split_glued_row(lines: list[Line], i: int) -> None:
    """Cut a header row that carries the first data row into two lines (the list is the walk's)."""
    line = lines[i]
    end = _label_run_end(line.pieces)
    if end is None:
        return
    head, tail = line.pieces[:end], line.pieces[end:]
    while tail and tail[0].blank:
        tail = tail[1:]
    line.replace_pieces(head)
    lines.insert(i + 1, Line(tail, line.layout, tail[0].source, line.block))
