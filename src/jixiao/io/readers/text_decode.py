"""Decode the bytes of a text, CSV or HTML file into one normalised string; never raises.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32), BOM-less UTF-16 recognised by its NUL
bytes, strict UTF-8, an encoding the file declares (HTML ``<meta charset>``), strict GB18030
(a superset of GBK and GB2312). When nothing decodes cleanly the candidate with the fewest
replacement characters wins and a located warning says where the bad bytes are.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from jixiao.core.problems import Problem, Severity, make, register
from jixiao.core.source import SourceLocation

REPLACED = register("T001", Severity.WARNING, "bytes that are not valid text were replaced")
FALLBACK_ENCODING = register("T002", Severity.INFO, "file is not UTF-8; another encoding was used")
EMPTY_FILE = register("T003", Severity.INFO, "file holds no text")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Chinese web pages declare the older subsets; GB18030 decodes all of them.
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030"}
_LINE_BREAKS = ("\r\n", "\r", "\f", "\v", "\x85", "\u2028", "\u2029")
REPLACEMENT = "\ufffd"
MIN_UTF16_SAMPLE = 16
UTF16_NUL_SHARE = 0.2


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    problems: list[Problem] = field(default_factory=list)


def normalise_newlines(text: str) -> str:
    """CRLF, CR, form feeds (PDF page breaks) and Unicode line separators become ``\\n``."""
    for brk in _LINE_BREAKS:
        if brk in text:
            text = text.replace(brk, "\n")
    return text


def canonical_encoding(name: str | None) -> str | None:
    """A Python codec name for a declared encoding, or None when it is unknown."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except (LookupError, ValueError):
        return None


def decode_bytes(data: bytes, file: str, *, declared: str | None = None) -> Decoded:
    """Decode ``data`` (the whole file); problems carry ``file`` and the line of the damage."""
    if not data:
        return Decoded("", "utf-8", [make(EMPTY_FILE, "the file is empty", SourceLocation(file))])
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_as(data[len(bom) :], encoding, file)
    # valid UTF-8 wins over a declaration: pages often keep a stale ``charset=gb2312``, and
    # GBK text is almost never valid UTF-8 by accident
    candidates = [c for c in (_utf16_guess(data), "utf-8", canonical_encoding(declared)) if c]
    candidates.append("gb18030")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        decoded = Decoded(normalise_newlines(text), encoding)
        if encoding not in ("utf-8", canonical_encoding(declared)):
            message = f"{file}: the file is not valid UTF-8; it was read as {encoding.upper()}"
            decoded.problems.append(make(FALLBACK_ENCODING, message, SourceLocation(file)))
        return decoded
    best = min(("utf-8", "gb18030"), key=lambda enc: data.decode(enc, "replace").count(REPLACEMENT))
    return _decode_as(data, best, file)


def _decode_as(data: bytes, encoding: str, file: str) -> Decoded:
    try:
        return Decoded(normalise_newlines(data.decode(encoding)), encoding)
    except UnicodeDecodeError:
        pass
    text = normalise_newlines(data.decode(encoding, "replace"))
    return Decoded(text, encoding, [_replacement_problem(text, encoding, file)])


def _replacement_problem(text: str, encoding: str, file: str) -> Problem:
    bad_lines = [n for n, line in enumerate(text.split("\n"), 1) if REPLACEMENT in line]
    first = bad_lines[0] if bad_lines else 1
    first_line = text.split("\n")[first - 1] if bad_lines else ""
    column = first_line.find(REPLACEMENT) + 1 or None
    shown = ", ".join(str(n) for n in bad_lines[:10]) + (" …" if len(bad_lines) > 10 else "")
    message = (
        f"{file}: {text.count(REPLACEMENT)} invalid byte sequence(s) for {encoding.upper()} were "
        f"replaced by '\ufffd' on line(s) {shown}; check the cells there against the original "
        "or save the file again as UTF-8"
    )
    where = SourceLocation(file, line=first, column=column)
    return make(REPLACED, message, where, raw=first_line[:200] or None)


def _utf16_guess(data: bytes) -> str | None:
    """UTF-16 without BOM: ASCII-range characters leave NUL bytes on one side of each pair
    (tabs, digits and line breaks are enough in Chinese tables); UTF-8 text has no NUL."""
    sample = data[:4096]
    if len(sample) < MIN_UTF16_SAMPLE or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    pairs = len(sample) // 2
    if odd_nuls >= UTF16_NUL_SHARE * pairs and even_nuls == 0:
        return "utf-16-le"
    if even_nuls >= UTF16_NUL_SHARE * pairs and odd_nuls == 0:
        return "utf-16-be"
    return None
