"""Field accuracy of a read document against a hand-checked manifest entry.

The manifest (``examples/wild/manifest.jsonl``, one JSON object per file) says what a careful
person reads from each table; ``examples/README.md`` gives the comparison rules, implemented
here: NFKC, ``≧→≥`` …, whitespace and ``|`` removed, pinyin glosses and score suffixes dropped
from level names, Traditional compared as Simplified (OpenCC ``t2s`` on both sides), and a
level name equal with or without a trailing ``指标``. ``null`` in the manifest means "do not
score"; the field is not counted.

Scored fields per table: ``project_name``, ``budget_wan``, ``n_indicators`` (exact, or, when
the text is cut, between the visible count and one more), ``total_score``, and per sample
indicator: the row found by its 三级 name (``level3``), then ``level1``, ``level2``, ``target``,
``actual``, ``weight`` and ``score``. A sample whose row is not found fails all its fields.
``kind`` and ``complete`` are reported apart (they are table-level flags, not read values).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from jixiao.core.chinese import to_simplified
from jixiao.core.model import Document, GoalTable, Indicator
from jixiao.core.target import Target
from jixiao.core.values import format_target

_ASCII_OPS = (("≧", "≥"), ("≦", "≤"), ("═", "="), (">=", "≥"), ("<=", "≤"))
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
_SCORE_SUFFIX = re.compile(r"[(\[【]?[0-9.\-~]+分[)\]】]?$")
_SCORE_SUFFIX_2 = re.compile(r"\([0-9.\-~]+\)分$")

SAMPLE_FIELDS = ("level1", "level2", "target", "actual", "weight", "score")


@cache
def norm(text: object) -> str:
    """The manifest's comparison key of a printed value."""
    t = unicodedata.normalize("NFKC", str(text))
    for a, b in _ASCII_OPS:
        t = t.replace(a, b)
    t = _PINYIN.sub("", t)
    return to_simplified(re.sub(r"[\s|]", "", t))


def norm_level(text: object) -> str:
    t = norm(text)
    t = _SCORE_SUFFIX.sub("", t)
    return _SCORE_SUFFIX_2.sub("", t)


def same_level(expected: str, got: str | None) -> bool:
    if got is None:
        return False
    e, g = norm_level(expected), norm_level(got)
    return e == g or e == g + "指标" or e + "指标" == g


def same_target(expected: str, target: Target | None) -> bool:
    if expected == "":
        return target is None or target.is_empty
    if target is None:
        return False
    return norm(expected) in (norm(target.raw), norm(format_target(target)))


def same_number(expected: object, got: Decimal | None) -> bool:
    if got is None:
        return False
    try:
        return got == Decimal(str(expected))
    except InvalidOperation:
        return False


def main_table(doc: Document) -> GoalTable | None:
    """The table a manifest entry describes: the first with indicators, else the last."""
    if not doc.tables:
        return None
    with_rows = [t for t in doc.tables if t.indicators]
    return with_rows[0] if with_rows else doc.tables[-1]


def find_indicator(table: GoalTable, sample: Mapping[str, Any]) -> Indicator | None:
    level3 = sample.get("level3")
    start = sample.get("level3_startswith")
    for ind in table.indicators:
        if level3 is not None and norm(ind.name) == norm(level3):
            return ind
        if level3 is None and start and norm(ind.name).startswith(norm(start)):
            return ind
    return None


@dataclass(frozen=True, slots=True)
class FieldResult:
    """One scored field: where (file, field), whether it matched, and what was read."""

    file: str
    field: str
    ok: bool
    expected: object
    got: object


def _count_ok(n: int, exp: Mapping[str, Any]) -> tuple[bool, object] | None:
    if exp.get("n_indicators") is not None:
        return n == exp["n_indicators"], exp["n_indicators"]
    visible = exp.get("n_indicators_visible")
    if visible is not None:
        return visible <= n <= visible + 1, f"{visible}..{visible + 1}"
    return None


def _sample_value(ind: Indicator, key: str) -> object:
    if key == "target":
        return ind.annual_target.raw if ind.annual_target else None
    if key == "actual":
        return ind.actual.raw if ind.actual else None
    return getattr(ind, key)


def _sample_ok(ind: Indicator, key: str, expected: object) -> bool:
    if key in ("level1", "level2"):
        return same_level(str(expected), getattr(ind, key))
    if key == "target":
        return same_target(str(expected), ind.annual_target)
    if key == "actual":
        return same_target(str(expected), ind.actual)
    return same_number(expected, getattr(ind, key))


def _samples(file: str, table: GoalTable | None, exp: Mapping[str, Any]) -> list[FieldResult]:
    out: list[FieldResult] = []
    for i, sample in enumerate(exp.get("sample_indicators") or []):
        if sample.get("level3") is None and not sample.get("level3_startswith"):
            continue  # a row the manifest cannot name is not located, so not scored
        ind = find_indicator(table, sample) if table else None
        name = sample.get("level3") or sample.get("level3_startswith")
        out.append(FieldResult(file, f"sample{i}.level3", ind is not None, name, None))
        for key in SAMPLE_FIELDS:
            want = sample.get(key)
            if want is None:
                continue
            ok = ind is not None and _sample_ok(ind, key, want)
            got = _sample_value(ind, key) if ind is not None else None
            out.append(FieldResult(file, f"sample{i}.{key}", ok, want, got))
    return out


def score_entry(doc: Document, entry: Mapping[str, Any]) -> list[FieldResult]:
    """Every scored field of one manifest entry against the document read from its file."""
    file = str(entry["file"])
    exp: Mapping[str, Any] = entry["expected"]
    table = main_table(doc)
    out: list[FieldResult] = []
    header = table.header if table else None
    if exp.get("project_name") is not None:
        got_name = header.name if header else None
        ok = norm(got_name or "") == norm(exp["project_name"])
        out.append(FieldResult(file, "project_name", ok, exp["project_name"], got_name))
    if exp.get("budget_wan") is not None:
        amount = header.budget.amount if header else None
        got_wan = amount.in_wan() if amount else None
        out.append(
            FieldResult(
                file,
                "budget_wan",
                same_number(exp["budget_wan"], got_wan),
                exp["budget_wan"],
                got_wan,
            )
        )
    n = len(table.indicators) if table else 0
    count = _count_ok(n, exp)
    if count is not None:
        out.append(FieldResult(file, "n_indicators", count[0], count[1], n))
    if exp.get("total_score") is not None:
        got_total = table.total_score if table else None
        ok = same_number(exp["total_score"], got_total)
        out.append(FieldResult(file, "total_score", ok, exp["total_score"], got_total))
    out.extend(_samples(file, table, exp))
    return out


def flags_entry(doc: Document, entry: Mapping[str, Any]) -> list[FieldResult]:
    """The table-level flags ``kind`` and ``complete`` (reported apart from the fields)."""
    file = str(entry["file"])
    table = main_table(doc)
    kind = table.kind.value if table else None
    complete = table.complete if table else None
    return [
        FieldResult(file, "kind", kind == entry["kind"], entry["kind"], kind),
        FieldResult(file, "complete", complete is entry["complete"], entry["complete"], complete),
    ]


def accuracy(results: Iterable[FieldResult]) -> tuple[int, int]:
    """(fields right, fields scored)."""
    rows = list(results)
    return sum(r.ok for r in rows), len(rows)
