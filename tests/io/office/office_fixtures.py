"""Fixture generators: real office files made with the real libraries and LibreOffice.

These write the official form (dongguan.official_grid) *directly* with openpyxl / python-docx,
independently of jixiao's writers, so the readers are tested against files the project did not
make. ``python tests/io/office/office_fixtures.py OUTDIR`` writes them all (used to inspect them).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from office_dongguan import PROJECTS, Merge, Project, official_grid


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def lo_convert(src: Path, target: str, out_dir: Path) -> Path:
    """Convert with LibreOffice headless (private profile in ``out_dir``)."""
    binary = soffice()
    assert binary, "LibreOffice is not installed"
    profile = (out_dir / "lo-profile").resolve().as_uri()
    subprocess.run(
        [
            binary,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    produced = out_dir / f"{src.stem}.{target.split(':')[0]}"
    assert produced.exists(), f"LibreOffice did not produce {produced}"
    return produced


def write_grid_xlsx(ws: object, rows: list[list[str]], merges: Sequence[Merge], top: int) -> None:
    from openpyxl.styles import Alignment, Border, Side

    thin = Side(style="thin")
    ws_any: object = ws
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = ws_any.cell(top + r, c + 1)  # type: ignore[attr-defined]
            if text:
                cell.value = text
            if r:
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    # Calc does not grow rows for wrapped or merged text by itself: size them as units do.
    widths = (9, 12, 14, 30, 13, 20)
    spans = {(r0, c0): sum(widths[c0 : c1 + 1]) for r0, c0, r1, c1 in merges if r0 == r1}
    for r, row in enumerate(rows):
        lines = max(
            (-(-len(text) * 2 // (spans.get((r, c), widths[c]) - 1)) for c, text in enumerate(row)),
            default=1,
        )
        ws_any.row_dimensions[top + r].height = 14 * max(lines, 1) + 2  # type: ignore[attr-defined]
    for r0, c0, r1, c1 in merges:
        ws_any.merge_cells(  # type: ignore[attr-defined]
            start_row=top + r0, start_column=c0 + 1, end_row=top + r1, end_column=c1 + 1
        )


def make_xlsx(
    path: Path, projects: Sequence[Project] = PROJECTS, *, one_sheet: bool = False
) -> Path:
    """One sheet per project (or all stacked on one sheet), official form, 26+ merged ranges."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    ws = None
    top = 1
    for i, project in enumerate(projects):
        rows, merges = official_grid(project)
        if ws is None or not one_sheet:
            ws = wb.create_sheet(f"项目{i + 1}")
            top = 1
            for col, width in zip("ABCDEF", (9, 12, 14, 30, 13, 20), strict=True):
                ws.column_dimensions[col].width = width
            # as units print their forms: A4 portrait, all columns on the page width
            ws.page_setup.paperSize = ws.PAPERSIZE_A4
            ws.page_setup.fitToWidth = 1
            ws.page_setup.fitToHeight = 0
            ws.sheet_properties.pageSetUpPr.fitToPage = True
        write_grid_xlsx(ws, rows, merges, top)
        top += len(rows) + 2
    wb.save(path)
    return path


