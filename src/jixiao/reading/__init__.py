"""The one builder: neutral :class:`~jixiao.io.table.RawDocument` → goal tables + problems.

Pure Python (no file-format library). Readers never parse goal tables themselves. The walk
(:mod:`.tables`) finds tables and their parts; :mod:`.columns` maps the indicator header,
:mod:`.indicators` reads rows (carry-down, repairs), :mod:`.segment` splits text lines,
:mod:`.budget` reads the self-evaluation budget block, :mod:`.kind` tells goal / selfeval /
monitor apart. Problem codes (``B…``) are in :mod:`.problems`; docs/reading.md explains them.
"""

from __future__ import annotations

from jixiao.core.model import Document, GoalTable
from jixiao.core.problems import Problem, has_errors, make
from jixiao.core.source import SourceLocation
from jixiao.io.table import RawDocument
from jixiao.reading import problems as P
from jixiao.reading.rows import lines_of
from jixiao.reading.tables import Walker


def build_document(raw: RawDocument) -> Document:
    """Find every goal / self-evaluation / monitoring table in ``raw`` and build it."""
    problems: list[Problem] = list(raw.problems)
    here = SourceLocation(raw.source)
    try:
        walker = Walker(lines_of(raw))
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
