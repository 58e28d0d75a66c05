"""Text normalisation shared by the grammar, the builder and the rules.

Raw text is always kept; comparisons and keys use :func:`canonical`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from jixiao.core.chinese import simplified_text

# Look-alikes that NFKC leaves alone but real tables use for comparators.
_COMPARATOR_LOOKALIKES = str.maketrans(
    {
        "≧": "≥",
        "≦": "≤",
        "═": "=",
        "⩾": "≥",
        "⩽": "≤",
        "〉": ">",
        "〈": "<",
        "﹥": ">",
        "﹤": "<",
        "—": "-",
        "－": "-",
        "～": "~",
        "〜": "~",
        "\u00a0": " ",
        "\u3000": " ",
    }
)

_CJK = r"\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")
# A broken Traditional converter inserts pinyin: 產(chǎn)出指標(biāo).
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


# The builder asks for the same few hundred labels and values again in every table: the
# normalisations are pure, so they are cached (bounded, like the grammar's caches).
@lru_cache(maxsize=65536)
def nfkc(text: str) -> str:
    """NFKC plus the comparator look-alikes NFKC does not fold (``≧`` → ``≥``)."""
    return unicodedata.normalize("NFKC", text).translate(_COMPARATOR_LOOKALIKES)


@lru_cache(maxsize=65536)
def canonical(text: str | None) -> str:
    """Key for comparing and de-duplicating: NFKC, no whitespace next to CJK, single spaces."""
    if not text:
        return ""
    folded = _PINYIN.sub("", nfkc(text))
    folded = _SPACE_NEAR_CJK.sub("", folded)
    return _SPACES.sub(" ", folded).strip()


@lru_cache(maxsize=65536)
def compact(text: str | None) -> str:
    """Like :func:`canonical` but with every whitespace removed (labels such as ``产 出 指 标``)."""
    return _SPACES.sub("", canonical(text))


def is_blank(text: str | None) -> bool:
    return not text or not text.strip()


def simplify(text: str) -> str:
    """Simplified Chinese (OpenCC ``t2s``) with broken-converter pinyin glosses dropped."""
    return simplified_text(text)


_SCORE_SUFFIX = re.compile(r"[(（\[【]?[0-9０-９.\-~～]+分[)）\]】]?$")
_SCORE_SUFFIX_AFTER = re.compile(r"[(（][0-9.\-~]+[)）]分$")


@lru_cache(maxsize=65536)
def label_key(text: str | None) -> str:
    """Key for matching labels and categories: compact, simplified, score suffix and pinyin gone.

    ``产 出 指 標(50分)`` → ``产出指标``.
    """
    key = simplify(compact(text))
    key = _SCORE_SUFFIX.sub("", key)
    key = _SCORE_SUFFIX_AFTER.sub("", key)
    if key.endswith("指标等"):  # 服务对象满意度指标等
        key = key[:-1]
    return key.rstrip(":：")
