"""The three Dongguan 长安 2024 goal tables as data, and their official 6-column form as a grid.

Transcribed from examples/dongguan-changan-2024-goal-tables.txt, with the two shifted rows of
table 1 read the 88号 way (成本指标 as a 二级 under 产出指标; 社会保障体系健全性 under
可持续影响指标), as the printed form has them. Used to make real xlsx/docx/pdf fixtures with
the libraries themselves (independently of our writers) and to build model tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.model import Budget, GoalTable, Header, Indicator, Period, TableKind
from jixiao.core.money import Amount, MoneyUnit
from jixiao.core.values import parse_target

DEPT = "东莞市长安社会保险基金管理中心"

Row5 = tuple[str, str, str, str, str]  # 一级, 二级, 三级, 实施周期值, 当年度值


@dataclass(frozen=True)
class Project:
    name: str
    type: str
    budget: Decimal
    annual_goal: str
    indicators: tuple[Row5, ...]


def _rows(spec: list[tuple[str, list[tuple[str, list[tuple[str, str]]]]]]) -> tuple[Row5, ...]:
    out: list[Row5] = []
    for level1, groups in spec:
        for level2, items in groups:
            for name, annual in items:
                out.append((level1, level2, name, "---", annual))
    return tuple(out)


_SAT = ("服务对象满意度指标",)

P1 = Project(
    "(镇级) 社会基本医疗保险 (村社区)",
    "其他事业发展性支出",
    Decimal("3650.68"),
    "按文件规定及时、准确地向合格对象发放相应社保补贴，保障参保人的医疗待遇，促进社会和谐稳定发展。",
    _rows(
        [
            (
                "产出指标",
                [
                    ("数量指标", [("年均参保缴费人数", "≥64539人")]),
                    (
                        "质量指标",
                        [
                            ("补助合规率", "100%"),
                            ("应补尽补率", "100%"),
                            ("资料审核规范性", "规范"),
                            ("补助精准率", "100%"),
                        ],
                    ),
                    ("时效指标", [("资金按时到位率", "100%"), ("任务完成及时率", "100%")]),
                    ("成本指标", [("预算执行率", "≥90%")]),
                ],
            ),
            (
                "效益指标",
                [
                    ("经济效益指标", [("经济压力缓解程度", "良好")]),
                    (
                        "社会效益指标",
                        [
                            ("补贴对象生活改善程度", "有改善"),
                            ("保障工作有效性", "良好"),
                            ("政策知晓度", "≥85%"),
                            ("对巩固社会稳定的推动作用", "有效推动"),
                        ],
                    ),
                    (
                        "可持续影响指标",
                        [("政策可持续性", "良好"), ("社会保障体系健全性", "良好")],
                    ),
                ],
            ),
            (
                "满意度指标",
                [
                    (
                        _SAT[0],
                        [
                            ("调查参保人数", "≥200人"),
                            ("调查参保人员满意度", "≥90%"),
                            ("有效投诉处理率", "100%"),
                            ("投诉处理满意率", "≥90%"),
                        ],
                    )
                ],
            ),
        ]
    ),
)

P2 = Project(
    "综合业务类",
    "其他特定目标类（部门职能类）",
    Decimal("35.31"),
    "目标1：做好特大信访案件处理工作，进一步加强和改善行政应诉工作，保障参保人权益； "
    "目标2：通过养老保险、医疗保险和失业保险三个险种转移资料及参保登记相关告知书邮寄费、"
    "推动档案数字化建设以简化档案管理服务流程，保障工作顺利开展。",
    _rows(
        [
            (
                "产出指标",
                [
                    (
                        "数量指标",
                        [("特大信访案件一审宗数", "≥54宗"), ("特大信访案件二审宗数", "≥20宗")],
                    ),
                    (
                        "质量指标",
                        [
                            ("工作人员持证上岗率", "100%"),
                            ("信访案件办结率", "100%"),
                            ("安全事故发生次数", "0次"),
                        ],
                    ),
                    (
                        "时效指标",
                        [
                            ("工作完成及时率", "100%"),
                            ("采购合同备案及时率", "100%"),
                            ("支付及时率", "100%"),
                        ],
                    ),
                    (
                        "成本指标",
                        [
                            ("预算执行率", "≥90%"),
                            ("特大信访案件处理经费标准（律师服务费）", "符合收费标准"),
                        ],
                    ),
                ],
            ),
            (
                "效益指标",
                [
                    (
                        "社会效益指标",
                        [("特大信访案件减少率", ">0"), ("保障参保人的权益", "有效保障")],
                    ),
                    ("可持续影响指标", [("保障单位日常工作持续开展", "有力保障")]),
                ],
            ),
            (
                "满意度指标",
                [
                    (
                        _SAT[0],
                        [
                            ("调查服务对象人数", "≥100人"),
                            ("调查对象满意度", "≥90%"),
                            ("有效投诉处理率", "100%"),
                            ("投诉处理满意率", "≥90%"),
                        ],
                    )
                ],
            ),
        ]
    ),
)

P3 = Project(
    "工会经费",
    "其他运转类（综合类）",
    Decimal("15.47"),
    "组织职工参加各类文体、培训、慰问等活动，丰富职工的业余生活，更好地维护职工的合法权益，"
    "增加工会的凝聚力和向心力，营造积极向上的工作作风，更好地发挥职工的工作积极性。",
    _rows(
        [
            (
                "产出指标",
                [
                    ("数量指标", [("职工人数", "51人")]),
                    (
                        "质量指标",
                        [("资金拨付合规性", "合规"), ("工会支出合法合规性", "合法合规")],
                    ),
                    ("时效指标", [("活动开展及时性", "及时")]),
                    ("成本指标", [("预算执行率", "≥95%")]),
                ],
            ),
            (
                "效益指标",
                [
                    (
                        "社会效益指标",
                        [
                            ("职工生活改善程度", "职工文化体育生活更加丰富多彩"),
                            ("职工教育改善程度", "职工教育培训渠道更加多样"),
                        ],
                    ),
                    (
                        "可持续影响指标",
                        [
                            ("社会持续影响度", "维护职工合法权益，密切联系职工"),
                            ("维护职工可持续性", "无劳动争议或全部解决"),
                            ("职工福利改善度", "有效改善"),
                        ],
                    ),
                ],
            ),
            (
                "满意度指标",
                [
                    (
                        _SAT[0],
                        [
                            ("调查对象人数", "全体职工"),
                            ("调查对象满意度", "≥90%"),
                            ("有效投诉处理率", "100%"),
                            ("投诉处理满意率", "≥90%"),
                        ],
                    )
                ],
            ),
        ]
    ),
)

PROJECTS = (P1, P2, P3)
YEAR = 2024

Merge = tuple[int, int, int, int]  # 0-based first row, first col, last row, last col


def official_grid(project: Project, year: int = YEAR) -> tuple[list[list[str]], list[Merge]]:
    """The 6-column printed form (notes §1): rows of strings with merged ranges.

    Covered positions hold ``""``. Row 0 is the title 项目绩效目标表 merged A:F.
    """
    rows: list[list[str]] = []
    merges: list[Merge] = []

    def add(cells: list[str], *spans: tuple[int, int]) -> None:
        r = len(rows)
        rows.append(cells)
        for c0, c1 in spans:
            merges.append((r, c0, r, c1))

    add(["项目绩效目标表", "", "", "", "", ""], (0, 5))
    for label, value in (
        ("项目名称", project.name),
        ("项目类型", project.type),
        ("项目等级", "二级项目"),
        ("主管部门", DEPT),
        ("用款单位", DEPT),
    ):
        add([label, "", value, "", "", ""], (0, 1), (2, 5))
    add(["实施周期", "", "起始年度", f"{year}年", "到期年度", f"{year}年"], (0, 1))
    add([f"{year}年预算金额", "", f"{project.budget}万元", "", "", ""], (0, 1), (2, 5))
    goal_top = len(rows)
    for text in ("实施周期总目标", "---", f"{year}年度目标", project.annual_goal):
        add(["", "", text, "", "", ""], (2, 5))
    rows[goal_top][0] = "总体绩效目标"
    merges.append((goal_top, 0, goal_top + 3, 1))
    head = len(rows)
    add(["绩效指标", "一级指标", "二级指标", "三级指标", "实施周期指标值", "当年度指标值"])
    merges.append((head, 0, head + len(project.indicators), 0))
    first = len(rows)
    for i, (l1, l2, name, period, annual) in enumerate(project.indicators):
        prev = project.indicators[i - 1] if i else None
        rows.append(
            [
                "",
                "" if prev and prev[0] == l1 else l1,
                "" if prev and prev[:2] == (l1, l2) else l2,
                name,
                period,
                annual,
            ]
        )
    for col, key_len in ((1, 1), (2, 2)):
        start = 0
        inds = project.indicators
        for i in range(1, len(inds) + 1):
            if i == len(inds) or inds[i][:key_len] != inds[start][:key_len]:
                if i - start > 1:
                    merges.append((first + start, col, first + i - 1, col))
                start = i
    return rows, merges


def goal_tables(projects: tuple[Project, ...] = PROJECTS, year: int = YEAR) -> list[GoalTable]:
    """The projects as model tables (targets parsed by the project's grammar)."""
    tables = []
    for p in projects:
        header = Header(
            name=p.name,
            type=p.type,
            level="二级项目",
            department=DEPT,
            unit=DEPT,
            period=Period(year, year),
            budget=Budget(amount=Amount(p.budget, MoneyUnit.WAN)),
            annual_goal=p.annual_goal,
            year=year,
        )
        indicators = tuple(
            Indicator(l1, l2, name, parse_target(annual), parse_target(period))
            for l1, l2, name, period, annual in p.indicators
        )
        tables.append(GoalTable(TableKind.GOAL, header, indicators, title="项目绩效目标表"))
    return tables
