"""Problem codes of the builder (prefix ``B``); documented in docs/reading.md."""

from __future__ import annotations

from jixiao.core.problems import Severity, register

NO_TABLE = register("B001", Severity.WARNING, "no goal, self-evaluation or monitoring table found")
NO_INDICATORS = register("B002", Severity.WARNING, "a table was found but no indicator was read")
SHIFTED_ROW = register("B003", Severity.WARNING, "indicator row realigned: cells were shifted")
SKIPPED_ROW = register("B004", Severity.INFO, "row skipped: template placeholder or empty 二级 row")
TRUNCATED = register("B005", Severity.WARNING, "table is cut off: what is there was read")
UNREAD_ROW = register("B006", Severity.WARNING, "row in the indicator block could not be read")
GLUED_SPLIT = register("B007", Severity.WARNING, "glued cells split by content")
UNSPLIT_VALUE = register("B008", Severity.WARNING, "glued value kept as printed: split ambiguous")
BAD_HEADER_VALUE = register("B009", Severity.WARNING, "header value could not be read")
INTERNAL = register("B010", Severity.ERROR, "internal builder failure on a block")
SEGMENTED = register("B011", Severity.INFO, "text line split into cells by vocabulary")
WEIGHT_TOTAL = register("B012", Severity.INFO, "合计/总分 row is a weight total, not a score")
NAME_PREFIX = register("B013", Severity.INFO, "template numbering removed from an indicator name")
NAME_FROM_TITLE = register("B015", Severity.INFO, "project name taken from the table title")
UNFILLED_TARGET = register(
    "B016", Severity.WARNING, "target not filled in: template residue or a unit only"
)
DATE_SERIAL = register("B017", Severity.INFO, "value may be an Excel date serial; kept as printed")
RUBRIC_SHEET = register(
    "B018", Severity.INFO, "rubric-style score sheet: score rows read as indicators"
)
GLUED_BUDGET = register("B019", Severity.WARNING, "glued budget figures split by arithmetic")
SUPPLIED_HEADER = register(
    "B020", Severity.WARNING, "no column header: a usual header supplied, chosen by self-check"
)
MERGED_BLOCKS = register(
    "B021", Severity.INFO, "long-term and annual blocks of the same indicators merged"
)
VERTICAL_LEVEL = register("B022", Severity.INFO, "一级 label printed vertically, joined")
