"""``jixiao score`` / ``monitor`` / ``template`` on real files: exit codes, JSON, exports."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao.cli import _load_commands, app
from testdata import DATA, EXAMPLE_FILE, WILD

_load_commands()
runner = CliRunner()
SCORING = DATA / "scoring"
ACTUALS = SCORING / "dongguan-actuals.csv"
UNION = SCORING / "union-goal.txt"
JULY = SCORING / "union-monitor-july.csv"


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def flat(text: str) -> str:
    """Output without whitespace: rich wraps long lines at the terminal width."""
    return "".join(text.split())


def test_score_json() -> None:
    code, out = run("score", str(EXAMPLE_FILE), "--actuals", str(ACTUALS), "--json")
    assert code == 0
    data = json.loads(out)
    assert [(t["project"], t["total"], t["grade"]) for t in data["tables"]] == [
        ("(镇级) 社会基本医疗保险 (村社区)", "96.88", "优"),
        ("综合业务类", "84.35", "良"),
        ("工会经费", "94.39", "优"),
    ]
    first = data["tables"][0]["indicators"][0]
    assert set(first) >= {"weight", "actual", "score", "explanation"}
    assert first["explanation"]["full_marks"] == "A ≥ 64539人 gives full marks"


def test_score_tables_and_scheme_variant() -> None:
    code, out = run("score", str(UNION), "--actuals", str(ACTUALS), "--scheme", "vendor-80")
    assert code == 1  # the rows of the other two projects name no project of this file
    assert "A004" in out
    assert "总分94.39" in flat(out)


def test_score_export_xlsx(tmp_path: Path) -> None:
    target = tmp_path / "自评表.xlsx"
    code, _ = run(
        "score", str(UNION), "--actuals", str(SCORING / "union-actuals.csv"), "-o", str(target)
    )
    assert code == 0
    cells = [
        c
        for row in load_workbook(target).active.iter_rows(values_only=True)
        for c in row
        if c is not None
    ]
    assert "项目支出绩效自评表" in cells
    assert "94.39" in cells and "优" in cells and "9.83" in cells


def test_monitor_json() -> None:
    code, out = run("monitor", str(UNION), "--actuals", str(JULY), "--month", "7", "--json")
    assert code == 0
    (table,) = json.loads(out)["tables"]
    # budget 6.2 / 15.47 = 40.08 %; 40.08 / (7/12) = 68.70 → yellow
    assert table["budget"]["progress"] == "68.70" and table["budget"]["light"] == "yellow"
    lights = {i["name"]: i["light"] for i in table["indicators"]}
    assert lights["职工人数"] == "green"  # a head count at a point in time: 51 of 51, not 171 %
    assert lights["预算执行率"] == "red"  # cost: not prorated, 40 % < 95 %
    assert lights["活动开展及时性"] == "yellow"  # 部分达成
    assert lights["职工福利改善度"] == "red"  # 未达成
    assert lights["调查对象满意度"] == "green"  # a rate: not prorated, 92 ≥ 90
    assert lights["投诉处理满意率"] == "red"  # 80 < 90
    welfare = next(i for i in table["indicators"] if i["name"] == "职工福利改善度")
    assert welfare["likelihood"] == "完全不可能" and welfare["reason_category"] == "其他"


def test_template(tmp_path: Path) -> None:
    target = tmp_path / "actuals.xlsx"
    code, out = run("template", str(EXAMPLE_FILE), "-o", str(target))
    assert code == 0
    assert "3table(s),53rows" in flat(out)  # 19 + 17 + 14 indicators and 3 budget rows
    ws = load_workbook(target)["实际完成值"]
    assert ws.cell(2, 4).value == "年均参保缴费人数" and ws.cell(2, 5).value == "≥64539人"


def test_recheck_exit_code_and_listing() -> None:
    code, out = run("score", "--recheck", str(WILD / "020_selfeval.txt"))
    assert code == 1
    assert "S301" in out and "printedscore9,recomputed8.62" in flat(out)


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("score", str(tmp_path / "missing.txt"), "--actuals", str(ACTUALS))[0] == 2
    assert run("score", str(EXAMPLE_FILE))[0] == 2  # neither --actuals nor --recheck
    code, out = run("score", str(EXAMPLE_FILE), "--actuals", str(ACTUALS), "--scheme", "nope")
    assert code == 2 and "central-2020" in out
    code, out = run("monitor", str(UNION), "--actuals", str(JULY), "--month", "13")
    assert code == 2 and "1to12" in flat(out)
    code, out = run("score", str(UNION), "--actuals", str(ACTUALS), "-o", str(tmp_path / "x.abc"))
    assert code == 2
    assert run("template", str(UNION), "-o", str(tmp_path / "t.csv"))[0] == 2


def test_bad_scheme_file_and_bad_actuals(tmp_path: Path) -> None:
    scheme = tmp_path / "mine.toml"
    scheme.write_text('base = "central-2020"\n[weights]\noutput = 60\n', encoding="utf-8")
    code, out = run("score", str(UNION), "--actuals", str(ACTUALS), "--scheme", str(scheme))
    assert code == 2 and "mustaddupto100" in flat(out)
    bad = tmp_path / "bad.csv"
    bad.write_text("项目名称,三级指标\n工会经费,职工人数\n", encoding="utf-8")
    code, out = run("score", str(UNION), "--actuals", str(bad))
    assert code == 1
    assert flat(f"{bad}:r1: A002") in flat(out)


def test_a_file_without_tables_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "notes.txt"
    empty.write_text("这里没有绩效目标表。\n", encoding="utf-8")
    code, out = run("score", str(empty), "--actuals", str(ACTUALS))
    assert code == 1 and "nogoaltablefound" in flat(out)
