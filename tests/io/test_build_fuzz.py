"""Property tests: the builder never raises and its output always validates against the schema."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.core.problems import Severity
from jixiao.core.serialize import documents_dict
from jixiao.core.source import SourceLocation
from jixiao.io.table import Cell, Layout, RawDocument, Table
from jixiao.reading import build_document

SCHEMA = json.loads(
    resources.files("jixiao.schema").joinpath("parse-output.schema.json").read_text("utf-8")
)
WILD = Path(__file__).resolve().parents[2] / "examples" / "wild"

# Cell texts drawn from what real tables hold, plus noise.
VOCAB = [
    "项目名称",
    "项目绩效目标表",
    "项目支出绩效自评表(2024年度)",
    "主管部门",
    "实施周期",
    "2024年预算金额",
    "3650.68万元",
    "年度资金总额",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "执行率",
    "总体绩效目标",
    "年度目标",
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "实际完成值",
    "分值",
    "得分",
    "指标性质",
    "度量单位",
    "产出指标",
    "产出指标(50分)",
    "數量指標",
    "质量指标",
    "成本指标",
    "效益指标",
    "满意度指标",
    "经济效益",
    "指标",
    "指标1",
    "……",
    "≥90%",
    "≧",
    "100",
    "=",
    "%",
    "---",
    "/",
    "良好",
    "合计",
    "总分",
    "评价结论",
    "|",
    "",
    " ",
    "210010",
    "2023年 年底前",
]

cell_text = st.one_of(st.sampled_from(VOCAB), st.text(max_size=12))


@st.composite
def tables(draw: Any) -> Table:
    layout = draw(st.sampled_from(list(Layout)))
    n_rows = draw(st.integers(0, 25))
    width = 1 if layout is not Layout.GRID else draw(st.integers(1, 9))
    rows = []
    for r in range(n_rows):
        w = width if layout is not Layout.GRID else draw(st.integers(1, width))
        texts = draw(st.lists(cell_text, min_size=w, max_size=w))
        if layout is Layout.LINES:
            texts = ["".join(draw(st.lists(cell_text, max_size=8)))]
        cells = []
        for c, text in enumerate(texts):
            covered = draw(st.booleans()) if r and layout is Layout.GRID else False
            origin = (r - 1, c) if covered else None
            cells.append(
                Cell(text, SourceLocation("fuzz", line=r + 1, column=c + 1), covered, origin)
            )
        rows.append(tuple(cells))
    return Table(rows, SourceLocation("fuzz"), layout)


def _check(raw: RawDocument) -> None:
    doc = build_document(raw)
    jsonschema.validate(documents_dict([doc]), SCHEMA)
    assert not [p for p in doc.problems if p.severity is Severity.ERROR and p.code == "B010"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(tables(), max_size=4))
def test_random_tables_never_raise_and_validate(blocks: list[Table]) -> None:
    _check(RawDocument("fuzz", blocks))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_wild_text_never_raises(data: st.DataObject) -> None:
    """Real copies with lines dropped, cut or shuffled, read as LINES and as STREAM."""
    files = sorted(WILD.glob("*.txt"))
    path = data.draw(st.sampled_from(files))
    lines = path.read_text(encoding="utf-8").splitlines()
    keep = data.draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    lines = [ln for ln, k in zip(lines, keep, strict=True) if k]
    if lines:
        cut = data.draw(st.integers(0, len(lines[-1])))
        lines[-1] = lines[-1][:cut]
    layout = data.draw(st.sampled_from([Layout.LINES, Layout.STREAM, Layout.GRID]))
    rows = [
        tuple(
            Cell(t, SourceLocation(path.name, line=i + 1, column=c + 1))
            for c, t in enumerate(ln.split("|") if layout is Layout.GRID else [ln])
        )
        for i, ln in enumerate(lines)
    ]
    _check(RawDocument(path.name, [Table(rows, SourceLocation(path.name), layout)]))
