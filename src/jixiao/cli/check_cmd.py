"""``jixiao check PATH... [--rules PRESET|FILE] [--select ...] [--ignore ...] [--json]``.

Reviews goal tables (绩效目标审核) like a linter: one ``file:line: CODE severity: message``
line per finding with the offending row beneath, then a grade per table. Exit 1 when an
error-severity finding or parse problem exists, 2 on usage errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from jixiao.cli import app
from jixiao.cli.output import err_console, out_console, print_json, print_problem

if TYPE_CHECKING:
    from jixiao.services.review import CheckResult

_GRADE_STYLE = {"优": "bold green", "良": "green", "中": "yellow", "差": "bold red"}


def _list_rules(lang: str) -> None:
    from jixiao.rules import all_rules

    for rule in all_rules():
        title = rule.title_en if lang == "en" else rule.title
        text = f"{rule.code}  {rule.severity.value:<7}  {rule.dimension.value}  {title}"
        out_console.print(text, markup=False, soft_wrap=True)


def _usage_error(message: str) -> typer.Exit:
    err_console.print(f"error: {message}", markup=False, soft_wrap=True)
    return typer.Exit(2)


@app.command()
def check(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders to check.", show_default=False)
    ] = None,
    rules: Annotated[
        str | None,
        typer.Option("--rules", help="Rule preset (legacy, central-2021, guangdong) or TOML file."),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="Only these rule codes or prefixes (R2, R205); repeatable."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", help="Skip these rule codes or prefixes; repeatable."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
    lang: Annotated[str, typer.Option("--lang", help="Message language: zh or en.")] = "zh",
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help="List the rule catalog and exit.")
    ] = False,
) -> None:
    """Review goal tables (绩效目标审核) and grade each table 优/良/中/差."""
    from jixiao.rules import ConfigError
    from jixiao.services.parsing import empty_folders
    from jixiao.services.review import check_paths, resolve_config, result_dict

    if lang not in ("zh", "en"):
        raise _usage_error(f"--lang must be zh or en, not {lang}")
    if list_rules:
        _list_rules(lang)
        return
    if not paths:
        raise _usage_error("give at least one file or folder to check")
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise _usage_error(f"no such file or folder: {', '.join(map(str, missing))}")
    empty = empty_folders(paths)
    if empty:
        raise _usage_error(f"no readable files in {', '.join(map(str, empty))}")
    try:
        config = resolve_config(rules, select, ignore)
    except ConfigError as exc:
        raise _usage_error(str(exc)) from None
    result = check_paths(paths, config)
    if as_json:
        print_json(result_dict(result))
    else:
        _print_result(result, lang)
    if result.has_errors:
        raise typer.Exit(1)


def _print_result(result: CheckResult, lang: str) -> None:
    for doc in result.documents:
        for problem in doc.problems:
            print_problem(problem)
        for item in result.review.tables:
            if item.ref.document != doc.source:
                continue
            for finding in item.findings:
                print_problem(finding.to_problem(lang))
    out_console.print()
    for item in result.review.tables:
        g = item.grade
        counts = ", ".join(f"{n} {s}" for s, n in item.counts().items())
        consequence = g.consequence_en if lang == "en" else g.consequence
        line = Text(f"{item.ref.document} #{item.ref.index + 1} {item.ref.name}: ")
        line.append(g.level, style=_GRADE_STYLE[g.level])
        line.append(f" ({g.score}) — {counts} — {consequence}")
        out_console.print(line, soft_wrap=True)
    config = result.review.config
    total = len(result.review.findings)
    out_console.print(
        f"{len(result.review.tables)} table(s), {total} finding(s), rules: {config.name}",
        markup=False,
        soft_wrap=True,
    )
