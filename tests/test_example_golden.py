"""Golden test on the Dongguan example: 3 tables, every indicator, every repair.

The snapshot in tests/data/golden/ is the JSON of ``jixiao parse --json``; rewrite it with
``JIXIAO_UPDATE_GOLDEN=1 pytest tests/test_example_golden.py`` after a deliberate change and
review the diff.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.model import Document, TableKind
from jixiao.core.serialize import documents_dict
from jixiao.core.target import Op, TargetKind
from jixiao.core.values import format_target
from jixiao.io.table import RawDocument, grid_from_texts
from jixiao.reading import build_document
from jixiao.services.parsing import parse_file

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "dongguan-changan-2024-goal-tables.txt"
GOLDEN = REPO / "tests" / "data" / "golden" / "dongguan-changan-2024.json"


@pytest.fixture(scope="module")
def doc() -> Document:
    return parse_file(EXAMPLE)


def _portable(data: object) -> object:
    """Source paths reduced to the file name: the snapshot must not depend on the checkout."""
    if isinstance(data, dict):
        return {
            k: (Path(v).name if k in ("file", "source") and isinstance(v, str) else _portable(v))
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [_portable(v) for v in data]
    return data


def test_golden_snapshot(doc: Document) -> None:
    got = _portable(documents_dict([doc]))
    if os.environ.get("JIXIAO_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert got == want


def test_three_tables_with_their_counts_and_budgets(doc: Document) -> None:
    assert [len(t.indicators) for t in doc.tables] == [19, 17, 14]
    assert [t.header.budget.amount.in_wan() for t in doc.tables if t.header.budget.amount] == [
        Decimal("3650.68"),
        Decimal("35.31"),
        Decimal("15.47"),
    ]
    assert [t.header.name for t in doc.tables] == [
        "(镇级) 社会基本医疗保险 (村社区)",
        "综合业务类",
        "工会经费",
    ]
    assert all(t.kind is TableKind.GOAL and t.complete for t in doc.tables)


def test_header_fields(doc: Document) -> None:
    types = ["其他事业发展性支出", "其他特定目标类（部门职能类）", "其他运转类（综合类）"]
    for table, type_ in zip(doc.tables, types, strict=True):
        h = table.header
        assert h.type == type_
        assert h.level == "二级项目"
        assert h.department == h.unit == "东莞市长安社会保险基金管理中心"
        assert (h.period.start, h.period.end) == (2024, 2024)
        assert h.year == 2024
        assert h.period_goal is None  # printed "---"
        assert h.annual_goal
        assert h.source_of("name") is not None
    assert doc.tables[0].header.annual_goal.startswith("按文件规定及时、准确地")
    assert doc.tables[2].header.annual_goal.endswith("更好地发挥职工的工作积极性。")


def test_key_rows(doc: Document) -> None:
    first = doc.tables[0].indicators
    top = first[0]
    assert (top.level1, top.level2, top.name) == ("产出指标", "数量指标", "年均参保缴费人数")
    assert top.period_target.kind is TargetKind.NONE
    assert top.annual_target.op is Op.GE and top.annual_target.value == Decimal("64539")
    assert top.annual_target.unit == "人"
    # the carried 二级 label
    assert (first[2].level2, first[2].name) == ("质量指标", "应补尽补率")
    assert first[3].annual_target.kind is TargetKind.QUALITATIVE
    assert first[3].annual_target.text == "规范"


def test_shifted_rows_are_repaired_and_reported(doc: Document) -> None:
    rows = {i.name: i for i in doc.tables[0].indicators}
    cost = rows["预算执行率"]
    assert (cost.level1, cost.level2) == ("产出指标", "成本指标")
    assert cost.period_target.kind is TargetKind.NONE
    assert format_target(cost.annual_target) == "≥90%"
    health = rows["社会保障体系健全性"]
    assert (health.level1, health.level2) == ("效益指标", "可持续影响指标")
    assert health.annual_target.text == "良好"
    assert health.period_target.kind is TargetKind.NONE
    repairs = [p for p in doc.problems if p.code == "B003" and p.table == 0]
    assert sorted(p.source.line for p in repairs) == [26, 33]
    assert all("成本指标" in p.message or "社会保障体系健全性" in p.message for p in repairs)
    # tables 2 and 3 are regular: no repair there
    assert not [p for p in doc.problems if p.code == "B003" and p.table != 0]


def test_every_indicator_has_a_source_line(doc: Document) -> None:
    for table in doc.tables:
        for ind in table.indicators:
            assert ind.source is not None and ind.source.line is not None


def test_same_result_from_a_hand_made_grid() -> None:
    """The builder alone (no text reader): each line split on tabs into one GRID table."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    table = grid_from_texts([ln.split("\t") for ln in lines], "example.txt")
    built = build_document(RawDocument("example.txt", [table]))
    assert [len(t.indicators) for t in built.tables] == [19, 17, 14]
    assert len([p for p in built.problems if p.code == "B003"]) == 2
