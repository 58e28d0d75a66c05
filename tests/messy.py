"""Messy-table generator (issue 23, slice 2): clean goal tables with the truth known, put
through the transformations real published tables show, each a *family*.

``generate(rng)`` makes one clean table; ``FAMILIES`` maps a family name to a function that
renders it as text the way that family prints it; ``score(truth, doc)`` counts the fields read
right. Used by ``tests/io/test_messy_families.py`` (a floor per family) and by
``bench/bench_messy.py`` (accuracy over thousands of tables per family).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from jixiao.core.model import Document
from jixiao.core.text import compact

LEVELS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("产出指标", "数量指标", [("补贴发放人数", "≥1200人"), ("培训班次", "≥12期"),
                          ("新建道路里程", "≥15公里"), ("走访农户数", "≥300户")]),
    ("产出指标", "质量指标", [("验收合格率", "100%"), ("资金拨付准确率", "≥98%"),
                          ("资料审核规范性", "规范")]),
    ("产出指标", "时效指标", [("资金到位及时率", "≥95%"), ("项目完成时间", "2024年12月底前")]),
    ("成本指标", "经济成本指标", [("单位面积维修成本", "≤620元/平方米"),
                              ("人均培训成本", "≤800元")]),
    ("效益指标", "社会效益指标", [("群众知晓率", "≥90%"), ("受益人口数", "≥5000人"),
                              ("生活改善程度", "有所改善")]),
    ("效益指标", "可持续影响指标", [("设施正常使用年限", "≥10年")]),
    ("满意度指标", "服务对象满意度指标", [("服务对象满意度", "≥90%"), ("群众满意度", "≥85%")]),
]  # fmt: skip
NAMES = ["社区养老服务补贴", "农村公路养护工程", "中小学教师培训经费", "城乡居民医疗救助",
         "农田水利设施维修", "公共文化服务体系建设"]  # fmt: skip
UNITS = ["某市民政局", "某县交通运输局", "某区教育体育局", "某市医疗保障局"]


@dataclass(frozen=True)
class Row:
    level1: str
    level2: str
    name: str
    target: str
    weight: str = ""  # self-evaluations: 分值, 实际完成值, 得分
    actual: str = ""
    score: str = ""


@dataclass(frozen=True)
class Clean:
    name: str
    department: str
    unit: str
    budget: str  # 万元
    rows: tuple[Row, ...]


def generate(rng: random.Random) -> Clean:
    rows: list[Row] = []
    for level1, level2, pairs in LEVELS:
        if rng.random() < 0.25 and level2 not in ("数量指标", "服务对象满意度指标"):
            continue
        for name, target in rng.sample(pairs, rng.randint(1, len(pairs))):
            rows.append(Row(level1, level2, name, target))
    budget = f"{rng.randint(5, 9000)}.{rng.randint(0, 99):02d}"
    return Clean(rng.choice(NAMES), rng.choice(UNITS), rng.choice(UNITS), budget, tuple(rows))


def with_scores(t: Clean, rng: random.Random) -> Clean:
    """The same table as a self-evaluation: weights that sum to 90, actuals, scores."""
    n = len(t.rows)
    weights = [90 // n] * n
    weights[-1] += 90 - sum(weights)
    rows = []
    for row, w in zip(t.rows, weights, strict=True):
        actual, score = _outcome(row.target, w, met=rng.random() < 0.7)
        rows.append(Row(row.level1, row.level2, row.name, row.target, str(w), actual, score))
    return Clean(t.name, t.department, t.unit, t.budget, tuple(rows))


_NUMBER_TARGET = re.compile(r"^([≥≤=]?)(\d+)(\D*)$")


def _outcome(target: str, w: int, *, met: bool) -> tuple[str, str]:
    """An actual value and the score the usual rule gives it."""
    m = _NUMBER_TARGET.match(target)
    if m is None:  # a word or a date: met or not, printed the same
        return target, str(w if met else w - 1)
    op, value, unit = m.group(1), Decimal(m.group(2)), m.group(3)
    if met:
        got = value if op != "≤" else (value * Decimal("0.9")).quantize(Decimal(1))
        return f"{got}{unit}", str(w)
    if op == "≤":
        got = (value * Decimal("1.1")).quantize(Decimal(1))
        score = (w * value / got).quantize(Decimal("0.01"))
    else:
        got = (value * Decimal("0.9")).quantize(Decimal(1))
        score = (w * got / value).quantize(Decimal("0.01"))
    return f"{got}{unit}", f"{score.normalize():f}"


def _header_cells(t: Clean) -> list[list[str]]:
    return [
        ["项目名称", t.name],
        ["主管部门", t.department, "实施单位", t.unit],
        ["年度预算金额（万元）", t.budget],
        ["年度总体目标", "按规定完成年度任务，保障项目顺利实施。"],
    ]


def _indicator_rows(t: Clean, carry: bool) -> list[list[str]]:
    out, last = [], ("", "")
    for r in t.rows:
        l1 = "" if carry and r.level1 == last[0] else r.level1
        l2 = "" if carry and (r.level1, r.level2) == last else r.level2
        out.append([l1, l2, r.name, r.target])
        last = (r.level1, r.level2)
    return out


_COLUMNS = ["一级指标", "二级指标", "三级指标", "指标值"]
_TITLE = "项目支出绩效目标表"


def tabs(t: Clean) -> str:
    lines = [_TITLE, *("\t".join(c) for c in _header_cells(t)), "\t".join(_COLUMNS)]
    lines += ["\t".join(r) for r in _indicator_rows(t, carry=True)]
    return "\n".join(lines) + "\n"


def pipes(t: Clean) -> str:
    """A web copy: ``| a | | b |`` with the merged cells as runs of empty cells."""

    def row(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    lines = [_TITLE, *(row([*c, "", ""]) for c in _header_cells(t)), row(_COLUMNS)]
    lines += [row(r) for r in _indicator_rows(t, carry=True)]
    return "\n".join(lines) + "\n"


def stream(t: Clean) -> str:
    """One cell per line, blank lines between (a copy of a web page's table)."""
    cells = [_TITLE, *(c for cs in _header_cells(t) for c in cs), *_COLUMNS]
    for r in _indicator_rows(t, carry=True):
        cells += [c for c in r if c]
    return "\n\n".join(cells) + "\n"


def spaced(t: Clean) -> str:
    """A PDF text layer: cells separated by single spaces, carried labels left out."""
    lines = [_TITLE, *(" ".join(c) for c in _header_cells(t)), " ".join(_COLUMNS)]
    lines += [" ".join(c for c in r if c) for r in _indicator_rows(t, carry=True)]
    return "\n".join(lines) + "\n"


def headerless(t: Clean) -> str:
    """The lower half of a form: indicator rows only, no title, header or column header."""
    return "\n".join("\t".join(r) for r in _indicator_rows(t, carry=True)) + "\n"


def traditional(t: Clean) -> str:
    """Traditional characters (a Hong Kong / Taiwan converter) over the tab layout."""
    return str(_s2t().convert(tabs(t)))


def truncated(t: Clean) -> str:
    """Cut after the second indicator row (a copy that stopped early)."""
    lines = tabs(t).splitlines()
    keep = len(_header_cells(t)) + 2 + 2
    return "\n".join(lines[:keep]) + "\n"


def wrapped_labels(t: Clean) -> str:
    """One cell per line with labels broken over two lines, as narrow form columns print them
    (``项目`` / ``名称``, ``年度预算`` / ``金额（万元）``)."""
    text = stream(t)
    cuts = (("项目名称", 2), ("主管部门", 2), ("实施单位", 2), ("年度预算金额（万元）", 4))
    for label, cut in cuts:
        text = text.replace(f"\n{label}\n", f"\n{label[:cut]}\n\n{label[cut:]}\n", 1)
    return text


_SELF_COLUMNS = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]


