"""``.docx`` reader (python-docx ≥ 1.2).

The body is read in order: each table becomes a GRID table, each run of paragraphs between
tables a LINES table (one single-cell row per paragraph) so titles and prose reach the builder.
Grid positions are grouped by the ``<w:tc>`` element that covers them (horizontal gridSpan and
vertical vMerge), keyed on the element itself and kept referenced in a dict, never by ``id()``:
lxml proxies are recreated and ids reused.
Nested tables follow their parent table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jixiao.core.problems import make
from jixiao.core.source import SourceLocation
from jixiao.io.readers.common import (
    INTERNAL,
    PACKAGE_ERRORS,
    Origin,
    damaged,
    lines_table,
    span_grid,
)
from jixiao.io.table import RawDocument, Table

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _Reader:
    def __init__(self, document: Any, name: str) -> None:
        self.document = document
        self.raw = RawDocument(name)
        self.tables_seen = 0
        self.paragraphs_seen = 0
        self.pending: list[tuple[str, SourceLocation]] = []

    def read_body(self, parent: Any) -> None:
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph

        for child in parent.iterchildren():
            if child.tag == f"{_W}p":
                self.paragraphs_seen += 1
                text = Paragraph(child, self.document).text
                if text.strip():
                    here = SourceLocation(self.raw.source, line=self.paragraphs_seen)
                    self.pending.append((text, here))
            elif child.tag == f"{_W}tbl":
                self.flush_lines()
                self.read_table(DocxTable(child, self.document))
            elif child.tag == f"{_W}sdt":
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    self.read_body(content)

    def flush_lines(self) -> None:
        if self.pending:
            base = SourceLocation(self.raw.source, line=self.pending[0][1].line)
            self.raw.tables.append(lines_table(self.pending, base))
            self.pending = []

    def read_table(self, table: Any) -> None:
        self.tables_seen += 1
        base = SourceLocation(self.raw.source, sheet=f"table {self.tables_seen}")
        try:
            grid, nested = table_grid(table, base)
        except Exception as exc:  # a malformed table must not hide the rest of the document
            message = f"table {self.tables_seen} could not be read ({exc}); it was skipped"
            self.raw.problems.append(make(INTERNAL, message, base))
            return
        self.raw.tables.append(grid)
        for inner in nested:
            self.read_table(inner)


def table_grid(table: Any, base: SourceLocation) -> tuple[Table, list[Any]]:
    """The span grid of one Word table and the tables nested in its cells.

    Walks ``w:tr``/``w:tc`` once: ``w:gridBefore`` and ``w:gridSpan`` give the grid columns,
    a ``w:vMerge`` without ``restart`` continues the cell above, a legacy ``w:hMerge`` without
    ``restart`` the cell on the left. This is what python-docx's
    ``row.cells`` resolves too, but in one pass (``row.cells`` runs XPath per cell, which made
    a 100-table document take seconds).
    """
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    first_at: dict[Any, tuple[int, int]] = {}  # <w:tc> element -> origin position
    last_at: dict[Any, tuple[int, int]] = {}
    owner: dict[tuple[int, int], Any] = {}  # grid position -> the <w:tc> covering it
    n_cols = 0
    rows = table._tbl.findall(f"{_W}tr")
    for r, tr in enumerate(rows):
        col = tr.grid_before
        for tc in tr.iterchildren(f"{_W}tc"):
            span = max(1, tc.grid_span)
            merged_from = None
            if tc.vMerge == "continue":
                merged_from = owner.get((r - 1, col))
            elif _h_merge(tc) == "continue":  # legacy Word horizontal merge
                merged_from = owner.get((r, col - 1))
            element = merged_from if merged_from is not None else tc
            if element not in first_at:
                first_at[element] = (r, col)
            r0, c0 = first_at[element]
            r1, c1 = last_at.get(element, (r0, c0))
            last_at[element] = (max(r1, r), max(c1, col + span - 1))
            for c in range(col, col + span):
                owner[(r, c)] = element
            col += span
        n_cols = max(n_cols, col)
    origins: list[Origin] = []
    nested: list[Any] = []
    for tc, (r0, c0) in first_at.items():
        r1, c1 = last_at[tc]
        text = "\n".join(Paragraph(p, table).text for p in tc.iterchildren(f"{_W}p"))
        # Empty paragraphs around nested tables give bare newlines; drop them at the ends.
        origins.append(Origin(r0, c0, text.strip("\n"), r1 - r0 + 1, c1 - c0 + 1))
        nested.extend(DocxTable(tbl, table) for tbl in tc.iterchildren(f"{_W}tbl"))
    return span_grid(origins, len(rows), n_cols, base), nested


def _h_merge(tc: Any) -> str | None:
    """``w:hMerge`` of old Word files (python-docx ignores it): restart / continue / None."""
    tc_pr = tc.tcPr
    mark = None if tc_pr is None else tc_pr.find(f"{_W}hMerge")
    if mark is None:
        return None
    return str(mark.get(f"{_W}val", "continue"))


def read_docx(path: Path, source_name: str | None = None) -> RawDocument:
    """Read every table and paragraph of ``path`` in document order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    name = source_name or str(path)
    # A main part with the wrong root element or no body surfaces as AttributeError/TypeError.
    errors: tuple[type[Exception], ...] = (
        *PACKAGE_ERRORS,
        SyntaxError,
        PackageNotFoundError,
        AttributeError,
        TypeError,
        OSError,
    )
    try:
        document = docx.Document(str(path))
        body = document.element.body
        if body is None:
            raise ValueError("the document part has no body")
    except errors as exc:
        return damaged(name, "Word", exc)
    reader = _Reader(document, name)
    reader.read_body(body)
    reader.flush_lines()
    return reader.raw
