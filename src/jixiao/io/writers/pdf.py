"""``.pdf`` exporter (reportlab), with a Chinese font on every machine.

Where a TrueType CJK font is found it is embedded (as a subset), so the PDF looks the same
everywhere. reportlab embeds TrueType outlines only (not the CFF outlines of Noto CJK), so the
exporter looks for ``$JIXIAO_CJK_FONT`` (a ``.ttf``/``.ttc`` path, optionally ``path#index`` for a
collection), then the known Debian/Ubuntu/Fedora/macOS/Windows paths of WenQuanYi Micro Hei /
Zen Hei, Droid Sans Fallback, SimSun and SimHei.

Where none is found (a locked-down office PC), or ``JIXIAO_CJK_FONT=builtin``, the exporter uses
reportlab's built-in Adobe CID font ``STSong-Light`` (Adobe-GB1, Simplified Chinese): no font
file is needed, the PDF names the font and the viewer supplies the glyphs (Acrobat, pdf.js,
poppler, WPS and the browsers do). Its text reads back like the embedded one.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jixiao.io.writers import Exporter, register_exporter
from jixiao.io.writers.layout import Sheet, Style, layout_for

FONT_NAME = "JixiaoCJK"
CID_FONT = "STSong-Light"  # reportlab's Adobe-GB1 font: nothing to embed, nothing to install
BUILTIN = "builtin"  # JIXIAO_CJK_FONT=builtin: use the CID font even where a TrueType one exists
KNOWN_FONTS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf", 0),
    ("/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf", 0),
    ("C:/Windows/Fonts/simsun.ttc", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
)
_MM = 72 / 25.4


class FontNotFoundError(RuntimeError):
    """``$JIXIAO_CJK_FONT`` names a font file that does not exist."""


@dataclass(frozen=True, slots=True)
class FontFile:
    path: Path
    index: int = 0


def find_cjk_font(search: Sequence[tuple[str, int]] = KNOWN_FONTS) -> FontFile | None:
    """The TrueType CJK font to embed: ``$JIXIAO_CJK_FONT`` first, then ``search`` in order.

    ``None`` means the built-in CID font (none found, or ``JIXIAO_CJK_FONT=builtin``); an empty
    ``search`` stands for a machine without fonts.
    """
    configured = os.environ.get("JIXIAO_CJK_FONT", "").strip()
    if configured.lower() == BUILTIN:
        return None
    if configured:
        file_name, _, sub_index = configured.partition("#")
        if not Path(file_name).is_file():
            raise FontNotFoundError(
                f"JIXIAO_CJK_FONT={configured!r}: no such font file (unset it, or set it to "
                f"{BUILTIN!r}, to use the built-in Chinese font)"
            )
        return FontFile(Path(file_name), int(sub_index or 0))
    for known, index in search:
        if Path(known).is_file():
            return FontFile(Path(known), index)
    return None


def register_font(search: Sequence[tuple[str, int]] = KNOWN_FONTS) -> str:
    """Register the font to use with reportlab (once per process) and return its name."""
    from reportlab.pdfbase import pdfmetrics

    font = find_cjk_font(search)
    if font is None:
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        if CID_FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
        return CID_FONT
    from reportlab.pdfbase.ttfonts import TTFont

    name = f"{FONT_NAME}-{font.path.stem}-{font.index}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(font.path), subfontIndex=font.index))
    return name


class _Styles:
    def __init__(self, font: str) -> None:
        from reportlab.lib.enums import TA_CENTER, TA_LEFT
        from reportlab.lib.styles import ParagraphStyle

        common = {"fontName": font, "wordWrap": "CJK", "fontSize": 9, "leading": 11.5}
        self.center = ParagraphStyle("cell-center", alignment=TA_CENTER, **common)
        self.left = ParagraphStyle("cell-left", alignment=TA_LEFT, **common)
        self.title = ParagraphStyle(
            "title", fontName=font, fontSize=17, leading=22, alignment=TA_CENTER, spaceAfter=2
        )
        self.year = ParagraphStyle(
            "year", fontName=font, fontSize=10.5, leading=14, alignment=TA_CENTER, spaceAfter=6
        )


def _para(text: str, style: Any) -> Any:
    from xml.sax.saxutils import escape

    from reportlab.platypus import Paragraph

    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def sheet_flowables(sheet: Sheet, styles: _Styles, frame_width: float) -> list[Any]:
    """Heading, year line and the table of one form."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    data: list[list[Any]] = [[""] * sheet.n_cols for _ in range(sheet.n_rows)]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for place in sheet.places:
        style = styles.left if place.style is Style.TEXT else styles.center
        data[place.row][place.col] = _para(place.text, style)
        if place.rowspan > 1 or place.colspan > 1:
            end = (place.col + place.colspan - 1, place.row + place.rowspan - 1)
            commands.append(("SPAN", (place.col, place.row), end))
    total = sum(sheet.widths)
    widths = [frame_width * w / total for w in sheet.widths]
    table = Table(data, colWidths=widths, style=TableStyle(commands), splitByRow=1)
    out: list[Any] = [_para(sheet.heading, styles.title)]
    if sheet.subheading:
        out.append(_para(sheet.subheading, styles.year))
    out.append(table)
    return out


def _page_number(font: str) -> Any:
    def draw(canvas: Any, doc: Any) -> None:
        from reportlab.lib.pagesizes import A4

        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, 10 * _MM, f"第 {doc.page} 页")
        canvas.restoreState()

    return draw


@register_exporter
class PdfExporter(Exporter):
    id = "pdf"
    name = "PDF"
    extension = ".pdf"
    content_type = "application/pdf"

    def render(self) -> bytes:
        from reportlab.lib.pagesizes import A4
        from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer

        font = register_font()
        styles = _Styles(font)
        out = io.BytesIO()
        margin = 15 * _MM
        doc = SimpleDocTemplate(
            out,
            pagesize=A4,
            leftMargin=margin,
            rightMargin=margin,
            topMargin=margin,
            bottomMargin=18 * _MM,
            title="项目绩效目标表",
            author="jixiao",
            initialFontName=font,  # no stray unembedded Helvetica in the page streams
        )
        story: list[Any] = []
        for i, table in enumerate(self.tables):
            if i:
                story.append(PageBreak() if self.options.one_per_page else Spacer(1, 10 * _MM))
            story.extend(sheet_flowables(layout_for(table, self.options.year), styles, doc.width))
        if not story:
            story.append(Spacer(1, 1))
        number = _page_number(font)
        doc.build(story, onFirstPage=number, onLaterPages=number)
        return out.getvalue()
