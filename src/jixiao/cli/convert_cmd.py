"""``jixiao convert IN... -o OUT [--to FORMAT]``: read goal tables from any input, write them in
the official layout (xlsx, docx, pdf, html) or as data (json, csv).

Every table of every input goes into the one output (for example a department's PDF disclosure
into one workbook, one sheet per project). A progress bar on stderr follows files and PDF pages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli import app
from jixiao.cli.output import err_console, print_problem
from jixiao.core.model import Document, GoalTable
from jixiao.core.problems import has_errors
from jixiao.io.writers import Exporter

PageProgress = Callable[[int, int], None]


def _parse(path: Path, on_page: PageProgress) -> Document:
    """parse_file, with page progress for PDFs (their reader reports pages)."""
    from jixiao.io.formats import Format, detect
    from jixiao.services.parsing import parse_file

    try:
        is_pdf = detect(path) is Format.PDF
    except OSError:
        is_pdf = False
    if not is_pdf:
        return parse_file(path)
    from jixiao.io.readers.pdf import read_pdf
    from jixiao.reading import build_document

    try:
        return build_document(read_pdf(path, progress=on_page))
    except Exception:  # parse_file turns the same failure into a problem, never a traceback
        return parse_file(path)


def _exporter_for(output: Path, to: str | None) -> type[Exporter]:
    from jixiao.io.writers import exporters, get_exporter

    key = to or output.suffix
    if not key:
        known = ", ".join(sorted(exporters()))
        err_console.print(
            f"error: give --to FORMAT or an output name with a suffix ({known})", markup=False
        )
        raise typer.Exit(2)
    try:
        return get_exporter(key)
    except KeyError as exc:
        err_console.print(f"error: {exc.args[0]}", markup=False)
        raise typer.Exit(2) from None


def _read_all(files: list[Path]) -> list[Document]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    documents: list[Document] = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(
        *columns, console=err_console, transient=True, disable=not err_console.is_terminal
    ) as progress:
        overall = progress.add_task("files", total=len(files))
        pages = progress.add_task("pages", total=None, visible=False)

        def on_page(done: int, total: int) -> None:
            progress.update(pages, completed=done, total=total, visible=True)

        for path in files:
            progress.update(overall, description=f"reading {path.name}")
            progress.update(pages, completed=0, total=None, visible=False)
            documents.append(_parse(path, on_page))
            progress.advance(overall)
    return documents


@app.command()
def convert(
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders to read.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    to: Annotated[
        str | None,
        typer.Option(
            "--to", help="Output format (xlsx, docx, pdf, html, json, csv); default: from -o."
        ),
    ] = None,
    one_sheet: Annotated[
        bool,
        typer.Option(
            "--one-sheet",
            help="All tables on one sheet / flowing on pages, instead of one per sheet / page.",
        ),
    ] = False,
    year: Annotated[
        int | None, typer.Option("--year", help="Year for titles when a table does not say.")
    ] = None,
) -> None:
    """Convert goal / self-evaluation / monitoring tables between formats."""
    from jixiao.io.writers import ExportOptions
    from jixiao.services.parsing import empty_folders, expand_inputs

    exporter = _exporter_for(output, to)
    missing = [f for f in inputs if not f.exists()]
    for f in missing:
        err_console.print(f"error: no such file or folder: {f}", markup=False)
    if missing:
        raise typer.Exit(2)
    for folder in empty_folders(inputs):
        err_console.print(f"error: no readable files in {folder}", markup=False, soft_wrap=True)
        raise typer.Exit(2)
    files = list(expand_inputs(inputs))
    documents = _read_all(files)
    for doc in documents:
        for problem in doc.problems:
            print_problem(problem, err_console)
    tables: list[GoalTable] = [t for doc in documents for t in doc.tables]
    if not tables:
        err_console.print(
            f"error: no goal table found in {len(files)} input file(s); nothing written",
            markup=False,
        )
        raise typer.Exit(1)
    options = ExportOptions(one_per_page=not one_sheet, year=year)
    try:
        data = exporter(tables, options).render()
    except RuntimeError as exc:  # e.g. no CJK font for the PDF
        err_console.print(f"error: {exc}", markup=False)
        raise typer.Exit(1) from None
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(data)
    err_console.print(
        f"wrote {len(tables)} table(s) from {len(files)} file(s) to {output}", markup=False
    )
    if any(has_errors(list(d.problems)) for d in documents):
        raise typer.Exit(1)
