"""Rows glued together with no separator at all (copies of PDF tables as one long line).

``产出指标(40分)数量指标指标1免费发放原原种8550万粒550万粒8指标2企业自行采购…`` holds several
rows and, inside each row, the 分值 | 年度指标值 | 全年实际值 | 得分 cells run together. Two steps,
both only when the evidence is unambiguous:

* :func:`cut_records` cuts the text before each 二级/一级 label ending in 指标 and before each
  template number ``指标1`` … ``指标9``;
* :func:`decode_values` reads ``8550万粒550万粒8`` as 8 | 550万粒 | 550万粒 | 8 when exactly one
  reading (weight 1–30, score ≤ weight, two targets) fits, preferring target = actual.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.reading.cells import QUALITATIVE_VALUES, norm, target_prefix_len
from jixiao.reading.segment import peel_levels
from jixiao.reading.vocab import LEVEL_KEYS

_CUT_LABELS = sorted((k for k in LEVEL_KEYS if k.endswith("指标") and len(k) >= 4), key=len)[::-1]
_MARKER = re.compile(r"指标[1-9](?![\d.%‰])")
_SCORE = re.compile(r"[(（][0-9.\-~]+分?[)）]分?")
_EXTRA_QUALITATIVE = ("基本达到", "达到", "完成", "未完成", "部分达到")
_WORDS = tuple(sorted({*QUALITATIVE_VALUES, *_EXTRA_QUALITATIVE}, key=len, reverse=True))


def is_glued(text: str) -> bool:
    """Long text without spaces that, after its leading labels, still holds category labels or
    template numbers: several rows run together."""
    if " " in text.strip() or len(norm(text)) < 30:
        return False
    _labels, rest = peel(norm(text))
    hits = len(cut_records(rest)) - 1
    return hits >= 2


def cut_records(text: str) -> list[str]:
    """Cut glued text before labels and template numbers (``…8指标2企业…`` → two parts)."""
    t = norm(text)
    cuts: set[int] = set()
    i = 0
    while i < len(t):
        label = next((lab for lab in _CUT_LABELS if t.startswith(lab, i)), None)
        if label is not None:
            end = i + len(label)
            if end < len(t) and t[end] in "123456789" and label[:-2] in LEVEL_KEYS:
                cuts.add(i)
                cuts.add(end - 2)  # 生态效益指标1… = 生态效益 | 指标1…
                i = end
                continue
            cuts.add(i)
            score = _SCORE.match(t, end)
            i = score.end() if score else end
            continue
        m = _MARKER.match(t, i)
        if m and i > 0:
            cuts.add(i)
            i = m.end()
            continue
        i += 1
    bounds = sorted(c for c in cuts if c > 0)
    parts: list[str] = []
    start = 0
    for b in bounds:
        parts.append(t[start:b])
        start = b
    parts.append(t[start:])
    return [p for p in parts if p]


def _targets_at(s: str, i: int) -> list[int]:
    """Possible end positions of a target starting at ``s[i]``."""
    out: list[int] = []
    rest = s[i:]
    length = target_prefix_len(rest)
    if length and s[i] != "0":
        # every prefix that is a target on its own: ``1001009.34`` may be 100 | 100 | 9.34
        out += [i + n for n in range(1, length + 1) if target_prefix_len(rest[:n]) == n]
    for word in _WORDS:
        if s.startswith(word, i):
            out.append(i + len(word))
            break
    return out


def decode_values(text: str) -> tuple[str, str, str, str, str, str] | None:
    """``免费发放原原种8550万粒550万粒8`` → (name, weight, target, actual, score, rest)."""
    s = norm(text)
    found: list[tuple[int, tuple[str, str, str, str, str, str]]] = []
    for n_end in range(2, len(s)):
        if s[n_end - 1].isdigit() or s[n_end - 1] in "%‰" or not s[n_end].isdigit():
            continue  # a name ends before the values, never inside or after a percentage
        for w_len in (1, 2):
            w = s[n_end : n_end + w_len]
            if not w.isdigit() or w.startswith("0") or not 1 <= int(w) <= 30:
                continue
            t_start = n_end + w_len
            for t_end in _targets_at(s, t_start):
                for a_end in _targets_at(s, t_end):
                    for score in _scores_at(s, a_end, int(w)):
                        got = _cut(s, n_end, w, t_start, t_end, a_end, score)
                        if got is not None:
                            found.append(got)
    if not found:
        return None
    best = max(r for r, _ in found)
    top = {v for r, v in found if r == best}
    return top.pop() if len(top) == 1 else None


_PLAIN_NUMBER = re.compile(r"(\d+(?:\.(\d+))?)(%|[\u3400-\u9fff]{0,3})$")


def _same_unit(target: str, actual: str) -> bool:
    t, a = _PLAIN_NUMBER.match(target), _PLAIN_NUMBER.match(actual)
    return t is None or a is None or t.group(3) == a.group(3)


def _scores_at(s: str, i: int, weight: int) -> list[str]:
    """Score cells that may start at ``s[i]``: 0–99 with up to 2 decimals, within the weight."""
    out = []
    for n in range(1, 6):
        cell = s[i : i + n]
        if len(cell) == n and _SCORE_CELL.fullmatch(cell) and Decimal(cell) <= weight:
            out.append(cell)
    return out


_Cut = tuple[int, tuple[str, str, str, str, str, str]]


def _cut(
    s: str, n_end: int, w: str, t_start: int, t_end: int, a_end: int, score: str
) -> _Cut | None:
    """One reading name | 分值 | 指标值 | 实际值 | 得分 | rest with its rank, or None."""
    rest = s[a_end + len(score) :]
    year = _YEAR_START.match(rest)
    if rest and not year and target_prefix_len(score + rest) > len(score):
        return None  # ``0人…``: a unit after the score makes it a quantity
    if rest[:1] in (".", "%", "年", "月", "日") or (rest[:1].isdigit() and not year):
        return None  # a digit more belongs to the score (a year opens a reason)
    target, actual = s[t_start:t_end], s[t_end:a_end]
    if s[n_end - 1] == "." or actual.startswith("."):
        return None  # a number is never cut at its decimal point
    if not _same_unit(target, actual):
        return None  # 指标值 and 实际值 of one row share their unit
    rank = _rank(target, actual, rest) + _score_fits(w, target, actual, score)
    return rank, (s[:n_end], w, target, actual, score, rest)


def _score_fits(weight: str, target: str, actual: str, score: str) -> int:
    """The usual scoring rule holds: full marks when met, else 分值 × 实际值 / 指标值."""
    t, a = _PLAIN_NUMBER.match(target), _PLAIN_NUMBER.match(actual)
    w, got = Decimal(weight), Decimal(score)
    if target == actual:
        return 1 if got == w else 0
    if t is None or a is None or Decimal(t.group(1)) == 0:
        return 0
    ratio = min(Decimal(a.group(1)) / Decimal(t.group(1)), Decimal(1))
    return 3 if abs(w * ratio - got) <= Decimal("0.01") else 0


def _rank(target: str, actual: str, rest: str) -> int:
    """How likely a cut is: target = actual (most rows are met), nothing left over, an actual
    near its target (within half to one and a half of it), amounts to at most 2 decimals."""
    rank = (4 if target == actual else 0) + (0 if rest else 2)
    t, a = _PLAIN_NUMBER.match(target), _PLAIN_NUMBER.match(actual)
    if t and a and target != actual:
        tv, av = Decimal(t.group(1)), Decimal(a.group(1))
        if tv > 0 and tv / 2 <= av <= tv * Decimal("1.5"):
            rank += 1
        if len(t.group(2) or "") > 2 or len(a.group(2) or "") > 2:
            rank -= 1
    return rank


def peel(text: str) -> tuple[list[str], str]:
    """Level labels at the front of a cut part (score suffixes dropped), and the rest."""
    labels, rest = peel_levels(text)
    score = _SCORE.match(rest)
    if score:
        rest = rest[score.end() :]
    return labels, rest


_SCORE_CELL = re.compile(r"(?:0|[1-9]\d?)(?:\.\d{1,2})?")
_YEAR_START = re.compile(r"(?:19|20)\d{2}年")
_DATE_END = ("年", "月", "日", "前", "第", "至", "-", "~", ".")


def split_before_values(text: str) -> tuple[str, str] | None:
    """Name and the undecoded value run: cut before the first number that does not continue a
    date or a name (``2021年11月30日前完成资金支付811月底…`` → name up to 支付)."""
    s = norm(text)
    for p in range(4, len(s)):
        if s[p].isdigit() and not s[p - 1].isdigit() and not s[p - 1].endswith(_DATE_END):
            return s[:p], s[p:]
    return None
