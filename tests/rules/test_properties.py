"""Property tests: any table the model can hold is reviewed without a crash, and the grade
is the documented computation over the findings."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from rule_tables import FILE, config, table

from jixiao.core.model import TableKind
from jixiao.rules import TableRef, review

LEVEL1 = ["产出指标", "效益指标", "满意度指标", "成本指标", "", "其他"]
LEVEL2 = ["数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标", "服务对象满意度指标", ""]
NAMES = ["预算执行率", "满意度", "调查人数", "职工人数", "项目资金", "合格率", "指标1", "", "效益"]
TARGETS = [
    "≥90%",
    "100%",
    ">0",
    "≥0",
    "良好",
    "---",
    "≤100万元",
    "≥120%",
    "51人",
    "80%-90%",
    "逐年提高",
    "≤99999999元",
    "12",
    "",
    "/",
    "≥5000万元",
    "≥",
    "%",
]

rows = st.lists(
    st.tuples(
        st.sampled_from(LEVEL1),
        st.sampled_from(LEVEL2),
        st.sampled_from(NAMES) | st.text(max_size=8),
        st.sampled_from(TARGETS) | st.text(max_size=6),
        st.sampled_from(TARGETS),
    ),
    max_size=12,
)
maybe_text = (
    st.none() | st.sampled_from(["", "---", "项目", "社会基本医疗保险项目"]) | st.text(max_size=20)
)


@settings(max_examples=100, deadline=None)
@given(
    rows=rows,
    name=maybe_text,
    goal=maybe_text,
    start=st.none() | st.integers(2015, 2030),
    end=st.none() | st.integers(2015, 2030),
    budget=st.none() | st.sampled_from(["0万元", "35.31万元", "100元", "3650.68万元"]),
    complete=st.booleans(),
    kind=st.sampled_from(list(TableKind)),
    preset=st.sampled_from(["legacy", "central-2021", "guangdong"]),
)
def test_review_never_crashes_and_grades_by_the_book(  # type: ignore[no-untyped-def]
    rows, name, goal, start, end, budget, complete, kind, preset
) -> None:
    t = table(
        rows=rows,
        name=name,
        annual_goal=goal,
        start=start,
        end=end,
        budget=budget,
        complete=complete,
        kind=kind,
    )
    cfg = config(preset)
    result = review([TableRef(FILE, 0, t), TableRef(FILE, 1, t)], cfg)
    findings = result.findings
    assert [f for f in findings if f.code == "R000"] == []
    for item in result.tables:
        g = item.grade
        expected = max(Decimal(0), cfg.grade.start - sum((d for _, d in g.deductions), Decimal(0)))
        assert g.score == expected
        floors = dict(cfg.grade.bands)
        assert g.level == next((k for k, v in floors.items() if g.score >= v), "差")
        assert all(f.message_zh and f.message_en for f in item.findings)
