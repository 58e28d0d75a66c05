"""``jixiao convert`` and ``jixiao parse`` on office files, through the real CLI app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from office_support import PDF_FONTS, Made, use_pdf_font
from typer.testing import CliRunner

from jixiao.cli import _load_commands, app
from jixiao.services.parsing import parse_file

_load_commands()
runner = CliRunner()


def test_convert_example_text_to_every_format(example_file: Path, tmp_path: Path) -> None:
    for fmt in ("xlsx", "docx", "pdf", "html", "json", "csv"):
        out = tmp_path / f"dongguan.{fmt}"
        result = runner.invoke(app, ["convert", str(example_file), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
        assert "wrote 3 table(s) from 1 file(s)" in result.output
    assert [len(t.indicators) for t in parse_file(tmp_path / "dongguan.xlsx").tables] == [
        19,
        17,
        14,
    ]


@pytest.mark.parametrize("font", PDF_FONTS)
def test_convert_to_pdf_and_parse_it_back_with_either_font(
    font: str, example_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bare-machine promise: with no font file (builtin) as with an embedded one."""
    use_pdf_font(font, monkeypatch)
    out = tmp_path / "x.pdf"
    result = runner.invoke(app, ["convert", str(example_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    want = parse_file(example_file).tables
    got = parse_file(out).tables
    assert [t.name for t in got] == [t.name for t in want]
    assert [t.header.budget.amount for t in got] == [t.header.budget.amount for t in want]
    assert [
        [(i.level1, i.level2, i.name, i.annual_target.raw) for i in t.indicators] for t in got
    ] == [[(i.level1, i.level2, i.name, i.annual_target.raw) for i in t.indicators] for t in want]


def test_convert_many_inputs_and_a_folder_into_one_workbook(made: Made, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.docx").write_bytes(made.docx.read_bytes())
    out = tmp_path / "all.bin"
    result = runner.invoke(
        app, ["convert", str(folder), str(made.xlsx), "-o", str(out), "--to", "xlsx", "--one-sheet"]
    )
    assert result.exit_code == 0, result.output
    from openpyxl import load_workbook

    with out.open("rb") as handle:
        assert len(load_workbook(handle).worksheets) == 1
    assert [len(t.indicators) for t in parse_file(out).tables] == [19, 17, 14] * 2


def test_convert_usage_errors_exit_2(tmp_path: Path, example_file: Path) -> None:
    unknown = runner.invoke(app, ["convert", str(example_file), "-o", str(tmp_path / "x.zzz")])
    assert unknown.exit_code == 2 and "no exporter" in unknown.output
    missing = runner.invoke(
        app, ["convert", str(tmp_path / "nope.pdf"), "-o", str(tmp_path / "x.pdf")]
    )
    assert missing.exit_code == 2 and "no such file" in missing.output


def test_convert_with_nothing_to_write_exits_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("没有表格的说明文字。\n", encoding="utf-8")
    out = tmp_path / "out.xlsx"
    result = runner.invoke(app, ["convert", str(empty), "-o", str(out)])
    assert result.exit_code == 1 and "nothing written" in result.output
    assert not out.exists()


def test_parse_reads_office_files_and_folders_as_json(made: Made, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "goal.xlsx").write_bytes(made.xlsx.read_bytes())
    (folder / "goal.docx").write_bytes(made.docx.read_bytes())
    result = runner.invoke(app, ["parse", "--json", str(folder)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    counts = [[len(t["indicators"]) for t in d["tables"]] for d in data["documents"]]
    assert counts == [[19, 17, 14], [19, 17, 14]]


def test_convert_a_pdf_disclosure_into_one_workbook(made: Made, tmp_path: Path) -> None:
    out = tmp_path / "disclosure.xlsx"
    result = runner.invoke(app, ["convert", str(made.pdf_writer), "-o", str(out)])
    assert result.exit_code == 0, result.output
    from openpyxl import load_workbook

    assert len(load_workbook(out).worksheets) == 3
    tables = parse_file(out).tables
    assert [(t.name, len(t.indicators)) for t in tables] == [
        (t.name, len(t.indicators)) for t in parse_file(made.pdf_writer).tables
    ]
    assert [len(t.indicators) for t in tables] == [19, 17, 14]
