"""Split decoded text into segments of one layout each (tab rows, pipe cells, cell stream, lines).

The rules are written out for users in ``docs/formats-text.md``; in short:

* a run of consecutive lines holding a tab is a tab grid;
* a run of lines holding ``|`` (plus the bare cell lines of copies that put each ``|`` on a
  line of its own) with at least three pipes is a pipe region;
* among the remaining lines, a long run of single lines each separated by one or more blank
  lines is a cell stream (one web-table cell per line);
* everything else is plain lines; Markdown-style ``#`` headings are kept as lines and name the
  next block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from statistics import median


class Kind(Enum):
    EMPTY = "empty"  # nothing at all: a separator
    SPACE = "space"  # only spaces / NBSP: an emptied cell in copies of web tables
    TAB = "tab"
    PIPE = "pipe"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based
    text: str
    kind: Kind

    @property
    def is_pipe_only(self) -> bool:
        return self.kind is Kind.PIPE and not self.text.replace("|", "").strip()

    @property
    def opens_with_pipe(self) -> bool:
        return self.kind is Kind.PIPE and self.text.lstrip().startswith("|")

    @property
    def is_framed(self) -> bool:
        """A Markdown-style row ``| a | b |``: framed by pipes, two cells or more, some text."""
        text = self.text.strip()
        return (
            self.kind is Kind.PIPE
            and text.startswith("|")
            and text.endswith("|")
            and text.count("|") >= 3
            and bool(text.replace("|", "").strip())
        )


@dataclass(frozen=True, slots=True)
class Segment:
    kind: str  # "tab", "pipe", "stream" or "lines"
    lines: tuple[Line, ...]
    title: str | None = None


HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(\S.*?)[ \t#]*$")
MIN_PIPES = 3  # fewer pipes are punctuation in prose (``发布时间 | 发布单位``)
MIN_STREAM_CELLS = 8
MAX_STREAM_MEDIAN = 40  # web cells are short; paragraphs of prose are not
MAX_CELL_LINES = 3
MIN_SINGLE_SHARE = 0.75


def heading_text(line: Line) -> str | None:
    match = HEADING.match(line.text) if line.kind is Kind.TEXT else None
    return match.group(2) if match else None


def classify(text: str) -> list[Line]:
    out: list[Line] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw:
            kind = Kind.EMPTY
        elif "\t" in raw:
            kind = Kind.TAB  # even when blank: a row of empty cells keeps its place in a grid
        elif not raw.strip():
            kind = Kind.SPACE
        elif "|" in raw:
            kind = Kind.PIPE
        else:
            kind = Kind.TEXT
        out.append(Line(number, raw, kind))
    return out


def segments(lines: list[Line]) -> list[Segment]:
    """The segments of ``lines`` in order; every line lands in exactly one segment."""
    out: list[Segment] = []
    rest: list[Line] = []
    i = 0
    while i < len(lines):
        end, kind = _structured_run(lines, i)
        if kind is None:
            rest.append(lines[i])
            i += 1
            continue
        out.extend(_split_rest(rest))
        rest = []
        out.append(Segment(kind, tuple(lines[i:end])))
        i = end
    out.extend(_split_rest(rest))
    return _with_titles(out)


def _structured_run(lines: list[Line], i: int) -> tuple[int, str | None]:
    """End (exclusive) and kind of a tab or pipe run starting at ``i``; kind None if none."""
    line = lines[i]
    if line.kind is Kind.TAB:
        end = i
        while end < len(lines) and lines[end].kind is Kind.TAB:
            end += 1
        run = lines[i:end]
        wide = any(sum(1 for c in ln.text.split("\t") if c.strip()) >= 2 for ln in run)
        return (end, "tab") if len(run) >= 2 or wide else (end, None)
    starts_pipe = line.kind is Kind.PIPE
    starts_bare_cell = (
        line.kind is Kind.TEXT
        and i + 1 < len(lines)
        and lines[i + 1].opens_with_pipe
        and not _framed_pair(lines, i + 1)  # a title above a Markdown table, not a cell
    )
    if not (starts_pipe or starts_bare_cell):
        return i + 1, None
    end = _pipe_region_end(lines, i + 1)
    pipes = sum(ln.text.count("|") for ln in lines[i:end])
    return (end, "pipe") if pipes >= MIN_PIPES else (i + 1, None)


def _pipe_region_end(lines: list[Line], j: int) -> int:
    while j < len(lines):
        kind = lines[j].kind
        if kind is Kind.PIPE:
            j += 1
            continue
        if kind is not Kind.TEXT:
            return j
        m = j
        while m < len(lines) and lines[m].kind is Kind.TEXT:
            m += 1
        if m < len(lines) and lines[m].opens_with_pipe:
            if lines[j - 1].is_framed and _framed_pair(lines, m):
                return j  # text between two Markdown tables: a line of its own
            j = m  # bare cell lines whose terminating ``|`` sits on the next line
            continue
        if m == len(lines) and m - j == 1:
            return m  # a cell cut off at the end of the copy
        return j
    return j


def _framed_pair(lines: list[Line], i: int) -> bool:
    """Lines ``i`` and ``i + 1`` are Markdown-framed rows: a framed table starts at ``i``."""
    return i + 1 < len(lines) and lines[i].is_framed and lines[i + 1].is_framed


def _split_rest(rest: list[Line]) -> list[Segment]:
    """Plain lines, with long runs of blank-separated single lines taken out as streams."""
    items = _items(rest)
    in_stream = [False] * len(rest)
    k = 0
    while k < len(items):
        end = k
        while end < len(items) and _is_stream_item(rest, items[end]):
            end += 1
        if _is_stream([rest[slice(*items[n])] for n in range(k, end)]):
            for idx in range(items[k][0], items[end - 1][1]):
                in_stream[idx] = True
            k = end
        else:
            k = max(end, k + 1)
    out: list[Segment] = []
    start = 0
    for idx in range(1, len(rest) + 1):
        if idx == len(rest) or in_stream[idx] != in_stream[start]:
            out.append(Segment("stream" if in_stream[start] else "lines", tuple(rest[start:idx])))
            start = idx
    return out


def _items(rest: list[Line]) -> list[tuple[int, int]]:
    """Index ranges of adjacent non-empty lines; EMPTY lines separate them."""
    items: list[tuple[int, int]] = []
    start: int | None = None
    for idx, line in enumerate(rest):
        if line.kind is Kind.EMPTY:
            if start is not None:
                items.append((start, idx))
                start = None
        elif start is None:
            start = idx
    if start is not None:
        items.append((start, len(rest)))
    return items


def _is_stream_item(rest: list[Line], item: tuple[int, int]) -> bool:
    """One cell: a line, or up to three adjacent short lines (a cell with a line break)."""
    start, stop = item
    lines = rest[start:stop]
    if stop - start > MAX_CELL_LINES or any(heading_text(ln) for ln in lines):
        return False
    return stop - start == 1 or all(len(ln.text.strip()) <= MAX_STREAM_MEDIAN for ln in lines)


def _is_stream(cells: list[list[Line]]) -> bool:
    if len(cells) < MIN_STREAM_CELLS:
        return False
    if sum(len(c) == 1 for c in cells) < MIN_SINGLE_SHARE * len(cells):
        return False
    if any(not ln.text.strip() for c in cells for ln in c):
        return True
    return median(len(c[0].text.strip()) for c in cells) <= MAX_STREAM_MEDIAN


def _with_titles(segs: list[Segment]) -> list[Segment]:
    """Give each non-``lines`` segment the last ``#`` heading seen since the previous one."""
    out: list[Segment] = []
    heading: str | None = None
    for seg in segs:
        if seg.kind == "lines":
            for line in seg.lines:
                heading = heading_text(line) or heading
            out.append(seg)
            continue
        out.append(Segment(seg.kind, seg.lines, heading))
        heading = None
    return out
