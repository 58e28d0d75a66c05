"""PDF table fragments → span grids, stitched across pages (pure geometry, no PDF library).

A PDF table is drawn page by page. Each page fragment is a list of cell boxes with their text.
This module:

1. clusters cell edges into grid lines (tolerance 2 pt) and turns boxes into origins + spans;
2. groups fragments into *chains*: a fragment at the top of a page continues the table that ended
   the previous page when their outer left/right bounds agree;
3. aligns columns along a chain (union of the x-edges: a page holding only header rows may
   not draw every column rule, so it has fewer columns);
4. stitches each continuation's first row (notes-reading-office-files §6):

   * R2, split row: the first row is the rest of a row cut by the page break, and its texts are
     appended cell-wise to the previous row, when (a) in the indicator block (at or below the
     row holding ``三级指标``) its ``三级指标`` cell is empty, or the name goes on while every
     value cell is empty; or (b) it holds only the rest of a long text cell (a goal paragraph)
     whose text above is unfinished (no closing 。；！？);
   * R1, merge continued: leading cells of the first row that are empty (Writer prints a cut
     merged cell's text once) or repeat the cell above (Calc repeats it) become covered by the
     origin above, whose row span grows.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from jixiao.core.source import SourceLocation
from jixiao.core.text import compact
from jixiao.io.table import Cell, Row, Table

EDGE_TOLERANCE = 2.0
KEY_LABEL = "三级指标"

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom
_WRAP = re.compile(r"(\S)[ \t]*\n[ \t]*(\S)")


def unwrap(text: str) -> str:
    """Join the lines a PDF cell was wrapped into: nothing between CJK characters (a wrap is
    not a space in Chinese), one space between Latin words."""
    if "\n" not in text:
        return text
    return _WRAP.sub(_join_wrap, text)


def _join_wrap(match: re.Match[str]) -> str:
    before, after = match.group(1), match.group(2)
    glue = "" if _is_cjk(before) or _is_cjk(after) else " "
    return f"{before}{glue}{after}"


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF


@dataclass(frozen=True, slots=True)
class BoxCell:
    bbox: BBox
    text: str


@dataclass(slots=True)
class Fragment:
    """The cells of one table on one page."""

    page: int
    bbox: BBox
    cells: list[BoxCell]


@dataclass(slots=True)
class _Span:
    row: int
    col: int
    text: str
    rowspan: int
    colspan: int
    page: int
    page_row: int  # 1-based row within its page fragment


@dataclass(slots=True)
class Stitched:
    """A table after stitching: origins on one grid, plus which rule fired where."""

    n_cols: int
    spans: list[_Span] = field(default_factory=list)
    n_rows: int = 0
    rules: list[tuple[int, str]] = field(default_factory=list)  # (page, "R1"/"R2")


def cluster(values: Sequence[float], tolerance: float = EDGE_TOLERANCE) -> list[float]:
    """Sorted representative values, merging those closer than ``tolerance``."""
    out: list[float] = []
    for value in sorted(values):
        if out and value - out[-1] <= tolerance:
            continue
        out.append(value)
    return out


def _index(edges: Sequence[float], value: float) -> int:
    """Index of the edge nearest to ``value`` (``edges`` sorted)."""
    i = bisect_left(edges, value)
    if i == 0:
        return 0
    if i == len(edges):
        return len(edges) - 1
    return i if edges[i] - value < value - edges[i - 1] else i - 1


def x_edges(fragment: Fragment) -> list[float]:
    return cluster([v for c in fragment.cells for v in (c.bbox[0], c.bbox[2])])


def same_bounds(a: Fragment, b: Fragment) -> bool:
    return (
        abs(a.bbox[0] - b.bbox[0]) <= EDGE_TOLERANCE
        and abs(a.bbox[2] - b.bbox[2]) <= EDGE_TOLERANCE
    )


def fragment_spans(fragment: Fragment, xs: Sequence[float]) -> tuple[list[_Span], int]:
    """Origins of ``fragment`` on the column edges ``xs`` (0-based rows of this fragment)."""
    ys = cluster([v for c in fragment.cells for v in (c.bbox[1], c.bbox[3])])
    spans: list[_Span] = []
    for cell in fragment.cells:
        x0, top, x1, bottom = cell.bbox
        c0, c1 = _index(xs, x0), _index(xs, x1)
        r0, r1 = _index(ys, top), _index(ys, bottom)
        if c1 <= c0 or r1 <= r0:
            continue
        spans.append(_Span(r0, c0, cell.text, r1 - r0, c1 - c0, fragment.page, r0 + 1))
    spans.sort(key=lambda s: (s.row, s.col))
    return spans, max(len(ys) - 1, 0)


class _Grid:
    """Origins of a stitched chain with a position → origin index for the stitching rules."""

    def __init__(self, n_cols: int) -> None:
        self.result = Stitched(n_cols)
        self.owner: dict[tuple[int, int], int] = {}
        self.key_col: int | None = None
        self.key_row: int | None = None

    def add(self, span: _Span) -> None:
        index = len(self.result.spans)
        self.result.spans.append(span)
        for r in range(span.row, span.row + span.rowspan):
            for c in range(span.col, span.col + span.colspan):
                self.owner.setdefault((r, c), index)
        if compact(span.text) == KEY_LABEL:
            self.key_col, self.key_row = span.col, span.row

    def origin_at(self, row: int, col: int) -> _Span | None:
        index = self.owner.get((row, col))
        return None if index is None else self.result.spans[index]

    def grow(self, span: _Span, rows: int) -> None:
        index = self.result.spans.index(span)
        for r in range(span.row + span.rowspan, span.row + span.rowspan + rows):
            for c in range(span.col, span.col + span.colspan):
                self.owner.setdefault((r, c), index)
        span.rowspan += rows

    def append_fragment(self, spans: list[_Span], n_rows: int, *, continued: bool) -> None:
        offset = self.result.n_rows
        if continued and self.result.n_rows:
            spans, n_rows = self._split_row(spans, n_rows)
        first_row_cols = self._merge_continued(spans) if continued and self.result.n_rows else set()
        for span in spans:
            if span.row == 0 and span.col in first_row_cols:
                continue
            self.add(_shift(span, offset))
        self.result.n_rows += n_rows

    def _split_row(self, spans: list[_Span], n_rows: int) -> tuple[list[_Span], int]:
        """R2: the first row is the rest of the previous page's last row: fold it back."""
        last = self.result.n_rows - 1
        first = [s for s in spans if s.row == 0]
        if not any(s.text.strip() for s in first):
            return spans, n_rows
        if not (self._indicator_row_cut(first, last) or self._paragraph_cut(first, last)):
            return spans, n_rows
        for span in first:
            above = self.origin_at(last, span.col)
            if (
                span.text.strip()
                and above is not None
                and compact(span.text) != compact(above.text)
            ):
                above.text = unwrap(f"{above.text}\n{span.text}") if above.text else span.text
        self.result.rules.append((first[0].page, "R2"))
        rest: list[_Span] = []
        for span in spans:
            if span.row == 0 and span.rowspan == 1:
                continue
            if span.row == 0:
                rest.append(_Span(0, span.col, "", span.rowspan - 1, span.colspan, span.page, 2))
            else:
                span.row -= 1
                rest.append(span)
        return rest, max(n_rows - 1, 0)

    def _indicator_row_cut(self, first: list[_Span], last: int) -> bool:
        """Under the 三级指标 heading: the key cell is empty on the new page, or the key text
        goes on while every value cell is empty."""
        key = self.key_col
        if key is None or self.key_row is None or last < self.key_row:
            return False
        key_cell = next((s for s in first if s.col <= key < s.col + s.colspan), None)
        if key_cell is None:
            return False
        return not key_cell.text.strip() or self._values_cut(first, key, last)

    def _paragraph_cut(self, first: list[_Span], last: int) -> bool:
        """A long text cell (a goal paragraph) cut by the break: the new page's first row holds
        only its rest, beside empty or repeated label cells, and the text above is unfinished."""
        above_all = [self.origin_at(last, s.col) for s in first]
        rest = [
            (s, a)
            for s, a in zip(first, above_all, strict=True)
            if a is not None and a.row == last and s.text.strip()
        ]
        if len(rest) != 1:
            return False
        span, above = rest[0]
        leading_ok = all(
            a is not None and (s is span or compact(s.text) in ("", compact(a.text)))
            for s, a in zip(first, above_all, strict=True)
        )
        own_texts = [a for a in above_all if a is not None and a.row == last and a.text.strip()]
        unfinished = len(above.text) >= 20 and above.text.rstrip()[-1] not in "。；！？.;!?"
        same_extent = above.col == span.col and above.colspan == span.colspan
        return leading_ok and same_extent and unfinished and len(own_texts) == 1

    def _values_cut(self, first: list[_Span], key: int, last: int) -> bool:
        """The key text itself was cut: every value cell right of it is empty on the new page
        while the previous row has values there."""
        right = [s for s in first if s.col > key]
        if not right or any(s.text.strip() for s in right):
            return False
        above = [self.origin_at(last, s.col) for s in right]
        return any(
            a is not None and a.row + a.rowspan - 1 == last and a.text.strip() for a in above
        )

    def _merge_continued(self, spans: list[_Span]) -> set[int]:
        """R1: leading first-row cells continue the merged cell above; returns their columns."""
        last = self.result.n_rows - 1
        merged: set[int] = set()
        for span in sorted((s for s in spans if s.row == 0), key=lambda s: s.col):
            above = self.origin_at(last, span.col)
            if above is None:
                break
            same_extent = above.col == span.col and above.colspan == span.colspan
            if not above.text.strip():
                # Calc may print a cut merged cell's text only on the second page: an empty
                # vertical merge above takes the text and continues.
                if not (same_extent and above.rowspan > 1 and span.text.strip()):
                    break
                above.text = span.text
            continues = not span.text.strip() or compact(span.text) == compact(above.text)
            if not (same_extent and continues):
                break
            self.grow(above, span.rowspan)
            merged.add(span.col)
        if merged:
            self.result.rules.append((spans[0].page, "R1"))
        return merged


