"""Fixtures for the web tests: an organisation tree, personas and goal tables.

Personas (healthchecks style): ``owner`` edits unit A; ``colleague`` edits unit B under the same
主管部门 (must not see A's tables); ``outsider`` edits unit C under another department;
``reviewer`` reviews the department of A and B; ``finance`` reviews everything; ``auditor``
reads everything under the finance bureau.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from jixiao.core.model import Budget, Header, Indicator, Period, TableKind
from jixiao.core.model import GoalTable as CoreTable
from jixiao.core.money import Amount, MoneyUnit
from jixiao.services.goal_tables import create_table
from jixiao.services.targets import parse_target_text
from jixiao.storage.models import Membership, Organisation, Role

PASSWORD = "a-Long-test-passw0rd"


@pytest.fixture(autouse=True)
def _test_settings(settings: Any, tmp_path: Any) -> None:
    settings.UPLOAD_DIR = tmp_path / "uploads"
    # PBKDF2 with a million rounds per user would dominate the run time
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def core_table(name: str = "社会基本医疗保险", rows: int = 3, amount: str = "3650.68") -> CoreTable:
    """A small goal table written inline (the input sits in the test)."""
    indicators = [
        Indicator(
            "产出指标",
            "数量指标",
            "年均参保缴费人数",
            parse_target_text("≥64539人"),
            parse_target_text("---"),
            Decimal("10"),
        ),
        Indicator(
            "产出指标",
            "质量指标",
            "补助合规率",
            parse_target_text("100%"),
            parse_target_text("---"),
            Decimal("10"),
        ),
        Indicator(
            "满意度指标",
            "服务对象满意度指标",
            "调查参保人员满意度",
            parse_target_text("≥90%"),
            parse_target_text("---"),
            Decimal("10"),
        ),
        Indicator("效益指标", "社会效益指标", "保障工作有效性", parse_target_text("良好")),
    ][:rows]
    header = Header(
        name=name,
        type="其他事业发展性支出",
        level="二级项目",
        department="测试主管部门",
        unit="测试单位甲",
        period=Period(2024, 2024),
        budget=Budget(amount=Amount(Decimal(amount), MoneyUnit.WAN)),
        annual_goal="按文件规定及时、准确地发放社保补贴。",
        year=2024,
    )
    return CoreTable(kind=TableKind.GOAL, header=header, indicators=tuple(indicators))


@dataclass
class World:
    finance_org: Organisation
    dept: Organisation
    unit_a: Organisation
    unit_b: Organisation
    dept2: Organisation
    unit_c: Organisation
    users: dict[str, Any]

    def client(self, who: str) -> Client:
        client = Client()
        client.force_login(self.users[who])
        return client

    def table(self, org: Organisation | None = None, **kwargs: Any) -> Any:
        return create_table(self.users["owner"], org or self.unit_a, core_table(**kwargs), 2024)


def _user(username: str, org: Organisation | None, role: str | None) -> Any:
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    if org is not None and role is not None:
        Membership.objects.create(user=user, organisation=org, role=role)
    return user


@pytest.fixture
def world(db: Any) -> World:
    fin = Organisation.objects.create(name="测试财政局", kind=Organisation.Kind.FINANCE)
    dept = Organisation.objects.create(name="测试主管部门", kind="department", parent=fin)
    unit_a = Organisation.objects.create(name="测试单位甲", kind="unit", parent=dept)
    unit_b = Organisation.objects.create(name="测试单位乙", kind="unit", parent=dept)
    dept2 = Organisation.objects.create(name="另一主管部门", kind="department", parent=fin)
    unit_c = Organisation.objects.create(name="测试单位丙", kind="unit", parent=dept2)
    users = {
        "owner": _user("owner", unit_a, Role.EDITOR),
        "colleague": _user("colleague", unit_b, Role.EDITOR),
        "outsider": _user("outsider", unit_c, Role.EDITOR),
        "reviewer": _user("reviewer", dept, Role.REVIEWER),
        "reviewer2": _user("reviewer2", dept2, Role.REVIEWER),
        "finance": _user("finance", fin, Role.FINANCE),
        "auditor": _user("auditor", fin, Role.AUDITOR),
        "nobody": _user("nobody", None, None),
    }
    return World(fin, dept, unit_a, unit_b, dept2, unit_c, users)
