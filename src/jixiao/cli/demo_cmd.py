"""``jixiao demo``: the README's main job.

Until the web system lands it runs the CLI pipeline on the example tables shipped in
``examples/`` and prints what was read.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.cli import app
from jixiao.cli.output import out_console


def example_dir() -> Path:
    """The repository's ``examples/`` folder (the demo runs from a checkout)."""
    return Path(__file__).resolve().parents[3] / "examples"


@app.command()
def demo() -> None:
    """Parse the example goal tables and print them."""
    from jixiao.cli.parse_cmd import _print_document
    from jixiao.services.parsing import parse_file

    path = example_dir() / "dongguan-changan-2024-goal-tables.txt"
    doc = parse_file(path)
    _print_document(doc)
    total = sum(
        (t.header.budget.amount.in_wan() for t in doc.tables if t.header.budget.amount),
    )
    out_console.print(f"{len(doc.tables)} tables, budget total {total} 万元")
