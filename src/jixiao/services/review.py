"""Use case: review (审核) goal tables from files or documents with a rule configuration.

Shared by ``jixiao check`` and the web app. Never raises on bad input files (parse problems
are carried along); a bad configuration raises :class:`~jixiao.rules.ConfigError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jixiao.core.model import Document
from jixiao.core.problems import Problem, Severity
from jixiao.rules import Config, ConfigError, Review, TableRef, load_config, review
from jixiao.rules.engine import TableReview, unknown_selectors

SCHEMA_VERSION = "1"


@dataclass(frozen=True, slots=True)
class CheckResult:
    documents: tuple[Document, ...]
    review: Review

    @property
    def problems(self) -> list[Problem]:
        return [p for d in self.documents for p in d.problems]

    @property
    def has_errors(self) -> bool:
        parse_errors = any(p.severity is Severity.ERROR for p in self.problems)
        return parse_errors or self.review.has_errors


def resolve_config(
    rules: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> Config:
    """The preset or file ``rules`` with command-line selection applied; checks selectors."""
    config = load_config(rules).with_selection(select, ignore)
    unknown = unknown_selectors(config)
    if unknown:
        raise ConfigError(f"unknown rule code or prefix: {', '.join(unknown)}")
    return config


def table_refs(documents: Sequence[Document]) -> list[TableRef]:
    return [TableRef(d.source, i, t) for d in documents for i, t in enumerate(d.tables)]


def check_documents(documents: Sequence[Document], config: Config) -> CheckResult:
    """Review all tables of ``documents`` together (department rules see all of them)."""
    return CheckResult(tuple(documents), review(table_refs(documents), config))


def check_paths(paths: Iterable[Path], config: Config) -> CheckResult:
    from jixiao.services.parsing import parse_paths

    return check_documents(parse_paths(paths), config)


def table_review_dict(item: TableReview) -> dict[str, Any]:
    g = item.grade
    return {
        "document": item.ref.document,
        "table": item.ref.index,
        "name": item.ref.name,
        "kind": item.ref.table.kind.value,
        "complete": item.ref.table.complete,
        "grade": g.level,
        "score": format(g.score, "f"),
        "consequence": g.consequence,
        "deductions": {code: format(d, "f") for code, d in g.deductions},
        "counts": item.counts(),
    }


def result_dict(result: CheckResult) -> dict[str, Any]:
    """The ``jixiao check --json`` shape (docs/rules.md, "JSON output")."""
    config = result.review.config
    return {
        "schema_version": SCHEMA_VERSION,
        "rules": {"name": config.name, "chain": list(config.chain)},
        "documents": [
            {
                "source": d.source,
                "tables": len(d.tables),
                "problems": [p.as_dict() for p in d.problems],
            }
            for d in result.documents
        ],
        "tables": [table_review_dict(t) for t in result.review.tables],
        "findings": [f.as_dict() for f in result.review.findings],
    }
