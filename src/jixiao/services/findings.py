"""Review-rule findings (审核意见 of the rules) of a version: stored on save, shown per row.

The rules run once when a version is written (import, edit, adjustment) and their findings
are stored, so pages read them instead of running the rules per request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from jixiao.core.money import normalize
from jixiao.services.guards import rules_setting
from jixiao.storage import mapping
from jixiao.storage.models import IndicatorRow, TableVersion


@dataclass(frozen=True)
class FindingView:
    """A review-rule finding ready to show: code, severity, message in the page's language."""

    code: str
    severity: str
    title: str
    message: str
    indicator: str | None


@dataclass
class Findings:
    """Review-rule findings of a version: per indicator row, and for the table as a whole."""

    available: bool = False
    table: list[FindingView] = field(default_factory=list)
    by_row: dict[int, list[FindingView]] = field(default_factory=dict)
    grade: str = ""  # the grade the rules suggest (优/良/中/差)
    score: str = ""
    consequence: str = ""

    @property
    def count(self) -> int:
        return len(self.table) + sum(len(v) for v in self.by_row.values())


def _run_rules(version: TableVersion, rows: Sequence[IndicatorRow]) -> Any:
    """(grade, findings) of the review rules (default preset) on a version, or None."""
    try:
        from jixiao.core.model import Document
        from jixiao.services.review import check_documents, resolve_config
    except ImportError:
        return None
    try:
        core = mapping.to_core(version, rows)
        result = check_documents(
            [Document(version.source_name(), (core,))], resolve_config(rules_setting())
        )
    except Exception:  # a rule bug must not stop a save or break a page
        return None
    grade = result.review.tables[0].grade if result.review.tables else None
    return grade, list(result.review.findings)


def store_findings(version: TableVersion, rows: Sequence[IndicatorRow] | None = None) -> None:
    """Run the review rules on a version that was just written and keep their findings."""
    from jixiao.storage.models import ReviewFinding

    rows = list(version.rows.all()) if rows is None else rows
    ReviewFinding.objects.filter(version=version).delete()
    ran = _run_rules(version, rows)
    grade, findings = ran if ran is not None else (None, [])
    by_name: dict[str, IndicatorRow] = {}
    for row in rows:
        by_name.setdefault(row.name, row)
    ReviewFinding.objects.bulk_create(
        ReviewFinding(
            version=version,
            row=by_name.get(f.indicator or ""),
            code=f.code[:10],
            severity=f.severity.value,
            title=f.title[:200],
            message_zh=f.message_zh,
            message_en=f.message_en,
            indicator_name=(f.indicator or "")[:300],
        )
        for f in findings
    )
    version.rule_grade = grade.level if grade is not None else ""
    version.rule_score = grade.score if grade is not None else None
    version.save(update_fields=["rule_grade", "rule_score"])


def _consequence(grade: str, lang: str) -> str:
    try:
        from jixiao.rules.grade import CONSEQUENCES
    except ImportError:
        return ""
    zh, en = CONSEQUENCES.get(grade, ("", ""))
    return en if lang == "en" else zh


def findings_for(
    version: TableVersion, rows: Sequence[IndicatorRow], language: str = "zh"
) -> Findings:
    """The review findings of a version: stored ones, or (older data) computed now.

    Without the review service the page shows no findings rather than an error: the rules
    are advice for the reviewer, the workflow does not depend on them.
    """
    lang = "en" if language.startswith("en") else "zh"
    out = Findings()
    if version.rule_grade:
        stored = list(version.findings.all())
        views = [
            (
                f.row_id,
                FindingView(
                    f.code,
                    f.severity,
                    f.title,
                    f.message_en if lang == "en" and f.message_en else f.message_zh,
                    f.indicator_name or None,
                ),
            )
            for f in stored
        ]
        out.available = True
        out.grade = version.rule_grade
        score = version.rule_score
        out.score = format(normalize(score), "f") if score is not None else ""
    else:
        ran = _run_rules(version, rows)
        if ran is None:
            return out
        grade, findings = ran
        by_name: dict[str, int] = {}
        for row in rows:
            by_name.setdefault(row.name, row.pk)
        views = [
            (
                by_name.get(f.indicator or ""),
                FindingView(f.code, f.severity.value, f.title, f.message(lang), f.indicator),
            )
            for f in findings
        ]
        out.available = grade is not None
        out.grade = grade.level if grade is not None else ""
        out.score = format(grade.score, "f") if grade is not None else ""
    out.consequence = _consequence(out.grade, lang)
    for row_id, view in views:
        if row_id is not None:
            out.by_row.setdefault(row_id, []).append(view)
        else:
            out.table.append(view)
    return out