def selfeval_tabs(t: Clean) -> str:
    lines = ["项目支出绩效自评表", *("\t".join(c) for c in _header_cells(t))]
    lines.append("\t".join(_SELF_COLUMNS))
    for cells, r in zip(_indicator_rows(t, carry=True), t.rows, strict=True):
        lines.append("\t".join([*cells, r.actual, r.weight, r.score]))
    return "\n".join(lines) + "\n"


def _budget_block(t: Clean) -> list[list[str]]:
    """The self-evaluation budget rows: 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分,
    figures consistent with each other (执行率 = 执行数 / 预算数, 得分 = 10 × 执行率)."""
    budget = Decimal(t.budget)
    executed = (budget * Decimal("0.96")).quantize(Decimal("0.01"))
    rate = (executed / budget * 100).quantize(Decimal("0.01"))
    score = (10 * executed / budget).quantize(Decimal("0.01"))
    rng = random.Random(f"{t.name}|{t.budget}|budget")  # other provinces' column words
    initial = rng.choice(("年初预算数", "年初批复预算数", "批复预算数"))
    adjusted = rng.choice(("全年预算数", "调整预算数", "调整后预算数"))
    spent = rng.choice(("全年执行数", "实际支出数", "全年实际执行数"))
    return [
        ["项目资金（万元）", initial, adjusted, spent, "分值", "执行率", "得分"],
        ["年度资金总额", str(budget), str(budget), str(executed), "10", f"{rate}%", str(score)],
        ["其中：财政拨款", str(budget), str(budget), str(executed), "—", f"{rate}%", "—"],
    ]


