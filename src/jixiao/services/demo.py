"""Demo data for ``jixiao serve --demo``: organisations, accounts and example tables.

Idempotent: running it twice changes nothing. The accounts exist only because this loader
creates them; a normal start creates no user at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from jixiao.core.model import Budget, Header, Indicator, Period, TableKind
from jixiao.core.model import GoalTable as CoreTable
from jixiao.core.money import Amount, MoneyUnit
from jixiao.services.goal_tables import create_table
from jixiao.services.targets import parse_target_text
from jixiao.storage.models import GoalTable, Membership, Organisation, Role

DEMO_PASSWORD = "jixiao-demo"
FINANCE = "东莞市长安镇财政分局（演示）"
DEPARTMENT = "东莞市长安镇社会事务局（演示）"
UNIT = "东莞市长安社会保险基金管理中心"
UNIT2 = "东莞市长安镇文化服务中心（演示）"
EXAMPLE = "dongguan-changan-2024-goal-tables.txt"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    organisation: str
    description: str


ACCOUNTS = (
    DemoAccount("unit", Role.EDITOR, UNIT, "长安社会保险基金管理中心 填报"),
    DemoAccount("unit2", Role.EDITOR, UNIT2, "第二演示单位 填报"),
    DemoAccount("dept", Role.REVIEWER, DEPARTMENT, "主管部门 部门审核"),
    DemoAccount("finance", Role.FINANCE, FINANCE, "财政局 财政审核"),
    DemoAccount("admin", Role.ADMIN, FINANCE, "管理员"),
)


def example_path() -> Path:
    """The example file shipped in the repository's ``examples/``."""
    return Path(__file__).resolve().parents[3] / "examples" / EXAMPLE


class DemoRefused(Exception):
    """The database holds real accounts: the demo would add accounts with a public password."""


def real_accounts() -> list[str]:
    """Accounts that are not the demo's own (another name, or a demo name whose password is
    not the demo password)."""
    demo_names = {a.username for a in ACCOUNTS}
    real = []
    for user in get_user_model().objects.all():
        if user.username not in demo_names or not user.check_password(DEMO_PASSWORD):
            real.append(user.username)
    return real


def load_demo(example: Path | None = None) -> dict[str, int]:
    """Create (once) the demo tree, accounts and tables; return counts of what exists.

    Refused (:class:`DemoRefused`) on a database with real accounts: the demo accounts,
    an administrator among them, share a password printed in the README.
    """
    real = real_accounts()
    if real:
        shown = ", ".join(real[:5]) + (" …" if len(real) > 5 else "")
        raise DemoRefused(
            f"this database already has real accounts ({shown}); the demo would add accounts "
            "whose password is public, an administrator among them. Start the demo on an empty "
            "data folder (JIXIAO_DATA_DIR) or database (DATABASE_URL)."
        )
    with transaction.atomic():
        orgs = _organisations()
        users = _accounts(orgs)
        if not GoalTable.objects.filter(organisation=orgs[UNIT]).exists():
            _load_example(users["unit"], orgs[UNIT], example or example_path())
        if not GoalTable.objects.filter(organisation=orgs[UNIT2]).exists():
            created = [
                create_table(users["unit2"], orgs[UNIT2], table, 2024, action="demo")
                for table in second_unit_tables()
            ]
            _approve_with_rounds(users, created[-1])
    return {
        "organisations": len(orgs),
        "users": len(users),
        "tables": GoalTable.objects.filter(organisation__in=orgs.values()).count(),
    }


def _approve_with_rounds(users: dict[str, object], table: GoalTable) -> None:
    """Take one demo table through approval, a June monitoring round and a self-evaluation,
    so every page of the workflow has something to show."""
    from jixiao.services import workflow
    from jixiao.services.evaluation_rounds import save_evaluation
    from jixiao.services.evaluation_scores import MONITOR, EntryInput, EvaluationInput
    from jixiao.services.funding import FundingInput

    workflow.submit(users["unit2"], table)
    workflow.review(users["dept"], table, workflow.ReviewInput(approve=True, grade="良"))
    workflow.review(users["finance"], table, workflow.ReviewInput(approve=True))
    rows = list(GoalTable.objects.get(pk=table.pk).approved_version.rows.all())
    june = dict(zip(rows, ("4100册", "99%", "21000次", ""), strict=True))
    actual = dict(zip(rows, ("8350册", "98.6%", "52600次", "93%"), strict=True))
    save_evaluation(
        users["unit2"],
        table,
        None,
        EvaluationInput(
            {r.pk: EntryInput(actual=v) for r, v in june.items() if v},
            Decimal("42.8"),
            Decimal("18.2"),
        ),
        MONITOR,
        6,
    )
    save_evaluation(
        users["unit2"],
        table,
        None,
        EvaluationInput(
            {r.pk: EntryInput(actual=v) for r, v in actual.items()},
            Decimal("42.8"),
            Decimal("41.06"),
            funding={
                "财政拨款": FundingInput(Decimal("38.8"), Decimal("37.1")),
                "上年结转": FundingInput(Decimal("4"), Decimal("3.96")),
            },
        ),
    )


