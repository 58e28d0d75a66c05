"""``jixiao check`` on real files: output lines, JSON shape, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import _load_commands, app
from testdata import EXAMPLE_FILE, WILD

_load_commands()
runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["check", *args])
    return result.exit_code, result.output


def test_example_prints_grep_able_findings_and_a_summary_per_table() -> None:
    code, out = run(str(EXAMPLE_FILE))
    assert code == 0  # warnings and info only
    lines = out.splitlines()
    r205 = [line for line in lines if " R205 warning: " in line]
    assert len(r205) == 3
    for line in r205:  # file:line: CODE severity: message, never wrapped
        assert line.startswith(f"{EXAMPLE_FILE}:")
        assert line.rstrip().endswith("换成反映成本控制的指标。")
    row = lines[lines.index(r205[0]) + 1]
    assert row.strip().endswith("预算执行率 | --- | ≥90%")
    assert any(
        line.endswith(
            "工会经费: 中 (70) — 0 error, 7 warning, 0 info — "
            "由相关部门或单位对其绩效目标进行修改完善，按程序重新报送审核"
        )
        for line in lines
    )
    assert "3 table(s), 22 finding(s), rules: legacy" in out
    assert " B003 warning: " in out  # parse problems are shown too


def test_json_shape() -> None:
    code, out = run(str(EXAMPLE_FILE), "--json", "--rules", "central-2021")
    assert code == 0
    data = json.loads(out)
    assert data["schema_version"] == "1"
    assert data["rules"] == {"name": "central-2021", "chain": ["legacy", "central-2021"]}
    assert [t["grade"] for t in data["tables"]] == ["中", "中", "中"]
    assert data["tables"][2]["counts"] == {"error": 0, "warning": 8, "info": 0}
    assert data["documents"][0]["tables"] == 3
    assert {p["code"] for p in data["documents"][0]["problems"]} == {"B003"}
    finding = next(f for f in data["findings"] if f["code"] == "R205")
    assert {"code", "severity", "message", "table", "indicator", "source"} <= set(finding)
    assert finding["indicator"] == "预算执行率" and finding["table"] == 0
    assert finding["source"]["file"] == str(EXAMPLE_FILE) and finding["source"]["line"] == 26


def test_select_ignore_and_english() -> None:
    code, out = run(str(EXAMPLE_FILE), "--select", "R2", "--ignore", "R206", "--lang", "en")
    assert code == 0
    codes = {line.split()[1] for line in out.splitlines() if ": R" in line}
    assert codes == {"R203", "R205"}
    assert "budget execution" in out


def test_error_finding_exits_1() -> None:
    code, out = run(str(WILD / "013_goal.txt"), "--select", "R310")
    assert code == 1
    assert " R310 error: " in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rules", "nosuch"], "unknown rule preset or file: nosuch"),
        (["--select", "R999"], "unknown rule code or prefix: R999"),
        (["--lang", "fr"], "--lang must be zh or en"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    code, out = run(str(EXAMPLE_FILE), *args)
    assert code == 2
    assert message in out


def test_missing_path_exits_2() -> None:
    code, out = run("no/such/file.txt")
    assert code == 2 and "no such file or folder" in out
    code, _ = run()
    assert code == 2


def test_bad_config_file_names_file_and_line_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "rules.toml"
    bad.write_text('extends = "legacy"\n[thresholds\n', encoding="utf-8")
    jixiao = Path(sys.executable).parent / "jixiao"  # the installed entry point
    proc = subprocess.run(
        [str(jixiao), "check", str(EXAMPLE_FILE), "--rules", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert str(bad) in proc.stderr and "line 2" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_config_file_changes_the_result(tmp_path: Path) -> None:
    cfg = tmp_path / "strict.toml"
    cfg.write_text('extends = "guangdong"\n[severity]\nR205 = "error"\n', encoding="utf-8")
    code, out = run(str(EXAMPLE_FILE), "--rules", str(cfg))
    assert code == 1
    assert out.count(" R205 error: ") == 3


def test_list_rules() -> None:
    code, out = run("--list-rules")
    assert code == 0
    assert "R205" in out and "预算执行率作为绩效指标" in out


def test_benchmark_runs_standalone_on_a_small_batch() -> None:
    from testdata import REPO

    proc = subprocess.run(
        [sys.executable, str(REPO / "bench" / "bench_check.py"), "--tables", "20"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "read back: 20, parse problems: 0" in proc.stdout
    assert "share of time: rules" in proc.stdout
