"""Docs stay in step with the code: every problem code is documented and every documented code
exists; every CLI command appears in the README."""

from __future__ import annotations

import importlib
import pkgutil
import re

import jixiao
from jixiao.core.problems import registered_codes
from testdata import REPO

# Modules that need optional runtime context (Django settings) to import.
_SKIP_PREFIXES = ("jixiao.web", "jixiao.storage", "jixiao.__main__")


def _import_everything() -> None:
    for module in pkgutil.walk_packages(jixiao.__path__, "jixiao."):
        if module.name.startswith(_SKIP_PREFIXES):
            continue
        try:
            importlib.import_module(module.name)
        except Exception as exc:  # a service that needs Django settings when none are set
            if type(exc).__name__ != "ImproperlyConfigured":
                raise


def _documented_codes() -> set[str]:
    text = (REPO / "docs" / "problems.md").read_text(encoding="utf-8")
    return set(re.findall(r"^### ([A-Z]+[0-9]+)\b", text, flags=re.MULTILINE))


def test_every_problem_code_is_documented_and_every_documented_code_exists() -> None:
    _import_everything()
    registered = set(registered_codes())
    documented = _documented_codes()
    assert registered - documented == set(), "undocumented problem codes"
    assert documented - registered == set(), "documented codes that do not exist"


def test_every_cli_command_is_in_the_readme() -> None:
    from jixiao.cli import _load_commands, app

    _load_commands()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    missing = [n for n in names if f"jixiao {n}" not in readme]
    assert not missing, f"commands missing from README.md: {missing}"
