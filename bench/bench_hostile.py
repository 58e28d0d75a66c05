"""Benchmark: hostile files through ``parse_file`` (issue 11's Done-when): each is read in a
fresh process, and the wall time and peak memory of that process are printed, beside a clean
file of the same format as the baseline.

    .venv/bin/python bench/bench_hostile.py

The files are made here: the issue's xlsx of 30 million cells (a few MB deflated), a package
with a 1 GB member of zeros, a PDF of 5,000 pages, a docx whose document part inflates to
hundreds of MB. docs/formats.md records the figures.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "io" / "office"))

_CHILD = """
import resource, sys
from jixiao.services.parsing import parse_file
doc = parse_file(sys.argv[1])
codes = sorted({p.code for p in doc.problems})
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{len(doc.tables)}|{','.join(codes) or '-'}|{peak}")
"""


_SHEET_START = (
    b'<?xml version="1.0"?><worksheet '
    b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)


def _sheet_bomb(path: Path, cells: int = 30_000_000) -> Path:
    """A workbook whose one sheet holds ``cells`` numeric cells, written streaming."""
    from openpyxl import Workbook

    book = Workbook()
    small = io.BytesIO()
    book.save(small)
    row = "".join(f'<c r="{c}1"><v>1</v></c>' for c in "ABCDEFGHIJ")
    chunk = ("<row>" + row + "</row>") * 10_000  # 100,000 cells
    with zipfile.ZipFile(small) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info, src.read(info))
                continue
            with dst.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
                out.write(_SHEET_START)
                data = chunk.encode()
                for _ in range(cells // 100_000):
                    out.write(data)
                out.write(b"</sheetData></worksheet>")
    return path


def _zero_member(path: Path, megabytes: int = 1024) -> Path:
    from office_fixtures import make_xlsx

    make_xlsx(path)
    block = b"\0" * (1024 * 1024)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/padding.bin", "w", force_zip64=True) as out,
    ):
        for _ in range(megabytes):
            out.write(block)
    return path


def _long_pdf(path: Path, pages: int = 5000) -> Path:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    for k in range(pages):
        pdf.drawString(72, 720, f"page {k + 1}")
        pdf.showPage()
    pdf.save()
    return path


def _docx_bomb(path: Path, megabytes: int = 300) -> Path:
    from office_fixtures import make_docx

    clean = make_docx(path.with_name("clean.docx"))
    para = b"<w:p><w:r><w:t>" + b"A" * 1000 + b"</w:t></w:r></w:p>"
    with zipfile.ZipFile(clean) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info, src.read(info))
                continue
            body = src.read(info)
            head, tail = body.split(b"<w:body>", 1)
            with dst.open("word/document.xml", "w", force_zip64=True) as out:
                out.write(head + b"<w:body>")
                for _ in range(megabytes * 1000):
                    out.write(para)
                out.write(tail)
    return path


def _measure(path: Path) -> tuple[float, str, int, int]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, timeout=600
    )
    seconds = time.perf_counter() - started
    last = (done.stdout.strip().splitlines() or ["0|crashed|0"])[-1]
    tables, codes, rss = last.split("|")
    return seconds, codes, int(tables), int(rss) // 1024


def main() -> None:
    from office_fixtures import make_docx, make_xlsx

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = [
            ("clean xlsx (baseline)", make_xlsx(folder / "clean.xlsx")),
            ("xlsx, 30 M cells", _sheet_bomb(folder / "cells.xlsx")),
            ("xlsx + 1 GB of zeros", _zero_member(folder / "zeros.xlsx")),
            ("clean docx (baseline)", make_docx(folder / "clean-docx.docx")),
            ("docx, 300 MB document", _docx_bomb(folder / "big.docx")),
            ("pdf, 5,000 pages", _long_pdf(folder / "long.pdf")),
        ]
        print(f"{'input':26} {'size MB':>8} {'seconds':>8} {'peak MB':>8} {'tables':>7}  problems")
        for label, path in cases:
            seconds, codes, tables, peak = _measure(path)
            size = path.stat().st_size / 1e6
            print(f"{label:26} {size:8.2f} {seconds:8.2f} {peak:8d} {tables:7d}  {codes}")


if __name__ == "__main__":
    main()
