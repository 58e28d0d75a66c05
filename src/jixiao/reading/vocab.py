"""Builder vocabulary: table titles, header labels, indicator-block columns, budget columns.

Everything is matched on :func:`header_key`: the label key (compact, Simplified, score suffix
gone) with brackets and trailing colons removed, so ``评(扣)分标准``, ``评(扣分标准)`` and
``评扣分标准`` are one key, and ``项目资金(万元)`` matches ``项目资金万元``.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from jixiao.core.text import label_key
from jixiao.core.vocabulary import LEVEL1_LABELS, LEVEL2_LABELS

_BRACKETS = re.compile(r"[()（）\[\]【】〔〕<>《》:：*＊·、]")


# Traditional characters of header labels that core.text does not fold (称 in 項目名稱 …).
_MORE_TRAD = str.maketrans({"稱": "称", "屬": "属", "週": "周", "執": "执", "單": "单", "標": "标"})


@lru_cache(maxsize=65536)
def header_key(text: str | None) -> str:
    """Key for header and column labels: label key without brackets or colons."""
    key = label_key((text or "").translate(_MORE_TRAD))
    key = re.sub(r"^\d+[.、]", "", key)  # "1.项目年度目标"
    return _BRACKETS.sub("", key)


# --- table titles -----------------------------------------------------------------------------

TITLE_RE = re.compile(
    r"(绩效目标(?:申报|审批|审核)?表|绩效自评表|绩效目标自评表|自评表|监控表|监控情况表|"
    r"绩效评价指标表|绩效目标表|绩效指标表)"
)
YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")


# --- header fields --------------------------------------------------------------------------


class Field(StrEnum):
    NAME = "name"
    CODE = "code"  # 项目编码 printed in its own cell
    TYPE = "type"
    LEVEL = "level"
    DEPARTMENT = "department"
    UNIT = "unit"
    PERIOD = "period"
    BUDGET = "budget"
    GOALS = "goals"  # the 总体目标 container label
    PERIOD_GOAL = "period_goal"
    ANNUAL_GOAL = "annual_goal"
    ANNUAL_RESULT = "annual_result"
    FUNDING = "funding"  # a funding row of a goal table (其中：财政拨款 …)
    EXTRA = "extra"


_FIELD_LABELS: dict[Field, tuple[str, ...]] = {
    Field.NAME: (
        "项目名称",
        "项目支出名称",
        "专项名称",
        "资金名称",
        "转移支付项目名称",
        "转移支付名称",
        "项目资金名称",
        "政策任务",
        "单位专项名称",
        "专项资金名称",
        "资金项目名称",
        "项目资金名称",
        # real variants from other provinces' forms
        "项目政策名称",
        "政策项目名称",
        "政策名称",
        "项目全称",
        "预算项目名称",
    ),
    Field.CODE: ("项目编码", "项目代码", "项目编号", "项目识别码"),
    Field.TYPE: ("项目类型", "项目分类", "项目类别", "资金类型"),
    Field.LEVEL: ("项目等级", "项目级次", "项目级别"),
    Field.DEPARTMENT: (
        "主管部门",
        "主管部门及代码",
        "项目主管部门",
        "业务主管部门",
        "中央主管部门",
        "地方主管部门",
        "预算部门",
        "主管部门单位名称",
        "主管部门单位名称及部门预算编码",
        "省级业务主管部门",
        "部门名称",
        "自治区主管部门",
        "市县主管部门",
        "项目主管单位",
        "县级主管部门",
        "市级主管部门",
        "省级主管部门",
        "主管单位",
        "归口部门",
        "归口管理部门",
        "项目归口部门",
    ),
    Field.UNIT: (
        "用款单位",
        "实施单位",
        "实施单位盖章",
        "项目执行单位",
        "资金使用单位",
        "填报单位",
        "填报单位盖章",
        "预算单位",
        "项目实施单位",
        "项目实施单位项目负责人",
        "项目单位",
        "执行单位",
        "申报单位",
        "项目申报单位",
        "承担单位",
        "项目承担单位",
    ),
    Field.PERIOD: (
        "实施周期",
        "建设周期",
        "项目支出实施期",
        "专项实施期",
        "起止时间",
        "项目实施周期",
        "实施期限",
        "项目期限",
        "实施期",
        "实施时间",
        "项目实施期",
        "执行期限",
    ),
    Field.BUDGET: (
        "年度预算金额",
        "预算金额",
        "年度资金总额",
        "资金总额",
        "项目金额",
        "项目金额万元",
        "年度本级预算金额",
        "当年年度预算",
        "年度预算",
        "项目总预算",
        "年度预算安排",
        "资金总额万元",
        "项目资金",
        "下达中央预算内投资",
        "中央预算内投资",
        "下达资金",
        "申请金额",
        "项目申请金额",
        "年度申请金额",
        "项目预算金额",
        "项目预算",
        "本年预算数",
        "资金需求",
    ),
    Field.GOALS: (
        "总体绩效目标",
        "总体目标",
        "年度总体目标",
        "总体目标完成情况",
        "项目基本情况",
    ),
    Field.PERIOD_GOAL: (
        "实施周期总目标",
        "实施周期目标",
        "实施周期绩效目标",
        "中长期绩效目标",
        "长期绩效目标",
        "中期目标",
        "长期目标",
        "中长期目标",
        "实施期绩效目标",
        "专项长期绩效目标",
        "中期滚动目标",
        "实施期目标",
    ),
    Field.ANNUAL_GOAL: (
        "年度目标",
        "本年度绩效目标",
        "年度主要目标",
        "年度主要目标和成果",
        "预期目标",
        "项目年度目标",
        "专项年度绩效目标",
        "年度绩效目标",
        "年度总体目标",
    ),
    Field.ANNUAL_RESULT: (
        "实际完成情况",
        "全年实际完成情况",
        "年度目标完成情况",
        "目标完成情况",
    ),
}

# Labels that are header fields but go into Header.extra (kept in order).
EXTRA_LABELS: tuple[str, ...] = (
    "项目属性",
    "项目期",
    "项目来源",
    "项目负责人",
    "联系电话",
    "负责人及电话",
    "负责人及联系电话",
    "项目负责人及电话",
    "联系人及电话",
    "负责人",
    "联系人",
    "项目审批",
    "项目总体概况",
    "项目概况",
    "财政资金预算分类",
    "财政资金科目代码",
    "项目立项依据",
    "立项依据",
    "资金用途",
    "补助项目区域",
    "补助项目/区域",
    "战略领域",
    "财政事权",
    "用途范围",
    "部门相应职能职责概述",
    "专项立项依据",
    "专项实施进度计划",
    "专项属性",
    "单位代码",
    "该项目支出上级资金",
    "上级资金",
    "市县财政部门",
    "报表编号",
    "项目实施内容及过程概述",
    "监控月份",
    "monitor_month",
    "实施期资金总额",
    "中期资金总额",
    "实施周期资金总额",
)

# The (nearly) fixed part before a year: "2024年预算金额".
_YEAR_PREFIX = re.compile(r"^(?:19|20)\d{2}年?度?")

_LABEL_INDEX: dict[str, Field] = {}
for _field, _labels in _FIELD_LABELS.items():
    for _label in _labels:
        _LABEL_INDEX.setdefault(header_key(_label), _field)
for _label in EXTRA_LABELS:
    _LABEL_INDEX.setdefault(header_key(_label), Field.EXTRA)

MAX_LABEL_LEN = max(len(k) for k in _LABEL_INDEX)


@lru_cache(maxsize=65536)
def field_of_label(text: str | None) -> Field | None:
    """The header field a label cell names (``2024年预算金额`` → BUDGET), else ``None``."""
    key = header_key(text)
    if not key or len(key) > MAX_LABEL_LEN + 6:
        return None
    key = re.sub(r"(单位)?万?元$", "", key) if key.endswith("元") and len(key) > 4 else key
    found = _LABEL_INDEX.get(key)
    if found is not None:
        return found
    stripped = _YEAR_PREFIX.sub("", key)
    if stripped != key:
        found = _LABEL_INDEX.get(stripped)
        if found is not None:
            return found
        if stripped in ("目标", "绩效目标"):
            return Field.ANNUAL_GOAL
    return _field_of_decorated(stripped)


# Words real forms wrap around a known label (``项目起止时间``, ``主管部门及其编码``,
# ``项目资金申请(万元)``, ``填报单位(盖章)``): tried off one at a time, never leaving < 2 chars.
_LABEL_PREFIXES = ("项目", "本项目", "专项")
_LABEL_SUFFIXES = ("及其编码", "及编码", "及其代码", "及代码", "编码", "申请", "情况", "盖章")


def _field_of_decorated(key: str) -> Field | None:
    for prefix in _LABEL_PREFIXES:
        if key.startswith(prefix) and len(key) - len(prefix) >= 2:
            found = _LABEL_INDEX.get(key[len(prefix) :])
            if found is not None:
                return found
    for suffix in _LABEL_SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 2:
            inner = key[: -len(suffix)]
            found = _LABEL_INDEX.get(inner)
            if found is None and inner.startswith("项目") and len(inner) > 4:
                found = _LABEL_INDEX.get(inner[2:])
            if found is not None:
                return found
    return None


def label_prefixes() -> list[tuple[str, Field]]:
    """Known label keys, longest first (for splitting glued ``项目名称XXX`` lines)."""
    return sorted(_LABEL_INDEX.items(), key=lambda kv: -len(kv[0]))


# --- indicator block columns ------------------------------------------------------------------


class Col(StrEnum):
    FRAME = "frame"  # the merged 绩效指标 label column
    GROUP = "group"  # 绩效目标 grouping column (a goal per group of indicators)
    L1 = "level1"
    L2 = "level2"
    L3 = "name"
    PERIOD = "period"
    ANNUAL = "annual"
    OP = "op"  # 指标性质 / 计算符号
    UNIT = "unit"  # 度量单位 / 计量单位
    WEIGHT = "weight"
    ACTUAL = "actual"
    SCORE = "score"
    DEVIATION = "deviation"
    CURRENT = "current"  # 当期完成值 (monitoring)
    FORECAST = "forecast"
    LIKELIHOOD = "likelihood"
    LIGHT = "light"  # 预警 (monitoring): Indicator.extra["light"]
    EXTRA = "extra"


_COLUMN_LABELS: dict[Col, tuple[str, ...]] = {
    Col.FRAME: (
        "绩效指标",
        "年度绩效指标",
        "部门整体支出年度绩效指标",
        "绩效指标90分",
        "项目绩效指标",
        "年度绩效目标",
        "绩",
        "长期绩效指标",
        "中长期绩效指标",
        "中期绩效指标",
        "实施期绩效指标",
    ),
    Col.GROUP: ("绩效目标",),
    Col.L1: ("一级指标", "评价指标", "一级"),
    Col.L2: ("二级指标", "评价内容", "二级", "二级指标名称"),
    Col.L3: (
        "三级指标名称",
        "三级指标",
        "指标内容",
        "指标名称",
        "指标名称三级指标",
        "三级",
        "绩效指标名称",
        "具体指标",
    ),
    Col.PERIOD: (
        "实施周期指标值",
        "中长期指标值",
        "实施周期目标值",
        "长期指标值",
        "实施期指标值",
    ),
    Col.ANNUAL: (
        "计划指标值",
        "当年指标值",
        "本年指标值",
        "年度绩效指标值",
        "预期目标值",
        "当年度指标值",
        "年度指标值",
        "指标值",
        "年初指标值",
        "目标值",
        "指标值及单位",
        "年度目标值",
        "本年度指标值",
        "预期指标值",
        "标准值",
        "计划值",
        "指标目标值",
        "目标值及单位",
    ),
    Col.OP: ("指标性质", "计算符号", "符号", "指标方向", "指标值方向"),
    Col.UNIT: ("度量单位", "计量单位", "单位"),
    Col.WEIGHT: ("分值", "权重", "指标分值", "权重分"),
    Col.ACTUAL: (
        "指标完成值",
        "实际完成指标值",
        "完成情况",
        "实际完成值",
        "全年实际完成值",
        "完成值",
        "全年实际值",
        "年终完成值",
        "实际值",
        "全年完成值",
        "实际完成情况",
    ),
    Col.SCORE: ("得分", "自评分", "自评得分", "评分"),
    Col.DEVIATION: (
        "偏差原因分析及改进措施",
        "未完成原因分析",
        "未完成原因和改进措施",
        "未完成原因及改进措施",
        "偏差原因",
        "偏差原因分析",
        "原因分析",
    ),
    Col.CURRENT: ("当期完成值", "截至当期完成值", "执行情况", "当期实际完成值", "累计完成值"),
    Col.FORECAST: ("预计全年完成情况", "全年预计完成值", "全年预计完成情况", "预计全年完成值"),
    Col.LIKELIHOOD: (
        "完成目标可能性",
        "目标完成可能性",
        "完成可能性",
        "是否能完成目标",
        "能否完成目标",
        "全年能否完成目标",
    ),
    Col.LIGHT: ("预警", "预警灯", "预警等级", "预警信号", "预警情况", "亮灯情况"),
    Col.EXTRA: (
        "指标值内容",
        "评扣分标准",
        "评分标准",
        "扣分标准",
        "绩效标准",
        "指标值类型",
        "备注",
        "指标解释",
        "指标说明",
        "指标值设定依据",
        "复核分",
        "评价标准",
        "指标属性",
        "指标值说明",
        "评价要点",
        "指标解释说明",
        "设定依据",
        "计分方法",
        "得分计算方法",
        "计算方法",
        "计分规则",
        "评分方法",
        "评分规则",
        "数据来源",
        "计量方式",  # 时点 / 累计: whether monitoring prorates the target (docs/scoring.md)
        "统计方式",
    ),
}

_COLUMN_INDEX: dict[str, Col] = {}
for _col, _labels in _COLUMN_LABELS.items():
    for _label in _labels:
        _COLUMN_INDEX.setdefault(header_key(_label), _col)

_MONTHS = re.compile(r"^\d{1,2}-\d{1,2}月")


@lru_cache(maxsize=65536)
def column_of(text: str | None) -> Col | None:
    """The indicator-block column a header cell names, else ``None``."""
    key = header_key(text)
    if not key:
        return None
    found = _COLUMN_INDEX.get(key)
    if found is not None:
        return found
    if _MONTHS.match(key) and ("执行" in key or "完成" in key):
        return Col.CURRENT  # 1-7月执行情况
    if _UNTIL.match(key):
        return Col.CURRENT  # 截至6月底完成情况
    if key.startswith("绩效指标") and len(key) <= 8:
        return Col.FRAME
    bare = _COLUMN_NOTE.sub("", _LEADING_YEAR.sub("", text or ""))
    if bare != (text or ""):
        return column_of(bare)  # 年度指标值（A）, 权重（%）, 2024年目标值
    return None


_UNTIL = re.compile(r"^截至\d{1,2}月(底|末)?(执行|完成)")
_COLUMN_NOTE = re.compile(r"[(（\[【][^()（）]{1,16}[)）\]】]\s*$")
_LEADING_YEAR = re.compile(r"^\s*(?:19|20)\d{2}\s*年度?")


def column_keys() -> list[str]:
    """Column labels longest first (for splitting glued header lines)."""
    return sorted(_COLUMN_INDEX, key=len, reverse=True)


STRONG_COLUMNS = frozenset({Col.L1, Col.L2, Col.L3})


# --- budget block -----------------------------------------------------------------------------


class BudgetCol(StrEnum):
    LABEL = "label"
    INITIAL = "initial"
    BUDGET = "budget"
    EXECUTED = "executed"
    RATE = "rate"
    WEIGHT = "weight"
    SCORE = "score"
    REASON = "reason"
    FORECAST = "forecast"  # 全年预计执行数 (monitoring): kept in Header.extra
    PERIOD = "period"  # 实施期资金总额 beside 年度资金总额 (central goal form): Header.extra


_BUDGET_COLUMNS: dict[BudgetCol, tuple[str, ...]] = {
    BudgetCol.LABEL: (
        "项目资金万元",
        "项目资金元",
        "项目资金",
        "资金情况元",
        "资金投入情况元",
        "年度预算数万元",
        "资金投入情况万元",
        "资金情况万元",
        "预算执行情况",
        "预算执行情况10分",
        "资金来源",
    ),
    BudgetCol.INITIAL: (
        "年初预算数",
        "年初预算",
        "年初预算数万元",
        "年初批复预算数",
        "年初批复数",
        "批复预算数",
        "年初预算安排数",
    ),
    BudgetCol.BUDGET: (
        "全年预算数",
        "全年预算数a",
        "调整后预算数",
        "调整后预算",
        "全年预算",
        "调整预算数",  # Hebei's self-evaluation form
        "调整预算",
        "全年调整预算数",
    ),
    BudgetCol.EXECUTED: (
        "全年执行数",
        "全年执行数b",
        "预算执行数",
        "执行数",
        "实际执行数",
        "全年执行",
        "全年实际执行数",
        "实际支出数",
        "全年实际支出数",
        "全年支出数",
    ),
    BudgetCol.RATE: (
        "执行率",
        "预算执行率",
        "预算执行率b/a100%",
        "预算执行率b/a×100%",
        "执行率b/a",
    ),
    BudgetCol.WEIGHT: ("分值", "权重"),
    BudgetCol.SCORE: ("得分",),
    BudgetCol.REASON: ("原因", "偏差原因", "偏差原因分析"),
    BudgetCol.PERIOD: (
        "实施期资金总额",
        "中期资金总额",
        "实施期资金",
        "中期资金",
        "实施周期资金总额",
        "实施期金额",
    ),
    BudgetCol.FORECAST: (
        "全年预计执行数",
        "预计全年执行数",
        "全年预计支出数",
        "全年预计执行数万元",
    ),
}

_BUDGET_INDEX: dict[str, BudgetCol] = {}
for _bcol, _labels in _BUDGET_COLUMNS.items():
    for _label in _labels:
        _BUDGET_INDEX.setdefault(header_key(_label).lower(), _bcol)


# 年度资金总额 is a column only beside 实施期资金总额 (the central goal form's 项目资金 block);
# elsewhere it names the total row of a self-evaluation's budget block.
_ANNUAL_BESIDE_PERIOD = frozenset({"年度资金总额", "年度资金", "年度金额", "本年度资金总额"})


def budget_column_after(text: str | None, previous: BudgetCol | None) -> BudgetCol | None:
    """The budget column ``text`` names when it follows a column of role ``previous``."""
    found = budget_column_of(text)
    if found is None and previous is BudgetCol.PERIOD and header_key(text) in _ANNUAL_BESIDE_PERIOD:
        return BudgetCol.BUDGET
    return found


@lru_cache(maxsize=65536)
def budget_column_of(text: str | None) -> BudgetCol | None:
    key = header_key(text).lower()
    if not key:
        return None
    found = _BUDGET_INDEX.get(key)
    if found is None and re.match(r"^(\d{1,2}-\d{1,2}月|截至\d{1,2}月底?|当期)(累计)?执行数", key):
        found = BudgetCol.EXECUTED  # monitoring: 1-7月执行数
    return found


FUNDING_ROW_RE = re.compile(
    r"^(其中)?(年度资金总额|资金总额|总额|合计|当年财政拨款|本年财政拨款|财政拨款|财政资金|"
    r"上年结转资金|上年结转|财政专户管理资金|单位资金|其他资金|其它资金|中央财政资金|中央补助|"
    r"自治区补助|市县资金|地方资金|上级资金|本级资金|财政投款|彩票公益金.*)$"
)


@lru_cache(maxsize=65536)
def is_funding_label(text: str | None) -> bool:
    return bool(FUNDING_ROW_RE.match(header_key(text)))


# --- rows that end an indicator block or carry totals -----------------------------------------

TOTAL_RE = re.compile(r"^(合计|总分|总计|分值合计|自评总分|项目总得分|综合得分)")
END_RE = re.compile(
    r"^(评价结论|存在问题|改进措施|项目负责人|财务负责人|填报人|联系电话|审核意见|附件|"
    r"注[:：]|说明[:：]|备注[:：]|单位负责人|自评等级|整改|资金管理情况|其他需要?说明的?(?:事项|问题|情况)|其他说明事项|"
    # approval rows under the table: 财政部门支出股室初审意见 (盖章)
    r"[^\d,，;；:：]{0,14}(?:初审|审核|审查|审批|审定)意见(?![率数]))"
)

# Cells of descriptive extra columns seen glued at the end of rows (012, 013).
EXTRA_TAIL_RE = re.compile(r"(计划标准|行业标准|历史标准|其他标准|定量指标|定性指标|-定量|-定性)$")

LEVEL_KEYS = frozenset(label_key(k) for k in (*LEVEL1_LABELS, *LEVEL2_LABELS))


# A block of long-term indicators (Hunan: 长期绩效指标 then 年度绩效指标): its 指标值 is the
# period target.
LONG_TERM_RE = re.compile(r"^(中长期|长期|中期|实施期|实施周期)(绩效)?(指标|目标)$")


def is_long_term_label(text: str | None) -> bool:
    return bool(LONG_TERM_RE.match(header_key(text)))


# --- monitoring: warning lights and the cut-off month -------------------------------------------

_LIGHTS = {
    "red": ("红", "红灯", "红色", "red"),
    "yellow": ("黄", "黄灯", "黄色", "yellow"),
    "green": ("绿", "绿灯", "绿色", "green"),
    "blue": ("蓝", "蓝灯", "蓝色", "blue"),
}
_LIGHT_INDEX = {word: light for light, words in _LIGHTS.items() for word in words}


def light_of(text: str) -> str | None:
    """``红灯`` / ``红`` / ``Red`` → ``red``: the monitoring light (预警), else ``None``."""
    return _LIGHT_INDEX.get(header_key(text).lower())


_MONTH_COLUMN = re.compile(r"^(?:\d{1,2}-|截至)(\d{1,2})月(?:底|末)?(?:累计)?(?:执行|完成)")
_MONTH_VALUE = re.compile(r"^(?:\d{1,2}-|截至)?(\d{1,2})(?:月(?:底|末|份)?)?$")


def month_of_column(text: str | None) -> int | None:
    """The cut-off month a monitoring column names (``1-7月执行情况`` → 7)."""
    m = _MONTH_COLUMN.match(header_key(text))
    return _month(m.group(1)) if m else None


def month_of_value(text: str | None) -> int | None:
    """A 监控月份 value: ``7`` / ``7月`` / ``1-7月`` → 7."""
    m = _MONTH_VALUE.match(header_key(text))
    return _month(m.group(1)) if m else None


def _month(digits: str) -> int | None:
    month = int(digits)
    return month if 1 <= month <= 12 else None
