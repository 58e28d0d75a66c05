"""Cells as the builder sees them, and content tests on cell text (value-like, placeholder …)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from jixiao.core.source import SourceLocation
from jixiao.core.target import Target, TargetKind
from jixiao.core.text import compact, nfkc
from jixiao.core.values import parse_target
from jixiao.io.table import Layout


@dataclass(frozen=True, slots=True)
class Piece:
    """One cell's text with its source (a cell, or a segment of a text line)."""

    text: str
    source: SourceLocation
    clean: str = field(init=False, compare=False)  # text without stray pipes and outer spaces
    blank: bool = field(init=False, compare=False)

    def __post_init__(self) -> None:
        clean = clean_text(self.text)
        object.__setattr__(self, "clean", clean)
        object.__setattr__(self, "blank", not clean)


# One Piece per cell: like ``plain_cell`` in io/table.py, :func:`piece` writes the slots
# directly instead of going through the frozen ``__init__`` and ``__post_init__``.
_PIECE_SLOTS: dict[str, Any] = {
    name: Piece.__dict__[name].__set__ for name in ("text", "source", "clean", "blank")
}


def piece(
    text: str,
    source: SourceLocation,
    *,
    _new: Any = object.__new__,
    _cls: type[Piece] = Piece,
    _text: Any = _PIECE_SLOTS["text"],
    _source: Any = _PIECE_SLOTS["source"],
    _clean: Any = _PIECE_SLOTS["clean"],
    _blank: Any = _PIECE_SLOTS["blank"],
) -> Piece:
    """Same as ``Piece(text, source)``, faster."""
    made: Piece = _new(_cls)
    clean = clean_text(text)
    _text(made, text)
    _source(made, source)
    _clean(made, clean)
    _blank(made, not clean)
    return made


@dataclass(slots=True)
class Line:
    """One row as read: GRID rows keep every position, STREAM rows hold one cell."""

    pieces: list[Piece]
    layout: Layout
    source: SourceLocation
    block: int = 0
    under: list[str] = field(
        default_factory=list
    )  # GRID: text of the merge origin of covered cells

    _filled: list[Piece] | None = None
    _text: str | None = None

    @property
    def filled(self) -> list[Piece]:
        """The printed cells (cached; :meth:`replace_pieces` resets it)."""
        if self._filled is None:
            self._filled = [p for p in self.pieces if not p.blank]
        return self._filled

    def replace_pieces(self, pieces: list[Piece]) -> None:
        self.pieces = pieces
        self._filled = None
        self._text = None

    @property
    def text(self) -> str:
        """The printed cells joined by a space (cached; :meth:`replace_pieces` resets it)."""
        if self._text is None:
            self._text = " ".join(p.clean for p in self.filled)
        return self._text

    @property
    def key(self) -> str:
        return compact(self.text)


_PIPES = re.compile(r"^[\s|｜]+|[\s|｜]+$")


@lru_cache(maxsize=65536)
def clean_text(text: str) -> str:
    """Cell text without stray pipe separators and outer whitespace (raw text is kept apart)."""
    return _PIPES.sub("", text or "").strip()


@lru_cache(maxsize=65536)
def is_blank_cell(text: str | None) -> bool:
    return not clean_text(text or "")


NONE_MARKERS = frozenset({"-", "--", "---", "----", "/", "—", "——", "─", "无", "\\", "－", "_"})

_OP = (
    r"(?:>=|<=|≥|≤|>|<|=|±|大于等于|小于等于|大于|小于|不低于|不高于|不少于|不多于|不超过|"
    r"不大于|不小于|高于|低于|超过|达到|约|控制在|少于|多于)"
)
_NUM = r"(?:\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)"
_UNITS = sorted(
    (
        "%",
        "‰",
        "百分比",
        "个百分点",
        "百分点",
        "个工作日",
        "工作日",
        "万人次",
        "人次",
        "万人",
        "人",
        "万元",
        "亿元",
        "元",
        "万粒",
        "粒",
        "宗",
        "次",
        "个",
        "户",
        "天",
        "日",
        "月",
        "年",
        "项",
        "场",
        "份",
        "所",
        "家",
        "平方米",
        "㎡",
        "m2",
        "m²",
        "平方公里",
        "公里",
        "km",
        "千米",
        "米",
        "吨",
        "万吨",
        "亩",
        "万亩",
        "台",
        "套",
        "件",
        "辆",
        "座",
        "条",
        "处",
        "间",
        "张",
        "册",
        "本",
        "篇",
        "批",
        "期",
        "课时",
        "学时",
        "小时",
        "分钟",
        "岁",
        "村",
        "镇",
        "株",
        "头",
        "只",
        "羽",
        "公斤",
        "kg",
        "斤",
        "床",
        "盏",
        "棵",
        "名",
        "位",
        "班",
        "门",
        "部",
        "种",
        "万",
        "亿",
        "分",
        "倍",
        "级",
        "类",
        "所学校",
        "万册",
        "立方米",
        "m³",
        "周",
        "季度",
        "单",
        "例",
        "床位",
        "人/年",
    ),
    key=len,
    reverse=True,
)
_UNIT = "(?:" + "|".join(re.escape(u) for u in _UNITS) + ")"
# ``/人``, ``/平方米``, ``/人.每天``: per-unit denominators (元/平方米 is one unit)
_PER = r"(?:/(?:平方米|立方米|平方公里|[\u4e00-\u9fff]{1,2})(?:[.·][\u4e00-\u9fff]{1,2})?)"
_SUFFIX = r"(?:及以上|以上|及以下|以下|以内|之内|左右|内|及时)"
_QTY = rf"{_OP}?{_NUM}{_UNIT}?{_PER}?(?:[-~至到]{_OP}?{_NUM}{_UNIT}?{_PER}?)?{_SUFFIX}?"
_DATE = (
    r"(?:(?:19|20)\d{2}(?:年|\.|-|/)(?:\d{1,2}(?:月|\.|-|/)?(?:\d{1,2}日?)?)?"
    r"(?:年底前|年底|底前|之前|以前|前|底|末)?|\d{1,2}月(?:\d{1,2}日)?(?:底前|之前|前|底)?)"
)
DATE_RE = re.compile(_DATE)
QTY_RE = re.compile(_QTY)
QUANTITY_START = re.compile(rf"{_OP}?{_NUM}")

