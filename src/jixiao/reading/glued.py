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

from jixiao.reading.cells import QUALITATIVE_VALUES, norm
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


def decode_values(text: str) -> tuple[str, str, str, str, str, str] | None:
    """``免费发放原原种8550万粒550万粒8`` → (name, weight, target, actual, score, rest): the
    分值 | 指标值 | 实际值 | 得分 order of :func:`~jixiao.reading.glued_values.decode_row`."""
    from jixiao.reading.glued_values import decode_row
    from jixiao.reading.vocab import Col

    got = decode_row(text, [Col.WEIGHT, Col.ANNUAL, Col.ACTUAL, Col.SCORE])
    if got is None:
        return None
    name, weight, target, actual, score, rest = got
    return name, weight, target, actual, score, rest


def peel(text: str) -> tuple[list[str], str]:
    """Level labels at the front of a cut part (score suffixes dropped), and the rest."""
    labels, rest = peel_levels(text)
    score = _SCORE.match(rest)
    if score:
        rest = rest[score.end() :]
    return labels, rest


_DATE_END = ("年", "月", "日", "前", "第", "至", "-", "~", ".")


def split_before_values(text: str) -> tuple[str, str] | None:
    """Name and the undecoded value run: cut before the first number that does not continue a
    date or a name (``2021年11月30日前完成资金支付811月底…`` → name up to 支付)."""
    s = norm(text)
    for p in range(4, len(s)):
        if s[p].isdigit() and not s[p - 1].isdigit() and not s[p - 1].endswith(_DATE_END):
            return s[:p], s[p:]
    return None
