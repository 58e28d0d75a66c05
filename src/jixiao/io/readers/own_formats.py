"""Readers of jixiao's own exports: the JSON document (``schema_version``) and the flat CSV.

Both are turned into neutral GRID tables laid out like the printed form (a title row naming
the kind, label/value header rows, the budget block of self-evaluation and monitoring tables,
the indicator header row and one row per indicator), so that the one builder reads them like
any copied table: there is no second parser of goal tables here, only a re-layout of fields.

Every cell is located: in the CSV by line and column (a label by the column title on line 1),
in the JSON by the JSON path of its field in ``sheet`` (``documents[0].tables[1].project.name``).
A file that is not well-formed JSON or CSV, or lacks the expected fields, is an ``F001``
problem at the line (and column) where it breaks, never a traceback.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from jixiao.core.problems import Problem, make
from jixiao.core.source import SourceLocation
from jixiao.io.formula_cells import unquote_csv_cell
from jixiao.io.readers.common import UNREADABLE
from jixiao.io.table import Cell, Layout, RawDocument, Row, Table

# The title printed for each kind (the builder takes the kind from the title).
HEADINGS = {
    "goal": "项目绩效目标表",
    "selfeval": "项目支出绩效自评表",
    "monitor": "项目绩效运行监控表",
}
_KIND_NAMES = {
    "goal": "goal",
    "selfeval": "selfeval",
    "monitor": "monitor",
    **{heading: kind for kind, heading in HEADINGS.items()},
}

# Indicator columns: (field key, printed heading); the first five are always printed.
_BASE_COLUMNS = [
    ("一级指标", "一级指标"),
    ("二级指标", "二级指标"),
    ("三级指标", "三级指标"),
    ("实施周期指标值", "实施周期指标值"),
    ("当年度指标值", "当年度指标值"),
]
_MORE_COLUMNS = [
    ("分值", "分值"),
    ("实际完成值", "实际完成值"),
    ("得分", "得分"),
    ("偏差原因分析及改进措施", "偏差原因分析及改进措施"),
    ("全年预计完成值", "全年预计完成值"),
    ("完成目标可能性", "完成目标可能性"),
]
_KIND_COLUMNS = {
    "goal": set[str](),
    "selfeval": {"分值", "实际完成值", "得分", "偏差原因分析及改进措施"},
    "monitor": {"实际完成值", "偏差原因分析及改进措施", "全年预计完成值", "完成目标可能性"},
}
# Budget block of self-evaluation and monitoring: (field key, printed heading).
_BUDGET_COLUMNS = [
    ("年初预算数（万元）", "年初预算数"),
    ("预算金额（万元）", "全年预算数"),
    ("全年执行数（万元）", "全年执行数"),
    ("预算分值", "分值"),
    ("预算执行率", "执行率"),
    ("预算得分", "得分"),
    ("预算偏差原因", "原因"),
]
_HEADER_ROWS = [("项目名称", "项目名称"), ("项目类型", "项目类型"), ("项目等级", "项目等级")]
_HEADER_ROWS += [("主管部门", "主管部门"), ("用款单位", "用款单位")]


@dataclass(frozen=True, slots=True)
class Located:
    """A field's text, where it was read, and where its label stands."""

    text: str
    at: SourceLocation
    label_at: SourceLocation


Fields = Mapping[str, Located]


# --- the form grid ----------------------------------------------------------------------------


class _Grid:
    def __init__(self) -> None:
        self.rows: list[Row] = []

    def add(self, *cells: tuple[str, SourceLocation]) -> None:
        self.rows.append(tuple(Cell(text, at) for text, at in cells))


