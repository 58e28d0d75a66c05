"""Reading jixiao's own CSV and JSON exports back: the same tables, every cell located, and a
located problem (never a traceback) on a damaged or foreign file."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.core.model import GoalTable, TableKind
from jixiao.core.values import parse_target
from jixiao.io.formats import Format, detect
from jixiao.io.writers import ExportOptions, get_exporter
from jixiao.services.parsing import parse_file
from testdata import EXAMPLE_FILE


@pytest.fixture(scope="module")
def example() -> list[GoalTable]:
    return list(parse_file(EXAMPLE_FILE).tables)


def export(tmp_path: Path, fmt: str, tables: list[GoalTable], name: str | None = None) -> Path:
    path = tmp_path / (name or f"export.{fmt}")
    path.write_bytes(get_exporter(fmt)(tables, ExportOptions()).render())
    return path


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_csv_cells_are_located_by_line_and_column(tmp_path: Path, example: list) -> None:
    path = export(tmp_path, "csv", example)
    assert detect(path) is Format.JIXIAO_CSV
    doc = parse_file(path)
    assert [t.name for t in doc.tables] == [t.name for t in example]
    rows = rows_of(path)
    name_col = rows[0].index("三级指标")
    second = doc.tables[1].indicators[0]
    line = 1 + len(example[0].indicators) + 1  # header line, first table's rows, this row
    assert rows[line - 1][name_col] == second.name
    assert (second.source.file, second.source.line) == (str(path), line)
    assert second.source.column == name_col + 1
    unit = doc.tables[0].header.source_of("unit")
    assert unit is not None and unit.line == 2 and unit.column == rows[0].index("用款单位") + 1


def test_json_cells_are_located_by_json_path(tmp_path: Path, example: list) -> None:
    path = export(tmp_path, "json", example)
    doc = parse_file(path)
    assert [len(t.indicators) for t in doc.tables] == [19, 17, 14]
    ind = doc.tables[1].indicators[2]
    assert ind.source.file == str(path)
    assert ind.source.sheet == "documents[0].tables[1].indicators[2].name"
    name = doc.tables[2].header.source_of("name")
    assert name is not None and name.sheet == "documents[0].tables[2].project.name"


def test_an_edited_csv_reads_the_edit(tmp_path: Path, example: list) -> None:
    path = export(tmp_path, "csv", example[:1])
    rows = rows_of(path)
    rows[1][rows[0].index("当年度指标值")] = "≥70000人"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    (table,) = parse_file(path).tables
    assert table.indicators[0].annual_target == parse_target("≥70000人")


def test_monitoring_table_round_trips_through_csv_and_json(tmp_path: Path, example: list) -> None:
    base = example[2]
    indicators = tuple(
        replace(
            ind,
            actual=parse_target("30人"),
            forecast=parse_target("51人"),
            likelihood="确定能",
            deviation="进度偏慢",
        )
        for ind in base.indicators
    )
    want = GoalTable(TableKind.MONITOR, base.header, indicators)
    for fmt in ("csv", "json"):
        (got,) = parse_file(export(tmp_path, fmt, [want])).tables
        assert got.kind is TableKind.MONITOR
        assert [(i.actual, i.forecast, i.likelihood, i.deviation) for i in got.indicators] == [
            (i.actual, i.forecast, i.likelihood, i.deviation) for i in want.indicators
        ]


def test_content_decides_not_the_suffix(tmp_path: Path, example: list) -> None:
    csv_as_txt = export(tmp_path, "csv", example, "tables.txt")
    json_no_suffix = export(tmp_path, "json", example, "tables")
    for path in (csv_as_txt, json_no_suffix):
        assert [len(t.indicators) for t in parse_file(path).tables] == [19, 17, 14]


# --- damaged and foreign files ------------------------------------------------------------------


def only_problem(path: Path) -> tuple[str, str, object]:
    doc = parse_file(path)
    assert doc.tables == ()
    (problem,) = doc.problems
    return problem.code, problem.message, problem.source


def test_invalid_json_is_located_at_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    path.write_text('{"schema_version": "1",\n  "documents": [ {"tables": [}\n', encoding="utf-8")
    code, message, source = only_problem(path)
    assert code == "F001" and "invalid JSON" in message
    assert (source.line, source.column) == (2, 30)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("data", "sheet"),
    [
        ({"schema_version": "1", "documents": 5}, "$"),
        ({"schema_version": "1", "documents": [{"tables": "x"}]}, "documents[0]"),
        ({"schema_version": "1", "documents": [{"tables": [7]}]}, "documents[0].tables[0]"),
    ],
)
def test_foreign_json_shape_is_a_located_problem(tmp_path: Path, data: object, sheet: str) -> None:
    path = tmp_path / "other.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, _, source = only_problem(path)
    assert code == "F001" and source.sheet == sheet  # type: ignore[attr-defined]


def test_a_bad_table_does_not_hide_the_good_ones(tmp_path: Path, example: list) -> None:
    path = export(tmp_path, "json", example)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["documents"][0]["tables"].insert(1, "not a table")
    data["documents"][0]["tables"][0]["indicators"][0]["annual_target"] = None
    data["documents"][0]["tables"][0]["budget"] = []
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    doc = parse_file(path)
    assert [t.name for t in doc.tables] == [t.name for t in example]
    assert [p.source.sheet for p in doc.problems if p.code == "F001"] == ["documents[0].tables[1]"]


def test_ragged_csv_rows_are_read_and_reported(tmp_path: Path, example: list) -> None:
    path = export(tmp_path, "csv", example[2:])
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines[3] = lines[3].rsplit(",", 12)[0]  # an editor cut the row's trailing fields
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = parse_file(path)
    assert len(doc.tables) == 1 and len(doc.tables[0].indicators) == 14
    (problem,) = [p for p in doc.problems if p.code == "F001"]
    assert problem.source.line == 4 and "fields" in problem.message


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ("表类型,年度,项目名称,项目类型\ngoal,2024,工会经费,其他\n".encode(), 1),  # no 三级指标
        ("表类型,年度,项目名称,三级指标\n".encode() + b"goal,2024,\xff\xfe,x\n", 2),  # not UTF-8
        # a field over the csv module's size limit: csv.Error
        (f'表类型,年度,项目名称,三级指标\ngoal,2024,"{"长" * 140_000}",x\n'.encode(), 2),
    ],
)
def test_damaged_csv_is_a_located_problem(tmp_path: Path, content: bytes, line: int) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    assert detect(path) is Format.JIXIAO_CSV
    doc = parse_file(path)
    problems = [p for p in doc.problems if p.code == "F001"]
    assert problems and problems[0].source.line == line, doc.problems


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
TABLE_KEYS = ["kind", "year", "project", "budget", "goals", "extra", "total_score", "indicators"]


IND_KEYS = ["level1", "level2", "name", "annual_target", "period_target", "weight", "actual"]
INDICATORS = st.lists(st.dictionaries(st.sampled_from(IND_KEYS), JSON_VALUES), max_size=4)
TABLES = st.dictionaries(st.sampled_from(TABLE_KEYS), JSON_VALUES) | st.fixed_dictionaries(
    {"kind": st.sampled_from(["goal", "selfeval", "monitor", "?"]), "indicators": INDICATORS}
)


@settings(max_examples=80, deadline=None)
@given(TABLES)
def test_any_json_table_object_reads_without_raising(table: dict) -> None:
    from jixiao.io.readers.own_formats import read_own_json
    from jixiao.reading import build_document

    with TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.json"
        data = {"schema_version": "1", "documents": [{"tables": [table]}]}
        path.write_text(json.dumps(data), encoding="utf-8")
        build_document(read_own_json(path))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.text(max_size=6), max_size=30), max_size=6))
def test_any_csv_body_reads_without_raising(rows: list[list[str]]) -> None:
    from jixiao.io.readers.own_formats import read_own_csv
    from jixiao.io.writers.csv import COLUMNS
    from jixiao.reading import build_document

    out = io.StringIO()
    csv.writer(out).writerows([COLUMNS, *rows])
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.csv"
        path.write_text(out.getvalue(), encoding="utf-8")
        build_document(read_own_csv(path))
