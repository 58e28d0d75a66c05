"""``.pdf`` reader (pdfplumber, MIT): tables by ruling lines, stitched across pages.

Pages are read one at a time and closed (memory stays flat on long disclosures); only the cell
boxes and texts are kept. Per page:

* tables are found with the ``lines`` strategy plus two explicit horizontal lines at the top and
  bottom of the page's vertical rules: LibreOffice Calc leaves a merged cell cut by a page break
  open (no bottom/top border) and pdfplumber would otherwise drop that cell and its text;
* wrapped cell text is joined back (no space between CJK characters);
* text outside the tables (titles, prose, notes) becomes LINES rows, in reading order with the
  tables, so the builder sees 项目绩效目标表 headings and can skip preambles;
* a page with images but no text is reported (``O001``: scanned, needs OCR), never skipped
  silently.

Fragments are then chained and stitched across pages by :mod:`pdf_stitch`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jixiao.core.problems import Problem, make
from jixiao.core.source import SourceLocation
from jixiao.core.text import compact
from jixiao.io.limits import ReadLimits, pages_cut
from jixiao.io.readers.common import PDF_UNREADABLE, SCANNED_PAGE, lines_table
from jixiao.io.readers.pdf_stitch import (
    BoxCell,
    Fragment,
    same_bounds,
    stitch,
    to_table,
    unwrap,
)
from jixiao.io.table import RawDocument, Table

# pdfminer logs every oddity of a damaged PDF as a warning on stderr; what matters reaches the
# user as a located problem instead.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

Progress = Callable[[int, int], None]  # (pages done, pages total)

TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}
_LINE_TOLERANCE = 3.0
# Running headers/footers that may sit between two fragments of one table.
_PAGE_FURNITURE = re.compile(r"^(?:[\s\-—–第页共/()（）,，.\d]*|(?:page|Page|PAGE)\s*\d+.*)$")


@dataclass(slots=True)
class TextLine:
    page: int
    number: int  # 1-based line number on the page (outside tables)
    top: float
    text: str


Item = Fragment | TextLine


def read_pdf(
    path: Path, source_name: str | None = None, progress: Progress | None = None
) -> RawDocument:
    """Read every page of ``path`` into tables of cells and lines of text."""
    import pdfplumber

    name = source_name or str(path)
    raw = RawDocument(name)
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many kinds; all mean "cannot open"
        raw.problems.append(_unreadable(name, exc))
        return raw
    items: list[Item] = []
    limits = ReadLimits.from_env()
    with pdf:
        total = len(pdf.pages)
        if total > limits.pdf_pages:
            raw.problems.append(pages_cut(name, total, limits))
            total = limits.pdf_pages
        for number, page in enumerate(pdf.pages[:total], start=1):
            try:
                items.extend(read_page(page, number, name, raw.problems))
            except Exception as exc:  # one damaged page must not hide the others
                raw.problems.append(_bad_page(name, number, exc))
            finally:
                page.close()
            if progress is not None:
                progress(number, total)
    raw.tables.extend(assemble(items, name))
    return raw


def _unreadable(name: str, exc: Exception) -> Problem:
    # pdfplumber wraps pdfminer's exception: look at the wrapped one too.
    kinds = " ".join(type(e).__name__ for e in (exc, *exc.args) if isinstance(e, Exception))
    kind = type(exc).__name__
    if "Password" in kinds or "Encrypt" in kinds:
        message = "the PDF is password protected (a password is needed to open it)"
    else:
        message = f"the file is not a readable PDF ({kind}: {exc})"
    return make(PDF_UNREADABLE, message, SourceLocation(name))


def _bad_page(name: str, number: int, exc: Exception) -> Problem:
    message = (
        f"page {number} could not be read ({type(exc).__name__}: {exc}); the other pages were "
        "read — check this page by hand"
    )
    return make(PDF_UNREADABLE, message, SourceLocation(name, page=number))


def read_page(page: Any, number: int, file: str, problems: list[Problem]) -> list[Item]:
    """Fragments and text lines of one page, top to bottom."""
    chars = page.chars
    if not chars:
        if page.images:
            message = (
                f"page {number} has no text layer (a scanned image): its tables cannot be read "
                "without OCR; run OCR on the PDF (for example ocrmypdf) and read it again"
            )
            problems.append(make(SCANNED_PAGE, message, SourceLocation(file, page=number)))
        return []
    fragments = [_fragment(t, number) for t in page.find_tables(_settings(page))]
    fragments = [f for f in fragments if f.cells]
    boxes = [f.bbox for f in fragments]
    outside = [c for c in chars if not any(_inside(c, box) for box in boxes)]
    items: list[Item] = [*fragments, *_text_lines(outside, number)]
    items.sort(key=lambda item: item.bbox[1] if isinstance(item, Fragment) else item.top)
    return items


def _settings(page: Any) -> dict[str, Any]:
    verticals = [e for e in page.edges if e["orientation"] == "v"]
    if not verticals:
        return TABLE_SETTINGS
    top = min(e["top"] for e in verticals)
    bottom = max(e["bottom"] for e in verticals)
    return {**TABLE_SETTINGS, "explicit_horizontal_lines": [top, bottom]}


def _fragment(table: Any, page: int) -> Fragment:
    cells: list[BoxCell] = []
    for row, texts in zip(table.rows, table.extract(), strict=True):
        for bbox, text in zip(row.cells, texts, strict=True):
            if bbox is not None:
                cells.append(BoxCell(tuple(bbox), unwrap(text or "")))
    return Fragment(page, tuple(table.bbox), cells)


def _inside(char: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (float(char["x0"]) + float(char["x1"])) / 2
    y = (float(char["top"]) + float(char["bottom"])) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def _text_lines(chars: list[dict[str, Any]], page: int) -> list[TextLine]:
    from pdfplumber.utils.text import extract_text

    groups: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if groups and abs(char["top"] - groups[-1][0]["top"]) <= _LINE_TOLERANCE:
            groups[-1].append(char)
        else:
            groups.append([char])
    lines: list[TextLine] = []
    for group in groups:
        text = extract_text(sorted(group, key=lambda c: c["x0"])).strip()
        if text:
            lines.append(TextLine(page, len(lines) + 1, group[0]["top"], text))
    return lines


def _is_furniture(item: Item) -> bool:
    return isinstance(item, TextLine) and bool(_PAGE_FURNITURE.match(item.text))


def _continues(previous: Fragment, between: list[Item], fragment: Fragment) -> bool:
    """``fragment`` starts a page right after ``previous`` ended the one before.

    Only page furniture may sit between them, or (Calc) the text of a merged cell cut by the
    break: Calc draws it centred on the whole cell, so it can land in the bottom margin under
    ``previous`` or in the top margin above ``fragment``, outside both.
    """
    if fragment.page != previous.page + 1 or not same_bounds(previous, fragment):
        return False
    texts = {compact(c.text) for f in (previous, fragment) for c in f.cells if c.text.strip()}
    return all(
        isinstance(item, TextLine) and (_is_furniture(item) or compact(item.text) in texts)
        for item in between
    )


def assemble(items: list[Item], file: str) -> list[Table]:
    """Chain the fragments, stitch them, and interleave LINES tables in document order."""
    out: list[Table] = []
    chain: list[Fragment] = []
    between: list[Item] = []  # text after the current chain, until the next fragment decides
    lines: list[TextLine] = []

    def flush_lines() -> None:
        # Page numbers and running furniture are layout, not content: they are left out.
        kept = [ln for ln in lines if not _is_furniture(ln)]
        if kept:
            rows = [(ln.text, SourceLocation(file, page=ln.page, line=ln.number)) for ln in kept]
            out.append(lines_table(rows, SourceLocation(file, page=kept[0].page)))
        lines.clear()

    def flush_chain() -> None:
        if chain:
            out.append(to_table(stitch(chain), file))
            chain.clear()
        lines.extend(i for i in between if isinstance(i, TextLine))
        between.clear()

    for item in items:
        if isinstance(item, Fragment):
            if chain and _continues(chain[-1], between, item):
                between.clear()
                chain.append(item)
                continue
            flush_chain()
            flush_lines()
            chain.append(item)
        elif chain:
            between.append(item)
        else:
            lines.append(item)
    flush_chain()
    flush_lines()
    return out