def selfeval_budget(t: Clean) -> str:
    """A self-evaluation with its budget block (the header's budget is in the block only)."""
    header = [c for c in _header_cells(t) if not c[0].startswith("年度预算金额")]
    lines = ["项目支出绩效自评表", *("\t".join(c) for c in header)]
    lines += ["\t".join(c) for c in _budget_block(t)]
    lines.append("\t".join(_SELF_COLUMNS))
    for cells, r in zip(_indicator_rows(t, carry=True), t.rows, strict=True):
        lines.append("\t".join([*cells, r.actual, r.weight, r.score]))
    lines.append("\t".join(["总分", "", "", "", "", "100", ""]))
    return "\n".join(lines) + "\n"


def selfeval_glued(t: Clean) -> str:
    """A PDF copy that lost every border: a row's cells run together (``…人数≥1200人1200人109``)."""
    lines = ["项目支出绩效自评表", *("\t".join(c) for c in _header_cells(t))]
    lines.append("".join(_SELF_COLUMNS))
    for cells, r in zip(_indicator_rows(t, carry=True), t.rows, strict=True):
        lines.append("".join([*cells[:3], r.target, r.actual, r.weight, r.score]))
    return "\n".join(lines) + "\n"


_SPLIT = re.compile(r"^([≥≤=]?)(\d+)(\D*)$")


def split_comparator(t: Clean) -> str:
    """指标性质 | 指标值 | 度量单位 in separate columns (``≥`` | ``98`` | ``%``), as budget systems
    export them; a word target keeps its text in 指标值."""
    lines = [_TITLE, *("\t".join(c) for c in _header_cells(t))]
    lines.append("\t".join(["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"]))
    for cells in _indicator_rows(t, carry=True):
        m = _SPLIT.match(cells[3])
        op, value, unit = (m.group(1), m.group(2), m.group(3)) if m else ("", cells[3], "")
        lines.append("\t".join([*cells[:3], op, value, unit]))
    return "\n".join(lines) + "\n"


def long_term(t: Clean) -> str:
    """实施周期指标值 | 年度指标值: the same target printed twice, the annual one is scored."""
    lines = [_TITLE, *("\t".join(c) for c in _header_cells(t))]
    lines.append("\t".join(["一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"]))
    for cells in _indicator_rows(t, carry=True):
        lines.append("\t".join([*cells[:3], cells[3], cells[3]]))
    return "\n".join(lines) + "\n"


def extra_level(t: Clean) -> str:
    """A level above 一级 (绩效指标 | 项目完成 …) printed in its own first column."""
    lines = [_TITLE, *("\t".join(c) for c in _header_cells(t))]
    lines.append("\t".join(["绩效指标", *_COLUMNS]))
    for k, cells in enumerate(_indicator_rows(t, carry=True)):
        lines.append("\t".join(["绩效指标" if k == 0 else "", *cells]))
    return "\n".join(lines) + "\n"


_GLOSS = {"產": "chǎn", "標": "biāo", "質": "zhì", "數": "shù", "滿": "mǎn", "項": "xiàng"}


def glosses(t: Clean) -> str:
    """Traditional text from a broken converter that prints each glossed character's pinyin
    after it (``產(chǎn)出指標(biāo)``)."""
    text = traditional(t)
    return "".join(f"{ch}({_GLOSS[ch]})" if ch in _GLOSS else ch for ch in text)


def satisfaction_under_benefit(t: Clean) -> str:
    """The older framework: 满意度 is a 二级 under 效益指标."""
    rows = tuple(
        Row("效益指标", r.level2, r.name, r.target) if r.level1 == "满意度指标" else r
        for r in t.rows
    )
    return tabs(Clean(t.name, t.department, t.unit, t.budget, rows))


