"""``jixiao parse FILE... [--json]``: read goal tables from any supported input."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from jixiao.cli import app
from jixiao.cli.output import err_console, out_console, print_json, print_problem
from jixiao.core.model import Document, GoalTable
from jixiao.core.problems import has_errors
from jixiao.core.serialize import documents_dict
from jixiao.core.values import format_target


def _summary(table: GoalTable) -> Table:
    h = table.header
    budget = h.budget.amount
    title = (
        f"{table.name}  [{table.kind.value}{'' if table.complete else ', incomplete'}]"
        f"  预算 {budget if budget else '—'}"
    )
    # Text, not str: names and cells are user data and must never be read as Rich markup.
    grid = Table(title=Text(title), title_justify="left", show_lines=False)
    for column in ("一级指标", "二级指标", "三级指标", "当年度指标值", "解析"):
        grid.add_column(column, overflow="fold")
    for ind in table.indicators:
        t = ind.annual_target
        parsed = t.kind.value if t.kind.value in ("qualitative", "none") else format_target(t)
        cells = (ind.level1 or "", ind.level2 or "", ind.name, t.raw, parsed)
        grid.add_row(*(Text(c) for c in cells))
    return grid


def _print_document(doc: Document) -> None:
    heading = Text(doc.source, style="bold")
    heading.append(f": {len(doc.tables)} table(s)")
    out_console.print(heading, soft_wrap=True)
    for table in doc.tables:
        out_console.print(_summary(table))
    for problem in doc.problems:
        print_problem(problem)


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="Files or folders to read.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
) -> None:
    """Read goal / self-evaluation / monitoring tables and print them (or JSON)."""
    from jixiao.services.parsing import empty_folders, expand_inputs, parse_file

    missing = [f for f in files if not f.exists()]
    if missing:
        for f in missing:
            err_console.print(f"error: no such file or folder: {f}", markup=False, soft_wrap=True)
        raise typer.Exit(2)
    empty = empty_folders(files)
    if empty:
        for folder in empty:
            err_console.print(f"error: no readable files in {folder}", markup=False, soft_wrap=True)
        raise typer.Exit(2)
    documents = [parse_file(path) for path in expand_inputs(files)]
    if as_json:
        print_json(documents_dict(documents))
    else:
        for doc in documents:
            _print_document(doc)
    if any(has_errors(list(d.problems)) for d in documents):
        raise typer.Exit(1)
