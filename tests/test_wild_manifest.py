"""The 33 wild tables against their hand-checked manifest (examples/wild/manifest.jsonl).

Scoring is ``jixiao.reading.accuracy`` (the comparison rules of examples/README.md), the same
code ``scripts/reader_accuracy.py`` prints figures with. One test per file: the fields it gets
wrong must be exactly the known misses listed below, so a regression names its field and a fix
shows too (remove the entry). A floor on the overall accuracy guards the figure in
docs/reading.md.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from jixiao.core.model import Document
from jixiao.reading.accuracy import FieldResult, accuracy, flags_entry, score_entry
from jixiao.services.parsing import parse_file

WILD = Path(__file__).resolve().parents[1] / "examples" / "wild"
MANIFEST: list[dict[str, Any]] = [
    json.loads(line)
    for line in (WILD / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]
CRASH_CODES = ("F003", "B010")
FIELD_FLOOR = 0.855  # docs/reading.md: 522 of 610 fields on 2026-12-08

# file → (why, fields read wrong). Each family is described in docs/reading.md.


def _fields(names: str) -> frozenset[str]:
    return frozenset(names.split())


KNOWN_MISSES: dict[str, tuple[str, frozenset[str]]] = {
    "006_goal.txt": (
        "name only in the title, with a region prefix the manifest drops",
        _fields("project_name"),
    ),
    "010_goal.txt": (
        "header labels and values flattened column-wise (family 2)",
        _fields("budget_wan project_name"),
    ),
    "015_selfeval.txt": (
        "the printed 项目名称 cell is OCR garbage; the manifest takes the title",
        _fields("project_name"),
    ),
    "019_selfeval.txt": (
        "PDF columns interleaved (rubric + indicators); 自评总分 read as the name",
        _fields(
            "project_name sample0.actual sample0.level1 sample0.level2 "
            "sample0.level3 sample0.score sample0.target sample1.level1 sample1.level2 "
            "sample1.level3 sample2.level1 sample2.level3 sample2.score sample2.weight"
        ),
    ),
    "023_goal.txt": (
        "一级 label printed vertically and interleaved with other columns (family 5)",
        _fields("sample0.level1"),
    ),
    "004_goal.txt": (
        "Traditional text with no header row: no table found (families 2, 8)",
        _fields(
            "complete kind n_indicators project_name sample0.level1 sample0.level3 "
            "sample0.target sample1.level1 sample1.level3 sample1.target sample2.level1 "
            "sample2.level3 sample2.target"
        ),
    ),
    "016_goal.txt": (
        "indicator rows without level labels after a glued header (family 2)",
        _fields(
            "budget_wan n_indicators sample0.level2 sample0.level3 sample1.level2 "
            "sample1.level3 sample1.target sample2.level2 sample2.level3 sample2.target "
            "sample3.level2 sample3.level3 sample3.target sample4.level2 sample4.level3 "
            "sample4.target"
        ),
    ),
    "034_selfeval.txt": (
        "label 项目 read as the name; the last rows and the total lost (family 9)",
        _fields(
            "project_name sample1.actual sample1.level2 sample1.level3 sample1.score "
            "sample1.target sample1.weight sample2.actual sample2.level1 sample2.level2 "
            "sample2.level3 sample2.score sample2.target sample2.weight total_score"
        ),
    ),
    "035_selfeval.txt": (
        "rubric rows mixed with indicators; a note glued to the last target",
        _fields(
            "budget_wan complete n_indicators sample0.actual sample0.level1 "
            "sample0.level2 sample0.level3 sample0.target sample2.actual sample2.level1 "
            "sample2.level2 sample2.level3 sample2.target sample3.actual sample3.level1 "
            "sample3.level2 sample3.level3 sample3.target sample4.actual sample4.level1 "
            "sample4.target"
        ),
    ),
    "036_selfeval.txt": (
        "code-prefixed name and budget in a header-less fragment (family 2)",
        _fields(
            "budget_wan complete project_name sample0.level1 sample0.level2 "
            "sample0.level3 sample0.target"
        ),
    ),
    "041_goal.txt": (
        "completeness: the cut end is not seen",
        _fields("complete"),
    ),
    "050_selfeval.txt": (
        "the name is cut at a bracket the manifest keeps",
        _fields("project_name"),
    ),
}


@cache
def parsed(name: str) -> Document:
    return parse_file(WILD / name)


def results(entry: dict[str, Any]) -> list[FieldResult]:
    doc = parsed(entry["file"])
    return score_entry(doc, entry) + flags_entry(doc, entry)


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_wild_table_reads_without_a_crash(entry: dict[str, Any]) -> None:
    crashes = [p for p in parsed(entry["file"]).problems if p.code in CRASH_CODES]
    assert crashes == []


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_wild_table_fields_match_the_manifest(entry: dict[str, Any]) -> None:
    wrong = {r.field: (r.expected, r.got) for r in results(entry) if not r.ok}
    _, known = KNOWN_MISSES.get(entry["file"], ("", frozenset()))
    regressed = {f: v for f, v in wrong.items() if f not in known}
    fixed = sorted(known - set(wrong))
    assert regressed == {}, f"read wrong (expected, read): {regressed}"
    assert fixed == [], f"now read right; remove from KNOWN_MISSES: {fixed}"


def test_wild_field_accuracy_does_not_fall_below_the_documented_figure() -> None:
    fields = [r for e in MANIFEST for r in score_entry(parsed(e["file"]), e)]
    right, total = accuracy(fields)
    assert total >= 600  # every manifest field is scored
    assert right / total >= FIELD_FLOOR
