"""Indicator rows read from text lines (LINES layout): segmented, glued or space-separated.

These are methods of :class:`~jixiao.reading.indicators.BlockReader`, kept in their own module
because text needs its own rules: no blank positions, labels and values glued together.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from jixiao.core.text import label_key
from jixiao.io.table import Layout
from jixiao.reading import problems as P
from jixiao.reading.cells import (
    QUALITATIVE_VALUES,
    Line,
    Piece,
    decimal_of,
    is_placeholder,
    is_value_like,
    norm,
)
from jixiao.reading.columns import OPTIONAL
from jixiao.reading.glued import (
    cut_records,
    decode_values,
    is_glued,
    peel,
    split_before_values,
)
from jixiao.reading.glued_values import decodable, decode_row
from jixiao.reading.records import (
    SCORE_RESIDUE,
    Record,
    is_level,
    starts_a_value,
    two_l2_then_value,
    where,
)
from jixiao.reading.runs import decode_run, readable_roles
from jixiao.reading.segment import (
    peel_levels,
    reproject,
    split_description,
    split_glued_weight,
    split_name_target,
    tokens_of,
)
from jixiao.reading.vocab import EXTRA_TAIL_RE, TOTAL_RE, Col

if TYPE_CHECKING:
    from jixiao.reading.indicators import BlockReader


def text_line(self: BlockReader, line: Line) -> None:
    self._here = line.source
    text = line.text
    if not text:
        return
    if self._total_text(line):
        return
    if is_glued(text):
        self._flush_waiting()
        self._glued_line(line)
        return
    if glued_row(self, line):
        return
    cells = reproject(text, segment_indicator_line(text))
    if self._wrapped_name(cells, line):
        return
    if len(cells) > 1 or cells != [text]:
        self._problem(
            P.SEGMENTED,
            f"{where(line.source)} split into cells {cells}",
            line.source,
            text,
        )
    if all(EXTRA_TAIL_RE.fullmatch(norm(c)) or SCORE_RESIDUE.match(norm(c)) for c in cells):
        return  # residue of an empty row (012's "-定性") or a wrapped score ("(40-50)分")
    aligned = aligned_row(self, cells, line)
    if aligned is not None:
        self._grid_row(aligned)
        return
    cells = self._split_by_columns(cells, line)
    pieces = [Piece(c, line.source) for c in cells]
    self._lines_content(pieces, line)


def aligned_row(self: BlockReader, cells: list[str], line: Line) -> Line | None:
    """A row of a rubric-style sheet (项目决策 | 项目立项 | 立项依据充分性 | 3 | … | 3) whose level
    words the vocabulary does not know, read as a grid row: all its cells (a full row), or the
    last cells when the merged 一级 / 二级 cells were left out and the row ends in the number
    the sheet's last column holds (分值 / 得分). Known level labels keep the content reading."""
    roles = self.cols.roles
    width = len(roles)
    tokens = line.text.split()  # spaces are the cell borders of such a copy, when it has them
    if 3 <= len(tokens) <= width:
        cells = tokens
    if Col.L1 not in roles or not 3 <= len(cells) <= width:
        return None
    if is_level(cells[0]) and not self._aligned:
        return None  # known level labels: the content reading (once aligned, stay aligned)
    ends_in_number = roles[-1] in (Col.SCORE, Col.WEIGHT) and decimal_of(cells[-1]) is not None
    full = len(cells) == width and ends_in_number
    if not (full or (self._aligned and ends_in_number)):
        return None
    self._aligned = True
    pad = [Piece("", line.source)] * (width - len(cells))
    return Line([*pad, *(Piece(c, line.source) for c in cells)], Layout.GRID, line.source)


_CONNECTIVE = re.compile(r"^(及|和|与|或|并|、|以及)")


