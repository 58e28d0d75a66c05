"""Text normalisation shared by the grammar, the builder and the rules.

Raw text is always kept; comparisons and keys use :func:`canonical`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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


# Traditional → Simplified for the vocabulary that matters to the builder (labels and categories).
_TRAD = str.maketrans(
    {
        "產": "产",
        "標": "标",
        "質": "质",
        "數": "数",
        "時": "时",
        "效": "效",
        "益": "益",
        "濟": "济",
        "會": "会",
        "態": "态",
        "續": "续",
        "響": "响",
        "滿": "满",
        "意": "意",
        "務": "务",
        "對": "对",
        "象": "象",
        "項": "项",
        "門": "门",
        "單": "单",
        "預": "预",
        "算": "算",
        "實": "实",
        "週": "周",
        "體": "体",
        "績": "绩",
        "級": "级",
        "類": "类",
        "資": "资",
        "額": "额",
        "現": "现",
        "這": "这",
        "與": "与",
        "經": "经",
        "費": "费",
        "總": "总",
        "億": "亿",
        "萬": "万",
        "圓": "元",
        "值": "值",
        "執": "执",
        "行": "行",
        "應": "应",
        "達": "达",
        "當": "当",
        "計": "计",
        "劃": "划",
        "設": "设",
        "據": "据",
        "評": "评",
        "價": "价",
        "報": "报",
        "構": "构",
        "開": "开",
        "發": "发",
        "護": "护",
        "環": "环",
        "境": "境",
        "處": "处",
        "衛": "卫",
        "醫": "医",
        "療": "疗",
        "險": "险",
        "補": "补",
        "貼": "贴",
        "獎": "奖",
        "勵": "励",
        "線": "线",
        "調": "调",
        "査": "查",
        "覽": "览",
        "學": "学",
        "校": "校",
        "區": "区",
        "縣": "县",
        "鎮": "镇",
        "鄉": "乡",
        "農": "农",
        "業": "业",
        "電": "电",
        "車": "车",
        "兒": "儿",
        "員": "员",
        "誤": "误",
        "準": "准",
        "確": "确",
        "規": "规",
        "範": "范",
        "傳": "传",
        "廣": "广",
        "東": "东",
        "莞": "莞",
        "長": "长",
        "來": "来",
        "權": "权",
        "個": "个",
        "戶": "户",
        "場": "场",
        "份": "份",
        "後": "后",
        "內": "内",
        "爲": "为",
        "為": "为",
        "礎": "础",
        "運": "运",
        "轉": "转",
        "幣": "币",
        "無": "无",
        "際": "际",
        "狀": "状",
        "況": "况",
        "進": "进",
        "度": "度",
        "歸": "归",
        "檔": "档",
        "覆": "覆",
        "蓋": "盖",
        "頭": "头",
        "層": "层",
        "專": "专",
    }
)


def simplify(text: str) -> str:
    """Map the Traditional characters found in table labels to Simplified ones."""
    return text.translate(_TRAD)


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
    return key.rstrip(":：")
