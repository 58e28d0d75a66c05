"""Splitting text lines (LINES layout) into cells by vocabulary.

Copies of web tables often lose the cell borders: cells are glued (``产出指标数量指标农村义务
教育学校改造覆盖率100%``) or separated by spaces. This module cuts such text into the cells a
table would have had, using what is certain: known header labels, known 一级/二级 labels, known
column headers, the shape of targets (comparators, numbers with units, dates) and a small list
of qualitative values. It never guesses silently: callers record a problem for every split.
"""

from __future__ import annotations

import re

from jixiao.core.text import label_key
from jixiao.reading.cells import (
    QUALITATIVE_VALUES,
    is_value_like,
    norm,
    target_prefix_len,
)
from jixiao.reading.vocab import (
    EXTRA_TAIL_RE,
    LEVEL_KEYS,
    TITLE_RE,
    column_keys,
    field_of_label,
    header_key,
    label_prefixes,
)

_LEVELS_LONGEST = sorted(LEVEL_KEYS, key=len, reverse=True)
_SCORE_SUFFIX = re.compile(r"^[(（]?[0-9.\-~]+分?[)）]?分?")
# What the end of an indicator name looks like (率, 数, 度 …): used to rank split points.
NAME_END = re.compile(
    r"(率|数|度|量|性|额|标准|时间|时限|人数|人次|次数|面积|里程|规模|情况|比例|覆盖|占比|"
    r"个数|天数|期限|成本|价格|费用|金额|水平|效果|效益|影响|能力|程度|指数|合格|完成|次|值|覆盖)$"
)
_CONTINUATION = re.compile(r"^(年底前|年底|底前|前|之前|以前|以上|以下|以内|左右)$")


_NUMBER = re.compile(r"^\d+(?:[.\-~]\d+)?$")
# A PDF copy puts spaces where the font changes: "7 岁以下儿童", "≥85 %", "100 人".
_UNIT_START = re.compile(r"^(岁|周岁|%|％|人|个|次|元|万|亿|年|月|日|天|户|项|公里|平方米)")


def tokens_of(text: str) -> list[str]:
    """Whitespace tokens of a line, with value continuations re-attached (``2023年 年底前``)
    and numbers joined to the unit or word a PDF copy separated them from (``7 岁以下``)."""
    out: list[str] = []
    for token in text.split():
        if out and _continues(out[-1], token):
            out[-1] = out[-1] + token
        else:
            out.append(token)
    return out


def _continues(before: str, token: str) -> bool:
    if _CONTINUATION.match(token) and is_value_like(before):
        return True
    return bool(_NUMBER.match(norm(before)) and _UNIT_START.match(norm(token)))


_VALUE_START = re.compile(r"[≥≤<>=＞＜]?\s*\d")
# A template note printed after a level label: ``数量指标(必填硬性指标)``, ``(选填)``.
_LABEL_NOTE = re.compile(
    r"^[(（][^()（）\d]{0,8}(?:必填|选填|可选|硬性|核心|共性|个性)[^()（）\d]{0,8}[)）]"
)


def peel_levels(token: str) -> tuple[list[str], str]:
    """Strip known 一级/二级 labels off the front: ``产出指标数量指标XX`` → ([…, …], XX).

    A short label (``产出``) is only peeled when another label or a name follows that makes the
    reading certain (the label ends in 指标, or another label follows).
    """
    labels: list[str] = []
    rest = token
    while rest:
        key = norm(rest)
        found = None
        for label in _LEVELS_LONGEST:
            if key.startswith(label):
                found = label
                break
        if found is None:
            break
        after = key[len(found) :]
        suffix = _SCORE_SUFFIX.match(after)
        if suffix and "分" in suffix.group(0):
            after = after[suffix.end() :]
        note = _LABEL_NOTE.match(after)
        if note:
            after = after[note.end() :]  # ``时效指标(必填)``: the template's note on the label
        if not (found.endswith("指标") or found.endswith("满意度") or _starts_with_level(after)):
            break
        if not found.endswith("指标") and _VALUE_START.match(after):
            break  # ``服务对象满意度≥90%…``: a value follows a name, never a 二级 label
        if after and not _starts_with_level(after) and len(after) < 2:
            break
        labels.append(key[: len(key) - len(after)])
        rest = after
    return labels, rest


def _starts_with_level(text: str) -> bool:
    return any(text.startswith(label) for label in _LEVELS_LONGEST)