def form_table(
    kind: str, fields: Fields, indicators: Sequence[Fields], base: SourceLocation
) -> Table:
    """One project laid out like its printed form (see the module docstring)."""
    grid = _Grid()

    def label(key: str, text: str | None = None) -> tuple[str, SourceLocation]:
        got = fields.get(key)
        return (text or key, got.label_at if got else base)

    def value(key: str) -> tuple[str, SourceLocation]:
        got = fields.get(key)
        return (got.text, got.at) if got else ("", base)

    year = fields.get("年度")
    title = f"{year.text}年{HEADINGS[kind]}" if year and year.text else HEADINGS[kind]
    grid.add((title, year.at if year else base))
    for key, text in _HEADER_ROWS:
        if kind != "goal" and key == "用款单位":
            text = "实施单位"
        grid.add(label(key, text), value(key))
    for key, extra in _extra_rows(fields):
        grid.add((key, extra.label_at), (extra.text, extra.at))
    grid.add(
        label("起始年度", "实施周期"),
        label("起始年度"),
        _year(value("起始年度")),
        label("到期年度"),
        _year(value("到期年度")),
    )
    if kind == "goal":
        amount, at = value("预算金额（万元）")
        shown = amount if not amount or amount.endswith("元") else f"{amount}万元"
        grid.add(label("预算金额（万元）", "年度预算金额"), (shown, at))
    else:
        _budget_block(grid, fields, base)
    grid.add(label("实施周期总目标"), value("实施周期总目标"))
    grid.add(label("年度目标"), value("年度目标"))
    if kind != "goal" or fields.get("实际完成情况", _NONE).text:
        grid.add(label("实际完成情况"), value("实际完成情况"))
    columns = _indicator_block(grid, kind, fields, indicators, base)
    if kind == "selfeval" or fields.get("总分", _NONE).text:
        # the total under the 得分 column (a figure under 分值 is read as the weights' sum)
        total, at = value("总分")
        keys = [key for key, _ in columns]
        under = keys.index("得分") if "得分" in keys else len(keys) - 1
        # full width: the builder reads a total row by position only when no cell is missing
        after = len(keys) - under - 1
        grid.add(label("总分"), *[("", at)] * (under - 1), (total, at), *[("", at)] * after)
    return Table(grid.rows, base, Layout.GRID, title)


_NONE = Located("", SourceLocation(""), SourceLocation(""))


def _year(cell: tuple[str, SourceLocation]) -> tuple[str, SourceLocation]:
    text, at = cell
    return (f"{text}年" if text.isdigit() else text, at)


def _extra_rows(fields: Fields) -> Iterator[tuple[str, Located]]:
    for key, got in fields.items():
        if key.startswith("extra:") and got.text:
            yield key.removeprefix("extra:"), got


def _budget_block(grid: _Grid, fields: Fields, base: SourceLocation) -> None:
    head = [
        (
            "项目资金（万元）",
            fields["预算金额（万元）"].label_at if "预算金额（万元）" in fields else base,
        )
    ]
    total: list[tuple[str, SourceLocation]] = [("年度资金总额", head[0][1])]
    for key, text in _BUDGET_COLUMNS:
        got = fields.get(key)
        head.append((text, got.label_at if got else base))
        total.append((got.text, got.at) if got else ("", base))
    grid.add(*head)
    grid.add(*total)


def _indicator_block(
    grid: _Grid, kind: str, fields: Fields, indicators: Sequence[Fields], base: SourceLocation
) -> list[tuple[str, str]]:
    """The indicator header row and rows; returns the (key, heading) columns printed."""
    wanted = _KIND_COLUMNS[kind]
    extra = [
        (key, text)
        for key, text in _MORE_COLUMNS
        if key in wanted or any(ind.get(key, _NONE).text for ind in indicators)
    ]
    columns = _BASE_COLUMNS + extra
    if kind == "monitor":  # the builder reads 当期完成值 as the monitoring table's actual value
        columns = [(k, "截至当期完成值" if k == "实际完成值" else t) for k, t in columns]
    first = indicators[0] if indicators else fields
    grid.add(*((text, first[key].label_at if key in first else base) for key, text in columns))
    for ind in indicators:
        row_at = next(iter(ind.values())).at if ind else base
        grid.add(*((ind[k].text, ind[k].at) if k in ind else ("", row_at) for k, _ in columns))
    return columns


# --- CSV ----------------------------------------------------------------------------------------

EXTRA_COLUMN = "其他信息"  # Header.extra as ``key：value`` lines
_GROUP_KEYS = ("表类型", "年度", "项目名称", "主管部门", "用款单位")
_INDICATOR_KEYS = {key for key, _ in _BASE_COLUMNS + _MORE_COLUMNS}


def read_own_csv(path: Path) -> RawDocument:
    """The flat CSV export (one row per indicator, header fields repeated); never raises."""
    name = str(path)
    raw = RawDocument(name)
    text = _decoded(path, raw)
    if text is None:
        return raw
    records = _records(text, name, raw.problems)
    if not records:
        raw.problems.append(_bad(name, "the CSV file has no header row", SourceLocation(name)))
        return raw
    (_, header), body = records[0], records[1:]
    titles = {title.strip(): k for k, title in reversed(list(enumerate(header)))}
    missing = [key for key in ("项目名称", "三级指标") if key not in titles]
    if missing:
        message = f"the CSV header lacks the column(s) {', '.join(missing)} of the jixiao export"
        raw.problems.append(_bad(name, message, SourceLocation(name, line=1)))
        return raw
    for group in _groups(body, titles):
        raw.tables.append(_csv_project(group, titles, header, name))
    return raw


