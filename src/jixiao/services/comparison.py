# mypy: disable-error-code="no-any-return"
"""Comparing two versions of a goal table: field by field and row by row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jixiao.services.goal_tables import HEADER_FIELDS
from jixiao.storage.models import IndicatorRow, TableVersion

COMPARED_HEADER = (*HEADER_FIELDS, "budget_unit")
COMPARED_ROW = ("level1", "level2", "name", "period_raw", "annual_raw", "weight")


@dataclass(frozen=True)
class FieldDiff:
    name: str
    left: Any
    right: Any

    @property
    def changed(self) -> bool:
        return self.left != self.right


@dataclass(frozen=True)
class RowDiff:
    """A pair of rows matched by (一级, 二级, 三级) label, or an added / removed row."""

    left: IndicatorRow | None
    right: IndicatorRow | None
    fields: tuple[FieldDiff, ...]

    @property
    def status(self) -> str:
        if self.left is None:
            return "added"
        if self.right is None:
            return "removed"
        return "changed" if any(f.changed for f in self.fields) else "same"


def compare(left: TableVersion, right: TableVersion) -> tuple[list[FieldDiff], list[RowDiff]]:
    """Field-by-field header diff and row-by-row indicator diff of two versions."""
    header = [FieldDiff(n, getattr(left, n), getattr(right, n)) for n in COMPARED_HEADER]
    lrows = list(left.rows.all())
    rrows = list(right.rows.all())

    def key(row: IndicatorRow) -> tuple[str, str, str]:
        return (row.level1, row.level2, row.name)

    unmatched = {id(r): r for r in rrows}
    by_key: dict[tuple[str, str, str], list[IndicatorRow]] = {}
    for r in rrows:
        by_key.setdefault(key(r), []).append(r)
    diffs: list[RowDiff] = []
    for lrow in lrows:
        candidates = by_key.get(key(lrow)) or []
        rrow = candidates.pop(0) if candidates else None
        if rrow is not None:
            unmatched.pop(id(rrow))
        diffs.append(_row_diff(lrow, rrow))
    diffs.extend(_row_diff(None, r) for r in rrows if id(r) in unmatched)
    return header, diffs


def _row_diff(left: IndicatorRow | None, right: IndicatorRow | None) -> RowDiff:
    fields = tuple(
        FieldDiff(n, getattr(left, n) if left else None, getattr(right, n) if right else None)
        for n in COMPARED_ROW
    )
    return RowDiff(left, right, fields)
