"""Reading a printed 指标值 into a :class:`Target` (never raises)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jixiao.core.grammar import lexicon as lx
from jixiao.core.target import Op, Target, TargetKind
from jixiao.core.text import nfkc
from jixiao.core.units import canonical_unit, is_known_unit


def normalize(text: str) -> str:
    """NFKC (to a fixed point), dash look-alikes folded, whitespace runs made one space."""
    current = text
    for _ in range(4):
        folded = " ".join(nfkc(current).translate(lx.DASHES).split())
        if folded == current:
            break
        current = folded
    return current


def is_date_text(text: str) -> bool:
    """True when ``text`` (after normalisation) starts like a date: ``2025年12月``, ``2023-12``."""
    squeezed = lx.LOOSE_SPACE.sub("", normalize(text))
    return lx.DATE.match(squeezed) is not None


def date_parts(text: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a date answer such as ``2023年12月31日``; ``None`` otherwise."""
    squeezed = lx.LOOSE_SPACE.sub("", normalize(text))
    if not lx.DATE.match(squeezed):
        return None
    match = lx.DATE_PARTS.match(squeezed)
    if match is None:
        return None
    month = int(match["m"]) if match["m"] else None
    day = int(match["d"]) if match["d"] and month else None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= 31:
        return None
    return (int(match["y"]), month, day)


def unit_word(word: str) -> str | None:
    """The canonical unit if ``word`` reads as one (known, compound or short CJK word)."""
    if not word:
        return None
    alternative = lx.ALTERNATIVE_UNIT.fullmatch(word)
    if alternative is not None:
        return _alternative_unit(alternative["unit"], alternative["alt"])
    canon = canonical_unit(word)
    if canon is None:
        return None
    if is_known_unit(canon):
        return canon
    if "/" in canon:
        head, *rest = canon.split("/")
        if _unit_atom(head) and all(_unit_atom(p) or _denominator(p) for p in rest):
            return canon
        return None
    return canon if _unit_atom(canon) else None


def _alternative_unit(unit: str, alt: str) -> str | None:
    """``个(次)`` → ``个（次）``: both parts units, kept as printed with full-width brackets."""
    first, second = unit_word(unit), unit_word(alt)
    if first is None or second is None:
        return None
    return f"{first}（{second}）"


def _unit_atom(word: str) -> bool:
    if is_known_unit(word):
        return True
    if word in lx.NOT_UNITS or lx.CJK_WORD.fullmatch(word) is None:
        return False
    return not set(word) & lx.STOP_CHARS


def _denominator(word: str) -> bool:
    return lx.CJK_DENOMINATOR.fullmatch(word) is not None and not (set(word) & lx.STOP_CHARS)


def parse_op(cell: str | None) -> Op | None:
    """A separate 指标性质 / 计算符号 cell: ``≥``, ``>=``, ``大于等于``, ``正向`` …"""
    if not cell:
        return None
    word = "".join(normalize(cell).split())
    return lx.OP_CELL_WORDS.get(word)


@dataclass(frozen=True, slots=True)
class _Reading:
    kind: TargetKind
    op: Op | None = None
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    unit: str | None = None

    def target(self, raw: str, text: str) -> Target:
        if self.kind is TargetKind.QUALITATIVE:
            return Target(raw=raw, kind=self.kind, text=text)
        return Target(
            raw=raw,
            kind=self.kind,
            op=self.op,
            value=self.value,
            low=self.low,
            high=self.high,
            unit=self.unit,
        )


_NONE = _Reading(TargetKind.NONE)
_QUALITATIVE = _Reading(TargetKind.QUALITATIVE)


def is_none_text(text: str) -> bool:
    squeezed = "".join(text.split())
    return (
        not squeezed
        or bool(lx.NONE_MARK.fullmatch(squeezed))
        or squeezed.lower() in (lx.NONE_WORDS)
    )


def read(text: str) -> _Reading:
    """Read normalised text (see :func:`normalize`)."""
    if is_none_text(text):
        return _NONE
    squeezed = lx.TRAILING_PUNCT.sub("", lx.LOOSE_SPACE.sub("", text))
    if lx.DATE.match(squeezed):
        return _QUALITATIVE
    body = lx.INCLUSIVE.sub("", squeezed)
    if _take_approx(body)[0]:
        return _QUALITATIVE  # ``约100人``: kept as printed; see read_approximate
    return _read_body(body)