def _decoded(path: Path, raw: RawDocument) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raw.problems.append(
            _bad(raw.source, f"cannot open file: {exc}", SourceLocation(raw.source))
        )
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = f"the file is not valid UTF-8 at byte {exc.start}; save it again as UTF-8"
        raw.problems.append(_bad(raw.source, message, SourceLocation(raw.source, line=line)))
        return None


def _records(text: str, name: str, problems: list[Problem]) -> list[tuple[int, list[str]]]:
    """(first line, fields) of every non-empty record; a CSV syntax error stops the reading."""
    reader = csv.reader(text.splitlines(keepends=True))
    out: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for fields in reader:
            if any(f.strip() for f in fields):
                out.append((start, [unquote_csv_cell(f) for f in fields]))
            start = reader.line_num + 1
    except csv.Error as exc:
        message = f"CSV syntax error ({exc}); the rows before it were read"
        problems.append(_bad(name, message, SourceLocation(name, line=start)))
    width = len(out[0][1]) if out else 0
    for line, fields in out[1:]:
        if len(fields) != width:
            message = (
                f"row has {len(fields)} fields but the header has {width}: the file was edited "
                "or cut; fields were read by position, check this row"
            )
            problems.append(_bad(name, message, SourceLocation(name, line=line), ",".join(fields)))
    return out


def _groups(
    body: list[tuple[int, list[str]]], titles: Mapping[str, int]
) -> Iterator[list[tuple[int, list[str]]]]:
    """Consecutive rows of one project (the export writes each table's rows together)."""

    def key(fields: list[str]) -> tuple[str, ...]:
        return tuple(_field(fields, titles, k) for k in _GROUP_KEYS)

    group: list[tuple[int, list[str]]] = []
    for record in body:
        if group and key(record[1]) != key(group[0][1]):
            yield group
            group = []
        group.append(record)
    if group:
        yield group


def _field(fields: list[str], titles: Mapping[str, int], key: str) -> str:
    k = titles.get(key)
    return fields[k].strip() if k is not None and k < len(fields) else ""


def _csv_project(
    group: list[tuple[int, list[str]]], titles: Mapping[str, int], header: list[str], name: str
) -> Table:
    def located(line: int, fields: list[str], key: str) -> Located | None:
        k = titles.get(key)
        if k is None:
            return None
        text = fields[k].strip() if k < len(fields) else ""
        return Located(text, SourceLocation(name, line=line, column=k + 1), _title_at(k))

    def _title_at(k: int) -> SourceLocation:
        return SourceLocation(name, line=1, column=k + 1)

    first_line, first = group[0]
    fields: dict[str, Located] = {}
    for key in titles:
        if key not in _INDICATOR_KEYS:
            got = located(first_line, first, key)
            if got is not None:
                fields[key] = got
    fields.update(_csv_extras(fields.pop(EXTRA_COLUMN, None)))
    kind = _KIND_NAMES.get(fields["表类型"].text if "表类型" in fields else "", "goal")
    indicators = []
    for line, row in group:
        ind = {k: got for k in _INDICATOR_KEYS if (got := located(line, row, k)) is not None}
        if any(got.text for got in ind.values()):
            indicators.append(ind)
    base = SourceLocation(name, line=first_line)
    return form_table(kind, fields, indicators, base)


def _csv_extras(cell: Located | None) -> Iterator[tuple[str, Located]]:
    """The 其他信息 cell: one ``key：value`` per line (Header.extra)."""
    if cell is None:
        return
    for line in cell.text.splitlines():
        key, sep, text = line.partition("：")
        if sep and key.strip():
            yield f"extra:{key.strip()}", Located(text.strip(), cell.at, cell.label_at)


def _bad(name: str, message: str, at: SourceLocation, raw: str | None = None) -> Problem:
    return make(UNREADABLE, message, at, raw=raw)


# --- JSON ---------------------------------------------------------------------------------------


def read_own_json(path: Path) -> RawDocument:
    """The ``jixiao parse --json`` / JSON export document; never raises."""
    name = str(path)
    raw = RawDocument(name)
    text = _decoded(path, raw)
    if text is None:
        return raw
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        here = SourceLocation(name, line=exc.lineno, column=exc.colno)
        raw.problems.append(_bad(name, f"invalid JSON: {exc.msg}", here))
        return raw
    except RecursionError:
        raw.problems.append(_bad(name, "JSON nested too deeply", SourceLocation(name)))
        return raw
    documents = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(documents, list):
        message = "not a jixiao JSON document: no list of 'documents' at the top level"
        raw.problems.append(_bad(name, message, SourceLocation(name, sheet="$")))
        return raw
    for d, document in enumerate(documents):
        tables = document.get("tables") if isinstance(document, dict) else None
        if not isinstance(tables, list):
            message = "a document without a list of 'tables' was skipped"
            raw.problems.append(_bad(name, message, SourceLocation(name, sheet=f"documents[{d}]")))
            continue
        for t, table in enumerate(tables):
            where = f"documents[{d}].tables[{t}]"
            if not isinstance(table, dict):
                message = "a table that is not a JSON object was skipped"
                raw.problems.append(_bad(name, message, SourceLocation(name, sheet=where)))
                continue
            raw.tables.append(_json_table(table, name, where))
    return raw