def split_name_target(text: str) -> tuple[str, str, str]:
    """``覆盖率100%`` → (覆盖率, 100%, ''); the third part is text after the target.

    Split points are ranked: the remainder being empty or known extra-column text, and the name
    ending like an indicator name, count most; digits inside names (``7岁以下儿童…``) lose.
    """
    s = norm(text)
    best: tuple[int, int, int] | None = None  # (score, -position, length)
    for i in range(1, len(s)):
        if s[i - 1].isdigit() or s[i - 1] in ".,%":
            continue
        length = target_prefix_len(s[i:])
        if length == 0:
            continue
        name, rest = s[:i], s[i + length :]
        score = _rest_score(rest)
        if NAME_END.search(name):
            score += 2
        if name.endswith("得") or name.endswith("扣"):
            score -= 3  # scoring-rule text (得10分), not a target
        if re.match(r"\d+[\u4e00-\u9fff]{0,2}[岁]", s[i:]):
            score -= 4
        candidate = (score, -i, length)
        if best is None or candidate > best:
            best = candidate
    for word in QUALITATIVE_VALUES:
        if len(word) < 2:
            continue
        pos = s.find(word, 2)
        if pos >= 2 and NAME_END.search(s[:pos]):
            rest = s[pos + len(word) :]
            candidate = (2 + _rest_score(rest), -pos, len(word))
            if best is None or candidate > best:
                best = candidate
    if best is not None and best[0] >= 2:
        i, length = -best[1], best[2]
        return s[:i], s[i : i + length], s[i + length :]
    for word in QUALITATIVE_VALUES:
        if s.endswith(word) and len(s) > len(word) + 2:
            return s[: -len(word)], word, ""
    return s, "", ""


def _rest_score(rest: str) -> int:
    if not rest or EXTRA_TAIL_RE.fullmatch(rest):
        return 3
    if re.fullmatch(r"\d+(?:\.\d+)?", rest):
        return 2  # a glued weight or score column
    if re.match(r"[\u4e00-\u9fff]", rest):
        return 1
    return -2


_DESCRIPTION = re.compile(r"(达到|反映|按照|确保)")


def split_description(name: str) -> tuple[str, str]:
    """``资金支出率达到目标值`` → (资金支出率, 达到目标值): a 指标说明 glued to the name."""
    m = _DESCRIPTION.search(name, 2)
    if m is None or not NAME_END.search(name[: m.start()]):
        return name, ""
    return name[: m.start()], name[m.start() :]


def split_glued_weight(target: str) -> tuple[str, str] | None:
    """``210010`` → (2100, 10) when exactly one split leaves a plausible weight (1–30)."""
    t = norm(target)
    m = re.fullmatch(r"(.*?)(\d+)", t)
    if m is None:
        return None
    head, digits = m.group(1), m.group(2)
    if head and not re.search(r"[%‰\u4e00-\u9fff]$", head):
        return None
    options = []
    if head:
        if 1 <= int(digits) <= 30 and not digits.startswith("0"):
            return head, digits
        return None
    for k in (1, 2):
        if len(digits) <= k:
            continue
        weight, value = digits[-k:], digits[:-k]
        if weight.startswith("0") or not 1 <= int(weight) <= 30 or value.startswith("0"):
            continue
        options.append((value, weight))
    return options[0] if len(options) == 1 else None


_ORDINAL = r"(?:[一二三四五六七八九十]{1,3}|\d{1,2})"
_TITLE_ORDINAL = re.compile(rf"^\s*(?:{_ORDINAL}|[(（]{_ORDINAL}[)）])\s*$")


def split_title(text: str) -> tuple[str, str, str] | None:
    """(before, title, after) when the line holds a table title (with its ``(2024年度)``)."""
    m = TITLE_RE.search(text)
    if m is None:
        return None
    end = m.end()
    ordinal = _TITLE_ORDINAL.match(text[end:])
    if ordinal:  # 绩效目标表二, 绩效目标表(1): numbered tables of one page
        end += ordinal.end()
    year = re.match(r"\s*[(（]\s*(?:19|20)\d{2}\s*年度?\s*[)）]", text[end:])
    if year:
        end += year.end()
    start = _title_start(text, m.start())
    return text[:start], text[start:end], text[end:]


def _title_start(text: str, pos: int) -> int:
    """Walk back from the title word over the project words of the title (no punctuation)."""
    i = pos
    while i > 0 and pos - i < 40 and text[i - 1] not in "。,，;；:：!！?？ \t)）】]":
        i -= 1
    return i


def split_labels(text: str) -> list[str]:
    """Split a header line into label and value cells: ``项目名称XX主管部门YY`` → 4 cells.

    Whitespace separates cells; inside a token, a known label (longest first) starts a cell.
    Tokens that together form a label (``年度主要目标`` + ``和成果``) are joined back.
    """
    tokens = text.split()
    joined: list[str] = []
    i = 0
    while i < len(tokens):
        if i + 1 < len(tokens) and field_of_label(tokens[i] + tokens[i + 1]) is not None:
            joined.append(tokens[i] + tokens[i + 1])
            i += 2
            continue
        joined.append(tokens[i])
        i += 1
    out: list[str] = []
    for token in joined:
        out.extend(_split_glued_labels(token))
    return [t for t in out if t]


