"""HTML pages → neutral tables: every ``<table>`` a GRID, the text around it LINES blocks.

Parsed with lxml.html (libxml2's forgiving HTML parser). The page is walked in document order:
text outside tables is cut into lines at block elements and ``<br>``; each data table becomes a
GRID with rowspan/colspan expanded (``text_html_grid``). A small table nested in a cell is that
cell's text; a larger one becomes its own GRID right after its parent (``text_html_cells``). A
table that only lays out the page (it holds a larger nested table and has at most two columns
or three rows) is read as text with its nested tables as grids, so titles and prose keep their
order. Rules for users: ``docs/formats-text.md``.
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from jixiao.core.problems import Severity, make, register
from jixiao.core.source import SourceLocation
from jixiao.io.readers.text import read_bytes, text_tables
from jixiao.io.readers.text_decode import decode_bytes
from jixiao.io.readers.text_html_cells import (
    BLOCKS,
    SKIP,
    cell_text,
    collapse,
    nested_tables,
    stray_text,
    tag_of,
)
from jixiao.io.readers.text_html_grid import grid_table, table_rows, table_width
from jixiao.io.table import Cell, Layout, RawDocument, Row, Table

NOT_HTML = register("T004", Severity.WARNING, "HTML could not be parsed; read as plain text")

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
NOT_XML_SAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
INVISIBLE = re.compile(
    r"<(script|style|noscript|template|iframe|object|svg)\b.*?</\1\s*>|<!--.*?-->",
    re.IGNORECASE | re.DOTALL,
)
TAG = re.compile(r"<[^>]*>")
LOST_SHARE = 0.8  # captions used as titles count twice, entities differ: allow some slack


def read_html(path: Path) -> RawDocument:
    """Read an HTML page into blocks in document order; never raises."""
    name = str(path)
    data = read_bytes(path)
    if isinstance(data, RawDocument):
        return data
    match = CHARSET.search(data[:8192])
    declared = match.group(1).decode("ascii", "replace") if match else None
    decoded = decode_bytes(data, name, declared=declared)
    doc = RawDocument(name, problems=list(decoded.problems))
    if not decoded.text.strip():
        return doc
    try:
        root = lxml.html.document_fromstring(_xml_safe(decoded.text))
        walker = _Walker(name)
        walker.walk(root)
        walker.flush()
        if _lost_text(decoded.text, walker.tables):
            raise ValueError("text is missing after parsing; nesting too deep?")
        doc.tables = walker.tables
    except (etree.ParserError, ValueError, RecursionError) as exc:
        message = (
            f"{name}: the HTML could not be parsed completely ({exc}); its text was read "
            "line by line without the table structure"
        )
        doc.problems.append(make(NOT_HTML, message, SourceLocation(name)))
        doc.tables = text_tables(_strip_tags(decoded.text), name)
    return doc


def _strip_tags(text: str) -> str:
    """Page text without markup, a line break for every tag (the fallback reading)."""
    return html_lib.unescape(TAG.sub("\n", INVISIBLE.sub("\n", text)))


def _lost_text(text: str, tables: list[Table]) -> bool:
    # libxml2 silently drops what lies deeper than its nesting limit; compare with a crude count
    expected = _visible_length(_strip_tags(_xml_safe(text)))
    pieces = [c.text for t in tables for row in t.rows for c in row] + [
        t.title or "" for t in tables
    ]
    return sum(map(_visible_length, pieces)) < LOST_SHARE * expected


def _visible_length(text: str) -> int:
    return sum(map(len, text.split()))


def _xml_safe(text: str) -> str:
    # libxml2 refuses control characters and an XML declaration inside a str
    return NOT_XML_SAFE.sub("", XML_DECL.sub("", text, count=1))


class _Walker:
    """Walks the page in order, collecting text lines and emitting tables."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.tables: list[Table] = []
        self.lines: list[tuple[int | None, str]] = []
        self.buffer: list[str] = []
        self.buffer_filled = False
        self.buffer_line: int | None = None
        self.heading: str | None = None

    def walk(self, element: HtmlElement) -> None:
        tag = tag_of(element)
        if tag is not None and tag not in SKIP:
            if tag == "table" and not self._is_layout(element):
                self.table(element)
            else:
                self._flow(element, tag)
        self.add(element.tail, element.sourceline)

    def _flow(self, element: HtmlElement, tag: str) -> None:
        block = tag in BLOCKS or tag == "br"
        if block:
            self.newline()
        self.add(element.text, element.sourceline)
        for child in element:
            self.walk(child)
        if block:
            self.newline()
        if tag in HEADINGS:
            self.heading = cell_text(element) or self.heading

    def add(self, text: str | None, line: int | None) -> None:
        piece = collapse(text)
        if not piece:
            return
        if not self.buffer_filled and piece.strip():
            self.buffer_line, self.buffer_filled = line, True  # the line starts here
        self.buffer.append(piece)

    def newline(self) -> None:
        text = "".join(self.buffer).strip()
        if text:
            self.lines.append((self.buffer_line, text))
        self.buffer, self.buffer_filled = [], False

    def flush(self) -> None:
        """Emit the text lines gathered so far as one LINES block."""
        self.newline()
        if self.lines:
            rows: list[Row] = [(Cell(t, SourceLocation(self.file, line=n)),) for n, t in self.lines]
            self.tables.append(Table(rows, rows[0][0].source, Layout.LINES))
        self.lines = []

    def table(self, element: HtmlElement) -> None:
        captions = element.xpath("./caption")
        title = (cell_text(captions[0]) if captions else "") or self.heading
        self.flush()
        grid = grid_table(element, self.file, cell_text, title or None)
        if grid is None:  # no rows: whatever text it holds is ordinary text
            self._flow(element, "div")
            return
        stray = stray_text(element)
        for line in stray.split("\n") if stray else ():
            self.lines.append((element.sourceline, line))  # browsers show it above the table
        self.flush()
        self.tables.append(grid)
        self.heading = None
        for nested in nested_tables(element):
            self.walk_nested(nested)

    def walk_nested(self, element: HtmlElement) -> None:
        if self._is_layout(element):
            self._flow(element, "table")
            self.flush()
        else:
            self.table(element)

    def _is_layout(self, table: HtmlElement) -> bool:
        if not nested_tables(table):
            return False
        rows = table_rows(table)
        return table_width(rows) <= 2 or len(rows) <= 3
