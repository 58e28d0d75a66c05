"""``jixiao score`` / ``jixiao monitor`` / ``jixiao template``: self-evaluation and monitoring.

Exit codes: 0 clean, 1 when a problem of severity error was found (including printed scores
that differ under ``--recheck``), 2 on usage errors (missing file, unknown scheme, bad month).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from jixiao.cli import app
from jixiao.cli.output import err_console, out_console, print_json, print_problem
from jixiao.core.problems import Severity, has_errors
from jixiao.scoring.explain import fmt

if TYPE_CHECKING:
    from jixiao.core.model import GoalTable
    from jixiao.scoring.monitoring import MonitorResult
    from jixiao.scoring.schemes import Scheme
    from jixiao.scoring.selfeval import TableResult
    from jixiao.services.evaluation import MonitorRun, RecheckRun, ScoreRun

SchemeOption = Annotated[
    str,
    typer.Option("--scheme", help="Scheme preset (central-2020, vendor-80) or a TOML file."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
OutputOption = Annotated[
    Path | None,
    typer.Option("-o", "--output", help="Write the filled tables (.xlsx, .docx, .pdf …)."),
]
_LIGHT_STYLE = {"red": "bold red", "yellow": "yellow", "green": "green", "blue": "bold blue"}


def _usage(message: str) -> typer.Exit:
    err_console.print(f"error: {message}", markup=False)
    return typer.Exit(2)


def _need_file(path: Path, what: str) -> None:
    if not path.is_file():
        raise _usage(f"no such {what}: {path}")


def _scheme(name: str) -> Scheme:
    from jixiao.scoring.schemes import SchemeError, load_scheme

    try:
        return load_scheme(name)
    except SchemeError as exc:
        raise _usage(str(exc)) from None


def _check_output(output: Path | None) -> None:
    if output is None:
        return
    from jixiao.io.writers import get_exporter

    try:
        get_exporter(output.suffix or "?")
    except KeyError as exc:
        raise _usage(f"cannot write {output}: {exc.args[0]}") from None


def _plain(*cells: str) -> list[Text]:
    """User text (table names, cells) shown as is: Rich markup in it is not interpreted."""
    return [Text(cell) for cell in cells]


def _write(output: Path | None, tables: list[GoalTable]) -> None:
    if output is None:
        return
    if not tables:
        err_console.print(f"nothing to write to {output}: no table was scored", markup=False)
        return
    from jixiao.services.evaluation import export

    try:
        data = export(tables, output.suffix)
    except Exception as exc:  # an exporter bug must not end in a traceback
        err_console.print(
            f"error: the {output.suffix} exporter failed, please report it: "
            f"{type(exc).__name__}: {exc}",
            markup=False,
        )
        raise typer.Exit(1) from None
    try:
        output.parent.mkdir(parents=True, exist_ok=True)  # as `jixiao convert` does
        output.write_bytes(data)
    except OSError as exc:
        raise _usage(f"cannot write {output}: {exc}") from None
    err_console.print(f"wrote {output}", markup=False)


def _finish(run: ScoreRun | MonitorRun | RecheckRun, as_json: bool) -> None:
    from jixiao.services.evaluation import run_dict

    if not run.document.tables:
        err_console.print(f"error: {run.document.source}: no goal table found", markup=False)

    if as_json:
        print_json(run_dict(run))
    else:
        notes = [p for p in run.problems if p.severity is Severity.INFO]
        for problem in run.problems:
            if problem.severity is not Severity.INFO:
                print_problem(problem)
        if notes:
            out_console.print(
                f"({len(notes)} info note(s) not shown; --json lists them)",
                style="dim",
                markup=False,
            )
    if has_errors(run.problems) or not run.results:
        raise typer.Exit(1)


def _score_grid(result: TableResult, printed: bool = False) -> Table:
    grade = result.grade or "—"
    title = (
        f"{result.table.name}  总分 {fmt(result.total)}  等级 {grade}"
        f"{'' if result.complete else '  (incomplete)'}  [{result.scheme}]"
    )
    grid = Table(title=Text(title), title_justify="left")
    columns = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值"]
    columns += ["印刷得分", "重算得分"] if printed else ["得分"]
    for name in [*columns, "说明"]:
        grid.add_column(name, overflow="fold")
    for r in result.indicators:
        actual = r.actual.raw if r.actual else (r.level.value if r.level else "")
        cells = [
            r.indicator.level1 or "",
            r.indicator.level2 or "",
            r.indicator.name,
            r.indicator.annual_target.raw,
            actual,
            fmt(r.weight),
        ]
        if printed:
            cells.append(fmt(r.indicator.score))
        cells.append("" if r.score is None else format(r.score, "f"))
        cells.append(
            r.explanation.short() if r.explanation else "; ".join(p.message for p in r.problems)
        )
        grid.add_row(*_plain(*cells))
    b = result.budget
    cells = [
        "预算执行率",
        "",
        "",
        fmt(b.budget.in_wan()) + "万元" if b.budget else "",
        fmt(b.executed.in_wan()) + "万元" if b.executed else "",
        fmt(b.weight),
    ]
    if printed:
        cells.append(fmt(result.table.header.budget.score))
    cells.append("" if b.score is None else format(b.score, "f"))
    cells.append(b.explanation.short() if b.explanation else "")
    grid.add_row(*_plain(*cells))
    return grid


@app.command()
def score(
    file: Annotated[Path, typer.Argument(help="Goal tables (any format jixiao reads).")],
    actuals: Annotated[
        Path | None, typer.Option("--actuals", help="Actuals file (.csv or .xlsx).")
    ] = None,
    scheme: SchemeOption = "central-2020",
    recheck: Annotated[
        bool, typer.Option("--recheck", help="Recheck the printed scores of 自评表 in FILE.")
    ] = False,
    as_json: JsonOption = False,
    output: OutputOption = None,
) -> None:
    """Score goal tables against actuals (绩效自评), or recheck printed self-evaluations."""
    from jixiao.services import evaluation

    _need_file(file, "file")
    if recheck and actuals is not None:
        raise _usage("--recheck rechecks the printed scores of FILE: it takes no --actuals")
    chosen = _scheme(scheme)
    _check_output(output)
    if recheck:
        run = evaluation.recheck_file(file, chosen)
        if not as_json:
            for r in run.results:
                if not r.rechecked:
                    continue
                out_console.print(_score_grid(r.result, printed=True))
                if r.printed_total is not None:
                    out_console.print(
                        f"printed total {fmt(r.printed_total)}, recomputed "
                        f"{fmt(r.recomputed_total)}",
                        markup=False,
                    )
        _write(output, [evaluation.selfeval_table(r.result) for r in run.results if r.rechecked])
        _finish(run, as_json)
        return
    if actuals is None:
        raise _usage("give --actuals FILE (or --recheck for printed self-evaluation tables)")
    _need_file(actuals, "actuals file")
    score_run = evaluation.score_file(file, actuals, chosen)
    if not as_json:
        for result in score_run.results:
            out_console.print(_score_grid(result))
    _write(output, [evaluation.selfeval_table(r) for r in score_run.results])
    _finish(score_run, as_json)


@app.command()
def monitor(
    file: Annotated[Path, typer.Argument(help="Goal tables (any format jixiao reads).")],
    actuals: Annotated[Path, typer.Option("--actuals", help="Actuals so far (.csv / .xlsx).")],
    month: Annotated[int, typer.Option("--month", help="Cut-off month 1–12 (1-m月).")],
    scheme: SchemeOption = "central-2020",
    as_json: JsonOption = False,
    output: OutputOption = None,
) -> None:
    """Monitoring (绩效运行监控): warning lights for budget execution and every indicator."""
    from jixiao.services import evaluation

    if not 1 <= month <= 12:
        raise _usage(f"--month must be 1 to 12, not {month}")
    _need_file(file, "file")
    _need_file(actuals, "actuals file")
    chosen = _scheme(scheme)
    _check_output(output)
    run = evaluation.monitor_file(file, actuals, month, chosen)
    if not as_json:
        for result in run.results:
            out_console.print(_monitor_grid(result))
    _write(output, [evaluation.monitor_goal_table(r) for r in run.results])
    _finish(run, as_json)


def _monitor_grid(result: MonitorResult) -> Table:
    b = result.budget
    light = b.light.value if b.light else "—"
    title = Text(f"{result.table.name}  1-{result.month}月  预算执行 {fmt(b.progress)}% of time  ")
    title.append(light, style=_LIGHT_STYLE.get(light, ""))
    grid = Table(title=title, title_justify="left")
    for name in (
        "三级指标",
        "年度指标值",
        "当期完成值",
        "r %",
        "预警",
        "全年预计",
        "可能性",
        "偏差原因",
        "说明",
    ):
        grid.add_column(name, overflow="fold")
    for r in result.indicators:
        color = r.light.value if r.light else ""
        cells = _plain(
            r.indicator.name,
            r.indicator.annual_target.raw,
            r.actual.raw if r.actual else "",
            fmt(r.ratio) if r.ratio is not None else "",
            color or "—",
            r.forecast.raw if r.forecast else "",
            r.likelihood or "",
            " ".join(x for x in (r.reason_category, r.reason) if x),
            r.explanation.short() if r.explanation else "",
        )
        cells[4].stylize(_LIGHT_STYLE.get(color, ""))
        grid.add_row(*cells)
    return grid


@app.command()
def template(
    file: Annotated[Path, typer.Argument(help="Goal tables to fill in actuals for.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The .xlsx to write.")],
) -> None:
    """Write the fill-in sheet (实际完成值填报表) for the goal tables in FILE."""
    from jixiao.io.actuals import write_template
    from jixiao.services.evaluation import read_tables

    _need_file(file, "file")
    if output.suffix.lower() != ".xlsx":
        raise _usage(f"the template is an .xlsx workbook, not {output.suffix or 'no suffix'}")
    document = read_tables(file)
    for problem in document.problems:
        print_problem(problem, err_console)
    if not document.tables:
        err_console.print(f"error: {file}: no goal table found", markup=False)
        raise typer.Exit(1)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(write_template(document.tables))
    except OSError as exc:
        raise _usage(f"cannot write {output}: {exc}") from None
    rows = sum(len(t.indicators) + 1 for t in document.tables)
    out_console.print(f"wrote {output}: {len(document.tables)} table(s), {rows} rows", markup=False)