_PREFIXES = label_prefixes()


def _split_glued_labels(token: str) -> list[str]:
    if field_of_label(token) is not None:
        return [token]
    cells: list[str] = []
    start = 0
    i = 0
    key_chars = token
    while i < len(key_chars):
        found = _label_at(key_chars, i)
        if found:
            if i > start:
                cells.append(key_chars[start:i])
            cells.append(key_chars[i : i + found])
            i += found
            start = i
            continue
        i += 1
    if start < len(key_chars):
        cells.append(key_chars[start:])
    return cells


# Label keys of 4+ characters by their first character, longest first: at each position only
# the keys that can start there are tried (the scan over every key was most of the parse time
# of space-separated text).
_BY_FIRST: dict[str, list[str]] = {}
for _key, _field in _PREFIXES:
    if len(_key) >= 4:
        _BY_FIRST.setdefault(_key[0], []).append(_key)
_SKIPPED = "()（）:："


def _label_at(text: str, i: int) -> int:
    """Length of a known header label starting at ``text[i]`` (raw characters), else 0."""
    first = i
    while first < len(text) and text[first] in _SKIPPED:
        first += 1
    if first >= len(text):
        return 0
    for key in _BY_FIRST.get(label_key(text[first]), ()):
        j = i
        k = 0
        while j < len(text) and k < len(key):
            ch = text[j]
            if ch in "()（）:：":
                j += 1
                continue
            if label_key(ch) != key[k]:
                break
            j += 1
            k += 1
        if k == len(key):
            while j < len(text) and text[j] in ")）:：":
                j += 1
            # "(万元)" after the label belongs to it
            unit = re.match(r"[(（]\s*万?元\s*[)）]", text[j:])
            if unit:
                j += unit.end()
            return j - i
    return 0


_LETTER_NOTE = re.compile(r"[(（][A-Za-z0-9]{1,3}[)）]")


def split_header_row(text: str) -> list[str] | None:
    """Cut a glued column-header line (``一级指标二级指标指标内容指标值``) into column labels.

    Returns ``None`` unless the whole line is covered by known column labels.
    """
    keys = column_keys()
    out: list[str] = []
    for token in text.split():
        s = header_key(_LETTER_NOTE.sub("", token))  # ``指标值(A)全年实际值(B)``
        i = 0
        while i < len(s):
            for key in keys:
                if key and s.startswith(key, i):
                    out.append(key)
                    i += len(key)
                    break
            else:
                return None
    return out or None


_COLUMN_NOTE = re.compile(r"[(（][A-Za-z0-9%＋+/×*\u3400-\u9fff]{1,6}[)）]")


def glued_header_end(text: str) -> int:
    """Where a run of column labels glued at the start of ``text`` ends (0 when none)."""
    keys = column_keys()
    i = 0
    end = 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        step = 0
        for key in keys:
            step = _match_key(text, i, key)
            if step:
                break
        if not step:
            break
        i += step
        note = _COLUMN_NOTE.match(text, i)
        if note:
            i = note.end()  # ``指标值(A)``, ``全年实际值（B）``: a note on the column
        end = i
    return end


def _match_key(text: str, i: int, key: str) -> int:
    """Length of raw text at ``i`` spelling ``key`` (brackets skipped), else 0."""
    j = i
    k = 0
    while j < len(text) and k < len(key):
        ch = text[j]
        if ch in "()（）":
            j += 1
            continue
        if label_key(ch) != key[k]:
            return 0
        j += 1
        k += 1
    if k < len(key):
        return 0
    while j < len(text) and text[j] in ")）":
        j += 1  # the closing bracket of 评(扣分标准)
    return j - i


def reproject(raw: str, cells: list[str]) -> list[str]:
    """Cells found in normalised text, given back as printed in ``raw`` (full-width brackets,
    ``≧`` …). Cells must appear in order; a cell that cannot be found stays normalised."""
    out: list[str] = []
    p = 0
    for cell in cells:
        target = norm(cell)
        found = None
        if target:
            q = p
            while q < len(raw):
                q += 1
                got = norm(raw[p:q])
                if got == target:
                    found = q
                    break
                if len(got) > len(target) or not target.startswith(got):
                    break
        if found is None:
            # text dropped between cells (a score suffix …): look for the cell further on
            start = _find_from(raw, p, target)
            if start is None:
                out.append(cell)
                continue
            p = start
            q = p
            while q < len(raw) and norm(raw[p:q]) != target:
                q += 1
            found = q
        out.append(raw[p:found].strip())
        p = found
    return out


def _find_from(raw: str, p: int, target: str) -> int | None:
    if not target:
        return None
    for start in range(p, len(raw)):
        if norm(raw[start : start + 1]) == target[:1] and norm(raw[start:]).startswith(target):
            return start
    return None
