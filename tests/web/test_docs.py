"""Every setting read from the environment and every URL area is documented."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SETTINGS = REPO / "src" / "jixiao" / "web" / "settings.py"
OPERATIONS = REPO / "docs" / "operations.md"
WEB = REPO / "docs" / "web.md"


def test_every_environment_variable_is_documented() -> None:
    names = set(re.findall(r"\b(JIXIAO_[A-Z_]+|DATABASE_URL)\b", SETTINGS.read_text()))
    assert "JIXIAO_DATA_DIR" in names
    documented = OPERATIONS.read_text(encoding="utf-8")
    assert sorted(n for n in names if f"`{n}`" not in documented) == []


def test_demo_accounts_are_documented() -> None:
    from jixiao.services.demo import ACCOUNTS, DEMO_PASSWORD

    text = WEB.read_text(encoding="utf-8")
    assert DEMO_PASSWORD in text
    assert [a.username for a in ACCOUNTS if f"`{a.username}`" not in text] == []