def _shift(span: _Span, offset: int) -> _Span:
    return _Span(
        span.row + offset, span.col, span.text, span.rowspan, span.colspan, span.page, span.page_row
    )


def stitch(chain: Sequence[Fragment]) -> Stitched:
    """One table from a chain of fragments (the first, then its continuations)."""
    xs = cluster([x for fragment in chain for x in x_edges(fragment)])
    grid = _Grid(max(len(xs) - 1, 1))
    for i, fragment in enumerate(chain):
        spans, n_rows = fragment_spans(fragment, xs)
        grid.append_fragment(spans, n_rows, continued=i > 0)
    return grid.result


def to_table(stitched: Stitched, file: str) -> Table:
    """The neutral table; each cell's source is its page and row on that page."""
    n_rows, n_cols = stitched.n_rows, stitched.n_cols
    grid: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
    page_of_row: dict[int, tuple[int, int]] = {}
    for span in stitched.spans:
        page_of_row.setdefault(span.row, (span.page, span.page_row))
    last = (stitched.spans[0].page, 1) if stitched.spans else (1, 1)
    for r in range(n_rows):
        last = page_of_row.get(r, (last[0], last[1] + 1))
        page_of_row[r] = last

    def here(r: int, c: int) -> SourceLocation:
        page, page_row = page_of_row[r]
        return SourceLocation(file, page=page, row=page_row, column=c + 1)

    for span in stitched.spans:
        r0, c0 = span.row, span.col
        if r0 >= n_rows or c0 >= n_cols or grid[r0][c0] is not None:
            continue
        rowspan = max(1, min(span.rowspan, n_rows - r0))
        colspan = max(1, min(span.colspan, n_cols - c0))
        grid[r0][c0] = Cell(span.text, here(r0, c0), rowspan=rowspan, colspan=colspan)
        for r in range(r0, r0 + rowspan):
            for c in range(c0, c0 + colspan):
                if grid[r][c] is None:
                    grid[r][c] = Cell("", here(r, c), covered=True, origin=(r0, c0))
    rows: list[Row] = [
        tuple(cell or Cell("", here(r, c)) for c, cell in enumerate(grid[r])) for r in range(n_rows)
    ]
    first_page = stitched.spans[0].page if stitched.spans else None
    return Table(rows, SourceLocation(file, page=first_page))
