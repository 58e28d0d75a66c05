"""Traditional → Simplified (OpenCC ``t2s``) and the pinyin glosses of broken converters.

Some published tables went through a converter that prints the pinyin of each character
after it: ``產(chǎn)出指標(biāo)``. The gloss is dropped only when it is a parenthesised run of
lowercase Latin letters with at least one tone mark or ``ü`` right after a Chinese
character, so units such as ``(km)`` or ``(m2)`` stay.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_GLOSS = re.compile(
    rf"(?<=[\u3400-\u9fff])[(（](?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,7}}[)）]"
)
# Text without a Chinese character (numbers, units) skips the converter.
_MAYBE_TRAD = re.compile(r"[\u3400-\u9fff]")


def drop_pinyin_glosses(text: str) -> str:
    """``產(chǎn)出指標(biāo)`` → ``產出指標``."""
    if "(" not in text and "（" not in text:
        return text
    return _GLOSS.sub("", text)


@lru_cache(maxsize=131072)
def to_simplified(text: str) -> str:
    """Simplified Chinese of ``text`` (OpenCC ``t2s``); other characters unchanged."""
    if not _MAYBE_TRAD.search(text):
        return text
    return str(_T2S.convert(text))


def simplified_text(text: str) -> str:
    """Glosses dropped, then Simplified: the form the builder reads every cell in."""
    return to_simplified(drop_pinyin_glosses(text))