def read_approximate(text: str) -> _Reading | None:
    """An approximate value (``约100人``, ``95%左右``) read as its number with no comparator;
    ``None`` when ``text`` is not one. :func:`read` keeps such values as text."""
    squeezed = lx.TRAILING_PUNCT.sub("", lx.LOOSE_SPACE.sub("", text))
    approx, body = _take_approx(lx.INCLUSIVE.sub("", squeezed))
    if not approx or not body or lx.DATE.match(body):
        return None
    reading = _read_body(body)
    if reading.op is not None or reading.kind not in (TargetKind.QUANTITATIVE, TargetKind.RANGE):
        return None  # ``约≥90%``: approximate and a bound at once is not read
    return reading


def _read_body(body: str) -> _Reading:
    prefix_op, body = _take_prefix(body)
    suffix_op, body = _take_suffix(body)
    if prefix_op and suffix_op and prefix_op is not suffix_op:
        return _QUALITATIVE
    op = prefix_op or suffix_op
    if _unfilled(body, op is not None):
        return _NONE
    return _read_number(body, op)


def _take_approx(body: str) -> tuple[bool, str]:
    """``约100人`` / ``95%左右`` → (True, the number): approximate, read with no comparator."""
    stripped = lx.APPROX_SUFFIX.sub("", lx.APPROX_PREFIX.sub("", body, count=1), count=1)
    return stripped != body, stripped


def _take_prefix(body: str) -> tuple[Op | None, str]:
    op, rest = _one_prefix(body)
    if op is None:
        return None, body
    # A doubled comparator (``≥≥90%``, ``≥=90%``) is a typo, not a different meaning.
    again, after = _one_prefix(rest)
    if again is op or (again is Op.EQ and op in (Op.GE, Op.LE)):
        return op, after
    return op, rest


def _one_prefix(body: str) -> tuple[Op | None, str]:
    match = lx.PREFIX.match(body)
    if match is None:
        return None, body
    return lx.PREFIX_OPS[match.group()], body[match.end() :]


def _take_suffix(body: str) -> tuple[Op | None, str]:
    match = lx.SUFFIX.fullmatch(body)
    if match is None:
        return None, body
    return lx.SUFFIX_OPS[match["word"]], match["body"]


def _unfilled(body: str, has_op: bool) -> bool:
    """An op with nothing after it, template stars (``≥**个``) or a lone unit (``%``)."""
    if not body:
        return has_op
    if lx.NONE_MARK.fullmatch(body) and has_op:
        return True
    stars = lx.PLACEHOLDER.match(body)
    if stars and (stars.end() == len(body) or unit_word(body[stars.end() :])):
        return bool(has_op or stars.end() == len(body) or "*" in stars.group())
    if not is_known_unit(body) or body in lx.WORD_UNITS:
        return False
    return not body.isascii() or body == "%"  # a lone ``m`` or ``t`` is kept as text


def _read_number(body: str, op: Op | None) -> _Reading:
    symmetric = lx.PLUS_MINUS.fullmatch(body)
    if symmetric:
        is_unit, unit = _unit(symmetric["ua"])
        number = _decimal(symmetric["a"])
        if not is_unit or number is None:
            return _QUALITATIVE
        return _Reading(TargetKind.RANGE, low=-number, high=number, unit=unit)
    single = lx.SINGLE.fullmatch(body)
    if single is not None:  # first, so that ``9.5e-1`` is not the range 9.5e…1
        is_unit, unit = _unit(single["ua"])
        number = _decimal(single["a"])
        if is_unit and number is not None:
            return _Reading(TargetKind.QUANTITATIVE, op=op, value=number, unit=unit)
    ranged = lx.RANGE.fullmatch(body)
    if ranged:
        return _read_range(ranged["a"], ranged["ua"], ranged["b"], ranged["ub"])
    return _QUALITATIVE


def _read_range(a: str, ua: str, b: str, ub: str) -> _Reading:
    (left_ok, left), (right_ok, right) = _unit(ua), _unit(ub)
    low, high = _decimal(a), _decimal(b)
    if not (left_ok and right_ok) or low is None or high is None:
        return _QUALITATIVE
    if left and right and left != right:
        return _QUALITATIVE
    if low > high:
        low, high = high, low
    return _Reading(TargetKind.RANGE, low=low, high=high, unit=left or right)


def _unit(word: str) -> tuple[bool, str | None]:
    """(is it a unit, canonical unit); an empty word is a unit-less number."""
    if not word:
        return True, None
    unit = unit_word(word)
    return unit is not None, unit


def _decimal(number: str) -> Decimal | None:
    try:
        value = Decimal(number.replace(",", "").lstrip("+"))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None
