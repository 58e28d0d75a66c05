"""Candidate readings of a document beside today's walker (issue 23, "readings compete").

``walker`` is the walk of :mod:`.tables` over the lines as printed. ``headerless`` serves
fragments that start at indicator rows with no column header above them (a web copy of the
lower half of a form; family 2 of docs/reading.md): the walk is run again with a column
header supplied just before the first row that opens with a level label, once for each usual
header of goal and self-evaluation tables; :func:`~jixiao.reading.selfcheck.select` keeps the
reading whose arithmetic holds best, and the walker's own reading on a tie.

Which readings run is a parameter of :func:`jixiao.reading.build_document`; its default comes
from ``JIXIAO_READINGS`` (comma-separated names), else :data:`DEFAULT_READINGS`.
"""

from __future__ import annotations

import os

from jixiao.core.text import label_key
from jixiao.core.vocabulary import LEVEL1_LABELS, LEVEL2_LABELS
from jixiao.io.table import Layout
from jixiao.reading.cells import Line, piece

READINGS_ENV = "JIXIAO_READINGS"
DEFAULT_READINGS: tuple[str, ...] = ("walker", "headerless", "typed")
KNOWN_READINGS = frozenset(("walker", "headerless", "typed"))

# The column headers a fragment is tried with: goal tables, then self-evaluations.
SUPPLIED_HEADERS: tuple[tuple[str, ...], ...] = (
    ("一级指标", "二级指标", "三级指标", "指标值"),
    ("一级指标", "二级指标", "三级指标", "年度指标值", "分值"),
    ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"),
)
# Level labels a fragment may open with: 一级, or 二级 when its 一级 cell was cut off above.
_LEVEL_KEYS = sorted(
    {label_key(k) for k in (*LEVEL1_LABELS, *LEVEL2_LABELS) if len(k) >= 4},
    key=len,
    reverse=True,
)


def default_readings() -> tuple[str, ...]:
    configured = os.environ.get(READINGS_ENV, "").strip()
    if not configured:
        return DEFAULT_READINGS
    names = tuple(n.strip() for n in configured.split(",") if n.strip() in KNOWN_READINGS)
    return names or DEFAULT_READINGS


def _opens_with_level(line: Line) -> bool:
    if not line.filled:
        return False
    first = label_key(line.filled[0].clean)
    if line.layout is Layout.LINES:
        return any(first.startswith(k) for k in _LEVEL_KEYS)
    return first in _LEVEL_KEYS


def first_level_row(lines: list[Line]) -> int | None:
    """Index of the first line that opens with a level label (``产出指标``, ``数量指标`` …)."""
    return next((k for k, line in enumerate(lines) if _opens_with_level(line)), None)


def with_header(lines: list[Line], at: int, header: tuple[str, ...]) -> list[Line]:
    """``lines`` with ``header`` supplied as a column header row before ``lines[at]``."""
    row = lines[at]
    src = row.source
    if row.layout is Layout.STREAM:
        supplied = [Line([piece(label, src)], Layout.STREAM, src, row.block) for label in header]
    elif row.layout is Layout.LINES:
        supplied = [Line([piece(" ".join(header), src)], Layout.LINES, src, row.block)]
    else:
        width = max(len(row.pieces), len(header))
        cells = [*header, *([""] * (width - len(header)))]
        supplied = [Line([piece(c, src) for c in cells], Layout.GRID, src, row.block)]
    return [*lines[:at], *supplied, *lines[at:]]
