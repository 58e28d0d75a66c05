"""The target-value grammar (指标值): lexicon, reader and canonical writer.

The public entry points are re-exported by :mod:`jixiao.core.values`.
"""

from __future__ import annotations

from jixiao.core.grammar.formatter import NONE_TEXT, format_target, number_text
from jixiao.core.grammar.parser import date_parts, is_date_text, normalize, parse_op, unit_word
from jixiao.core.grammar.target_parse import approximate_target, parse_target

__all__ = [
    "NONE_TEXT",
    "approximate_target",
    "date_parts",
    "format_target",
    "is_date_text",
    "normalize",
    "number_text",
    "parse_op",
    "parse_target",
    "unit_word",
]
