"""Wording lexicons the rules match indicator names and targets against.

Matching is on :func:`jixiao.core.text.compact` text (NFKC, no whitespace). The lists are
deliberately narrow: a false alarm costs a reviewer more time than a missed one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.core.text import compact as _compact

# Names and targets repeat a lot across a department's tables: normalise each text once.
compact = lru_cache(maxsize=65536)(_compact)

# 预算执行率 and its relatives: scored separately in self-evaluation (domain.md §3.4, §6.4, Q9).
BUDGET_EXECUTION = re.compile(
    r"(预算|资金|经费|财政资金|项目资金)(执行|支出|使用|支付)(率|进度)|执行率|资金支出进度|预算完成率"
)

# Qualitative targets that cannot be verified at year end (domain.md §3.2, S16, S20).
VAGUE_EXACT = frozenset(
    {
        "良好",
        "较好",
        "好",
        "优",
        "优良",
        "改善",
        "有改善",
        "有所改善",
        "提高",
        "有所提高",
        "提升",
        "有所提升",
        "明显",
        "显著",
        "有效",
        "增强",
        "加强",
        "推动",
        "促进",
        "保障",
        "稳定",
    }
)
VAGUE_PARTS = (
    "有效",
    "明显",
    "显著",
    "改善",
    "提高",
    "提升",
    "更加",
    "进一步",
    "推动",
    "促进",
    "增强",
    "加强",
    "良好",
    "较好",
    "逐步",
    "稳步",
    "不断",
    "有力",
    "积极",
)

# Words of a result (效益), not of an output (产出) (S20: 质量 vs 效益 mix).
OUTCOME_PARTS = ("效益", "影响", "改善", "促进", "带动", "增收", "知晓", "受益", "生活水平")

# Inputs (money, staff) counted as outputs (domain.md §3.4).
MONEY_PARTS = ("资金", "经费", "金额", "预算", "投入", "拨款", "投资额")
STAFF_NAME = re.compile(r"(职工|员工|工作人员|在编人员|在职人员|聘用人员|人员)(人数|数量|数)$")

# A satisfaction row that counts the survey instead of measuring satisfaction.
SAMPLE_PARTS = ("调查", "样本", "问卷", "抽样", "受访")
COUNT_UNITS = frozenset({"人", "人次", "份", "户", "个", "家", "名", "位"})

# A long-term (实施周期) goal written into the annual column (S20). Goal prose often names a
# 长效机制 it builds this year, so the goal text is held to the narrower pattern.
LONG_TERM = re.compile(r"长期|长效|中长期|逐年|未来\d+年|\d+年内|(十四五|十五五)(期间|末)?")
LONG_TERM_GOAL = re.compile(r"中长期|逐年|未来\d+年|\d+年内|(十四五|十五五)(期间|末)")

# Rates bounded by 100 % for which "≥ more than 100 %" is impossible; growth words are exempt.
GROWTH_PARTS = ("增长", "增幅", "增速", "同比", "提高", "提升", "倍", "比上年", "较上年")

PLACEHOLDER = re.compile(r"^(指标\d*|…+|\.{2,}|-+|—+|/|无|略|空|xx+|XX+)$")
GOAL_PLACEHOLDER = re.compile(r"^(-+|—+|/|无|略|空|暂无|见附件|同上)?$")


def has_any(text: str, parts: tuple[str, ...]) -> bool:
    return any(part in text for part in parts)


def is_budget_execution(name: str) -> bool:
    return BUDGET_EXECUTION.search(compact(name)) is not None


def is_vague(text: str, extra: tuple[str, ...] = ()) -> bool:
    key = compact(text).rstrip("。.")
    return key in VAGUE_EXACT or key in extra or has_any(key, VAGUE_PARTS)


def is_satisfaction_name(name: str) -> bool:
    return "满意" in compact(name)


def is_outcome_name(name: str) -> bool:
    return has_any(compact(name), OUTCOME_PARTS)


def is_rate_name(name: str) -> bool:
    return compact(name).endswith(("率", "比例", "比率", "幅度", "度", "性"))


def is_money_input_name(name: str) -> bool:
    key = compact(name)
    return has_any(key, MONEY_PARTS) and not is_rate_name(key)


def is_staff_input_name(name: str) -> bool:
    return STAFF_NAME.search(compact(name)) is not None


def is_sample_name(name: str) -> bool:
    key = compact(name)
    return has_any(key, SAMPLE_PARTS) or key.endswith(("人数", "份数", "户数"))


def is_growth_name(name: str) -> bool:
    return has_any(compact(name), GROWTH_PARTS)


def is_placeholder_name(name: str) -> bool:
    return PLACEHOLDER.match(compact(name)) is not None


def is_placeholder_goal(text: str | None) -> bool:
    return GOAL_PLACEHOLDER.match(compact(text)) is not None