def wrapped_name(self: BlockReader, cells: list[str], line: Line) -> bool:
    """A waiting name takes the values on this line; a scrap after it ends its name."""
    waiting = self._waiting
    if waiting is not None:
        self._waiting = None
        if cells and all(is_value_like(c) for c in cells):
            core = [s for s in self.slots if s[0] not in OPTIONAL] or self.slots
            waiting.values = [
                (role, label, Piece(c, line.source))
                for (role, label), c in zip(core, cells, strict=False)
            ]
            self._problem(
                P.SEGMENTED,
                f"{where(line.source)}: values {cells} read for {waiting.name.clean!r} "
                "printed on the line before",
                line.source,
                line.text,
            )
            self._emit(waiting, line)
            self._wrapped = True
            return True
        self._emit(waiting, line)
    if self._wrapped and len(cells) == 1 and _CONNECTIVE.match(cells[0]) and self.result.indicators:
        last = self.result.indicators[-1]
        self.result.indicators[-1] = replace(last, name=last.name + cells[0])
        self._problem(
            P.SEGMENTED,
            f"{where(line.source)}: {cells[0]!r} ends the name {last.name!r} of the row above",
            line.source,
            line.text,
        )
        self._wrapped = False
        return True
    self._wrapped = False
    return False


def flush_waiting(self: BlockReader) -> None:
    if self._waiting is not None:
        waiting, self._waiting = self._waiting, None
        self._emit(waiting, None)


def glued_line(self: BlockReader, line: Line) -> None:
    """Several rows glued into one line: cut by labels and template numbers, then decode."""
    parts = reproject(line.text, cut_records(line.text))
    self._problem(
        P.SEGMENTED,
        f"{where(line.source)}: glued rows cut into {len(parts)} parts by labels and "
        "template numbers",
        line.source,
        line.text,
    )
    # descriptive columns between them (得分计算方法) are not printed in glued rows
    roles = [r for r, _ in self.slots if r not in OPTIONAL]
    decodable = roles[:4] == [Col.WEIGHT, Col.ANNUAL, Col.ACTUAL, Col.SCORE]
    for part in parts:
        labels, rest = peel(part)
        if labels:
            self._apply_labels(labels, None)
        if not rest or SCORE_RESIDUE.match(rest):
            continue
        decoded = decode_values(rest) if decodable else None
        if decoded is not None:
            name, *cells = decoded
            self._problem(
                P.GLUED_SPLIT,
                f"{where(line.source)}: {rest!r} read as name {name!r} and "
                f"分值 {cells[0]} | 指标值 {cells[1]} | 实际值 {cells[2]} | 得分 {cells[3]}",
                line.source,
                rest,
            )
            printed = reproject(part, [*labels, name, *cells])[len(labels) :]
            self._emit_decoded(printed, line)
            continue
        if self._run_records(rest, line):
            continue
        if decodable:
            cut = split_before_values(rest)
            name, raw = cut if cut is not None else (rest, "")
        else:
            name, target, after = split_name_target(rest)
            raw = target + after
        if not raw:
            self._lines_content([Piece(reproject(part, [*labels, rest])[-1], line.source)], line)
            continue
        name, raw = reproject(part, [*labels, name, raw])[len(labels) :]
        if decodable and any(ch.isdigit() for ch in raw):
            self._problem(
                P.UNSPLIT_VALUE,
                f"{where(line.source)}: values {raw!r} of {name!r} could not be split into "
                "分值 | 指标值 | 实际值 | 得分; kept as printed in the target",
                line.source,
                raw,
            )
        label = next((lab for r, lab in self.slots if r is Col.ANNUAL), "指标值")
        values = [(Col.ANNUAL, label, Piece(raw, line.source))]
        record = Record(self.level1, self.level2, Piece(name, line.source), values, self.group)
        self._emit(record, line)


def emit_decoded(self: BlockReader, printed: list[str], line: Line) -> None:
    """A decoded glued row: name, 分值, 指标值, 实际值, 得分 in their columns (descriptive
    columns between them stay empty), the text after them in the free-text column."""
    name, *cells = printed
    core = [(r, lab) for r, lab in self.slots if r not in OPTIONAL][:4]
    values = [(r, lab, Piece(c, line.source)) for (r, lab), c in zip(core, cells, strict=False)]
    rest = cells[4] if len(cells) > 4 else ""
    free = next(((r, lab) for r, lab in self.slots if r in (Col.DEVIATION, Col.EXTRA)), None)
    if rest and free is not None:
        values.append((free[0], free[1], Piece(rest, line.source)))
    record = Record(self.level1, self.level2, Piece(name, line.source), values, self.group)
    self._emit(record, line)


