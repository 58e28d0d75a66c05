"""The ``jixiao`` command line. One module per command; each registers itself on ``app``.

Exit codes: 0 clean, 1 when a problem or finding of severity error was found, 2 on usage errors.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="jixiao",
    help="jixiao (绩效): budget performance goal tables — parse, check, score, convert, serve.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Command modules, imported for their side effect of registering commands on ``app``.
COMMAND_MODULES = [
    "jixiao.cli.parse_cmd",
    "jixiao.cli.demo_cmd",
    "jixiao.cli.score_cmd",
    "jixiao.cli.check_cmd",
    "jixiao.cli.serve_cmd",
    "jixiao.cli.convert_cmd",
]


def _load_commands() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name)


def _print_version(value: bool) -> None:
    if value:
        from jixiao import __version__

        typer.echo(f"jixiao {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_print_version,
        is_eager=True,
        help="Print the version and exit.",
    ),
) -> None:
    """jixiao (绩效): budget performance goal tables — parse, check, score, convert, serve."""


def main() -> None:
    _load_commands()
    app()
