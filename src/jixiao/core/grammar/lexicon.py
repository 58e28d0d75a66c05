"""Words and patterns of the target-value grammar (指标值): comparators, suffixes, markers."""

from __future__ import annotations

import re

from jixiao.core.target import Op

# Comparator words and symbols at the start of a value, longest first when matched.
PREFIX_OPS: dict[str, Op] = {
    ">=": Op.GE,
    "=>": Op.GE,
    "≥": Op.GE,
    "≮": Op.GE,
    "<=": Op.LE,
    "=<": Op.LE,
    "≤": Op.LE,
    "≯": Op.LE,
    "==": Op.EQ,
    ">": Op.GT,
    "<": Op.LT,
    "=": Op.EQ,
    "不低于": Op.GE,
    "不少于": Op.GE,
    "不小于": Op.GE,
    "不得低于": Op.GE,
    "不得少于": Op.GE,
    "大于等于": Op.GE,
    "大于或等于": Op.GE,
    "高于或等于": Op.GE,
    "至少": Op.GE,
    "达到": Op.GE,
    "不高于": Op.LE,
    "不超过": Op.LE,
    "不大于": Op.LE,
    "不多于": Op.LE,
    "不得高于": Op.LE,
    "不得超过": Op.LE,
    "小于等于": Op.LE,
    "小于或等于": Op.LE,
    "低于或等于": Op.LE,
    "最多": Op.LE,
    "控制在": Op.LE,
    "大于": Op.GT,
    "高于": Op.GT,
    "超过": Op.GT,
    "多于": Op.GT,
    "小于": Op.LT,
    "低于": Op.LT,
    "少于": Op.LT,
    "等于": Op.EQ,
}
PREFIX_WORDS: tuple[str, ...] = tuple(sorted(PREFIX_OPS, key=len, reverse=True))
PREFIX = re.compile("|".join(re.escape(word) for word in PREFIX_WORDS))

# Comparator words after the value: ``90%以上``, ``5天以内``, ``3个工作日内``.
SUFFIX_OPS: dict[str, Op] = {
    "及以上": Op.GE,
    "或以上": Op.GE,
    "以上": Op.GE,
    "及以下": Op.LE,
    "或以下": Op.LE,
    "以下": Op.LE,
    "以内": Op.LE,
    "之内": Op.LE,
    "内": Op.LE,
}
SUFFIX_WORDS: tuple[str, ...] = tuple(SUFFIX_OPS)
# The shortest body before a suffix word, so the longest suffix wins (``95%及以上``) whatever
# the order of the words.
SUFFIX = re.compile(
    "(?P<body>.+?)(?P<word>" + "|".join(re.escape(word) for word in SUFFIX_WORDS) + ")", re.S
)

# Approximate values (``约100人``, ``95%左右``): kept as text by parse_target (Target has no
# field for "about"); approximate_target reads the number (docs/grammar.md).
APPROX_PREFIX = re.compile(r"^(?:大约|约为|约)")
APPROX_SUFFIX = re.compile(r"左右$")

# Units that are also ordinary words: alone in a cell they are an answer, not an unfilled unit.
WORD_UNITS = frozenset({"等"})

# A unit with a parenthesised alternative: ``个（次）`` (NFKC has made the brackets ASCII).
ALTERNATIVE_UNIT = re.compile(r"(?P<unit>[^()]+)\((?P<alt>[^()]+)\)")

# A separate 指标性质 / 计算符号 cell: the symbols and words above, plus direction words.
OP_CELL_WORDS: dict[str, Op] = {
    **PREFIX_OPS,
    "正向": Op.GE,  # 正向 = ≥ or >; the vendor code list puts ≥ first
    "反向": Op.LE,
    "等于": Op.EQ,
}

# Cells that mean "no value": dash or slash runs, template stars, null words.
NONE_MARK = re.compile(r"[-‐‑‒–—―−/\\_.*…·~]+")
NONE_WORDS = frozenset({"null", "none", "nil", "n/a", "na", "nan"})
# Template residue where the number should be: ``≥**个``, ``XX人``.
PLACEHOLDER = re.compile(r"[*xX×?_…·.]+")

# Dash look-alikes that NFKC keeps apart from ASCII ``-``.
DASHES = str.maketrans({c: "-" for c in "‐‑‒–―−"})

# Plain, thousands-separated or (as spreadsheet exports write) exponent numbers; the exponent
# is capped so that ``1e999999999`` cannot become a billion-digit string when printed.
NUMBER = r"(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,2})?"
SINGLE = re.compile(rf"(?P<a>[+-]?(?:{NUMBER}))(?P<ua>.*)", re.S)
RANGE = re.compile(
    rf"(?P<a>[+-]?(?:{NUMBER}))(?P<ua>[^0-9+~\-]*?)(?:--|-|~|至|到)(?P<b>[+-]?(?:{NUMBER}))(?P<ub>.*)",
    re.S,
)
PLUS_MINUS = re.compile(rf"(?:±|\+-|\+/-)(?P<a>{NUMBER})(?P<ua>.*)", re.S)

# ``(含)`` in ``90%(含)以上`` changes nothing: ≥ already includes the bound.
INCLUSIVE = re.compile(r"\((?:含|含本数)\)")
TRAILING_PUNCT = re.compile(r"[。;,、!]+$")
# Spaces are dropped except between two digits (``90 95`` must not become ``9095``).
LOOSE_SPACE = re.compile(r"(?<![0-9])\s+|\s+(?![0-9])")

# Dates are answers, not quantities: ``2025年12月``, ``2023年 年底前``, ``2023-12-31``.
DATE = re.compile(
    r"0*(?:19|20)[0-9]{2}(?:年"  # a zero-padded year (``02000年``) is still a year
    r"|[-/][0-9]{1,2}(?:[-/][0-9]{1,2})?(?![0-9.])"
    r"|\.[0-9]{1,2}(?:\.[0-9]{1,2})?(?:$|[日号前底末止]))"
)
DATE_PARTS = re.compile(
    r"0*(?P<y>(?:19|20)[0-9]{2})(?:年|[-/.])(?:(?P<m>[0-9]{1,2})(?:月|[-/.])?"
    r"(?:(?P<d>[0-9]{1,2})[日号]?)?)?"
)

# Characters that make a trailing word prose rather than a unit (``年内完成``, ``以上的``).
STOP_CHARS = frozenset(
    "以内前后底末完成达到于上下左右约及或和与的不无未超过少多增减降升比较同等高低大小至并且均"
    "是否有没已将需应要确保持提好良优差率"
)
# Short words that fill a 度量单位 cell without being a unit.
NOT_UNITS = frozenset({"其他", "其它", "合计", "小计", "说明", "备注", "附件", "详见", "不适用"})
CJK_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{1,4}")
CJK_DENOMINATOR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff][\u3400-\u4dbf\u4e00-\u9fff.·]{0,5}")