def make_docx(path: Path, projects: Sequence[Project] = PROJECTS, *, preamble: bool = True) -> Path:
    """A disclosure-like Word file: prose, then per project a title paragraph and the form."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    if preamble:
        document.add_paragraph("东莞市长安社会保险基金管理中心2024年部门预算公开")
        document.add_paragraph("一、部门职责：负责社会保险基金的征缴、管理与支付。")
        budget = document.add_table(rows=2, cols=3)
        budget.style = "Table Grid"
        for c, text in enumerate(("科目", "金额（万元）", "备注")):
            budget.cell(0, c).text = text
        for c, text in enumerate(("社会保障和就业支出", "3701.46", "")):
            budget.cell(1, c).text = text
    for i, project in enumerate(projects):
        if i:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        rows, merges = official_grid(project)
        document.add_paragraph(rows[0][0])
        body = rows[1:]
        table = document.add_table(rows=len(body), cols=6)
        table.style = "Table Grid"
        for r, row in enumerate(body):
            for c, text in enumerate(row):
                if text:
                    table.cell(r, c).text = text
        for r0, c0, r1, c1 in merges:
            if r0 == 0:
                continue  # the title row is the paragraph above
            origin = table.cell(r0 - 1, c0)
            text = origin.text
            merged = origin.merge(table.cell(r1 - 1, c1))
            merged.text = text
    document.save(str(path))
    return path


def make_all(out: Path) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    made = {
        "xlsx": make_xlsx(out / "goal.xlsx"),
        "xlsx_one_sheet": make_xlsx(out / "goal_one_sheet.xlsx", one_sheet=True),
        "docx": make_docx(out / "goal.docx"),
    }
    if soffice():
        made["pdf_from_docx"] = lo_convert(made["docx"], "pdf", out)
        made["xls"] = lo_convert(made["xlsx"], "xls", out)
        # docx -> doc directly makes LibreOffice 7.4 glue the last table into a paragraph;
        # going through odt gives a faithful .doc.
        made["doc"] = lo_convert(lo_convert(made["docx"], "odt", out), "doc", out)
    return made


if __name__ == "__main__":
    for kind, file in make_all(Path(sys.argv[1] if len(sys.argv) > 1 else "fixtures")).items():
        print(kind, file)


def many_projects(n: int) -> list[Project]:
    """``n`` distinct projects cycling through the three Dongguan ones."""
    from dataclasses import replace

    return [replace(PROJECTS[i % 3], name=f"{PROJECTS[i % 3].name}-{i + 1:03d}") for i in range(n)]


def make_docx_by_writer(path: Path, n: int) -> Path:
    """``n`` forms written by jixiao's docx exporter (one per page, headings between)."""
    from office_dongguan import goal_tables

    from jixiao.io.writers.docx import DocxExporter

    path.write_bytes(DocxExporter(goal_tables(tuple(many_projects(n)))).render())
    return path


def make_protected_pdf(path: Path, *, user_password: str = "") -> Path:
    """A goal-table PDF encrypted with an owner password, copying and printing forbidden
    (as many disclosures are); with ``user_password`` it cannot even be opened without it."""
    from office_dongguan import goal_tables
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.platypus import SimpleDocTemplate

    from jixiao.io.writers.layout import layout_for
    from jixiao.io.writers.pdf import _Styles, register_font, sheet_flowables

    encrypt = StandardEncryption(
        user_password, "owner-secret", canPrint=0, canModify=0, canCopy=0, canAnnotate=0
    )
    doc = SimpleDocTemplate(str(path), pagesize=A4, encrypt=encrypt)
    styles = _Styles(register_font())
    doc.build(sheet_flowables(layout_for(goal_tables()[2]), styles, doc.width))
    return path


def make_scanned_pdf(path: Path, pages: int = 1) -> Path:
    """Image-only pages (a scan): a picture of a table and no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(image)
    for i in range(0, 601, 100):
        draw.line([(i, 0), (i, 800)], fill=0, width=2)
    for j in range(0, 801, 50):
        draw.line([(0, j), (600, j)], fill=0, width=2)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        pdf.drawImage(ImageReader(image), 50, 100, width=480, height=640)
        pdf.showPage()
    pdf.save()
    return path


def make_gbk_pdf(path: Path) -> Path:
    """A hand-written PDF as 公文 typesetting systems make them: a Type0 font with the
    predefined CMap GBK-EUC-H, not embedded and without a ToUnicode map, and a ruled 2×2
    table ("项目名称 | 工会经费" / "年度预算 | 15.47万元")."""
    cells = [("项目名称", 60, 700), ("工会经费", 200, 700), ("年度预算", 60, 670)]
    text_ops = []
    for text, x, y in cells:
        text_ops.append(f"BT /F1 12 Tf {x} {y} Td <{text.encode('gbk').hex()}> Tj ET")
    text_ops.append("BT /F2 12 Tf 200 670 Td (15.47) Tj ET")
    text_ops.append(f"BT /F1 12 Tf 235 670 Td <{'万元'.encode('gbk').hex()}> Tj ET")
    rules = ["0.8 w", "50 690 m 350 690 l S", "50 720 m 350 720 l S", "50 660 m 350 660 l S"]
    rules += ["50 660 m 50 720 l S", "190 660 m 190 720 l S", "350 660 m 350 720 l S"]
    content = "\n".join(rules + text_ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 7 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /GBK-EUC-H "
        b"/DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /SimSun "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path
