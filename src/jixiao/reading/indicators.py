"""The indicator block: data rows → :class:`Indicator` records, with carry-down and repairs.

Rows are read in one of two ways:

* **positional** (GRID rows whose cells sit under their header): each cell is read from the
  column its header names;
* **by content** (shifted GRID rows, left-packed web copies, STREAM cells, segmented text):
  known 一级/二级 labels first, then the 三级 name, then the value cells in header order.

Every repair, skip and guess is a problem; nothing is dropped silently.
"""

from __future__ import annotations

import re

from jixiao.core.problems import ProblemCode, make
from jixiao.core.source import SourceLocation
from jixiao.io.table import Layout
from jixiao.reading import problems as P
from jixiao.reading.cells import (
    QUALITATIVE_VALUES,
    Line,
    Piece,
    decimal_of,
    display,
    is_placeholder,
    is_value_like,
    make_target,
    norm,
    strip_template_prefix,
)
from jixiao.reading.centered import recentred
from jixiao.reading.checks import checked, unfilled_target
from jixiao.reading.columns import Columns
from jixiao.reading.prose import read_prose
from jixiao.reading.records import (
    SCORE_RESIDUE,
    BlockResult,
    Record,
    clean_level,
    is_l1,
    is_l2,
    is_level,
    next_filled,
    op_only,
    starts_a_value,
    to_indicator,
    two_l2_then_value,
    unnumbered,
    where,
)
from jixiao.reading.segment import peel_levels
from jixiao.reading.textrows import (
    emit_decoded,
    flush_waiting,
    glued_line,
    last_label_is_name,
    lines_content,
    run_records,
    split_by_columns,
    split_weight,
    text_line,
    total_text,
    wrapped_name,
)
from jixiao.reading.vocab import END_RE, TOTAL_RE, Col

# ``年度绩效指标`` above the second block of a long-term + annual form: a heading, not a row
ANNUAL_HEADING = re.compile(r"^(年度|本年度|当年度?)(绩效)?(指标|目标)$")


_CORE_COLUMNS = frozenset({Col.ANNUAL, Col.ACTUAL, Col.WEIGHT, Col.SCORE})
_VALUE_COLUMNS = frozenset({Col.ANNUAL, Col.PERIOD, Col.OP, Col.ACTUAL, Col.CURRENT})


