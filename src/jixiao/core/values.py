"""Target-value grammar (指标值): parse and format ``≥64539人``, ``100%``, ``90%以上`` …

Contract (the rest of the project relies on it):

* :func:`parse_target` never raises; anything it cannot read becomes a qualitative target that
  keeps the text, or ``kind=NONE`` for "no value" cells (``---``, ``/``, empty).
* :func:`format_target` gives the canonical text; ``parse_target(format_target(t))`` equals ``t``
  apart from ``raw`` for every target ``t`` this module can produce.
* Numbers are ``Decimal``; full-width digits and symbols are folded with NFKC first.
"""

from __future__ import annotations

from jixiao.core.target import NO_TARGET, Direction, Op, Target, TargetKind

__all__ = ["NO_TARGET", "Direction", "Op", "Target", "TargetKind", "format_target", "parse_target"]


def parse_target(raw: str | None, *, unit: str | None = None, op: str | None = None) -> Target:
    """Parse a printed target. ``unit``/``op`` come from separate 度量单位 / 指标性质 cells."""
    raise NotImplementedError


def format_target(target: Target) -> str:
    """Canonical text: ``≥64539人``, ``80%-90%``, ``良好``, ``---`` for none."""
    raise NotImplementedError