def _organisations() -> dict[str, Organisation]:
    finance, _ = Organisation.objects.get_or_create(
        name=FINANCE, parent=None, defaults={"kind": Organisation.Kind.FINANCE}
    )
    dept, _ = Organisation.objects.get_or_create(
        name=DEPARTMENT, parent=finance, defaults={"kind": Organisation.Kind.DEPARTMENT}
    )
    unit, _ = Organisation.objects.get_or_create(
        name=UNIT, parent=dept, defaults={"kind": Organisation.Kind.UNIT}
    )
    unit2, _ = Organisation.objects.get_or_create(
        name=UNIT2, parent=dept, defaults={"kind": Organisation.Kind.UNIT}
    )
    return {FINANCE: finance, DEPARTMENT: dept, UNIT: unit, UNIT2: unit2}


def _accounts(orgs: dict[str, Organisation]) -> dict[str, object]:
    User = get_user_model()
    users: dict[str, object] = {}
    for account in ACCOUNTS:
        user, created = User.objects.get_or_create(username=account.username)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = user.is_superuser = account.role == Role.ADMIN
            user.save()
        Membership.objects.get_or_create(
            user=user, organisation=orgs[account.organisation], role=account.role
        )
        users[account.username] = user
    return users


def _load_example(user: object, unit: Organisation, path: Path) -> None:
    from jixiao.services.parsing import parse_file

    document = parse_file(path)
    for table in document.tables:
        year = table.header.year or table.header.period.start or 2024
        create_table(user, unit, table, year, action="demo")


def _indicator(level1: str, level2: str, name: str, annual: str, weight: str) -> Indicator:
    return Indicator(
        level1=level1,
        level2=level2,
        name=name,
        annual_target=parse_target_text(annual),
        period_target=parse_target_text("---"),
        weight=Decimal(weight),
    )


def _table(name: str, amount: str, goal: str, rows: list[Indicator]) -> CoreTable:
    header = Header(
        name=name,
        type="其他事业发展性支出",
        level="二级项目",
        department=DEPARTMENT,
        unit=UNIT2,
        period=Period(2024, 2024),
        budget=Budget(amount=Amount(Decimal(amount), MoneyUnit.WAN)),
        period_goal=None,
        annual_goal=goal,
        year=2024,
    )
    return CoreTable(kind=TableKind.GOAL, header=header, indicators=tuple(rows))


def second_unit_tables() -> list[CoreTable]:
    """Two small goal tables of the second demo unit (made up for the demo)."""
    return [
        _table(
            "公共文化服务活动经费",
            "86.5",
            "全年举办公益文化活动不少于120场，提升群众文化生活满意度。",
            [
                _indicator("产出指标", "数量指标", "举办公益文化活动场次", "≥120场", "25"),
                _indicator("产出指标", "质量指标", "活动安全事故发生次数", "0次", "10"),
                _indicator("产出指标", "时效指标", "活动按计划完成率", "100%", "10"),
                _indicator("成本指标", "经济成本指标", "单场活动平均成本", "≤0.72万元", "10"),
                _indicator("效益指标", "社会效益指标", "群众文化参与人次", "≥30000人次", "25"),
                _indicator("满意度指标", "服务对象满意度指标", "参与群众满意度", "≥90%", "10"),
            ],
        ),
        _table(
            "图书馆数字化建设",
            "42.8",
            "完成馆藏图书数字化加工，提升图书馆数字服务能力。",
            [
                _indicator("产出指标", "数量指标", "数字化加工图书册数", "≥8000册", "30"),
                _indicator("产出指标", "质量指标", "数字化加工合格率", "≥98%", "20"),
                _indicator("效益指标", "社会效益指标", "数字资源访问量", "≥50000次", "25"),
                _indicator("满意度指标", "服务对象满意度指标", "读者满意度", "≥90%", "15"),
            ],
        ),
    ]
