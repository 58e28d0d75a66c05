"""Round trip: write generated goal tables with every writer (csv and json included), read
them back with the readers and the builder, and get the same tables (names, header fields,
budget, indicators).

Generated tables cover every target kind, long texts, many indicators and both framework
generations (成本 as a 二级 under 产出, and 成本 as its own 一级). Few examples per format:
each one writes and parses a real file.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.core.model import Budget, GoalTable, Header, Indicator, Period, TableKind
from jixiao.core.money import Amount, MoneyUnit
from jixiao.core.target import Target
from jixiao.core.values import parse_target
from jixiao.io.writers import ExportOptions, get_exporter
from jixiao.services.parsing import parse_file

# Plain characters of project prose (no label words such as 项目/指标/目标 that the builder keys on)
HAN = "社会保障医疗卫生教育文化农村道路水利环境养老就业住房交通安全服务补贴资金管理建设维护改善推进"
WORD = st.text(alphabet=HAN, min_size=2, max_size=8)
# at least two words: the builder ignores a goal as short as "业业。" (reported on issue 3)
PROSE = st.lists(WORD, min_size=2, max_size=30).map("，".join).map(lambda s: s + "。")

GEN88 = {
    "产出指标": ["数量指标", "质量指标", "时效指标", "成本指标"],
    "效益指标": ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
    "满意度指标": ["服务对象满意度指标"],
}
GEN101 = {
    "产出指标": ["数量指标", "质量指标", "时效指标"],
    "成本指标": ["经济成本指标", "社会成本指标", "生态环境成本指标"],
    "效益指标": ["经济效益指标", "社会效益指标", "生态效益指标"],
    "满意度指标": ["服务对象满意度指标"],
}

TARGET_TEXTS = st.one_of(
    st.integers(1, 99999).map(lambda n: f"≥{n}人"),
    st.integers(0, 100).map(lambda n: f"{n}%"),
    st.integers(1, 500).map(lambda n: f"≤{n}万元"),
    st.integers(1, 50).map(lambda n: f">{n}"),
    st.tuples(st.integers(50, 80), st.integers(81, 99)).map(lambda t: f"{t[0]}%-{t[1]}%"),
    st.sampled_from(["良好", "有效推动", "规范", "及时", "合法合规"]),
    st.just("---"),
)


@st.composite
def indicators(draw: st.DrawFn) -> tuple[Indicator, ...]:
    framework = draw(st.sampled_from([GEN88, GEN101]))
    out: list[Indicator] = []
    used: set[str] = set()
    for level1, level2s in framework.items():
        for level2 in draw(st.lists(st.sampled_from(level2s), min_size=1, max_size=3, unique=True)):
            for _ in range(draw(st.integers(1, 4))):
                name = draw(WORD.map(lambda w: w + "率").filter(lambda n: n not in used))
                used.add(name)
                annual = parse_target(draw(TARGET_TEXTS))
                period = parse_target(draw(st.sampled_from(["---", "100%", "≥90%"])))
                out.append(Indicator(level1, level2, name, annual, period))
    return tuple(out)


@st.composite
def goal_tables(draw: st.DrawFn) -> GoalTable:
    year = draw(st.integers(2019, 2027))
    header = Header(
        name=draw(WORD) + "专项经费",
        type=draw(st.sampled_from(["其他事业发展性支出", "其他运转类（综合类）"])),
        level="二级项目",
        department=draw(WORD) + "局",
        unit=draw(WORD) + "中心",
        period=Period(year, year + draw(st.integers(0, 2))),
        budget=Budget(amount=Amount(Decimal(draw(st.integers(1, 10**7))) / 100, MoneyUnit.WAN)),
        annual_goal=draw(PROSE),
        year=year,
    )
    return GoalTable(TableKind.GOAL, header, draw(indicators()))


def same_target(a: Target, b: Target) -> bool:
    return a.without_raw() == b.without_raw()


def assert_same(got: GoalTable, want: GoalTable) -> None:
    g, w = got.header, want.header
    assert (g.name, g.type, g.level, g.department, g.unit) == (
        w.name,
        w.type,
        w.level,
        w.department,
        w.unit,
    )
    assert g.period == w.period
    assert g.budget.amount is not None and w.budget.amount is not None
    assert g.budget.amount.in_wan() == w.budget.amount.in_wan()
    assert g.annual_goal == w.annual_goal
    assert [(i.level1, i.level2, i.name) for i in got.indicators] == [
        (i.level1, i.level2, i.name) for i in want.indicators
    ]
    for gi, wi in zip(got.indicators, want.indicators, strict=True):
        assert same_target(gi.annual_target, wi.annual_target), (gi.name, gi.annual_target)
        assert same_target(gi.period_target, wi.period_target), (gi.name, gi.period_target)


def round_trip(fmt: str, tables: list[GoalTable], one_per_page: bool = True) -> None:
    """Write, read back, compare; ``one_per_page=False`` lets forms flow over page breaks."""
    options = ExportOptions(one_per_page=one_per_page)
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / f"roundtrip.{fmt}"
        path.write_bytes(get_exporter(fmt)(tables, options).render())
        doc = parse_file(path)
    assert len(doc.tables) == len(tables), [p.message for p in doc.problems]
    for got, want in zip(doc.tables, tables, strict=True):
        assert_same(got, want)


SLOW = settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


@SLOW
@given(st.lists(goal_tables(), min_size=1, max_size=3), st.booleans())
def test_xlsx_round_trip(tables: list[GoalTable], one_per_page: bool) -> None:
    round_trip("xlsx", tables, one_per_page)


@SLOW
@given(st.lists(goal_tables(), min_size=1, max_size=3), st.booleans())
def test_docx_round_trip(tables: list[GoalTable], one_per_page: bool) -> None:
    round_trip("docx", tables, one_per_page)


@SLOW
@given(st.lists(goal_tables(), min_size=1, max_size=3), st.booleans())
def test_html_round_trip(tables: list[GoalTable], one_per_page: bool) -> None:
    round_trip("html", tables, one_per_page)


@settings(SLOW, max_examples=4)
@given(st.lists(goal_tables(), min_size=1, max_size=3), st.booleans())
def test_pdf_round_trip(tables: list[GoalTable], one_per_page: bool) -> None:
    round_trip("pdf", tables, one_per_page)


@SLOW
@given(st.lists(goal_tables(), min_size=1, max_size=3), st.booleans())
def test_csv_round_trip(tables: list[GoalTable], one_per_page: bool) -> None:
    round_trip("csv", tables, one_per_page)


@SLOW
@given(st.lists(goal_tables(), min_size=1, max_size=3), st.booleans())
def test_json_round_trip(tables: list[GoalTable], one_per_page: bool) -> None:
    round_trip("json", tables, one_per_page)
