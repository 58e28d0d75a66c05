"""Shared CLI output: problems as ``file:line: CODE message`` lines, JSON on stdout."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console

from jixiao.core.problems import Problem, Severity

err_console = Console(stderr=True, highlight=False)
out_console = Console(highlight=False)

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def problem_line(problem: Problem) -> str:
    return f"{problem.source.short()}: {problem.code} {problem.severity.value}: {problem.message}"


def print_problem(problem: Problem, console: Console = out_console) -> None:
    console.print(
        problem_line(problem), style=_STYLE[problem.severity], markup=False, soft_wrap=True
    )
    if problem.raw:
        console.print(f"    {problem.raw}", style="dim", markup=False, soft_wrap=True)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")
