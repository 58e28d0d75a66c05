"""Fragments with no column header (family 2 of docs/reading.md), generated with the truth
known: indicator rows only, as a web copy of the lower half of a form gives them, in the three
layouts (tab cells, one cell per line, space-separated text). The ``headerless`` reading
supplies a usual header and the self-check picks the one whose arithmetic holds (weights that
sum to 90 beside a 10-point budget row pick the 分值 header); ``walker`` alone reads nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.core.model import Document
from jixiao.reading import build_document
from jixiao.services.parsing import read_raw

GROUPS = [
    ("产出指标", "数量指标", ["补贴发放人数", "培训班次"], ["≥1200人", "≥12期"]),
    ("产出指标", "质量指标", ["验收合格率", "资金拨付准确率"], ["100%", "≥98%"]),
    ("产出指标", "时效指标", ["按时完成率", "资金到位及时率"], ["=100%", "≥95%"]),
    ("效益指标", "社会效益指标", ["群众知晓率", "受益人口数"], ["≥90%", "≥5000人"]),
    ("满意度指标", "服务对象满意度指标", ["服务对象满意度", "群众满意度"], ["≥90%", "≥85%"]),
]  # fmt: skip

Row = tuple[str, str, str, str]


@st.composite
def fragments(draw: st.DrawFn) -> list[Row]:
    """Rows of 2–5 groups in template order, 1–2 indicators each."""
    picked = sorted(draw(st.sets(st.integers(0, len(GROUPS) - 1), min_size=2, max_size=5)))
    rows: list[Row] = []
    for g in picked:
        level1, level2, names, targets = GROUPS[g]
        count = draw(st.integers(1, len(names)))
        rows += [(level1, level2, names[k], targets[k]) for k in range(count)]
    return rows


def tab_text(rows: list[Row], weights: list[str] | None = None) -> str:
    """Tab cells; merged 一级/二级 cells come out blank below their first row."""
    out, last = [], ("", "")
    for k, (l1, l2, name, target) in enumerate(rows):
        shown1 = "" if l1 == last[0] else l1
        shown2 = "" if (l1, l2) == last else l2
        cells = [shown1, shown2, name, target, *([weights[k]] if weights else [])]
        out.append("\t".join(cells))
        last = (l1, l2)
    return "\n".join(out) + "\n"


def stream_text(rows: list[Row]) -> str:
    """One cell per line: level labels only where a merged cell starts."""
    out, last = [], ("", "")
    for l1, l2, name, target in rows:
        if l1 != last[0]:
            out.append(l1)
        if (l1, l2) != last:
            out.append(l2)
        out += [name, target]
        last = (l1, l2)
    return "\n\n".join(out) + "\n"


def spaced_text(rows: list[Row], weights: list[str]) -> str:
    """One text line with every row, target glued to its name, weight after a space."""
    parts, last = [], ("", "")
    for k, (l1, l2, name, target) in enumerate(rows):
        labels = (l1 if l1 != last[0] else "") + (l2 if (l1, l2) != last else "")
        parts.append(f"{labels}{name}{target} {weights[k]}")
        last = (l1, l2)
    return " ".join(parts) + " 合计90 评价结论 良好\n"


def read(text: str, readings: tuple[str, ...] = ("walker", "headerless")) -> Document:
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / "fragment.txt"
        path.write_text(text, encoding="utf-8")
        return build_document(read_raw(path), readings)


def read_rows(doc: Document) -> list[Row]:
    return [
        (i.level1 or "", i.level2 or "", i.name, i.annual_target.raw)
        for t in doc.tables
        for i in t.indicators
    ]


SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _weights(n: int) -> list[str]:
    """Weights that sum to 90 (the indicator part beside a 10-point budget row)."""
    base = [Decimal(90) / n] * n
    shown = [f"{w:.2f}".rstrip("0").rstrip(".") for w in base]
    gap = Decimal(90) - sum(Decimal(s) for s in shown)
    shown[-1] = str(Decimal(shown[-1]) + gap)
    return shown


@SETTINGS
@given(fragments())
def test_tab_fragment_without_header_reads_every_row(rows: list[Row]) -> None:
    doc = read(tab_text(rows))
    assert read_rows(doc) == rows
    assert "B020" in [p.code for p in doc.problems]  # the supplied header is said


@SETTINGS
@given(fragments())
def test_stream_fragment_without_header_reads_every_row(rows: list[Row]) -> None:
    assert read_rows(read(stream_text(rows))) == rows


@SETTINGS
@given(fragments())
def test_weights_choose_the_header_with_a_weight_column(rows: list[Row]) -> None:
    weights = _weights(len(rows))
    doc = read(tab_text(rows, weights))
    assert read_rows(doc) == rows
    got = [i.weight for t in doc.tables for i in t.indicators]
    assert got == [Decimal(w) for w in weights]


@SETTINGS
@given(fragments())
def test_one_spaced_line_with_glued_targets_and_a_total(rows: list[Row]) -> None:
    weights = _weights(len(rows))
    doc = read(spaced_text(rows, weights))
    assert read_rows(doc) == rows
    assert [i.weight for t in doc.tables for i in t.indicators] == [Decimal(w) for w in weights]


def test_the_walker_alone_reads_no_headerless_fragment() -> None:
    rows = [(*GROUPS[0][:2], GROUPS[0][2][0], GROUPS[0][3][0])]
    rows.append((*GROUPS[3][:2], GROUPS[3][2][0], GROUPS[3][3][0]))
    assert read_rows(read(tab_text(rows), ("walker",))) == []