def prose(t: Clean) -> str:
    """Indicators written as prose in one cell per 二级 (``数量指标：补贴发放人数≥1200人；…``)."""
    lines = [_TITLE, *("\t".join(c) for c in _header_cells(t)), "\t".join(["一级指标", "指标内容"])]
    groups: dict[tuple[str, str], list[Row]] = {}
    for r in t.rows:
        groups.setdefault((r.level1, r.level2), []).append(r)
    for (l1, l2), rows in groups.items():
        body = "；".join(f"{r.name}{r.target}" for r in rows)
        lines.append(f"{l1}\t{l2}：{body}。")
    return "\n".join(lines) + "\n"


def long_and_annual_blocks(t: Clean) -> str:
    """A 长期绩效指标 block, then a 年度绩效指标 block of the same indicators (Hunan): one
    indicator with a period target and an annual target."""
    lines = [_TITLE, *("\t".join(c) for c in _header_cells(t))]
    for heading in ("长期绩效指标", "年度绩效指标"):
        lines += [heading, "\t".join(_COLUMNS)]
        lines += ["\t".join(r) for r in _indicator_rows(t, carry=True)]
    return "\n".join(lines) + "\n"


def glued_header(t: Clean) -> str:
    """The header fields glued into one line without separators (a PDF copy), indicators
    spaced: ``项目名称XX主管部门YY实施单位ZZ年度预算金额（万元）500``."""
    head = "".join("".join(c) for c in _header_cells(t)[:3])
    lines = [_TITLE, head, " ".join(_COLUMNS)]
    lines += [" ".join(c for c in r if c) for r in _indicator_rows(t, carry=True)]
    return "\n".join(lines) + "\n"


def colon_cells(t: Clean) -> str:
    """A Word form whose header cells hold ``label：value`` in one cell."""
    cells = [
        f"项目名称：{t.name}",
        f"主管部门：{t.department}\t实施单位：{t.unit}",
        f"年度预算金额（万元）：{t.budget}",
    ]
    lines = [_TITLE, *cells, "\t".join(_COLUMNS)]
    lines += ["\t".join(r) for r in _indicator_rows(t, carry=True)]
    return "\n".join(lines) + "\n"


def vertical_level1(t: Clean) -> str:
    """The 一级 label printed vertically in its merged cell: one character per row of its
    group (``产`` / ``出`` / ``指`` / ``标``), the rest on the group's last row."""
    lines = [_TITLE, *("\t".join(c) for c in _header_cells(t)), "\t".join(_COLUMNS)]
    rows = _indicator_rows(t, carry=True)
    groups: list[list[list[str]]] = []
    for r in rows:
        if r[0] or not groups:
            groups.append([])
        groups[-1].append(list(r))
    for group in groups:
        label = group[0][0]
        for k, r in enumerate(group):
            last = k == len(group) - 1
            r[0] = label[k:] if last else label[k : k + 1]
            lines.append("\t".join(r))
    return "\n".join(lines) + "\n"


def _with_thousands(target: str) -> str:
    m = re.match(r"^([≥≤=]?)(\d{4,})(\D*)$", target)
    return f"{m.group(1)}{int(m.group(2)):,}{m.group(3)}" if m else target


def thousands(t: Clean) -> str:
    """Thousands separators in the budget and in targets (``≥1,200人``, ``5,205.03``)."""
    rows = tuple(Row(r.level1, r.level2, r.name, _with_thousands(r.target)) for r in t.rows)
    budget = f"{Decimal(t.budget):,}"
    return tabs(Clean(t.name, t.department, t.unit, budget, rows))


def placeholders(t: Clean) -> str:
    """Template rows left in the form: ``指标1`` / ``指标2`` with no value after the real rows of
    the first group; they are not indicators."""
    lines = tabs(t).splitlines()
    first_row = lines.index("\t".join(_COLUMNS)) + 1
    return (
        "\n".join([*lines[: first_row + 1], "\t\t指标2\t", "\t\t指标3\t", *lines[first_row + 1 :]])
        + "\n"
    )


# Labels and column headings as other provinces' forms print them (each seen on real forms).
_NAME_LABELS = ("项目名称", "项目(政策)名称", "项目全称", "预算项目名称", "专项名称", "资金名称")
_DEPARTMENT_LABELS = ("主管部门", "主管部门及代码", "预算部门", "主管单位", "归口管理部门",
                      "部门名称")  # fmt: skip
