"""Checks on one read indicator that give located problems without changing what was read:
unfilled targets, Excel date serials, rubric rows; and deviation ticks of monitoring tables."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from jixiao.core.model import Indicator
from jixiao.core.target import TargetKind
from jixiao.core.text import compact
from jixiao.reading import problems as P
from jixiao.reading.cells import norm
from jixiao.reading.records import where

if TYPE_CHECKING:
    from jixiao.reading.indicators import BlockReader

# A target cell left as the template printed it: ``≥**个``, ``……``, ``XX%``, or only a unit.
_RESIDUE = re.compile(r"^[≥≤><=]*\s*(\*+|x+|X+|…+|\.{3,}|×+)\s*\S{0,4}$")
_UNIT_ONLY = re.compile(r"^[≥≤><=]*\s*(%|‰|[\u4e00-\u9fff]{1,3}(/[\u4e00-\u9fff]{1,2})?)$")
_TIME_NAME = re.compile(r"(时间|时限|日期|期限|时效|完成期|截止)")
_EXCEL_EPOCH = date(1899, 12, 30)
# 一级 labels of rubric score sheets (部门评价 / 财政评价 指标体系), not of goal tables.
_RUBRIC_LEVEL1 = re.compile(r"^(项目)?(决策|过程|管理)$|^项目(产出|效益|绩效)$")
_TICK = {"√", "✓", "✔", "●", "是", "Y", "y"}


def unfilled_target(ind: Indicator) -> str | None:
    """The raw target when it holds no value: template residue or a unit alone."""
    raw = ind.annual_target.raw.strip()
    if not raw or ind.annual_target.kind is not TargetKind.NONE:
        return None
    text = norm(raw)
    if _RESIDUE.match(text):
        return raw
    if _UNIT_ONLY.match(text) and text not in ("无", "/", "—", "-", "--", "---"):
        return raw
    return None


def date_serial(ind: Indicator) -> str | None:
    """The calendar date when a 时效 target is a bare 5-digit number (Excel date serial)."""
    target = ind.annual_target
    if target.kind is not TargetKind.QUANTITATIVE or target.unit or target.op is not None:
        return None
    if not re.fullmatch(r"\d{5}", norm(target.raw)):
        return None
    timely = _TIME_NAME.search(ind.name) or (ind.level2 and "时效" in ind.level2)
    serial = int(norm(target.raw))
    if not timely or not 20000 <= serial <= 80000:
        return None
    return (_EXCEL_EPOCH + timedelta(days=serial)).isoformat()


def is_rubric_level(level1: str | None) -> bool:
    return bool(level1) and bool(_RUBRIC_LEVEL1.match(compact(level1 or "")))


def ticked_reasons(extra: tuple[tuple[str, str], ...]) -> str | None:
    """偏差原因分析 printed as one column per category with a tick: the ticked categories."""
    picked = []
    for label, text in extra:
        key = compact(label)
        if key.startswith("偏差原因") and len(key) > 4 and norm(text) in _TICK:
            picked.append(key.removeprefix("偏差原因分析").removeprefix("偏差原因"))
    return "、".join(picked) or None


def checked(self: BlockReader, ind: Indicator) -> Indicator:
    """Problems on what was read (kept as printed), and ticked deviation categories."""
    at = ind.source or self.cols.source
    residue = unfilled_target(ind)
    if residue is not None:
        self._problem(
            P.UNFILLED_TARGET,
            f"{where(at)}: target of {ind.name!r} is not filled in ({residue!r}: template "
            "residue or a unit only); kept with no value",
            at,
            residue,
        )
    serial = date_serial(ind)
    if serial is not None:
        self._problem(
            P.DATE_SERIAL,
            f"{where(at)}: target {ind.annual_target.raw!r} of {ind.name!r} may be an Excel "
            f"date serial ({serial}); kept as printed",
            at,
            ind.annual_target.raw,
        )
    if is_rubric_level(ind.level1) and not self._rubric_told:
        self._rubric_told = True
        self._problem(
            P.RUBRIC_SHEET,
            f"{where(at)}: rubric-style score sheet (一级 {ind.level1}): its score rows are "
            "read as indicators under their own 一级, with weights and scores, no targets",
            at,
            ind.level1 or "",
        )
    reasons = ticked_reasons(ind.extra) if ind.deviation is None else None
    return replace(ind, deviation=reasons) if reasons else ind
