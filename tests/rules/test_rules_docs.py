"""docs/rules.md documents every rule (heading ``### CODE title``) and no rule that is gone."""

from __future__ import annotations

import re

from jixiao.rules import all_rules, preset_names
from jixiao.rules.config import _SECTION_KEYS
from testdata import REPO

DOC = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
HEADINGS = dict(re.findall(r"^### (R\d{3}) (.+)$", DOC, flags=re.MULTILINE))


def test_every_rule_is_documented_and_every_documented_code_exists() -> None:
    registered = {r.code for r in all_rules()}
    assert registered - set(HEADINGS) == set(), "undocumented rule codes"
    assert set(HEADINGS) - registered == set(), "documented codes that do not exist"


def test_documented_titles_match_the_registry() -> None:
    for rule in all_rules():
        assert HEADINGS[rule.code] == rule.title, rule.code


def test_each_rule_section_gives_severity_examples_and_source() -> None:
    sections = re.split(r"^### ", DOC, flags=re.MULTILINE)[1:]
    for section in sections:
        code = section.split()[0]
        if not code.startswith("R") or code == "R000":
            continue
        rule = next(r for r in all_rules() if r.code == code)
        assert f"Severity {rule.severity.value}" in section, code
        assert "Bad" in section or "Example" in section, code
        assert "Source:" in section, code


def test_presets_and_config_keys_are_documented() -> None:
    for name in preset_names():
        assert f"`{name}`" in DOC
    for section, keys in _SECTION_KEYS.items():
        assert f"[{section}" in DOC
        for key in keys:
            assert key in DOC, f"{section}.{key}"
