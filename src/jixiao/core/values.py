"""Target-value grammar (指标值): parse and format ``≥64539人``, ``100%``, ``90%以上`` …

Contract (the rest of the project relies on it):

* :func:`parse_target` never raises; anything it cannot read becomes a qualitative target that
  keeps the text, or ``kind=NONE`` for "no value" cells (``---``, ``/``, empty).
* :func:`format_target` gives the canonical text; ``parse_target(format_target(t))`` equals ``t``
  apart from ``raw`` for every target ``t`` this module can produce.
* Numbers are ``Decimal``; full-width digits and symbols are folded with NFKC first.

The grammar itself lives in :mod:`jixiao.core.grammar`; units in :mod:`jixiao.core.units`.
See ``docs/grammar.md`` for the accepted forms.
"""

from __future__ import annotations

from jixiao.core.grammar import date_parts, is_date_text, parse_op
from jixiao.core.grammar import format_target as _format_target
from jixiao.core.grammar import parse_target as _parse_target
from jixiao.core.target import NO_TARGET, Direction, Op, Target, TargetKind

__all__ = [
    "NO_TARGET",
    "Direction",
    "Op",
    "Target",
    "TargetKind",
    "date_parts",
    "format_target",
    "is_date_text",
    "parse_op",
    "parse_target",
]


def parse_target(raw: str | None, *, unit: str | None = None, op: str | None = None) -> Target:
    """Parse a printed target. ``unit``/``op`` come from separate 度量单位 / 指标性质 cells."""
    return _parse_target(raw, unit=unit, op=op)


def format_target(target: Target) -> str:
    """Canonical text: ``≥64539人``, ``80-90%``, ``良好``, ``---`` for none."""
    return _format_target(target)
