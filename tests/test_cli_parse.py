"""`jixiao parse` end to end: exit codes, JSON validity, problems per file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from jixiao.schema import load
from testdata import EXAMPLE_FILE, WILD


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, timeout=120
    )


def test_example_json_validates_and_exits_clean() -> None:
    result = run_cli("parse", str(EXAMPLE_FILE), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, load("parse-output.schema.json"))
    tables = data["documents"][0]["tables"]
    assert [len(t["indicators"]) for t in tables] == [19, 17, 14]
    assert [t["budget"]["amount"] for t in tables] == ["3650.68", "35.31", "15.47"]


def test_human_summary_names_every_table() -> None:
    result = run_cli("parse", str(EXAMPLE_FILE))
    assert result.returncode == 0, result.stderr
    for name in ("社会基本医疗保险", "综合业务类", "工会经费"):
        assert name in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_missing_file_is_a_usage_error() -> None:
    result = run_cli("parse", "no/such/file.txt")
    assert result.returncode == 2
    assert "no such file" in result.stderr


def test_folder_of_wild_tables_never_tracebacks(tmp_path: Path) -> None:
    result = run_cli("parse", str(WILD), "--json")
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, load("parse-output.schema.json"))
    assert len(data["documents"]) == len(list(WILD.glob("*.txt")))


def test_unknown_binary_file_is_a_located_error_and_others_go_on(tmp_path: Path) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 8)
    result = run_cli("parse", str(junk), str(EXAMPLE_FILE), "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    first, second = data["documents"]
    assert first["problems"][0]["code"] == "F002"
    assert first["problems"][0]["source"]["file"] == str(junk)
    assert len(second["tables"]) == 3


@pytest.mark.parametrize("content", [b"", b"\n\n", "项目名称\t\t".encode()])
def test_degenerate_inputs_do_not_crash(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(content)
    result = run_cli("parse", str(path), "--json")
    assert result.returncode in (0, 1)
    jsonschema.validate(json.loads(result.stdout), load("parse-output.schema.json"))


def test_folder_walk_takes_files_by_content_and_skips_the_rest(tmp_path: Path) -> None:
    from jixiao.services.parsing import expand_inputs

    table = EXAMPLE_FILE.read_bytes()
    (tmp_path / "目标表").write_bytes(table)  # no suffix
    (tmp_path / "目标表.export").write_bytes(table.decode("utf-8").encode("gb18030"))
    (tmp_path / "notes.log").write_text("会议记录：下周讨论预算。\n", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "blob").write_bytes(bytes(range(256)))
    (tmp_path / ".hidden.txt").write_bytes(table)
    (tmp_path / "~$lock.xlsx").write_bytes(b"owner")
    found = [p.name for p in expand_inputs([tmp_path])]
    assert found == ["目标表", "目标表.export"]
    result = run_cli("parse", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["documents"]) == 2


@pytest.mark.parametrize("command", [["parse"], ["check"], ["convert", "-o", "out.xlsx"]])
def test_folder_without_readable_files_is_a_usage_error(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "sub").mkdir()
    result = run_cli(*command, str(tmp_path))
    assert result.returncode == 2
    assert f"no readable files in {tmp_path}" in result.stderr
    assert "Traceback" not in result.stderr