def run_records(self: BlockReader, text: str, line: Line) -> bool:
    """Two or more rows run together between level labels (:mod:`.runs`): emitted when one
    reading of the text is best; the text after the last row goes to its free-text column."""
    slots = [(r, lab) for r, lab in self.slots if r not in OPTIONAL]
    roles = tuple(r for r, _ in slots)
    if not readable_roles(list(roles)):
        return False
    got = decode_run(text, roles)
    if got is None or len(got[0]) < 2:
        return False
    records, tail = got
    free = next(((r, lab) for r, lab in self.slots if r in (Col.DEVIATION, Col.EXTRA)), None)
    for k, rec in enumerate(records):
        values = [
            (r, lab, Piece(c, line.source)) for (r, lab), c in zip(slots, rec.cells, strict=True)
        ]
        if k == len(records) - 1 and tail and free is not None:
            values.append((free[0], free[1], Piece(tail, line.source)))
        shown = " | ".join(rec.cells)
        self._problem(
            P.GLUED_SPLIT,
            f"{where(line.source)}: glued text read as {rec.name!r} | {shown}",
            line.source,
            text,
        )
        self._emit(
            Record(self.level1, self.level2, Piece(rec.name, line.source), values, self.group), line
        )
    if tail and free is None:
        self._problem(
            P.UNREAD_ROW,
            f"{where(line.source)}: text {tail!r} after the last row is no indicator; not read",
            line.source,
            tail,
        )
    return True


def glued_row(self: BlockReader, line: Line) -> bool:
    """One row whose values ran into the name (``养护里程≥500公里512公里1515``): decoded when
    the columns after the name are targets and 分值/得分 and one reading is best."""
    roles = [r for r, _ in self.slots if r not in OPTIONAL]
    tokens = line.text.split()
    if not tokens or not decodable(roles):
        return False
    labels: list[str] = []
    for token in tokens[:-1]:
        found, rest = peel(token)
        if rest:
            return False  # the name has its own cell: the usual segmentation reads it
        labels += found
    found, rest = peel(tokens[-1])
    if not rest or not any(ch.isdigit() for ch in rest):
        return False
    decoded = decode_row(rest, roles)
    if decoded is None:
        return False
    name, *cells, tail = decoded
    shown = " | ".join(cells)
    self._problem(
        P.GLUED_SPLIT,
        f"{where(line.source)}: {rest!r} read as name {name!r} and values {shown}",
        line.source,
        rest,
    )
    printed = reproject(tokens[-1], [*found, name, *cells, *([tail] if tail else [])])
    pieces = [Piece(c, line.source) for c in [*labels, *printed] if c]
    self._lines_content(pieces, line)
    return True


def split_by_columns(self: BlockReader, cells: list[str], line: Line) -> list[str]:
    """Column-aware splits: a 指标说明 glued to the name, a weight glued to the target."""
    roles = [r for r, _ in self.slots]
    out = list(cells)
    if roles[:2] == [Col.EXTRA, Col.ANNUAL]:
        for k, cell in enumerate(out):
            if k + 1 < len(out) and is_value_like(out[k + 1]) and not is_level(cell):
                name, description = split_description(cell)
                if description:
                    out[k : k + 1] = [name, description]
                break
    if Col.ANNUAL in roles and Col.WEIGHT in roles:
        at = roles.index(Col.ANNUAL)
        if at + 1 < len(roles) and roles[at + 1] is Col.WEIGHT:
            out = self._split_weight(out, line)
    return out


def split_weight(self: BlockReader, cells: list[str], line: Line) -> list[str]:
    for k in range(len(cells) - 1, -1, -1):
        cell = cells[k]
        if not is_value_like(cell) or k == 0 or is_level(cells[k - 1]):
            continue
        if k + 1 < len(cells) and decimal_of(cells[k + 1]) is not None:
            return cells  # the weight already has its own cell
        parts = split_glued_weight(cell)
        if parts is None:
            if re.fullmatch(r"\d{4,}", norm(cell)):
                self._problem(
                    P.UNSPLIT_VALUE,
                    f"{where(line.source)}: {cell!r} may be a target glued to a weight; "
                    "kept as printed",
                    line.source,
                    cell,
                )
            return cells
        self._problem(
            P.GLUED_SPLIT,
            f"{where(line.source)}: {cell!r} read as target {parts[0]!r} + weight {parts[1]!r}",
            line.source,
            cell,
        )
        return [*cells[:k], parts[0], parts[1], *cells[k + 1 :]]
    return cells


