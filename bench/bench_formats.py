"""Benchmark of the office-format readers against the bare libraries on the same files.

    .venv/bin/python bench/bench_formats.py [--quick] [--pages N]

Generates its inputs (goal tables in the official layout: xlsx and docx by jixiao's writers,
PDF printed by LibreOffice from the docx when it is installed, else by jixiao's PDF writer), then
runs every measurement in a fresh child process (so peak RSS is that run's own) and prints:

* PDF: pages/s and peak RSS of ``read_pdf`` beside pdfplumber's bare ``extract_tables`` (lines
  strategy) on the same file, and the overhead ratio (aim ≤ 1.3×); plus peak RSS on a small and a
  large PDF (memory must stay flat as pages grow);
* xlsx / docx: tables/s of ``read_xlsx`` / ``read_docx`` beside openpyxl's ``load_workbook`` /
  python-docx's ``Document`` load alone, and the ratio.

Times are the best of three runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests" / "io" / "office"))


# --- child side: one measurement per process ---------------------------------------------------


def _child(kind: str, path: Path) -> dict[str, float]:
    start = time.perf_counter()
    units = 0
    if kind == "pdf-ours":
        from jixiao.io.readers.pdf import read_pdf

        raw = read_pdf(path)
        units = sum(1 for t in raw.tables if t.layout.value == "grid")
    elif kind == "pdf-bare":
        import pdfplumber

        from jixiao.io.readers.pdf import TABLE_SETTINGS

        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                units += len(page.extract_tables(TABLE_SETTINGS))
                page.close()
    elif kind == "xlsx-ours":
        from jixiao.io.readers.xlsx import read_xlsx

        units = len(read_xlsx(path).tables)
    elif kind == "xlsx-bare":
        from openpyxl import load_workbook

        units = len(load_workbook(path).worksheets)
    elif kind == "docx-ours":
        from jixiao.io.readers.docx import read_docx

        units = sum(1 for t in read_docx(path).tables if t.layout.value == "grid")
    elif kind == "docx-bare":
        import docx

        units = len(docx.Document(str(path)).tables)
    else:
        raise SystemExit(f"unknown measurement {kind}")
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": _peak_rss_mb(), "units": units}


def _peak_rss_mb() -> float:
    """This process's peak RSS. ``VmHWM`` rather than ``ru_maxrss``: Linux carries the parent's
    high-water mark across fork+exec into ``ru_maxrss``."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure(kind: str, path: Path, runs: int = 3) -> dict[str, float]:
    best: dict[str, float] | None = None
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, __file__, "--child", kind, str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(out.stdout.strip().splitlines()[-1])
        if best is None or result["seconds"] < best["seconds"]:
            best = result
    assert best is not None
    return best


# --- inputs -------------------------------------------------------------------------------------


def _tables(n: int) -> list[object]:
    from office_dongguan import goal_tables
    from office_fixtures import many_projects

    return list(goal_tables(tuple(many_projects(n))))


def _write(fmt: str, n: int, folder: Path, *, flowing: bool = False) -> Path:
    from jixiao.io.writers import ExportOptions, get_exporter

    path = folder / f"bench-{n}{'-flowing' if flowing else ''}.{fmt}"
    exporter = get_exporter(fmt)(_tables(n), ExportOptions(one_per_page=not flowing))  # type: ignore[arg-type]
    path.write_bytes(exporter.render())
    return path


def _pdf(n: int, folder: Path) -> tuple[Path, str]:
    # forms flow over page breaks, so the stitching is part of what is measured
    docx = _write("docx", n, folder, flowing=True)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        profile = (folder / "lo-profile").resolve().as_uri()
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=900,
        )
        return docx.with_suffix(".pdf"), "LibreOffice Writer"
    return _write("pdf", n, folder, flowing=True), "jixiao PDF writer (no LibreOffice)"


def _pages(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


# --- report ---------------------------------------------------------------------------------------


def _row(label: str, ours: dict[str, float], bare: dict[str, float], unit: str, n: int) -> None:
    ratio = ours["seconds"] / bare["seconds"]
    print(
        f"{label:<28} ours {ours['seconds']:7.3f} s ({n / ours['seconds']:7.1f} {unit}/s, "
        f"peak {ours['peak_mb']:5.0f} MB)   bare {bare['seconds']:7.3f} s "
        f"(peak {bare['peak_mb']:5.0f} MB)   overhead {ratio:4.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small inputs only")
    parser.add_argument("--pages", type=int, default=500, help="forms in the large PDF")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child[0], Path(args.child[1]))))
        return
    small, large = (12, 60) if args.quick else (100, args.pages)
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        folder = Path(tmp)
        print(f"generating inputs in {folder} …", flush=True)
        xlsx = _write("xlsx", small, folder)
        docx = _write("docx", small, folder)
        pdf_small, producer = _pdf(small, folder)
        pdf_large, _ = _pdf(large, folder)
        print(f"PDF producer: {producer}\n")

        for label, path in (("pdf", pdf_small), ("pdf (large)", pdf_large)):
            pages = _pages(path)
            ours = _measure("pdf-ours", path, runs=3 if path is pdf_small else 1)
            bare = _measure("pdf-bare", path, runs=3 if path is pdf_small else 1)
            _row(f"{label} {pages} pages", ours, bare, "pages", pages)
            print(
                f"{'':<28} {ours['units']:.0f} tables after stitching, "
                f"{bare['units']:.0f} page fragments"
            )
        ours_xlsx = _measure("xlsx-ours", xlsx)
        _row(f"xlsx {small} sheets", ours_xlsx, _measure("xlsx-bare", xlsx), "tables", small)
        ours_docx = _measure("docx-ours", docx)
        _row(f"docx {small} tables", ours_docx, _measure("docx-bare", docx), "tables", small)


if __name__ == "__main__":
    main()
