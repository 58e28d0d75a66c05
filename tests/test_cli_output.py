"""CLI output of user data: Rich markup and emoji codes in cells and file names print as is."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import _load_commands, app
from testdata import EXAMPLE_FILE

_load_commands()
runner = CliRunner()


def _marked_copy(tmp_path: Path) -> Path:
    """The example with markup in a cell and in the file name (both raised MarkupError)."""
    text = EXAMPLE_FILE.read_text(encoding="utf-8")
    assert "年均参保缴费人数" in text
    path = tmp_path / "[bold]单位[red].txt"
    path.write_text(text.replace("年均参保缴费人数", "年均参保缴费人数[/]"), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["parse", "check"])
def test_markup_in_cells_and_file_names_prints_literally(tmp_path: Path, command: str) -> None:
    path = _marked_copy(tmp_path)
    result = runner.invoke(app, [command, str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1)
    assert str(path) in result.output
    if command == "parse":
        assert "[/]" in result.output.replace("\n", "")


@pytest.mark.parametrize("command", ["parse", "check"])
def test_line_100_and_more_is_not_an_emoji(tmp_path: Path, command: str) -> None:
    # 74 blank lines move the example's problem row (line 26) to line 100 (":100:" is an emoji).
    path = tmp_path / "late.txt"
    path.write_text("\n" * 74 + EXAMPLE_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, [command, str(path)])
    assert result.exit_code in (0, 1), result.output
    assert "💯" not in result.output
    assert f"{path}:100:" in result.output


def test_check_prints_the_offending_row_beneath_each_finding() -> None:
    result = runner.invoke(app, ["check", str(EXAMPLE_FILE)])
    lines = result.output.splitlines()
    finding = next(i for i, line in enumerate(lines) if " R205 " in line)
    assert lines[finding + 1].startswith("    ")


def test_version() -> None:
    from jixiao import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"jixiao {__version__}"
