"""The pure layers import no web framework and no file-format library."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "jixiao"
PURE = ["core", "rules", "scoring", "reading"]
PURE_FILES = ["io/table.py"]
FORBIDDEN = {
    "django",
    "openpyxl",
    "docx",
    "pdfplumber",
    "pdfminer",
    "reportlab",
    "lxml",
    "typer",
    "rich",
    "psycopg",
    "jixiao.web",
    "jixiao.storage",
    "jixiao.io.readers",
    "jixiao.io.writers",
    "jixiao.services",
    "jixiao.cli",
}


def _pure_modules() -> list[Path]:
    files = [SRC / f for f in PURE_FILES]
    for folder in PURE:
        files.extend(sorted((SRC / folder).rglob("*.py")))
    return [f for f in files if f.exists()]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", _pure_modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_pure_layer_imports_no_io_or_web_library(path: Path) -> None:
    bad = {
        name
        for name in _imports(path)
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
    }
    assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


def test_the_check_sees_the_core() -> None:
    assert any(p.name == "model.py" for p in _pure_modules())