_UNIT_LABELS = ("实施单位", "项目单位", "执行单位", "预算单位", "项目承担单位", "申报单位")
_BUDGET_LABELS = ("年度预算金额（万元）", "资金总额（万元）", "申请金额（万元）",
                  "项目预算（万元）", "本年预算数（万元）", "年度资金总额（万元）",
                  "项目总预算(万元)")  # fmt: skip
_GOAL_LABELS = ("年度总体目标", "年度绩效目标", "总体目标", "年度目标")
_NAME_COLUMNS = ("三级指标", "指标名称", "指标内容", "三级指标名称", "具体指标")
_TARGET_COLUMNS = ("指标值", "目标值", "年度指标值", "标准值", "计划值", "指标目标值", "预期目标值")


def label_variants(t: Clean) -> str:
    """The same table under another province's labels and column headings, tabbed or spaced."""
    rng = random.Random(f"{t.name}|{t.budget}|{len(t.rows)}")
    head = [
        [rng.choice(_NAME_LABELS), t.name],
        [rng.choice(_DEPARTMENT_LABELS), t.department, rng.choice(_UNIT_LABELS), t.unit],
        [rng.choice(_BUDGET_LABELS), t.budget],
        [rng.choice(_GOAL_LABELS), "按规定完成年度任务，保障项目顺利实施。"],
    ]
    columns = ["一级指标", "二级指标", rng.choice(_NAME_COLUMNS), rng.choice(_TARGET_COLUMNS)]
    sep = rng.choice(("\t", " "))
    lines = [_TITLE, *(sep.join(c) for c in head), sep.join(columns)]
    lines += [sep.join(c for c in r if c or sep == "\t") for r in _indicator_rows(t, carry=True)]
    return "\n".join(lines) + "\n"


def funding_block(t: Clean) -> str:
    """The central form's 项目资金 block instead of one budget cell, in one of its printed
    shapes: 年度资金总额 / 其中：财政拨款 / 其他资金 rows; 实施期 and 年度 columns side by side;
    or the amount in 元; tabbed or spaced (a PDF text layer)."""
    rng = random.Random(f"{t.name}|{t.budget}|funding")
    budget = Decimal(t.budget)
    grant = (budget * Decimal("0.8")).quantize(Decimal("0.01"))
    other = budget - grant
    shape = rng.choice(("rows", "period-and-annual", "yuan"))
    if shape == "rows":
        block = [
            ["项目资金（万元）", "年度资金总额：", t.budget],
            ["", "其中：财政拨款", f"{grant}"],
            ["", "其他资金", f"{other}"],
        ]
    elif shape == "period-and-annual":
        block = [
            ["项目资金（万元）", "", "实施期资金总额", "年度资金总额"],
            ["", "资金总额", f"{budget * 3}", t.budget],
            ["", "其中：财政拨款", f"{grant * 3}", f"{grant}"],
            ["", "其他资金", f"{other * 3}", f"{other}"],
        ]
    else:
        block = [["年度预算金额（元）", f"{(budget * 10000).quantize(Decimal('0.01'))}"]]
    head = [
        ["项目名称", t.name],
        ["主管部门", t.department, "实施单位", t.unit],
        *block,
        ["年度总体目标", "按规定完成年度任务，保障项目顺利实施。"],
    ]
    sep = rng.choice(("\t", " "))
    lines = [_TITLE, *(sep.join(c for c in cs if c or sep == "\t") for cs in head)]
    lines.append(sep.join(_COLUMNS))
    lines += [sep.join(c for c in r if c or sep == "\t") for r in _indicator_rows(t, carry=True)]
    return "\n".join(lines) + "\n"


_EXPLANATIONS = ("反映项目完成情况", "考核资金使用效率", "按实际统计", "定量", "定性")
_ODD_HEADERS = (
    ("考核类别", "考核项目", "考核内容", "内容说明", "考核目标"),
    ("类别", "项目", "内容", "方式", "目标"),
)


def typed_columns(t: Clean) -> str:
    """Indicator rows with a text column (指标解释, 考核方式) between the name and the target,
    under no column header or under one the vocabulary does not know (slice 4: columns typed
    by content)."""
    rng = random.Random(f"{t.name}|{t.budget}|typed")
    lines = [_TITLE, *("\t".join(c) for c in _header_cells(t))]
    if rng.random() < 0.5:
        lines.append("\t".join(rng.choice(_ODD_HEADERS)))
    for r in _indicator_rows(t, carry=True):
        lines.append("\t".join([*r[:3], rng.choice(_EXPLANATIONS), r[3]]))
    return "\n".join(lines) + "\n"


