"""Real inputs: the Dongguan example as a golden findings snapshot, and every wild file.

The snapshots in tests/data/rules/ were checked by hand (see the notes at their top).
Refresh them after an intended change with ``JIXIAO_UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jixiao.services.parsing import parse_file
from jixiao.services.review import CheckResult, check_documents, resolve_config
from testdata import DATA, EXAMPLE_FILE, WILD

GOLDEN = DATA / "rules"
UPDATE = os.environ.get("JIXIAO_UPDATE_GOLDEN") == "1"
NOTE = "# Golden findings of `jixiao check` (hand-checked); refresh: JIXIAO_UPDATE_GOLDEN=1\n"


def render(result: CheckResult) -> str:
    """One line per table (grade) and per finding: stable, readable diffs."""
    lines = []
    for item in result.review.tables:
        g = item.grade
        lines.append(f"table {item.ref.index} {item.ref.name}: {g.level} {g.score}")
        for f in item.findings:
            where = f.source.line if f.source.line is not None else "-"
            lines.append(f"  {where} {f.code} {f.severity.value} {f.indicator or '-'}")
    return "\n".join(lines) + "\n"


def _compare(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(NOTE + text, encoding="utf-8")
    expected = path.read_text(encoding="utf-8").removeprefix(NOTE)
    assert text == expected, f"findings differ from {path}; JIXIAO_UPDATE_GOLDEN=1 refreshes"


@pytest.fixture(scope="module")
def example_doc():  # type: ignore[no-untyped-def]
    return parse_file(EXAMPLE_FILE)


@pytest.mark.parametrize("preset", ["legacy", "central-2021"])
def test_dongguan_golden_findings(example_doc, preset: str) -> None:  # type: ignore[no-untyped-def]
    result = check_documents([example_doc], resolve_config(preset))
    _compare(f"dongguan-{preset}.txt", render(result))


def test_dongguan_facts_the_issue_names(example_doc) -> None:  # type: ignore[no-untyped-def]
    result = check_documents([example_doc], resolve_config("legacy"))
    tables = result.review.tables
    assert [t.ref.name for t in tables][1:] == ["综合业务类", "工会经费"]
    for item in tables:  # each of the three uses 预算执行率 as an indicator
        assert [f.indicator for f in item.findings if f.code == "R205"] == ["预算执行率"]
    few = [t.ref.name for t in tables if any(f.code == "R301" for f in t.findings)]
    assert few == ["工会经费"]  # few quantitative targets
    samples = [f.indicator for f in result.review.findings if f.code == "R206"]
    assert samples == ["调查参保人数", "调查服务对象人数", "调查对象人数"]
    assert not result.has_errors


@pytest.mark.parametrize("path", sorted(WILD.glob("*.txt")), ids=lambda p: p.name)
def test_wild_files_are_checked_without_a_crash(path: Path) -> None:
    doc = parse_file(path)
    result = check_documents([doc], resolve_config("guangdong"))
    assert [f for f in result.review.findings if f.code == "R000"] == []
    assert len(result.review.tables) == len(doc.tables)
    for finding in result.review.findings:
        assert finding.source.file == str(path)


def test_wild_cost_above_budget() -> None:
    # 013: 全年工伤保险基金支出 29300万 against an annual budget of 28600万
    doc = parse_file(WILD / "013_goal.txt")
    result = check_documents([doc], resolve_config("legacy", select=["R310"]))
    assert [f.indicator for f in result.review.findings] == ["全年工伤保险基金支出"]
