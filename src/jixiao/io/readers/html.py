"""HTML pages → neutral tables: every ``<table>`` a GRID, the text around it LINES blocks.

Parsed with lxml.html (libxml2's forgiving HTML parser). The page is walked in document order:
text outside tables is cut into lines at block elements and ``<br>``; each data table becomes a
GRID with rowspan/colspan expanded (see ``text_html_grid``); a table nested in a cell becomes
its own GRID placed after its parent, and its text is not repeated in the parent cell. A table
that only lays out the page (it holds nested tables and has at most two columns or three rows)
is read as text with its nested tables as grids, so titles and prose keep their order.
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
from jixiao.io.readers import UNREADABLE
from jixiao.io.readers.text import text_tables
from jixiao.io.readers.text_decode import decode_bytes
from jixiao.io.readers.text_html_grid import grid_table, own_cells, own_rows
from jixiao.io.table import Cell, Layout, RawDocument, Row, Table

NOT_HTML = register("T004", Severity.WARNING, "HTML could not be parsed; read as plain text")

SKIP = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})
_BLOCK_NAMES = """address article aside blockquote body caption center dd div dl dt fieldset
figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section
summary table tbody td tfoot th thead title tr ul"""
BLOCKS = frozenset(_BLOCK_NAMES.split())
INLINE_MAX = 2  # nested tables with at most this many columns or rows are cell text
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
NOT_XML_SAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
WHITESPACE = re.compile(r"[ \t\n\r\f]+")
INVISIBLE = re.compile(
    r"<(script|style|noscript|template|iframe|object|svg)\b.*?</\1\s*>|<!--.*?-->",
    re.IGNORECASE | re.DOTALL,
)
TAG = re.compile(r"<[^>]*>")
LOST_SHARE = 0.8  # captions used as titles count twice, entities differ: allow some slack


def read_html(path: Path) -> RawDocument:
    """Read an HTML page into blocks in document order; never raises."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        where = SourceLocation(name)
        return RawDocument(name, problems=[make(UNREADABLE, f"cannot read: {exc}", where)])
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
    expected = sum(1 for ch in _strip_tags(_xml_safe(text)) if not ch.isspace())
    pieces = [c.text for t in tables for row in t.rows for c in row] + [
        t.title or "" for t in tables
    ]
    seen = sum(1 for piece in pieces for ch in piece if not ch.isspace())
    return seen < LOST_SHARE * expected


def _xml_safe(text: str) -> str:
    # libxml2 refuses control characters and an XML declaration inside a str
    return NOT_XML_SAFE.sub("", XML_DECL.sub("", text, count=1))


def _tag(element: object) -> str | None:
    tag = getattr(element, "tag", None)
    return tag.lower() if isinstance(tag, str) else None


def _collapse(text: str | None) -> str:
    """HTML whitespace rules: runs collapse to one space; ``&nbsp;`` counts as a space."""
    return WHITESPACE.sub(" ", text).replace("\xa0", " ") if text else ""


def cell_text(element: HtmlElement) -> str:
    """Text of a cell: ``<br>`` and block children give line breaks, nested tables excluded."""
    parts: list[str] = []
    _collect(element, parts, top=True)
    lines = (line.strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _collect(element: HtmlElement, parts: list[str], *, top: bool = False) -> None:
    tag = _tag(element)
    if tag == "table" and not top and is_inline(element):
        parts.append("\n" + _flatten(element) + "\n")
    elif tag is not None and tag not in SKIP and (top or tag != "table"):
        block = tag in BLOCKS and not top
        if tag == "br" or block:
            parts.append("\n")
        parts.append(_collapse(element.text))
        for child in element:
            _collect(child, parts)
        if block:
            parts.append("\n")
    if not top:
        parts.append(_collapse(element.tail))


def _stray_text(table: HtmlElement) -> str:
    """Text inside ``<table>`` but outside its cells and caption (lost by a grid reading)."""
    parts: list[str] = [_collapse(table.text)]
    for child in table:
        tag = _tag(child)
        if tag in ("thead", "tbody", "tfoot"):
            parts.append("\n" + _stray_text(child))
            parts.append(_collapse(child.tail))
        elif tag == "tr":
            parts.append(_collapse(child.text))
            for cell in child:
                if _tag(cell) in ("td", "th"):
                    parts.append(_collapse(cell.tail))
                else:
                    _collect(cell, parts)
            parts.append(_collapse(child.tail))
        elif tag == "caption":
            parts.append(_collapse(child.tail))
        else:
            _collect(child, parts)
    lines = (line.strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def is_inline(table: HtmlElement) -> bool:
    """A small table nested in a cell (a list of 目标1/目标2 …) is that cell's content."""
    rows = own_rows(table)
    width = max((len(own_cells(tr)) for tr in rows), default=0)
    return width <= INLINE_MAX or len(rows) <= INLINE_MAX


def _flatten(table: HtmlElement) -> str:
    """An inline table as text: a line per row, its cells separated by a space."""
    lines = [" ".join(cell_text(td) for td in own_cells(tr)) for tr in own_rows(table)]
    lines.append(_stray_text(table))
    return "\n".join(line.strip() for line in lines if line.strip())


class _Walker:
    """Walks the page in order, collecting text lines and emitting tables."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.tables: list[Table] = []
        self.lines: list[tuple[int | None, str]] = []
        self.buffer: list[str] = []
        self.buffer_line: int | None = None
        self.heading: str | None = None

    def walk(self, element: HtmlElement) -> None:
        tag = _tag(element)
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
        piece = _collapse(text)
        if not piece:
            return
        if not self.buffer or not "".join(self.buffer).strip():
            self.buffer_line = line
        self.buffer.append(piece)

    def newline(self) -> None:
        text = "".join(self.buffer).strip()
        if text:
            self.lines.append((self.buffer_line, text))
        self.buffer = []

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
        stray = _stray_text(element)
        for line in stray.split("\n") if stray else ():
            self.lines.append((element.sourceline, line))  # browsers show it above the table
        self.flush()
        self.tables.append(grid)
        self.heading = None
        for nested in _nested_tables(element):
            self.walk_nested(nested)

    def walk_nested(self, element: HtmlElement) -> None:
        if self._is_layout(element):
            self._flow(element, "table")
            self.flush()
        else:
            self.table(element)

    def _is_layout(self, table: HtmlElement) -> bool:
        if not _nested_tables(table):
            return False
        rows = own_rows(table)
        width = max((len(own_cells(tr)) for tr in rows), default=0)
        return width <= 2 or len(rows) <= 3


def _nested_tables(table: HtmlElement) -> list[HtmlElement]:
    """Tables to emit after ``table``: nested in it and not inline, and not inside another
    non-inline nested table (that one emits them)."""
    found: list[HtmlElement] = []
    for inner in table.iterdescendants("table"):
        if not is_inline(inner) and all(is_inline(t) for t in _tables_between(inner, table)):
            found.append(inner)
    return found


def _tables_between(inner: HtmlElement, outer: HtmlElement) -> list[HtmlElement]:
    between: list[HtmlElement] = []
    for ancestor in inner.iterancestors("table"):
        if ancestor is outer:
            break
        between.append(ancestor)
    return between
