"""The actuals workbook of a version (``jixiao template``) and reading it back into a form."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jixiao.services.evaluation_scores import EntryInput, EvaluationInput
from jixiao.storage import mapping
from jixiao.storage.models import IndicatorRow, TableVersion


def evaluation_template(version: TableVersion) -> bytes:
    """The fill-in actuals workbook (``jixiao template``) of one version."""
    from jixiao.io.actuals import write_template

    return write_template([mapping.to_core(version)])


def evaluation_input_from_file(
    version: TableVersion,
    rows: Sequence[IndicatorRow],
    data: bytes,
    name: str,
    base: EvaluationInput,
) -> tuple[EvaluationInput, list[Any]]:
    """Values of an uploaded actuals sheet (xlsx / csv) over ``base``; with every problem."""
    from jixiao.io.actuals import read_actuals_bytes
    from jixiao.scoring.matching import match_actuals

    sheet = read_actuals_bytes(data, name)
    matched = match_actuals([mapping.to_core(version, rows)], sheet)
    inputs = matched.inputs[0]
    entries = dict(base.entries)
    for index, given in inputs.indicators.items():
        row = rows[index]
        old = entries.get(row.pk) or EntryInput()
        entries[row.pk] = EntryInput(
            actual=given.actual.raw if given.actual is not None else old.actual,
            level=given.level or old.level,
            reason=given.reason or old.reason,
            forecast=given.forecast.raw if given.forecast is not None else old.forecast,
            likelihood=given.likelihood or old.likelihood,
        )
    budget, executed, reason = base.budget, base.executed, base.budget_reason
    if inputs.budget is not None:
        if inputs.budget.budget is not None:
            budget = inputs.budget.budget.in_wan()
        if inputs.budget.executed is not None:
            executed = inputs.budget.executed.in_wan()
        reason = inputs.budget.reason or reason
    return EvaluationInput(entries, budget, executed, reason), list(matched.problems)