def lines_content(self: BlockReader, pieces: list[Piece], line: Line) -> None:
    """Like :meth:`_content` but cells have no blank positions.

    Columns up to the last core column (target, weight, actual, score) are filled in order,
    skipping a descriptive column when there are not enough cells for it; descriptive
    columns after the last core one are filled only from the end of the line.
    """
    last_core = max((k for k, (r, _) in enumerate(self.slots) if r not in OPTIONAL), default=-1)
    lead = self.slots[: last_core + 1]
    tail = self.slots[last_core + 1 :]
    i = 0
    n = len(pieces)
    while i < n:
        run, i = self._label_run(pieces, i)
        if run:
            if self._last_label_is_name(run, pieces[i:]) or two_l2_then_value(run, pieces[i:]):
                name_piece = Piece(run.pop(), pieces[i].source)
                pieces.insert(i, name_piece)
                n += 1
                self._apply_labels(run, name_piece)
            else:
                self._apply_labels(run, pieces[i] if i < n else None)
                continue
        if i >= n:
            break
        if self.cols.has(Col.GROUP) and i + 1 < n and is_level(pieces[i + 1].clean):
            self.group = pieces[i].clean
            i += 1
            continue
        name = pieces[i]
        if TOTAL_RE.match(norm(name.text)):
            # ``… 22.5 合计 100 评价结论…``: the total row ends the rows of this line
            self._total_row(pieces[i:], None)
            break
        i += 1
        avail = 0
        while i + avail < n and not is_level(pieces[i + avail].clean):
            avail += 1
        values: list[tuple[Col, str, Piece]] = []
        assigned: set[int] = set()
        for k, (role, label) in enumerate(lead):
            if i >= n or is_level(pieces[i].clean):
                break
            if role in OPTIONAL:
                core_after = sum(1 for r, _ in lead[k + 1 :] if r not in OPTIONAL)
                if avail <= core_after or (role is Col.UNIT and _has_unit(values)):
                    continue
            values.append((role, label, pieces[i]))
            assigned.add(k)
            i += 1
            avail -= 1
        core_missing = any(r not in OPTIONAL and k not in assigned for k, (r, _) in enumerate(lead))
        rest = n - i
        if rest and rest <= len(tail) + 1 and not any(is_level(p.clean) for p in pieces[i:]):
            extra_pieces = pieces[i:]
            if len(extra_pieces) > len(tail) and values:
                # more cells than columns: the target was cut by a space (2023年 年底前)
                role, label, first = values[0]
                joined = Piece(first.text + extra_pieces[0].text, first.source)
                values[0] = (role, label, joined)
                extra_pieces = extra_pieces[1:]
            values += [
                (role, label, p) for (role, label), p in zip(tail, extra_pieces, strict=False)
            ]
            i = n
        self.result.cut = core_missing and i >= n
        record = Record(self.level1, self.level2, name, values, self.group)
        if not values and i >= n:
            # a name alone at the end of its line: its value may be on the next line (a PDF
            # text layer wraps the name around the value cell)
            self._waiting = record
            self.result.cut = True
            continue
        self._emit(record, line)
        if core_missing and i >= n:
            self.result.cut = True


def _has_unit(values: list[tuple[Col, str, Piece]]) -> bool:
    """The target read so far carries its unit (``90 %`` joined by the copy): no 度量单位 cell."""
    annual = next((p for r, _, p in values if r is Col.ANNUAL), None)
    return annual is not None and not re.fullmatch(r"[\d.,]+", norm(annual.text))


def last_label_is_name(self: BlockReader, run: list[str], rest: list[Piece]) -> bool:
    """``… 服务对象满意度 满意 历史标准``: the last label of a run is the 三级 name when
    what follows is only values (a qualitative value word or a target)."""
    if len(run) < 2 or not rest:
        return False
    first = rest[0].clean
    only_values = len(rest) <= len(self.slots)
    return only_values and starts_a_value(first)


