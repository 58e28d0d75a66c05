"""The one builder: neutral :class:`~jixiao.io.table.RawDocument` → goal tables + problems.

Pure Python (no file-format library). Readers never parse goal tables themselves. The walk
(:mod:`.tables`) finds tables and their parts; :mod:`.columns` maps the indicator header,
:mod:`.indicators` reads rows (carry-down, repairs), :mod:`.segment` splits text lines,
:mod:`.budget` reads the self-evaluation budget block, :mod:`.kind` tells goal / selfeval /
monitor apart. Problem codes (``B…``) are in :mod:`.problems`; docs/reading.md explains them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from jixiao.core.model import Document, GoalTable
from jixiao.core.problems import Problem, has_errors, make
from jixiao.core.source import SourceLocation
from jixiao.io.table import RawDocument
from jixiao.reading import problems as P
from jixiao.reading.candidates import (
    SUPPLIED_HEADERS,
    default_readings,
    first_level_row,
    with_header,
)
from jixiao.reading.cells import Line
from jixiao.reading.rows import lines_of
from jixiao.reading.selfcheck import select
from jixiao.reading.tables import Walker
from jixiao.reading.typed import indicator_rows, typed_header


def build_document(raw: RawDocument, readings: Sequence[str] | None = None) -> Document:
    """Find every goal / self-evaluation / monitoring table in ``raw`` and build it.

    ``readings`` names the candidate readings to run (:mod:`.candidates`; default
    ``JIXIAO_READINGS`` or :data:`~jixiao.reading.candidates.DEFAULT_READINGS`); the one whose
    self-check scores best is returned (:mod:`.selfcheck`).
    """
    names = tuple(readings) if readings is not None else default_readings()
    walked = _walk(raw, lines_of(raw))
    candidates: list[tuple[str, Document]] = [("", walked)]
    if not any(t.indicators for t in walked.tables):
        candidates += _supplied_header_readings(raw, names)
    best, check = select([doc for _, doc in candidates])
    if best == 0:
        return walked
    supplied, doc = candidates[best]
    where = doc.tables[0].source if doc.tables else None
    chosen = make(
        P.SUPPLIED_HEADER,
        f"no column header above the indicator rows: read with the header {supplied!r} "
        f"supplied, chosen among {len(candidates)} readings by the table's own arithmetic "
        f"({check.points} points)",
        where or SourceLocation(raw.source),
    )
    # rows with neither a column header nor a project name above them: the lower part of a
    # form (a fragment), not the whole table
    tables = tuple(t if t.header.name else replace(t, complete=False) for t in doc.tables)
    return Document(doc.source, tables, (*doc.problems, chosen))


def _supplied_header_readings(
    raw: RawDocument, names: tuple[str, ...]
) -> list[tuple[str, Document]]:
    """Walks with a column header supplied before the first indicator row: the usual headers
    (``headerless``) and the one typed from the rows' content (``typed``)."""
    at = first_level_row(lines_of(raw))
    if at is None:
        return []
    headers: list[tuple[str, ...]] = []
    if "headerless" in names:
        headers += SUPPLIED_HEADERS
    if "typed" in names:
        typed = typed_header(indicator_rows(lines_of(raw), at))
        if typed is not None and typed not in headers:
            headers.append(typed)
    return [
        (" | ".join(header), _walk(raw, with_header(lines_of(raw), at, header)))
        for header in headers
    ]


def _walk(raw: RawDocument, lines: list[Line]) -> Document:
    problems: list[Problem] = list(raw.problems)
    here = SourceLocation(raw.source)
    try:
        walker = Walker(lines)
        drafts = walker.run()
        tables: list[GoalTable] = []
        for draft in drafts:
            table = walker.build(draft)
            tables.append(table)
            problems.extend(draft.problems)
            problems.extend(_table_problems(table, draft.index))
        problems.extend(walker.problems)
    except Exception as exc:  # the builder must never raise on any input
        problems.append(make(P.INTERNAL, f"internal builder failure: {exc!r}", here))
        return Document(raw.source, (), tuple(problems))
    if not tables and not has_errors(raw.problems):  # an unreadable file says so already
        problems.append(
            make(
                P.NO_TABLE,
                "no goal, self-evaluation or monitoring table found in this file "
                "(no table title, 项目名称 or indicator header was recognised)",
                here,
            )
        )
    return Document(raw.source, tuple(tables), tuple(problems))


def _table_problems(table: GoalTable, index: int) -> list[Problem]:
    where = table.source or SourceLocation("")
    out: list[Problem] = []
    if not table.indicators:
        out.append(
            make(
                P.NO_INDICATORS,
                f"table {table.name!r} has no readable indicator rows",
                where,
                table=index,
            )
        )
    if not table.complete:
        out.append(
            make(
                P.TRUNCATED,
                f"table {table.name!r} is cut off: the text ends inside it; "
                "the rows that are there were read, none was invented",
                where,
                table=index,
            )
        )
    return out
