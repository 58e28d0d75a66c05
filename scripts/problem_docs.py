"""Regenerate docs/problems.md from the registered problem codes.

    .venv/bin/python scripts/problem_docs.py > docs/problems.md

tests/test_docs.py fails when a registered code is missing from docs/problems.md or a
documented code does not exist, so run this after adding a code (and then add a sentence on
when it fires and what to do, if the title alone does not say it).
"""

from __future__ import annotations

import importlib
import pkgutil

import jixiao
from jixiao.core.problems import registered_codes

FAMILIES = [
    (
        "F",
        "Files",
        "Opening a file and recognising its format (`services/parsing.py`, "
        "`io/readers/`). See [formats.md](formats.md).",
    ),
    (
        "T",
        "Text, web pages and CSV",
        "Decoding and splitting text inputs (`io/readers/text*.py`, "
        "`html.py`). See [formats-text.md](formats-text.md).",
    ),
    (
        "O",
        "Office documents",
        "Reading xlsx/docx/pdf (`io/readers/`). See [formats.md](formats.md).",
    ),
    (
        "B",
        "Building goal tables",
        "Finding tables, headers and indicator rows in the cells, and "
        "every repair made on the way (`reading/`). See [reading.md](reading.md).",
    ),
    (
        "S",
        "Scoring and monitoring",
        "Self-evaluation scores, budget execution, recheck and "
        "monitoring (`scoring/`). See [scoring.md](scoring.md).",
    ),
    (
        "A",
        "Actuals files",
        "The fill-in sheet of actual values (`io/actuals.py`). See "
        "[scoring.md](scoring.md#the-actuals-file).",
    ),
    ("W", "Web system", "Imports and workflow in the web app. See [web.md](web.md)."),
]


def import_everything() -> None:
    for module in pkgutil.walk_packages(jixiao.__path__, "jixiao."):
        if module.name.startswith(("jixiao.web", "jixiao.storage", "jixiao.__main__")):
            continue
        try:
            importlib.import_module(module.name)
        except Exception as exc:  # modules needing Django settings are skipped here
            if type(exc).__name__ != "ImproperlyConfigured":
                raise


def render() -> str:
    import_everything()
    codes = registered_codes()
    lines = [
        "# Problem codes",
        "",
        "Every finding of the readers, the builder and the evaluation is a record with a stable",
        "code, a severity (`error`, `warning`, `info`), a message, the source location (file,",
        "sheet or page, line or row, column) and the raw text involved. The CLI prints them as",
        "`file:line: CODE severity: message`; `--json` gives them whole. A problem of severity",
        "`error` makes the command exit with status 1. Review findings of `jixiao check` have",
        "their own catalogue in [rules.md](rules.md).",
        "",
    ]
    for prefix, title, intro in FAMILIES:
        family = sorted(c for c in codes if c.startswith(prefix))
        if not family:
            continue
        lines += [f"## {prefix}: {title}", "", intro, ""]
        for code in family:
            entry = codes[code]
            lines += [f"### {code} {entry.title}", "", f"Severity: `{entry.severity.value}`.", ""]
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(render(), end="")
