"""Stable problem codes of scoring, monitoring and the actuals file (documented in docs/scoring.md).

``S0xx`` indicator scores, ``S1xx`` weights, ``S2xx`` budget execution, ``S3xx`` recheck of
printed scores, ``S4xx`` monitoring, ``A0xx`` the actuals file.
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.core.problems import ProblemCode, Severity, register

NO_ACTUAL = register("S001", Severity.ERROR, "indicator has no actual value (实际完成值)")
NO_TARGET = register("S002", Severity.ERROR, "indicator has no annual target to score against")
UNIT_MISMATCH = register("S003", Severity.ERROR, "actual and target units cannot be compared")
NOT_A_NUMBER = register("S004", Severity.ERROR, "quantitative target but the actual is no number")
UNKNOWN_LEVEL = register("S005", Severity.ERROR, "qualitative outcome level not recognised")
OUT_OF_BAND = register("S006", Severity.ERROR, "given score lies outside the level's band")
GIVEN_SCORE_DIFFERS = register("S007", Severity.WARNING, "given score differs from the rule")
NEGATIVE_TARGET = register("S008", Severity.ERROR, "negative target cannot be scored")
LEVEL_FOR_NUMBER = register("S009", Severity.WARNING, "quantitative target judged by a level")
UNIT_ASSUMED = register("S010", Severity.WARNING, "actual without unit read in the target's unit")
FRACTION_FOR_PERCENT = register(
    "S011", Severity.ERROR, "actual without unit looks like a fraction of a % target"
)

WEIGHT_SUM = register("S101", Severity.ERROR, "the table's indicator weights do not add up")
WEIGHT_PARTIAL = register("S102", Severity.WARNING, "only some indicators carry a weight")
NO_CATEGORY = register("S103", Severity.ERROR, "indicator's 一级 category is not known")
NO_SCORABLE = register("S104", Severity.ERROR, "no indicator to score in this table")
REDISTRIBUTED = register("S105", Severity.INFO, "a category without indicators gave its weight")

NO_BUDGET = register("S201", Severity.ERROR, "budget execution cannot be scored: figures missing")
REASON_MISSING = register("S202", Severity.ERROR, "执行率 below the threshold needs a reason")
RATE_SUSPECT = register(
    "S203", Severity.WARNING, "执行率 far above 100%: check the unit of the figures"
)

SCORE_DIFFERS = register("S301", Severity.ERROR, "printed score differs from the recomputed one")
TOTAL_DIFFERS = register("S302", Severity.ERROR, "printed total differs from the recomputed one")
NOT_SELFEVAL = register("S303", Severity.WARNING, "not a self-evaluation table: nothing to recheck")

BAD_LIKELIHOOD = register("S401", Severity.ERROR, "完成目标可能性 not one of the allowed options")
BAD_REASON = register("S402", Severity.WARNING, "偏差原因 category not one of the allowed options")

UNREADABLE = register("A001", Severity.ERROR, "actuals file cannot be read")
MISSING_COLUMN = register("A002", Severity.ERROR, "actuals file lacks a required column")
UNKNOWN_COLUMN = register("A003", Severity.WARNING, "actuals file column not known; ignored")
UNKNOWN_PROJECT = register("A004", Severity.ERROR, "actuals row names no project of the file")
UNKNOWN_INDICATOR = register(
    "A005", Severity.ERROR, "actuals row names no indicator of its project"
)
AMBIGUOUS = register("A006", Severity.ERROR, "actuals row matches more than one indicator")
DUPLICATE = register("A007", Severity.ERROR, "actuals row repeats an earlier row")
BAD_VALUE = register("A008", Severity.ERROR, "actuals cell cannot be read")
NOT_APPLICABLE = register("A009", Severity.WARNING, "actuals cell does not apply to its row")
INTERNAL = register("S900", Severity.ERROR, "internal error while scoring a table")


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem before it knows its place: the caller adds the source location."""

    kind: ProblemCode
    message: str