def labels_over_values(t: Clean) -> str:
    """The header printed as a small table: a row of labels over a row of their values
    (项目名称 | 主管部门 | 实施单位 | 年度预算金额（万元） / 社区养老… | 某市… | … | 250),
    tabbed or spaced (a text layer)."""
    rng = random.Random(f"{t.name}|{t.budget}|over")
    sep = rng.choice(("\t", " "))
    labels = ["项目名称", "主管部门", "实施单位", "年度预算金额（万元）"]
    values = [t.name, t.department, t.unit, t.budget]
    lines = [_TITLE, sep.join(labels), sep.join(values), sep.join(_COLUMNS)]
    lines += [sep.join(c for c in r if c or sep == "\t") for r in _indicator_rows(t, carry=True)]
    return "\n".join(lines) + "\n"


SELF_FAMILIES = {"selfeval-tabs", "selfeval-glued", "selfeval-budget"}


FAMILIES: dict[str, Callable[[Clean], str]] = {
    "tabs": tabs,
    "pipes": pipes,
    "stream": stream,
    "spaced": spaced,
    "headerless": headerless,
    "traditional": traditional,
    "truncated": truncated,
    "wrapped-labels": wrapped_labels,
    "split-comparator": split_comparator,
    "thousands": thousands,
    "placeholders": placeholders,
    "label-variants": label_variants,
    "funding-block": funding_block,
    "typed-columns": typed_columns,
    "labels-over-values": labels_over_values,
    "glued-header": glued_header,
    "colon-cells": colon_cells,
    "vertical-level1": vertical_level1,
    "glosses": glosses,
    "satisfaction-under-benefit": satisfaction_under_benefit,
    "prose": prose,
    "long-term": long_term,
    "long-and-annual-blocks": long_and_annual_blocks,
    "extra-level": extra_level,
    "selfeval-tabs": selfeval_tabs,
    "selfeval-glued": selfeval_glued,
    "selfeval-budget": selfeval_budget,
}


def make(family: str, rng: random.Random) -> Clean:
    """One clean table for ``family`` (with scores for the self-evaluation families)."""
    clean = generate(rng)
    return with_scores(clean, rng) if family in SELF_FAMILIES else clean


def expected_rows(t: Clean, family: str) -> tuple[Row, ...]:
    if family == "thousands":
        return tuple(Row(r.level1, r.level2, r.name, _with_thousands(r.target)) for r in t.rows)
    return t.rows[:2] if family == "truncated" else t.rows


def score(t: Clean, family: str, doc: Document) -> tuple[int, int]:
    """(fields right, fields checked): name, budget and every indicator's names and target."""
    simplify: Callable[[str], str] = (
        _to_simplified if family in ("traditional", "glosses") else (lambda s: s)
    )
    right = total = 0
    table = next((x for x in doc.tables if x.indicators), doc.tables[0] if doc.tables else None)
    if family != "headerless":
        total += 2
        if table is not None:
            right += compact(simplify(table.header.name or "")) == compact(t.name)
            amount = table.header.budget.amount
            right += amount is not None and amount.in_wan() == Decimal(t.budget)
    read = {compact(simplify(i.name)): i for i in table.indicators} if table else {}
    if table is not None and family != "truncated":
        total += 1  # every indicator once: no row lost, none read twice
        right += len(table.indicators) == len(t.rows)
    for r in expected_rows(t, family):
        total += 4 + (3 if r.weight else 0)
        ind = read.get(compact(r.name))
        if ind is None:
            continue
        right += 1
        level1 = (
            "效益指标"
            if family == "satisfaction-under-benefit" and r.level1 == "满意度指标"
            else r.level1
        )
        right += compact(simplify(ind.level1 or "")) == compact(level1)
        right += compact(simplify(ind.level2 or "")) == compact(r.level2)
        right += compact(simplify(ind.annual_target.raw)) == compact(r.target)
        if r.weight:
            right += ind.weight == Decimal(r.weight)
            right += ind.score == Decimal(r.score)
            right += ind.actual is not None and compact(ind.actual.raw) == compact(r.actual)
    return right, total


@lru_cache(maxsize=1)
def _s2t() -> Any:
    import opencc

    return opencc.OpenCC("s2t")


def _to_simplified(text: str) -> str:
    from jixiao.core.chinese import to_simplified

    return to_simplified(text)