QUALITATIVE_VALUES = tuple(
    sorted(
        (
            "稳步提高",
            "有所提高",
            "有所提升",
            "有所减轻",
            "有所改善",
            "有所增加",
            "明显提高",
            "显著提高",
            "逐步提高",
            "不断提升",
            "持续提升",
            "逐步改善",
            "明显改善",
            "有效改善",
            "有改善",
            "良好",
            "优良",
            "优秀",
            "满意",
            "基本满意",
            "较满意",
            "合格",
            "达标",
            "规范",
            "及时",
            "准确",
            "有效",
            "效果明显",
            "效果显著",
            "明显",
            "显著",
            "长期",
            "持续",
            "按时完成",
            "按期完成",
            "达成预期指标",
            "达到预期",
            "符合标准",
            "符合要求",
            "符合相关规定",
            "符合规定",
            "影响程度明显",
            "全覆盖",
            "是",
            "否",
        ),
        key=len,
        reverse=True,
    )
)


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """NFKC + look-alikes + whitespace removed: the form content tests look at."""
    return compact(nfkc(clean_text(text)))


@lru_cache(maxsize=65536)
def is_none_marker(text: str) -> bool:
    t = norm(text)
    return t in NONE_MARKERS or (bool(t) and set(t) <= set("-—─/\\_－"))


@lru_cache(maxsize=65536)
def target_prefix_len(text: str) -> int:
    """Length (in ``norm`` characters) of the longest prefix that reads as a target."""
    best = 0
    for pattern in (DATE_RE, QTY_RE):
        m = pattern.match(text)
        if m:
            best = max(best, m.end())
    return best


@lru_cache(maxsize=65536)
def is_value_like(text: str) -> bool:
    """A cell that reads as a quantitative target, a date, or a "no value" marker.

    Qualitative values (良好) are not value-like here: they cannot be told from names.
    """
    t = norm(text)
    if not t:
        return False
    if is_none_marker(t):
        return True
    return target_prefix_len(t) == len(t)


_PLAIN_NUMBER = re.compile(r"-?\d+(?:,\d{3})*(?:\.\d+)?")
_POINTS = re.compile(r"分$")


def is_number(text: str) -> bool:
    return bool(_PLAIN_NUMBER.fullmatch(norm(text)))


def decimal_of(text: str | None) -> Decimal | None:
    """A plain number (``10``, ``10分``, ``8.5``) as Decimal, else ``None``."""
    if text is None:
        return None
    t = norm(text)
    t = _POINTS.sub("", t)
    if not _PLAIN_NUMBER.fullmatch(t):
        return None
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:
        return None


def percent_of(text: str | None) -> Decimal | None:
    """``86%`` / ``86`` / ``100.00%`` → Decimal percent."""
    if text is None:
        return None
    t = norm(text).rstrip("%")
    return decimal_of(t)


_PLACEHOLDER = re.compile(r"^(指标\d*[:：]?|[.…。·]+|\*+|x+|…+|三级指标|\d+)$")
_TEMPLATE_PREFIX = re.compile(r"^指标(?:[1-9](?=(?:19|20)\d\d年)|\d{1,2})[:：.、]?(?=\S)")
_WORD_CHAR = re.compile(r"[\w\u4e00-\u9fff]")


def is_placeholder(name: str) -> bool:
    """Template residue with no content: ``指标2``, ``……``, ``指标1:``."""
    return bool(_PLACEHOLDER.match(norm(name)))


def strip_template_prefix(name: str) -> str:
    """``指标1工程资金金额`` → ``工程资金金额`` (the name as meant)."""
    stripped = _TEMPLATE_PREFIX.sub("", name.strip())
    return stripped if _WORD_CHAR.search(stripped) else name


_CJK_WRAP = re.compile(
    r"(?<=[\u4e00-\u9fff（）()%％、，。；：])[ \t]*[\r\n]+[ \t]*"
    r"|[ \t]*[\r\n]+[ \t]*(?=[\u4e00-\u9fff（）()%％、，。；：])"
)


_SPACE_RUN = re.compile(r"\s+")


def display(text: str) -> str:
    """Printed text, tidied: pipes and outer whitespace gone, a line wrap inside Chinese text
    joined without a space (``年均参保\n缴费人数``), other runs of spaces collapsed."""
    if not text:
        return ""
    joined = _CJK_WRAP.sub("", clean_text(text))
    return _SPACE_RUN.sub(" ", joined)


def make_target(raw: str | None, *, op: str | None = None, unit: str | None = None) -> Target:
    """The grammar's parse, guarded: the builder never raises on a cell."""
    text = raw or ""
    try:
        return parse_target(text, op=op, unit=unit)
    except Exception:  # the grammar is another module: a bug there must not stop a file
        return fallback_target(text)


def fallback_target(raw: str) -> Target:
    if is_blank_cell(raw) or is_none_marker(raw):
        return Target(raw=raw, kind=TargetKind.NONE)
    return Target(raw=raw, kind=TargetKind.QUALITATIVE, text=clean_text(raw))
