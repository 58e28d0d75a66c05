"""The typed 指标值 of a form: parsed with the core target grammar, and previewed live."""

from __future__ import annotations

from typing import Any

from jixiao.core.target import NO_TARGET, Target, TargetKind


def parse_target_text(raw: str) -> Target:
    """Parse a typed 指标值 with the core grammar (kept as text if the grammar is unavailable)."""
    text = (raw or "").strip()
    try:
        from jixiao.core.values import parse_target

        return parse_target(text)
    except NotImplementedError:
        if not text:
            return NO_TARGET
        return Target(raw=text, kind=TargetKind.QUALITATIVE, text=text)


def target_preview(raw: str) -> dict[str, Any]:
    """JSON for the edit form's live "parsed as" hint."""
    target = parse_target_text(raw)
    data: dict[str, Any] = target.as_dict()
    data["symbol"] = target.op.symbol if target.op else ""
    try:
        from jixiao.core.values import format_target

        data["canonical"] = format_target(target)
    except NotImplementedError:
        data["canonical"] = target.raw
    return data