class _JsonFields:
    """Collects :class:`Located` fields from one JSON table object."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.out: dict[str, Located] = {}

    def at(self, path: str) -> SourceLocation:
        return SourceLocation(self.name, sheet=path)

    def put(self, key: str, value: object, path: str, to_text: Callable[[Any], str] = str) -> None:
        text = "" if value is None else to_text(value)
        self.out[key] = Located(text.strip(), self.at(path), self.at(path))


def _json_table(table: dict[str, Any], name: str, where: str) -> Table:
    f = _JsonFields(name)
    kind = _KIND_NAMES.get(str(table.get("kind") or "goal"), "goal")
    f.put("表类型", kind, f"{where}.kind")
    f.put("年度", table.get("year"), f"{where}.year")
    project = _object(table.get("project"))
    for key, field in (
        ("项目名称", "name"),
        ("项目类型", "type"),
        ("项目等级", "level"),
        ("主管部门", "department"),
        ("用款单位", "unit"),
    ):
        f.put(key, project.get(field), f"{where}.project.{field}")
    period = _object(project.get("period"))
    f.put("起始年度", period.get("start"), f"{where}.project.period.start")
    f.put("到期年度", period.get("end"), f"{where}.project.period.end")
    budget = _object(table.get("budget"))
    b = f"{where}.budget"
    amount = budget.get("adjusted") or budget.get("amount")
    f.put("预算金额（万元）", amount, f"{b}.adjusted" if budget.get("adjusted") else f"{b}.amount")
    f.put("年初预算数（万元）", budget.get("initial"), f"{b}.initial")
    f.put("全年执行数（万元）", budget.get("executed"), f"{b}.executed")
    f.put("预算执行率", budget.get("rate"), f"{b}.rate", _percent)
    f.put("预算分值", budget.get("weight"), f"{b}.weight")
    f.put("预算得分", budget.get("score"), f"{b}.score")
    f.put("预算偏差原因", budget.get("reason"), f"{b}.reason")
    goals = _object(table.get("goals"))
    f.put("实施周期总目标", goals.get("period"), f"{where}.goals.period")
    f.put("年度目标", goals.get("annual"), f"{where}.goals.annual")
    f.put("实际完成情况", goals.get("result"), f"{where}.goals.result")
    f.put("总分", table.get("total_score"), f"{where}.total_score")
    for key, value in _object(table.get("extra")).items():
        f.put(f"extra:{key}", value, f"{where}.extra.{key}")
    indicators = [
        _json_indicator(ind, name, f"{where}.indicators[{i}]")
        for i, ind in enumerate(_list(table.get("indicators")))
    ]
    return form_table(kind, f.out, indicators, f.at(where))


def _json_indicator(ind: object, name: str, where: str) -> dict[str, Located]:
    f = _JsonFields(name)
    data = _object(ind)
    for key, field, to_text in (
        ("一级指标", "level1", str),
        ("二级指标", "level2", str),
        ("三级指标", "name", str),
        ("实施周期指标值", "period_target", _target_text),
        ("当年度指标值", "annual_target", _target_text),
        ("分值", "weight", str),
        ("实际完成值", "actual", _target_text),
        ("得分", "score", str),
        ("偏差原因分析及改进措施", "deviation", str),
        ("全年预计完成值", "forecast", _target_text),
        ("完成目标可能性", "likelihood", str),
    ):
        f.put(key, data.get(field), f"{where}.{field}", to_text)
    return f.out


def _object(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _percent(value: object) -> str:
    text = str(value).strip()
    return f"{text}%" if text and not text.endswith("%") else text


def _target_text(value: object) -> str:
    """The printed value of a target object: its raw text, else rebuilt from its parts."""
    if not isinstance(value, dict):
        return "" if value is None else str(value)
    if value.get("raw"):
        return str(value["raw"])
    if value.get("text"):
        return str(value["text"])
    unit = str(value.get("unit") or "")
    if value.get("low") is not None and value.get("high") is not None:
        return f"{value['low']}{unit}-{value['high']}{unit}"
    if value.get("value") is None:
        return ""
    symbol = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}.get(str(value.get("op")), "")
    return f"{symbol}{_number(value['value'])}{unit}"


def _number(value: object) -> str:
    try:
        return format(Decimal(str(value)), "f")
    except InvalidOperation:
        return str(value)
