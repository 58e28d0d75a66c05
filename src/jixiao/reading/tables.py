"""The walk over all rows of a document: where tables start and end, and which part is which.

One state machine reads every block in document order as one sequence of lines, so a table may
span blocks and several tables may share one. A title (项目绩效目标表 …) or a new 项目名称
starts a table; header labels fill its header; a budget header opens the budget block; the
indicator column header opens the indicator block, which :class:`BlockReader` reads.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.core.model import Budget, GoalTable, Header, Period, TableKind
from jixiao.core.money import MoneyUnit
from jixiao.core.problems import Problem, make
from jixiao.core.source import SourceLocation
from jixiao.core.text import compact
from jixiao.io.table import Layout
from jixiao.reading import problems as P
from jixiao.reading.blocks import join_vertical_level1, merge_blocks
from jixiao.reading.budget_walk import (
    budget_line,
    budget_start,
    budget_stream,
    end_budget,
    flush_budget_row,
    open_budget,
)
from jixiao.reading.cells import Line, Piece, display, is_value_like, norm
from jixiao.reading.columns import Columns, read_header, starts_header
from jixiao.reading.draft import Draft, Pending, Section
from jixiao.reading.fields import (
    append_text,
    assign,
    budget_value,
    funding,
    header_cells,
    header_line,
    labels_over_values,
    list_labels,
    list_row,
    prose_total,
    split_colon_cells,
    take_pending,
    total_score_text,
)
from jixiao.reading.header import (
    name_from_title,
    parse_period,
    split_code,
    unit_from_note,
    year_of,
)
from jixiao.reading.indicators import BlockReader, is_end_line, is_prose_end
from jixiao.reading.kind import kind_of
from jixiao.reading.records import where
from jixiao.reading.rows import is_furniture
from jixiao.reading.segment import (
    glued_header_end,
    split_header_row,
    split_labels,
    split_title,
)
from jixiao.reading.transposed import read_transposed, starts_transposed
from jixiao.reading.vocab import (
    TITLE_RE,
    TOTAL_RE,
    BudgetCol,
    Col,
    Field,
    budget_column_of,
    column_of,
    field_of_label,
    is_long_term_label,
    month_of_column,
    month_of_value,
)

_NOTE_START = re.compile(r"^((附件|注|说明)[:：]?\d*[.、]|\d+[.、])")
_YEAR_LINE = re.compile(r"^[(（]?((?:19|20)\d{2})年度?[)）]?$")


class Walker:
    # header fields (fields.py) and the budget block (budget_walk.py)
    _header_line = header_line
    _list_labels = list_labels
    _labels_over_values = labels_over_values
    _list_row = list_row
    _header_cells = header_cells
    _take_pending = take_pending
    _assign = assign
    _append_text = append_text
    _budget_value = budget_value
    _funding = funding
    _total_score_text = total_score_text
    _budget_start = budget_start
    _open_budget = open_budget
    _budget_line = budget_line
    _budget_stream = budget_stream
    _flush_budget_row = flush_budget_row
    _end_budget = end_budget

    def _note_month(self, labels: list[str]) -> None:
        """The cut-off month a monitoring column header names (1-7月执行情况), first one wins."""
        if self.draft is None or self.draft.month is not None:
            return
        self.draft.month = next(filter(None, map(month_of_column, labels)), None)

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.tables: list[Draft] = []
        self.problems: list[Problem] = []
        self.draft: Draft | None = None
        self.section = Section.HEADER
        self.pending: list[Pending] = []
        self.reader: BlockReader | None = None
        self.last_reader: BlockReader | None = None  # the block before, within this table
        self.deferred_title: Line | None = None
        self.budget_row: tuple[Piece, list[Piece]] | None = None
        self.doc_unit: MoneyUnit | None = None
        # ``自评得分为95分`` in the 自评综述 before a form: the total of the form that follows
        self.prose_total: Decimal | None = None
        self.at = 0  # index of the line being read

    # --- main loop ------------------------------------------------------------------------

    def run(self) -> list[Draft]:
        i = 0
        while i < len(self.lines):  # the list grows when a text line is exploded
            line = self.lines[i]
            try:
                i = self._step(i, line)
            except Exception as exc:  # never raise: report and go on with the next line
                self.problems.append(
                    make(P.INTERNAL, f"builder failure on this line: {exc!r}", line.source)
                )
                i += 1
        self._close(at_end=True)
        return self.tables

    def _step(self, i: int, line: Line) -> int:
        self.at = i
        if not line.filled:
            if self.section is Section.INDICATORS and self.reader and line.layout is Layout.STREAM:
                self.reader.feed(line)
            elif self.section is Section.BUDGET and line.layout is Layout.STREAM:
                self._budget_stream(line.pieces[0])
            elif self.pending and line.layout is Layout.STREAM:
                self._assign(self.pending.pop(0), line.pieces[0])
            return i + 1
        text = line.text
        if is_furniture(text):
            return i + 1  # page headers/footers and web-page chrome, also inside a table
        if line.layout is Layout.GRID and self.section is not Section.INDICATORS:
            split_colon_cells(line)
        if line.layout is Layout.LINES:
            exploded = self._explode(line)
            if exploded is not None:
                self.lines[i : i + 1] = exploded
                return i
            self._join_split_label(i, line)
        elif line.layout is Layout.STREAM and self.section is not Section.INDICATORS:
            self._join_split_label(i, line)
        unit = unit_from_note(text) if len(text) < 40 and "单位" in text else None
        if unit is not None:
            self.doc_unit = unit
            if self.draft:
                self.draft.unit = unit
        label_unit = _budget_label_unit(line)
        if label_unit is not None and self.draft is not None:
            self.draft.unit = label_unit  # 项目资金（元）: this table's figures are in 元
        if self._is_title(line):
            self._title(line)
            return i + 1
        if line.layout is Layout.GRID and len(line.filled) > 1:
            text = line.text  # split_colon_cells may have split a cell
        year_only = _YEAR_LINE.match(norm(text))
        if year_only:
            if self.draft is not None and self.draft.year is None:
                self.draft.year = int(year_only.group(1))
            return i + 1
        if line.layout is Layout.GRID and norm(line.filled[0].text) == "序号":
            self.section = Section.AFTER if self.draft is not None else self.section
            return i + 1  # a list or allocation table (序号 | 乡镇 | 金额): not a goal table
        first = line.filled[0].clean
        if line.layout is Layout.LINES:
            first = next(iter(split_labels(first)), first)
        if self.deferred_title is not None:
            self._settle_title(first)
        if (
            field_of_label(first) is Field.NAME
            and self._starts_new_table()
            and not self._same_name(i, line)
        ):
            self._close(at_end=False)
            self._open(line.source)
        if starts_header(line):
            got = read_header(self.lines, i)
            if got is not None:
                if (
                    i > 0
                    and is_long_term_label(self.lines[i - 1].text)
                    and not got[0].has(Col.PERIOD)
                ):
                    # a 长期绩效指标 heading row above the header: its 指标值 are period targets
                    cols = got[0]
                    cols.roles = [Col.PERIOD if r is Col.ANNUAL else r for r in cols.roles]
                return self._start_block(got[0], got[1])
        if self.draft is None:
            if field_of_label(first) is Field.NAME and _list_header(line):
                return i + 1  # 项目名称 | 项目类别 | 资金来源 | 预算数: a list of projects
            if field_of_label(first) is Field.NAME:
                self._open(line.source)
            else:
                self.prose_total = prose_total(text) or self.prose_total
                return i + 1
        if self._list_row(line):
            return i + 1
        if self.section is not Section.INDICATORS and starts_transposed(line):
            done = self._transposed(i)
            if done is not None:
                return done
        if self.section is Section.INDICATORS:
            return self._indicator_line(i, line)
        self._total_score_text(text)
        if self.section is Section.AFTER:
            return i + 1
        if self._budget_start(i, line):
            return self._budget_header_end
        if self.section is Section.BUDGET and self._budget_line(line):
            return i + 1
        self.section = Section.HEADER
        self._header_line(line)
        return i + 1

    # --- tables ---------------------------------------------------------------------------

    def _is_title(self, line: Line) -> bool:
        text = line.text
        if len(norm(text)) > 60 or len(line.filled) > 2:
            return False
        if not TITLE_RE.search(compact(text)):
            return False
        if field_of_label(line.filled[0].clean) is not None:
            return False
        return not _NOTE_START.match(norm(text))

    def _title(self, line: Line) -> None:
        if self.section is Section.INDICATORS:
            # a title inside the indicator block: a page repeating its heading, or a new table;
            # the next line tells (a header field starts a table, rows continue this one)
            self.deferred_title = line
            return
        title = display(line.text).lstrip("#").strip()
        if self.draft is not None and not self.draft.has_content:
            self.draft.title = title
            self.draft.year = self.draft.year or _title_year(title)
            self.draft.source = line.source
            return
        self._close(at_end=False)
        self._open(line.source)
        assert self.draft is not None
        self.draft.title = title
        self.draft.year = _title_year(title)

    def _settle_title(self, first: str) -> None:
        line, self.deferred_title = self.deferred_title, None
        if line is None or field_of_label(first) is None:
            return  # rows or a repeated column header follow: the same table goes on
        self._close(at_end=False)
        self._title(line)

    def _same_name(self, i: int, line: Line) -> bool:
        """项目名称 and 项目支出名称 both printed with one value: one table, not two."""
        d = self.draft
        if d is None or d.indicators or d.saw_block:
            return False
        if len(line.filled) >= 2:
            value = line.filled[1].text
        elif line.layout is Layout.STREAM:  # the value is the next printed cell
            nxt = next((ln for ln in self.lines[i + 1 : i + 3] if ln.filled), None)
            value = nxt.text if nxt is not None else ""
        else:
            cells = split_labels(line.text)
            value = cells[1] if len(cells) > 1 else ""
        return compact(value) == compact(d.values.get(Field.NAME, ""))

    def _starts_new_table(self) -> bool:
        d = self.draft
        return d is not None and (Field.NAME in d.values or bool(d.indicators) or d.saw_block)

    def _open(self, source: SourceLocation) -> None:
        self.draft = Draft(len(self.tables), source)
        if self.doc_unit is not None:
            self.draft.unit = self.doc_unit
        self.draft.total_score, self.prose_total = self.prose_total, None
        self.last_reader = None
        self.section = Section.HEADER
        self.pending = []
        self.reader = None

    def _close(self, at_end: bool) -> None:
        if self.section is Section.INDICATORS:
            self._end_block(at_end=at_end)
        if self.section is Section.BUDGET:
            self._end_budget()
        d = self.draft
        if d is not None and d.has_content:
            if at_end and not d.saw_block:
                d.cut = True
            self.tables.append(d)
        self.draft = None
        self.section = Section.HEADER
        self.pending = []

    # --- LINES explosion ------------------------------------------------------------------

    def _explode(self, line: Line) -> list[Line] | None:
        """Cut a text line holding a title or a column header inside prose into lines."""
        text = line.pieces[0].text
        parts = split_title(text)
        if parts is not None and (parts[0].strip() or parts[2].strip()):
            before, title, after = parts
            if len(norm(title)) <= 60:
                return [_derived(line, s) for s in (before, title, after) if s.strip()]
        m = re.search(r"(绩效指标)?\s*一级指标\s*二级指标", text)
        if m and m.start() > 0 and split_header_row(text) is None:
            return [_derived(line, text[: m.start()]), _derived(line, text[m.start() :])]
        if m and m.start() == 0:
            header_end = _header_end(text)
            if 0 < header_end < len(text.rstrip()):
                return [_derived(line, text[:header_end]), _derived(line, text[header_end:])]
        return None

    # --- header fields --------------------------------------------------------------------

    # --- budget block ---------------------------------------------------------------------

    _budget_header_end = 0

    # --- indicator block ------------------------------------------------------------------

    def _start_block(self, cols: Columns, next_i: int) -> int:
        if self.draft is None:
            self._open(cols.source)
        assert self.draft is not None
        if self.section is Section.INDICATORS:
            self._end_block(at_end=False)
        if self.section is Section.BUDGET:
            self._end_budget()
        previous = self.last_reader
        self.draft.saw_block = True
        self.draft.columns |= {r for r in cols.roles if r is not None}
        self._note_month(cols.labels)
        self.reader = BlockReader(cols, self.draft.index)
        if previous is not None and previous.cols.labels == cols.labels:
            # the column header repeated at a page top: merged labels carry on across it
            self.reader.carry_labels(previous)
        self.section = Section.INDICATORS
        self.pending = []
        return next_i

    def _join_split_label(self, i: int, line: Line) -> None:
        """A label broken over two text lines or cells (``部门相应职能职`` + ``责概述``,
        ``项目起`` + ``止时间``) is joined back."""
        if i + 1 >= len(self.lines) or self.lines[i + 1].layout is not line.layout:
            return
        text, more = line.text, self.lines[i + 1].text
        if not more or len(line.filled) != 1 or len(self.lines[i + 1].filled) != 1:
            return
        if field_of_label(more) is not None:
            return  # ``2019年度)`` + ``项目名称``: the second line is a label of its own
        joined = field_of_label(text + more)
        if joined is None or is_value_like(more):
            return
        # ``项目`` + ``名称``; ``年度预算`` + ``金额（万元）``: a label completed by the next cell
        if field_of_label(text) in (None, joined):
            line.replace_pieces([Piece(text + more, line.source)])
            del self.lines[i + 1]

    def _transposed(self, i: int) -> int | None:
        """A block flattened column by column (names, then each column's cells)."""
        got = read_transposed(self.lines, i)
        d = self.draft
        if got is None or d is None:
            return None
        d.indicators.extend(got.indicators)
        d.saw_block = True
        d.cut = d.cut or got.cut
        d.problems.append(
            make(
                P.SEGMENTED,
                f"{where(self.lines[i].source)}: indicator block printed column by column; "
                f"{len(got.indicators)} indicator(s) read by pairing names and cells in order",
                self.lines[i].source,
                self.lines[i].text,
                table=d.index,
            )
        )
        self.section = Section.AFTER
        return got.end

    def _indicator_line(self, i: int, line: Line) -> int:
        assert self.reader is not None
        first = line.filled[0].clean
        if line.layout is not Layout.STREAM and (is_end_line(first) or is_prose_end(line)):
            total_at = next(
                (k for k, p in enumerate(line.filled) if k and TOTAL_RE.match(norm(p.text))), None
            )
            if total_at is not None:  # 其他需要说明事项 | 无 | 总分 | 100 | 96: the total row
                tail = line.filled[total_at:]
                self.reader.feed(Line(tail, line.layout, tail[0].source, line.block))
            self._end_block(at_end=False)
            self._total_score_text(line.text)
            return i + 1
        if line.layout is Layout.STREAM and is_end_line(first) and not TOTAL_RE.match(norm(first)):
            total_at = self._stream_total_ahead(i)
            if total_at is not None:  # 其他需要说明事项 / 无 / 总分 / 100 / 96: read the total
                return total_at
            self._end_block(at_end=False)
            self._total_score_text(line.text)
            return i + 1
        self.reader.feed(line)
        if line.layout is not Layout.STREAM and TOTAL_RE.match(norm(first)):
            self._end_block(at_end=False)
        return i + 1

    def _stream_total_ahead(self, i: int) -> int | None:
        """The index of a 总分 cell within the two stream cells after an end label."""
        for j in range(i + 1, min(i + 4, len(self.lines))):
            nxt = self.lines[j]
            if nxt.layout is not Layout.STREAM or not nxt.filled:
                return None
            if TOTAL_RE.match(norm(nxt.filled[0].text)):
                return j
        return None

    def _end_block(self, at_end: bool) -> None:
        if self.reader is None or self.draft is None:
            self.section = Section.AFTER
            return
        result = self.reader.finish(at_end)
        d = self.draft
        d.indicators.extend(result.indicators)
        d.problems.extend(result.problems)
        if result.total_score is not None:
            d.total_score = result.total_score
        # a total row (总分 | 100 | 96) is printed below the last indicator: the end was reached
        reached_total = result.total_score is not None and bool(result.indicators)
        if at_end and not reached_total and (result.cut or not result.indicators):
            d.cut = True
        self.last_reader = self.reader
        self.reader = None
        self.section = Section.AFTER

    # --- results --------------------------------------------------------------------------

    def build(self, draft: Draft) -> GoalTable:
        v = draft.values
        name = v.get(Field.NAME)
        code = None
        if not name and draft.title:
            name = name_from_title(draft.title)
            if name:
                draft.problems.append(
                    make(
                        P.NAME_FROM_TITLE,
                        f"no 项目名称 printed; name {name!r} taken from the title {draft.title!r}",
                        draft.source,
                        draft.title,
                        table=draft.index,
                    )
                )
        if name:
            code, name = split_code(name)
        code = v.get(Field.CODE) or code
        budget = Budget(amount=draft.budget_amount, rows=tuple(draft.funding))
        budget_cols: set[BudgetCol] = set()
        if draft.budget_block is not None:
            self._flush_budget_row()
            budget_cols = {r for r in draft.budget_block.roles if r is not None}
            block_budget = draft.budget_block.budget(None)
            draft.problems.extend(draft.budget_block.problems)
            draft.budget_block.problems.clear()
            block_extra = [*draft.budget_block.extra, *draft.budget_block.forecast_extra()]
            draft.extra.extend(x for x in block_extra if x not in draft.extra)
            if block_budget.amount is not None or draft.budget_amount is None:
                budget = block_budget
        period = parse_period(v.get(Field.PERIOD, "")) if v.get(Field.PERIOD) else Period()
        year = draft.year
        if year is None and draft.title:
            year = _title_year(draft.title)
        weights = [i.weight for i in draft.indicators if i.weight is not None]
        kind = kind_of(draft.title, draft.columns, budget_cols, weights)
        header = Header(
            name=display(name) if name else None,
            code=code,
            type=v.get(Field.TYPE) or None,
            level=v.get(Field.LEVEL) or None,
            department=v.get(Field.DEPARTMENT) or None,
            unit=v.get(Field.UNIT) or None,
            period=period,
            budget=budget,
            period_goal=v.get(Field.PERIOD_GOAL) or None,
            annual_goal=v.get(Field.ANNUAL_GOAL) or None,
            annual_result=v.get(Field.ANNUAL_RESULT) or None,
            year=year,
            extra=tuple(
                with_month(draft.extra, draft.month if kind is TableKind.MONITOR else None)
            ),
            sources=tuple(draft.sources),
        )
        indicators, merged = merge_blocks(draft.indicators, draft.source, draft.index)
        indicators, vertical = join_vertical_level1(indicators, draft.source, draft.index)
        draft.problems.extend([*merged, *vertical])
        return GoalTable(
            kind=kind,
            header=header,
            indicators=tuple(indicators),
            total_score=draft.total_score,
            complete=not draft.cut,
            title=draft.title,
            source=draft.source,
        )


def _budget_label_unit(line: Line) -> MoneyUnit | None:
    first = line.filled[0].clean
    if len(first) > 20 or budget_column_of(first) is not BudgetCol.LABEL:
        return None
    return unit_from_note(first)


def _list_header(line: Line) -> bool:
    """A GRID row of column labels that starts with 项目名称 (a project list or budget table):
    the cell after 项目名称 is itself a label, not the project's name."""
    filled = line.filled
    if line.layout is not Layout.GRID or len(filled) < 3:
        return False
    second = filled[1].clean
    if field_of_label(second) is None and column_of(second) is None:
        return False
    # labels of a goal-table header printed side by side (项目名称 | 主管部门 | 实施单位 with
    # the values on the next row) are all header fields; a list has other columns (预算数)
    return not all(field_of_label(p.clean) is not None for p in filled)


def _title_year(title: str) -> int | None:
    return year_of(title)


def _derived(line: Line, text: str) -> Line:
    return Line([Piece(text.strip(), line.source)], Layout.LINES, line.source, line.block)


def _header_end(text: str) -> int:
    """End of a column-header run at the start of ``text`` (the labels before the first row)."""
    tokens = list(re.finditer(r"\S+", text))
    end = 0
    for m in tokens:
        if column_of(m.group(0)) is None:
            break
        end = m.end()
    glued = glued_header_end(text)
    return max(end, glued)


__all__ = ["Col", "Draft", "Walker"]


def with_month(extra: list[tuple[str, str]], month: int | None) -> list[tuple[str, str]]:
    """Header.extra with ``monitor_month`` (the exporters' key, an integer string) added from a
    printed 监控月份 / monitor_month field or else the 1-N月 column headers."""
    keys = dict(extra)
    printed = month_of_value(keys.get("monitor_month") or keys.get("监控月份"))
    month = printed or month
    if month is None:
        return extra
    out = [pair for pair in extra if pair[0] != "monitor_month"]
    return [*out, ("monitor_month", str(month))]