class BlockReader:
    """Reads the data rows of one indicator block; keeps the carried 一级/二级 labels."""

    # reading text lines (LINES layout) lives in textrows.py
    _text_line = text_line
    _glued_line = glued_line
    _split_by_columns = split_by_columns
    _split_weight = split_weight
    _run_records = run_records
    _emit_decoded = emit_decoded
    _lines_content = lines_content
    _last_label_is_name = last_label_is_name
    _total_text = total_text
    _wrapped_name = wrapped_name
    _flush_waiting = flush_waiting
    _checked = checked

    def __init__(self, cols: Columns, table_index: int) -> None:
        self.cols = cols
        self.table = table_index
        self.level1: str | None = None
        self._level2: str | None = None
        self._l2_used = True  # an indicator was read under the current 二级 label
        self._l2_at: SourceLocation = cols.source
        self._here: SourceLocation = cols.source  # the cell being read (labels' location)
        self.group: str | None = None
        self.result = BlockResult()
        self.slots = cols.value_slots()
        self._stream: list[Piece] = []
        self._row_cut = False
        self._counts: list[int] = []
        self._grid_widths: set[int] = set()  # cells per GRID row seen so far
        self._aligned = False  # text rows of a rubric sheet read as grid rows (textrows)
        self._waiting: Record | None = None  # a text-line name whose value may come next
        self._wrapped = False
        self._rubric_told = False
        self._above = False  # the 一级 column holds a level above 产出/效益 (实施效果指标)

    @property
    def level2(self) -> str | None:
        return self._level2

    @level2.setter
    def level2(self, label: str | None) -> None:
        """Changing the carried 二级 reports the one before when nothing was read under it."""
        if label != self._level2:
            self._report_empty_level2()
            self._l2_used = label is None
            self._l2_at = self._here
        self._level2 = label

    def _report_empty_level2(self) -> None:
        if self._level2 is not None and not self._l2_used:
            self._problem(
                P.SKIPPED_ROW,
                f"{where(self._l2_at)}: 二级 {self._level2} has no 三级 indicator under it; "
                "not an indicator",
                self._l2_at,
                self._level2,
            )
            self._l2_used = True

    def carry_labels(self, other: BlockReader) -> None:
        """Merged labels continue across a repeated column header (a page top)."""
        self.level1, self._level2, self.group = other.level1, other.level2, other.group

    # --- entry points ---------------------------------------------------------------------

    def feed(self, line: Line) -> None:
        if line.layout is Layout.STREAM:
            self._stream.extend(line.pieces)
            return
        self._flush_stream()
        if line.layout is not Layout.LINES:
            self._flush_waiting()
        self._row_cut = False
        if line.layout is Layout.GRID:
            self._grid_row(line)
        else:
            self._text_line(line)

    def finish(self, at_end: bool) -> BlockResult:
        self._flush_stream(at_end)
        self._flush_waiting()
        self._report_empty_level2()  # a last 二级 with nothing under it
        for k, carried, printed in recentred(self.result.indicators):
            ind = self.result.indicators[k]
            at = ind.source or self.cols.source
            self._problem(
                P.SHIFTED_ROW,
                f"{where(at)}: {ind.name!r} carried 一级 {carried} but its 二级 {ind.level2} "
                f"belongs under {printed}, printed on a later row (a vertically centred "
                "merged cell); read under it",
                at,
                ind.name,
            )
        counts = self._counts
        if at_end and len(counts) >= 2 and counts[-1] < max(counts[:-1]):
            self.result.cut = True  # the last row has fewer cells than the rows before it
        return self.result

    # --- problems ------------------------------------------------------------------------

    def _problem(self, kind: ProblemCode, message: str, at: SourceLocation, raw: str) -> None:
        self.result.problems.append(make(kind, message, at, raw, table=self.table))

    # --- GRID rows ------------------------------------------------------------------------

    def _grid_row(self, line: Line) -> None:
        self._here = line.source
        texts = [p.clean for p in line.pieces]
        # a row shorter than the header whose last cell is printed: the copy stops inside it
        # (not when the rows before it are as short: a copy that drops empty trailing cells)
        core = [k for k, r in enumerate(self.cols.roles) if r in _CORE_COLUMNS]
        self._row_cut = (
            len(texts) < len(self.cols.roles)
            and bool(texts)
            # the last cell printed, or cells of 指标值 / 完成值 / 分值 / 得分 missing
            and (bool(texts[-1]) or (bool(core) and len(texts) <= core[-1]))
            and len(texts) not in self._grid_widths
        )
        self._grid_widths.add(len(texts))
        if self._total_row(line.filled, positional=line.pieces):
            return
        if self._positional_ok(texts):
            self._positional(line)
            return
        filled = [p for p in line.pieces]
        # strip leading blanks: content reading starts at the first printed cell
        while filled and filled[0].blank:
            filled.pop(0)
        if not filled:
            return
        self._content(filled, row_mode=True, line=line)

    def _positional_ok(self, texts: list[str]) -> bool:
        cols = self.cols
        name_at = cols.name_index
        if name_at is None or name_at >= len(texts):
            return False
        name = texts[name_at]
        if not name or is_value_like(name):
            return False
        if is_level(name):
            # a 三级 name that is also a category word (满意度) is fine when the row has its
            # own 一级/二级 cells; otherwise the labels are shifted right
            l2_at = cols.index(Col.L2)
            # the row's value: under a value column (an 指标解释 column may come first)
            valued = [
                t
                for k, t in enumerate(texts[name_at + 1 :], name_at + 1)
                if t and k < len(cols.roles) and cols.roles[k] in _VALUE_COLUMNS
            ]
            after = valued[0] if valued else next((t for t in texts[name_at + 1 :] if t), "")
            # before it only blanks or cells that are no labels (a vertical 一级 piece: 意度指标)
            own_value = (
                bool(after)
                and starts_a_value(after)
                and not any(is_level(t) for t in texts[:name_at] if t)
            )
            if (l2_at is None or l2_at >= len(texts) or not texts[l2_at]) and not own_value:
                return False
        for role in (Col.FRAME, Col.GROUP):
            at = cols.index(role)
            if at is not None and at < len(texts) and texts[at] and is_level(texts[at]):
                return False
        for role in (Col.L1, Col.L2):
            at = cols.index(role)
            if at is not None and at < len(texts) and texts[at] and is_value_like(texts[at]):
                return False
        # a 三级 name in a level column with its value in the name column (cells shifted left):
        # the "name" is a common qualitative value and the level cell is no known label
        if norm(name) in QUALITATIVE_VALUES:
            for role in (Col.L1, Col.L2):
                at = cols.index(role)
                if at is not None and at < len(texts) and texts[at] and not is_level(texts[at]):
                    return False
        return True

    def _positional(self, line: Line) -> None:
        cols = self.cols
        pieces = line.pieces
        got: dict[Col, Piece] = {}
        values: list[tuple[Col, str, Piece]] = []
        name_at = cols.name_index or 0
        for i, piece in enumerate(pieces):
            role = cols.roles[i] if i < len(cols.roles) else None
            if role is None:
                continue
            if i > name_at:
                values.append((role, cols.labels[i], piece))
            else:
                got.setdefault(role, piece)
        group = got.get(Col.GROUP)
        if group is not None and not group.blank:
            self.group = group.clean
        l1 = got.get(Col.L1)
        l2 = got.get(Col.L2)
        if l1 is not None and not l1.blank:
            self.level1 = l1.clean
            self.level2 = None
        if l2 is not None and not l2.blank:
            self.level2 = l2.clean
        self._emit(Record(self.level1, self.level2, pieces[name_at], values, self.group), line)
        overflow = pieces[len(cols.roles) :]
        if any(not p.blank for p in overflow):
            # more cells than columns: the next row was glued on (a copy that lost a line end)
            while overflow and overflow[0].blank:
                overflow = overflow[1:]
            self._content(overflow, row_mode=True, line=None)

    # --- content reading ------------------------------------------------------------------

    def _content(self, pieces: list[Piece], *, row_mode: bool, line: Line | None) -> None:
        """Labels, then the name, then values in header order (one row or a stream)."""
        i = 0
        n = len(pieces)
        shifted = line is not None and line.layout is Layout.GRID
        while i < n:
            piece = pieces[i]
            if piece.blank or SCORE_RESIDUE.match(norm(piece.text)):
                i += 1
                continue
            self._here = piece.source
            if self._total_row(pieces[i:], positional=None):
                return
            run, i = self._label_run(pieces, i)
            if run:
                rest = [p for p in pieces[i:] if not p.blank]
                if (row_mode and self._last_label_is_name(run, rest)) or two_l2_then_value(
                    run, rest
                ):
                    name_piece = Piece(run.pop(), pieces[i].source)
                    pieces.insert(i, name_piece)
                    n += 1
                    self._apply_labels(run, name_piece)
                else:
                    self._apply_labels(run, pieces[i] if i < n else None)
                    continue
                piece = pieces[i]
            if self.cols.has(Col.GROUP) and self.level1 is None and not is_value_like(piece.text):
                # a leading group cell (013's 绩效目标1:…) before the first 一级 label
                nxt = pieces[i + 1].clean if i + 1 < n else ""
                if is_level(nxt):
                    self.group = piece.clean
                    i += 1
                    continue
            name = piece
            i += 1
            if is_value_like(name.text):
                self._problem(
                    P.UNREAD_ROW,
                    f"{where(name.source)}: value {name.clean!r} where an indicator name was "
                    "expected (the name cell is empty or missing); not read, check the source",
                    name.source,
                    " | ".join(p.text for p in pieces) if row_mode else name.text,
                )
                if row_mode:
                    return
                continue
            taken: list[Piece] = []
            if row_mode:
                while i < n and pieces[i].blank and not taken:
                    i += 1
                while i < n and len(taken) < max(len(self.slots), 1) + 4:
                    if not pieces[i].blank and is_level(pieces[i].clean) and taken:
                        break  # the next record, in the same row (a copy that lost a line end)
                    taken.append(pieces[i])
                    i += 1
            else:
                while i < n and len(taken) < len(self.slots):
                    nxt_piece = pieces[i]
                    if not nxt_piece.blank and (
                        is_level(nxt_piece.clean) or TOTAL_RE.match(norm(nxt_piece.text))
                    ):
                        break
                    taken.append(nxt_piece)
                    i += 1
                if i >= n and len(taken) < len(self.slots):
                    self.result.cut = True
            values = [(role, label, p) for (role, label), p in zip(self.slots, taken, strict=False)]
            record = Record(self.level1, self.level2, name, values, self.group)
            if shifted and line is not None:
                self._problem(
                    P.SHIFTED_ROW,
                    f"{where(line.source)}: cells did not sit under their headers; read by "
                    f"content as 一级={self.level1 or '-'} 二级={self.level2 or '-'} "
                    f"三级={name.clean} values={[p.clean for p in taken if not p.blank]}; "
                    "check this row against the source",
                    line.source,
                    " | ".join(p.text for p in line.pieces),
                )
                shifted = False
            self._emit(record, line)

    def _label_run(self, pieces: list[Piece], i: int) -> tuple[list[str], int]:
        run: list[str] = []
        n = len(pieces)
        while i < n:
            piece = pieces[i]
            if piece.blank or SCORE_RESIDUE.match(norm(piece.text)):
                if run:
                    i += 1
                    continue
                break
            text = piece.clean
            nxt = next_filled(pieces, i)
            if nxt is not None and norm(pieces[nxt].text) == "指标" and is_level(text + "指标"):
                run.append(text + "指标")
                i = nxt + 1
                continue
            if is_level(text) or (not run and self._unnamed_level1(text, pieces, nxt)):
                run.append(text)
                i += 1
                continue
            break
        return run, i

    def _unnamed_level1(self, text: str, pieces: list[Piece], nxt: int | None) -> bool:
        """A 一级 label outside the vocabulary (项目完成, 实施效果): the first label cell of the
        block, right before a 二级 label, under a header with a 一级 column."""
        if self.level1 is not None or nxt is None or not self.cols.has(Col.L1):
            return False
        following = pieces[nxt].clean
        if len(text) > 12 or is_value_like(text) or not is_level(following):
            return False
        # before a 一级 word (实施效果指标 | 产出指标) it is a level above 产出/效益: the 一级
        # words under it are read as its 二级
        self._above = is_l1(following) and not is_l2(following)
        return True

    def _apply_labels(self, run: list[str], following: Piece | None) -> None:
        for j, label in enumerate(run):
            nxt = run[j + 1] if j + 1 < len(run) else None
            both = is_l1(label) and is_l2(label)
            if self._above and self.level1 is not None and is_l1(label):
                self.level2 = clean_level(label)
            elif is_l1(label) and not is_l2(label):
                self.level1 = clean_level(label)
                self.level2 = None
            elif is_l2(label) and not both:
                self.level2 = clean_level(label)
            else:
                set_here = j > 0 and is_l1(run[j - 1]) and self.level2 is None
                if nxt is not None and is_l2(nxt) and not set_here:
                    self.level1 = clean_level(label)
                    self.level2 = None
                elif set_here or self.level1 is not None:
                    self.level2 = clean_level(label)
                else:
                    self.level1 = clean_level(label)
                    self.level2 = None

    # --- text lines (LINES layout) --------------------------------------------------------

    def _flush_stream(self, at_end: bool = False) -> None:
        if not self._stream:
            return
        pieces, self._stream = self._stream, []
        self._content(pieces, row_mode=False, line=None)
        if at_end and pieces and self.result.indicators:
            last = self.result.indicators[-1]
            if op_only(last.annual_target) or op_only(last.period_target):
                self.result.cut = True

    # --- totals ---------------------------------------------------------------------------

    def _total_row(self, pieces: list[Piece], positional: list[Piece] | None) -> bool:
        filled = [p for p in pieces if not p.blank]
        if not filled or not TOTAL_RE.match(norm(filled[0].text)):
            return False
        if positional is not None and len(positional) == len(self.cols.roles):
            weight_at = self.cols.index(Col.WEIGHT)
            score_at = self.cols.index(Col.SCORE)
            score = positional[score_at] if score_at is not None else None
            weight = positional[weight_at] if weight_at is not None else None
            if score is not None and not score.blank:
                self.result.total_score = decimal_of(score.text)
            if weight is not None and not weight.blank:
                self.result.weight_total = decimal_of(weight.text)
                if self.result.total_score is None:
                    self._weight_total_problem(weight)
            if (score is None or score.blank) and (weight is None or weight.blank):
                self._total_elsewhere(filled)
            return True
        numbers = []
        for p in filled[1:]:
            if decimal_of(p.text) is None:
                break
            numbers.append(p)
        inline = re.match(r"^(?:合计|总分|总计)[:：]?(\d+(?:\.\d+)?)分?$", norm(filled[0].text))
        if inline:
            numbers.insert(0, Piece(inline.group(1), filled[0].source))
        self._total_value(numbers, filled[0])
        return True

    def _total_elsewhere(self, filled: list[Piece]) -> None:
        """A total row whose figures are not under 分值/得分 (a shifted copy): one figure after
        总分 is the score; otherwise the figures are read in 分值, 得分 order."""
        numbers = [p for p in filled[1:] if decimal_of(p.text) is not None]
        if len(numbers) == 1 and _SCORE_TOTAL.match(norm(filled[0].text)):
            self.result.total_score = decimal_of(numbers[0].text)
        elif numbers:
            self._total_value(numbers, filled[0])

    def _total_value(self, numbers: list[Piece], label: Piece | None) -> None:
        order = [r for r in self.cols.roles if r in (Col.WEIGHT, Col.SCORE)]
        if not order:
            order = [Col.WEIGHT]
        for role, piece in zip(order, numbers, strict=False):
            value = decimal_of(piece.text)
            if role is Col.SCORE:
                self.result.total_score = value
            else:
                self.result.weight_total = value
        if numbers and self.result.total_score is None and self.result.weight_total is not None:
            self._weight_total_problem(numbers[0])

    def _weight_total_problem(self, piece: Piece) -> None:
        self._problem(
            P.WEIGHT_TOTAL,
            f"合计/总分 {self.result.weight_total} is the total of the weights (分值/权重), "
            "not a printed score; total_score left empty",
            piece.source,
            piece.text,
        )

    # --- records → indicators ---------------------------------------------------------------

    def _prose(self, record: Record, line: Line | None) -> bool:
        """A name cell that holds a 二级 label and indicators written as prose: one record per
        item with a target; items without one are reported."""
        got = read_prose(record.name.text)
        if got is None:
            return False
        labels, items = got
        at = record.name.source
        if labels:
            self._apply_labels(labels, None)
        self._problem(
            P.SEGMENTED,
            f"{where(at)}: indicators written as prose read as {len(items)} row(s): "
            + "; ".join(f"{i.name} | {i.target or '—'}" for i in items),
            at,
            record.name.text,
        )
        label = next((lab for r, lab in self.slots if r is Col.ANNUAL), "指标值")
        for item in items:
            if not item.target:
                self._problem(
                    P.UNREAD_ROW,
                    f"{where(at)}: prose item {item.name!r} has no target; not an indicator",
                    at,
                    item.name,
                )
                continue
            values = [(Col.ANNUAL, label, Piece(item.target, at))]
            prose_record = Record(
                self.level1, self.level2, Piece(item.name, at), values, self.group
            )
            self._emit(prose_record, line)
        return True

    def _emit(self, record: Record, line: Line | None) -> None:
        at = record.name.source
        raw_name = record.name.clean
        self._l2_used = self._l2_used or bool(raw_name)
        if not raw_name:
            if any(not p.blank for _, _, p in record.values):
                self._problem(
                    P.UNREAD_ROW,
                    f"{where(at)} has values but no indicator name; skipped",
                    at,
                    " | ".join(p.text for _, _, p in record.values),
                )
            return
        has_values = any(not p.blank for _, _, p in record.values)
        if re.match(r"^\d{5,}", norm(raw_name)):
            self._problem(
                P.UNREAD_ROW,
                f"{raw_name!r} starts with a code: a project or unit row, not an indicator",
                at,
                raw_name,
            )
            return
        if is_placeholder(raw_name) and not has_values:
            self._problem(
                P.SKIPPED_ROW,
                f"template placeholder row {raw_name!r} with no values; not an indicator",
                at,
                raw_name,
            )
            return
        if not has_values and self._prose(record, line):
            return
        if not has_values and ANNUAL_HEADING.match(norm(raw_name)):
            self._problem(
                P.SKIPPED_ROW,
                f"{where(at)}: heading {raw_name!r} of an annual block; not an indicator",
                at,
                raw_name,
            )
            return
        if not has_values:
            self._problem(
                P.UNREAD_ROW,
                f"{raw_name!r} has no target or other value; not read as an indicator",
                at,
                raw_name,
            )
            self.result.cut = True
            return
        self.result.cut = self._row_cut or any(
            op_only(make_target(p.text)) for _, _, p in record.values
        )
        if is_placeholder(raw_name) and unfilled_target(to_indicator(record, raw_name)):
            self._problem(
                P.SKIPPED_ROW,
                f"template placeholder row {raw_name!r} with no value filled in; not an indicator",
                at,
                " | ".join([raw_name, *(p.text for _, _, p in record.values if not p.blank)]),
            )
            return
        name = strip_template_prefix(unnumbered(raw_name))
        if name != raw_name:
            self._problem(
                P.NAME_PREFIX,
                f"template numbering removed: {raw_name!r} → {name!r}",
                at,
                raw_name,
            )
        self._counts.append(len(record.values))  # cells present (blank positions count)
        self.result.indicators.append(self._checked(to_indicator(record, display(name))))


_SCORE_TOTAL = re.compile(r"^(总分|自评总分|项目总得分|综合得分|总得分)")


def is_end_line(text: str) -> bool:
    return bool(END_RE.match(norm(text)))


# A numbered section heading of the surrounding document (四、名词解释, （二）…, 第三部分).
_SECTION_RE = re.compile(
    r"^([一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十]{1,3}[)）]|"
    r"第[一二三四五六七八九十\d]{1,3}[章节部分])"
)


def is_prose_end(line: Line) -> bool:
    """A line after a table that is document prose, not a row: a section heading, or one
    sentence (ending in 。) that does not start with an indicator level label."""
    if len(line.filled) != 1:
        return False
    text = norm(line.filled[0].text)
    if _SECTION_RE.match(text) and not is_level(text):
        return True
    return len(text) >= 20 and text.endswith("。") and not peel_levels(text)[0]
