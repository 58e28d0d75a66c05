"""scripts/mutation.py (issue 24): every mutation it lists applies, changes the code at the
line it names, and still compiles; annotations and docstrings are never mutated."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]

SOURCE = '''
"""A docstring with 1 number."""
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    LIMIT: int = 3


def met(a: int, t: int = 5) -> bool:
    if a < 0 and t >= 1:
        return False
    return not a == t or a * 2 > t + 1
'''


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutation", ROOT / "scripts" / "mutation.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["mutation"] = module
    spec.loader.exec_module(module)
    return module


def test_every_listed_mutation_applies_at_its_line_and_compiles() -> None:
    mutation = _script()
    sites = mutation.sites(ast.parse(SOURCE))
    kinds = sorted({s.kind for s in sites})
    assert kinds == [
        "binop", "bool", "boolop", "compare0", "negate", "not", "number", "return",
    ]  # fmt: skip
    original = ast.unparse(ast.parse(SOURCE))
    seen = set()
    for site in sites:
        code = mutation.mutated(SOURCE, site)
        compile(code, "<mutant>", "exec")
        assert code != original
        seen.add(code)
    assert len(seen) == len(sites)  # no two mutations give the same code


def test_annotations_docstrings_and_type_checking_blocks_are_left_alone() -> None:
    mutation = _script()
    lines = {s.line for s in mutation.sites(ast.parse(SOURCE))}
    assert lines <= {9, 10, 11, 12}  # met() and its default: not the docstring or the hints
    numbers = [s for s in mutation.sites(ast.parse(SOURCE)) if s.kind == "number"]
    assert [(s.line, s.what) for s in numbers] == [
        (9, "5 + 1"), (10, "0 + 1"), (10, "1 + 1"), (12, "2 + 1"), (12, "1 + 1"),
    ]  # fmt: skip


def test_decorator_arguments_are_not_mutated() -> None:
    mutation = _script()
    source = (
        "from dataclasses import dataclass\n\n@dataclass(frozen=True)\nclass A:\n    x: int = 1\n"
    )
    assert [(s.line, s.kind) for s in mutation.sites(ast.parse(source))] == [(5, "number")]
