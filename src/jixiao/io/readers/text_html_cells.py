"""Text of HTML cells and of what sits in a ``<table>`` besides its grid.

Shared by the HTML reader: cell text (``<br>`` and blocks break lines, ``&nbsp;`` is a space,
whitespace collapses), small nested tables read as the text of their cell, stray text inside
``<table>`` outside any cell, and the nested tables that become grids of their own.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from jixiao.io.readers.text_html_grid import table_rows, table_width

SKIP = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})
_BLOCK_NAMES = """address article aside blockquote body caption center dd div dl dt fieldset
figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section
summary table tbody td tfoot th thead title tr ul"""
BLOCKS = frozenset(_BLOCK_NAMES.split())
INLINE_MAX = 2  # nested tables with at most this many columns or rows are cell text
WHITESPACE = re.compile(r"[ \t\n\r\f]+")


def tag_of(element: object) -> str | None:
    tag = getattr(element, "tag", None)
    return tag.lower() if isinstance(tag, str) else None


def collapse(text: str | None) -> str:
    """HTML whitespace rules: runs collapse to one space; ``&nbsp;`` counts as a space."""
    return WHITESPACE.sub(" ", text).replace("\xa0", " ") if text else ""


def cell_text(element: HtmlElement) -> str:
    """Text of a cell: ``<br>`` and block children give line breaks, nested tables excluded."""
    parts: list[str] = []
    _collect(element, parts, top=True)
    lines = (line.strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _collect(element: HtmlElement, parts: list[str], *, top: bool = False) -> None:
    tag = tag_of(element)
    if tag == "table" and not top and is_inline(element):
        parts.append("\n" + _flatten(element) + "\n")
    elif tag is not None and tag not in SKIP and (top or tag != "table"):
        block = tag in BLOCKS and not top
        if tag == "br" or block:
            parts.append("\n")
        parts.append(collapse(element.text))
        for child in element:
            _collect(child, parts)
        if block:
            parts.append("\n")
    if not top:
        parts.append(collapse(element.tail))


def stray_text(table: HtmlElement) -> str:
    """Text inside ``<table>`` but outside its cells and caption (lost by a grid reading);
    each stray piece on a line of its own."""
    parts: list[str] = [table.text or ""]
    for child in table:
        tag = tag_of(child)
        if tag in ("thead", "tbody", "tfoot"):
            parts.append(stray_text(child))
        elif tag == "tr":
            parts.append(child.text or "")
            for cell in child:
                if tag_of(cell) in ("td", "th"):
                    parts.append(cell.tail or "")
                else:
                    parts.append(_collected(cell))
        elif tag not in ("caption", "td", "th"):  # loose cells are an implied row
            parts.append(_collected(child))
            continue  # with its tail
        parts.append(child.tail or "")
    lines = (collapse(line).strip() for line in "\n".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _collected(element: HtmlElement) -> str:
    parts: list[str] = []
    _collect(element, parts)
    return "".join(parts)


def is_inline(table: HtmlElement) -> bool:
    """A small table nested in a cell (a list of 目标1/目标2 …) is that cell's content."""
    rows = table_rows(table)
    return table_width(rows) <= INLINE_MAX or len(rows) <= INLINE_MAX


def _flatten(table: HtmlElement) -> str:
    """An inline table as text: a line per row, its cells separated by a space."""
    lines = [" ".join(cell_text(td) for td in row.cells) for row in table_rows(table)]
    lines.append(stray_text(table))
    return "\n".join(line.strip() for line in lines if line.strip())


def nested_tables(table: HtmlElement) -> list[HtmlElement]:
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
