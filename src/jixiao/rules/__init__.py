"""Goal review (绩效目标审核): a rule catalog that checks goal tables like a linter checks code.

Pure core: no I/O library. Rules are registered in :mod:`jixiao.rules.base`; their families
are ``completeness`` (完整性, R1xx), ``relevance`` (相关性, R2xx), ``appropriateness``
(适当性, R3xx) and ``feasibility`` (可行性, R4xx); ``R000`` is a rule that crashed. Codes
``Rx5x`` and above within a family look across tables (a department's tables).
"""

from __future__ import annotations

from jixiao.rules.base import (
    CRASH,
    Context,
    Dimension,
    Finding,
    Hit,
    Rule,
    TableRef,
    all_rules,
    rule_by_code,
)
from jixiao.rules.config import Config, ConfigError, load_config, preset_names
from jixiao.rules.engine import Review, TableReview, enabled_rules, review, unknown_selectors
from jixiao.rules.grade import CONSEQUENCES, Grade, grade

__all__ = [
    "CONSEQUENCES",
    "CRASH",
    "Config",
    "ConfigError",
    "Context",
    "Dimension",
    "Finding",
    "Grade",
    "Hit",
    "Review",
    "Rule",
    "TableRef",
    "TableReview",
    "all_rules",
    "enabled_rules",
    "grade",
    "load_config",
    "preset_names",
    "review",
    "rule_by_code",
    "unknown_selectors",
]
