"""Shared CLI output: problems as ``file:line: CODE message`` lines, JSON on stdout."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console

from jixiao.core.problems import Problem, Severity

# emoji=False: a location such as ``file.txt:100:`` must not become an emoji (":100:").
err_console = Console(stderr=True, highlight=False, emoji=False)
out_console = Console(highlight=False, emoji=False)

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def problem_line(problem: Problem) -> str:
    return f"{problem.source.short()}: {problem.code} {problem.severity.value}: {problem.message}"


def print_problem(problem: Problem, console: Console = out_console) -> None:
    """One grep-able line (soft_wrap keeps it on one line), the offending row beneath."""
    console.print(
        problem_line(problem), style=STYLE[problem.severity], markup=False, soft_wrap=True
    )
    if problem.raw:
        console.print(f"    {problem.raw}", style="dim", markup=False, soft_wrap=True)


def print_plain(text: str, console: Console = out_console, **kwargs: Any) -> None:
    """Print user text (file names, cells) as is: no markup, no emoji codes."""
    console.print(text, markup=False, soft_wrap=True, **kwargs)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")
