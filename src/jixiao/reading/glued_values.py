"""One indicator row whose value cells ran together after the name, in any column order.

``新闻稿件发布量≥3000篇3260篇1010`` under 年度指标值 | 实际完成值 | 分值 | 得分 (the central
self-evaluation layout) reads 新闻稿件发布量 | ≥3000篇 | 3260篇 | 10 | 10. Every reading is tried:
a target or actual is the longest target-like prefix (or a common qualitative value), a weight
a whole number of 1-30, a score a number not above the weight. The row is split only when one
reading is best (target = actual first, then nothing left over); otherwise it is left alone.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.reading.cells import norm, target_prefix_len
from jixiao.reading.glued import _WORDS
from jixiao.reading.vocab import Col

_TARGETS = (Col.ANNUAL, Col.ACTUAL, Col.PERIOD, Col.FORECAST, Col.CURRENT)
_NUMBERS = (Col.WEIGHT, Col.SCORE)
_NUMBER = re.compile(r"(?:[1-9]\d?|0)(?:\.\d{1,2})?")


def decodable(roles: list[Col]) -> bool:
    """Columns after the name that can be told apart: targets and two numbers."""
    return (
        len(roles) >= 3
        and all(r in _TARGETS or r in _NUMBERS for r in roles)
        and Col.WEIGHT in roles
        and Col.SCORE in roles
    )


def decode_row(text: str, roles: list[Col]) -> list[str] | None:
    """[name, one cell per role, rest] for the single best reading, else None."""
    s = norm(text)
    found: list[tuple[int, tuple[str, ...]]] = []
    for n_end in range(2, len(s)):
        if s[n_end - 1].isdigit() or s[n_end - 1] in "≥≤><=~±":
            continue  # a name does not end inside a number or before its comparator
        for cells, end in _read(s, n_end, roles, None):
            rest = s[end:]
            if rest and (rest[0].isdigit() or rest[0] in ".%"):
                continue
            targets = [c for c, r in zip(cells, roles, strict=True) if r in _TARGETS]
            rank = (2 if len(set(targets)) == 1 else 0) + (1 if not rest else 0)
            found.append((rank, (s[:n_end], *cells, rest)))
    if not found:
        return None
    best = max(r for r, _ in found)
    top = {v for r, v in found if r == best}
    return list(top.pop()) if len(top) == 1 else None


def _read(s: str, i: int, roles: list[Col], weight: Decimal | None) -> list[tuple[list[str], int]]:
    if not roles:
        return [([], i)]
    role, rest = roles[0], roles[1:]
    out: list[tuple[list[str], int]] = []
    for end in _ends(s, i, role, weight):
        cell = s[i:end]
        w = Decimal(cell) if role is Col.WEIGHT else weight
        for cells, stop in _read(s, end, rest, w):
            out.append(([cell, *cells], stop))
    return out


def _ends(s: str, i: int, role: Col, weight: Decimal | None) -> list[int]:
    if i >= len(s):
        return []
    if role in _TARGETS:
        ends = []
        length = target_prefix_len(s[i:])
        if length and (s[i] != "0" or s[i : i + 2] == "0." or length == 1):
            ends.append(i + length)
        word = next((w for w in _WORDS if s.startswith(w, i)), None)
        if word is not None:
            ends.append(i + len(word))
        return ends + _text_ends(s, i)
    ends = []
    for m_end in range(i + 1, min(len(s), i + 5) + 1):
        cell = s[i:m_end]
        if not _NUMBER.fullmatch(cell):
            continue
        value = Decimal(cell)
        if role is Col.WEIGHT and not (1 <= value <= 30 and value == value.to_integral()):
            continue
        if role is Col.SCORE and weight is not None and value > weight:
            continue
        ends.append(m_end)
    return ends


def _text_ends(s: str, i: int) -> list[int]:
    """A qualitative cell: a word printed twice (target = actual: ``明显提升明显提升``), or the
    words up to the figures that follow (the actual)."""
    ends = []
    for length in range(2, 13):
        word = s[i : i + length]
        if _TEXT.fullmatch(word) and s.startswith(word, i + length):
            ends.append(i + length)
    m = _TEXT.match(s, i)
    if m and 2 <= m.end() - i <= 12 and m.end() < len(s) and s[m.end()].isdigit():
        ends.append(m.end())
    return ends


_TEXT = re.compile(r"[\u4e00-\u9fff]+")