def total_text(self: BlockReader, line: Line) -> bool:
    tokens = line.text.split()
    if len(tokens) > 1 and re.fullmatch(r"合计|总分|总计", norm(tokens[0])):
        numbers = [Piece(t, line.source) for t in tokens[1:] if decimal_of(t) is not None]
        if len(numbers) == len(tokens) - 1:  # 总分 100 99.9: weight total, then the score
            self._total_value(numbers, None)
            return True
    text = norm(line.text)
    m = re.match(r"^(合计|总分|总计)(\d+(?:\.\d+)?)?$", text)
    if not m:
        return False
    if m.group(2):
        self._total_value([Piece(m.group(2), line.source)], None)
    return True


# --- streams --------------------------------------------------------------------------


_NAME_THEN_COMPARED = re.compile(r"[\u3400-\u9fff)）][≥≤<>=]\d")
_COMPARATORS = frozenset("≥≤<>=")
# ``验收合格率100% 22.5``: a name, then a number with its unit or %, then another value
_NAME_THEN_AMOUNT = re.compile(r"[\u3400-\u9fff]\d+(?:\.\d+)?(?:%|[\u3400-\u9fff]{1,3})$")


def _glued_target(name: str, target: str) -> bool:
    """The cut ``name | target`` of one token is a name and a target glued together."""
    if not target or not _CJK_END.search(name):
        return False
    return target[:1] in _COMPARATORS or bool(_AMOUNT_WITH_UNIT.fullmatch(target))


_CJK_END = re.compile(r"[\u3400-\u9fff)）]$")
_AMOUNT_WITH_UNIT = re.compile(r"\d+(?:\.\d+)?(?:%|[\u3400-\u9fff]{1,3})")
_GLUED_TOTAL = re.compile(r"^(合计|总分|总计|分值合计)(\d+(?:\.\d+)?)$")


def segment_indicator_line(text: str) -> list[str]:
    """Cells of a text line of the indicator block: labels, name, target, trailing text."""
    out: list[str] = []
    tokens = tokens_of(text)
    for k, token in enumerate(tokens):
        labels, rest = peel_levels(token)
        out.extend(labels)
        if not rest:
            continue
        if k == 0 and not labels and len(tokens) > 1 and peel_levels(tokens[1])[0]:
            out.append(rest)  # a leading group cell (绩效目标1:…) before the 一级 label
            continue
        if is_value_like(rest) or EXTRA_TAIL_RE.fullmatch(norm(rest)) or is_placeholder(rest):
            out.append(rest)  # a value, an extra-column word, or template residue (指标2)
            continue
        total = _GLUED_TOTAL.match(norm(rest))
        if total:
            out.extend([total.group(1), total.group(2)])  # ``合计100``: the weight total
            continue
        if _NAME_THEN_COMPARED.search(rest) or (
            k + 1 < len(tokens) and is_value_like(tokens[k + 1]) and _NAME_THEN_AMOUNT.search(rest)
        ):
            name_part, target, after = split_name_target(rest)
            if name_part and _glued_target(name_part, target):
                # ``足额保障率=100% 22.5``: the target is glued to the name, the space
                # separates it from the next column (分值)
                out.extend([name_part, target, *(_split_tail(after) if after else [])])
                continue
        if k + 1 < len(tokens) and is_value_like(tokens[k + 1]) and not is_value_like(rest):
            out.append(rest)  # the space already separates the name from its value
            continue
        if out and not is_level(out[-1]) and (rest in QUALITATIVE_VALUES or len(rest) <= 6):
            out.append(rest)  # a short value cell after the name: keep it whole
            continue
        if out and not is_level(out[-1]) and not is_value_like(out[-1]) and len(out) >= 1:
            # a second text token after a name: a qualitative value or extra text
            name_part, target, after = split_name_target(rest)
            if target and name_part and not label_key(name_part).isdigit():
                out.extend([name_part, target])
                if after:
                    out.extend(_split_tail(after))
            else:
                out.append(rest)
            continue
        name_part, target, after = split_name_target(rest)
        out.append(name_part)
        if target:
            out.append(target)
        if after:
            out.extend(_split_tail(after))
    return [c for c in out if c]


def _split_tail(text: str) -> list[str]:
    m = EXTRA_TAIL_RE.search(text)
    if m and m.start() > 0:
        return [text[: m.start()], text[m.start() :]]
    return [text]
