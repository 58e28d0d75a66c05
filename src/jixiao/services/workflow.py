# mypy: disable-error-code="misc, no-any-return, untyped-decorator"
"""Goal-table use cases: create, edit, submit, review, approve, adjust, compare.

草稿 → 已提交 → 部门审核 (通过 / 退回, grade 优/良/中/差) → 财政审核 (批复 / 退回). An approved
version is frozen; 目标调整 starts a new version (required reason) through the same approval.
Every write runs in one transaction, checks the table's ``lock_version`` (optimistic
concurrency: a stale form gets :class:`ConflictError`, nothing is overwritten) and is recorded
in the audit log.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jixiao.core.model import GoalTable as CoreTable
from jixiao.core.money import normalize
from jixiao.core.target import NO_TARGET, Target, TargetKind
from jixiao.services import audit, permissions
from jixiao.storage import mapping
from jixiao.storage.models import (
    GoalTable,
    Grade,
    IndicatorRow,
    Organisation,
    ReviewComment,
    Status,
    TableVersion,
)


class WorkflowError(Exception):
    """An action that is not allowed now; the message is shown to the user."""


class ConflictError(WorkflowError):
    """Someone else changed the table since the form was opened."""


class NotAllowed(WorkflowError):
    """The user's role does not allow the action on this table."""


# --- targets ------------------------------------------------------------------------------------


def parse_target_text(raw: str) -> Target:
    """Parse a typed 指标值 with the core grammar (kept as text if the grammar is unavailable)."""
    text = (raw or "").strip()
    try:
        from jixiao.core.values import parse_target

        return parse_target(text)
    except NotImplementedError:
        if not text:
            return NO_TARGET
        return Target(raw=text, kind=TargetKind.QUALITATIVE, text=text)


def target_preview(raw: str) -> dict[str, Any]:
    """JSON for the edit form's live "parsed as" hint."""
    target = parse_target_text(raw)
    data: dict[str, Any] = target.as_dict()
    data["symbol"] = target.op.symbol if target.op else ""
    try:
        from jixiao.core.values import format_target

        data["canonical"] = format_target(target)
    except NotImplementedError:
        data["canonical"] = target.raw
    return data


# --- creating ---------------------------------------------------------------------------------


def _validate(instance: Any, exclude: Sequence[str]) -> None:
    """Field checks (lengths, digits) before saving, the same on SQLite and PostgreSQL."""
    instance.clean_fields(exclude=list(exclude))


def create_table(
    user: Any, organisation: Organisation, core: CoreTable, year: int, *, action: str = "create"
) -> GoalTable:
    """Store one core table as a new draft of ``organisation`` (caller holds the transaction)."""
    table = GoalTable.objects.create(organisation=organisation, year=year, status=Status.DRAFT)
    version = TableVersion(
        table=table, number=1, created_by=_user(user), **mapping.version_fields(core)
    )
    _validate(version, ["table", "created_by"])
    version.save()
    rows = mapping.indicator_rows(core, version)
    for row in rows:
        _validate(row, ["version"])
    IndicatorRow.objects.bulk_create(rows)
    store_findings(version)
    table.current_version = version
    table.save(update_fields=["current_version"])
    audit.record(user, action, table=table, after=audit.version_state(version))
    return table


def _user(user: Any) -> Any:
    return user if getattr(user, "pk", None) else None


# --- locking ------------------------------------------------------------------------------------


def _locked(table: GoalTable, expected: int | None) -> GoalTable:
    """Re-read the table FOR UPDATE and check the form's lock version."""
    fresh = (
        GoalTable.objects.select_for_update(of=("self",))
        .select_related("organisation", "current_version")
        .get(pk=table.pk)
    )
    if expected is not None and fresh.lock_version != expected:
        raise ConflictError(
            _(
                "This table was changed by someone else since you opened it. "
                "Nothing was saved; reload the page to see the current version."
            )
        )
    return fresh


def _bump(table: GoalTable, **changes: Any) -> None:
    for name, value in changes.items():
        setattr(table, name, value)
    table.lock_version += 1
    table.save(update_fields=[*changes, "lock_version", "updated_at"])


# --- editing ------------------------------------------------------------------------------------

HEADER_FIELDS = (
    "project_name",
    "project_code",
    "project_type",
    "project_level",
    "department_name",
    "unit_name",
    "period_start",
    "period_end",
    "budget_amount",
    "period_goal",
    "annual_goal",
)


@dataclass
class RowInput:
    """One indicator row as typed in the edit form (``id`` of an existing row, or None)."""

    name: str
    level1: str = ""
    level2: str = ""
    period_raw: str = ""
    annual_raw: str = ""
    weight: Decimal | None = None
    id: int | None = None


@dataclass
class EditInput:
    header: dict[str, Any] = field(default_factory=dict)
    rows: list[RowInput] = field(default_factory=list)


def save_edit(user: Any, table: GoalTable, expected_lock: int, data: EditInput) -> GoalTable:
    """Replace the header fields and indicator rows of the current (unfrozen) version."""
    with transaction.atomic():
        table = _locked(table, expected_lock)
        if not permissions.can_edit_table(user, table):
            raise NotAllowed(_("This table cannot be edited in its current state."))
        version = table.current_version
        assert version is not None
        if version.frozen:
            raise WorkflowError(_("An approved version is frozen; start an adjustment instead."))
        before = audit.version_state(version)
        for name in HEADER_FIELDS:
            if name in data.header:
                setattr(version, name, data.header[name])
        if "budget_amount" in data.header:
            version.budget_unit = "万元"  # the form edits in 万元
            version.budget_wan = version.budget_amount
        _validate(version, ["table", "created_by"])
        version.save()
        _replace_rows(version, data.rows)
        store_findings(version)
        _bump(table)
        audit.record(
            user,
            "edit",
            table=table,
            obj=version,
            before=before,
            after=audit.version_state(version),
        )
    return table


def _replace_rows(version: TableVersion, rows: Sequence[RowInput]) -> None:
    existing = {r.pk: r for r in version.rows.all()}
    keep: list[IndicatorRow] = []
    new: list[IndicatorRow] = []
    for position, given in enumerate(rows, start=1):
        row = existing.pop(given.id, None) if given.id else None
        if row is None:
            row = IndicatorRow(version=version)
        row.position = position
        row.name = given.name.strip()
        row.level1 = given.level1.strip()
        row.level2 = given.level2.strip()
        row.weight = given.weight
        for prefix, raw in (("annual", given.annual_raw), ("period", given.period_raw)):
            for column, value in mapping.target_columns(parse_target_text(raw), prefix).items():
                setattr(row, column, value)
        _validate(row, ["version"])
        (keep if row.pk else new).append(row)
    if existing:
        IndicatorRow.objects.filter(pk__in=list(existing)).delete()
    if keep:
        columns = [f.name for f in IndicatorRow._meta.concrete_fields if not f.primary_key]
        IndicatorRow.objects.bulk_update(keep, [c for c in columns if c != "version"])
    IndicatorRow.objects.bulk_create(new)


# --- transitions --------------------------------------------------------------------------------


def _transition(
    user: Any,
    table: GoalTable,
    expected_lock: int | None,
    allowed: Any,
    action: str,
    new_status: Status,
    **changes: Any,
) -> GoalTable:
    table = _locked(table, expected_lock)
    if not allowed(user, table):
        raise NotAllowed(_("This action is not available for this table now."))
    before = audit.table_state(table)
    _bump(table, status=new_status, **changes)
    audit.record(user, action, table=table, before=before, after=audit.table_state(table))
    return table


def submit(user: Any, table: GoalTable, expected_lock: int | None = None) -> GoalTable:
    """草稿/退回 → 已提交."""
    with transaction.atomic():
        version = _locked(table, expected_lock).current_version
        if version is None or not version.rows.exists():
            raise WorkflowError(_("A table without indicators cannot be submitted."))
        return _transition(
            user, table, expected_lock, permissions.can_submit_table, "submit", Status.SUBMITTED
        )


@dataclass
class ReviewInput:
    approve: bool
    comment: str = ""
    grade: str = ""
    row_comments: Mapping[int, str] = field(default_factory=dict)


def review(
    user: Any, table: GoalTable, data: ReviewInput, expected_lock: int | None = None
) -> GoalTable:
    """部门审核 or 财政审核, whichever the user's role and the table's status call for.

    A return needs a reason (an overall comment or one per indicator); a department
    decision needs a grade. Finance approval freezes the version (财政批复).
    """
    with transaction.atomic():
        fresh = _locked(table, expected_lock)
        if permissions.can_dept_review_table(user, fresh):
            stage = ReviewComment.Stage.DEPARTMENT
            allowed = permissions.can_dept_review_table
            new_status = Status.DEPT_APPROVED if data.approve else Status.RETURNED
        elif permissions.can_finance_review_table(user, fresh):
            stage = ReviewComment.Stage.FINANCE
            allowed = permissions.can_finance_review_table
            new_status = Status.APPROVED if data.approve else Status.RETURNED
        else:
            raise NotAllowed(_("This table is not waiting for your review."))
        _check_review(data, stage)
        version = fresh.current_version
        assert version is not None
        _save_comments(user, version, stage, data)
        changes: dict[str, Any] = {}
        if data.grade:
            changes["review_grade"] = data.grade
        if new_status == Status.APPROVED:
            version.frozen = True
            version.save(update_fields=["frozen"])
            changes["approved_version"] = version
        action = f"{stage}_{'approve' if data.approve else 'return'}"
        return _transition(user, fresh, None, allowed, action, new_status, **changes)


def _check_review(data: ReviewInput, stage: str) -> None:
    if data.grade and data.grade not in Grade.values():
        raise WorkflowError(_("Unknown review grade."))
    if stage == ReviewComment.Stage.DEPARTMENT and not data.grade:
        raise WorkflowError(_("Choose a review grade (优/良/中/差)."))
    has_comment = bool(data.comment.strip()) or any(t.strip() for t in data.row_comments.values())
    if not data.approve and not has_comment:
        raise WorkflowError(_("Say why the table is returned: add a comment."))


def _save_comments(user: Any, version: TableVersion, stage: str, data: ReviewInput) -> None:
    decision = "approve" if data.approve else "return"
    rows = {r.pk: r for r in version.rows.filter(pk__in=list(data.row_comments))}
    comments = [
        ReviewComment(
            version=version,
            indicator=rows[row_id],
            indicator_name=rows[row_id].name,
            author=_user(user),
            stage=stage,
            decision=decision,
            text=text.strip(),
        )
        for row_id, text in data.row_comments.items()
        if text.strip() and row_id in rows
    ]
    if data.comment.strip() or data.grade or not comments:
        comments.append(
            ReviewComment(
                version=version,
                author=_user(user),
                stage=stage,
                decision=decision,
                grade=data.grade,
                text=data.comment.strip(),
            )
        )
    ReviewComment.objects.bulk_create(comments)


def start_adjustment(
    user: Any, table: GoalTable, reason: str, expected_lock: int | None = None
) -> GoalTable:
    """目标调整: copy the approved version into a new draft version with a required reason."""
    if not reason.strip():
        raise WorkflowError(_("An adjustment needs a reason."))
    with transaction.atomic():
        fresh = _locked(table, expected_lock)
        if not permissions.can_adjust_table(user, fresh):
            raise NotAllowed(_("Only an approved table can be adjusted, by its unit's editor."))
        old = fresh.current_version
        assert old is not None
        rows = list(old.rows.all())
        new = TableVersion.objects.get(pk=old.pk)
        new.pk = None
        new.number = old.number + 1
        new.kind = TableVersion.Kind.ADJUST
        new.reason = reason.strip()
        new.frozen = False
        new.created_by = _user(user)
        new.save()
        for row in rows:
            row.pk = None
            row.version = new
        IndicatorRow.objects.bulk_create(rows)
        store_findings(new)
        before = audit.table_state(fresh)
        _bump(fresh, status=Status.DRAFT, current_version=new, review_grade="")
        audit.record(
            user,
            "adjust",
            table=fresh,
            obj=new,
            before=before,
            after={**audit.table_state(fresh), "reason": new.reason},
        )
        return fresh


# --- comparing ----------------------------------------------------------------------------------

COMPARED_HEADER = (*HEADER_FIELDS, "budget_unit")
COMPARED_ROW = ("level1", "level2", "name", "period_raw", "annual_raw", "weight")


@dataclass(frozen=True)
class FieldDiff:
    name: str
    left: Any
    right: Any

    @property
    def changed(self) -> bool:
        return self.left != self.right


@dataclass(frozen=True)
class RowDiff:
    """A pair of rows matched by (一级, 二级, 三级) label, or an added / removed row."""

    left: IndicatorRow | None
    right: IndicatorRow | None
    fields: tuple[FieldDiff, ...]

    @property
    def status(self) -> str:
        if self.left is None:
            return "added"
        if self.right is None:
            return "removed"
        return "changed" if any(f.changed for f in self.fields) else "same"


def compare(left: TableVersion, right: TableVersion) -> tuple[list[FieldDiff], list[RowDiff]]:
    """Field-by-field header diff and row-by-row indicator diff of two versions."""
    header = [FieldDiff(n, getattr(left, n), getattr(right, n)) for n in COMPARED_HEADER]
    lrows = list(left.rows.all())
    rrows = list(right.rows.all())

    def key(row: IndicatorRow) -> tuple[str, str, str]:
        return (row.level1, row.level2, row.name)

    unmatched = {id(r): r for r in rrows}
    by_key: dict[tuple[str, str, str], list[IndicatorRow]] = {}
    for r in rrows:
        by_key.setdefault(key(r), []).append(r)
    diffs: list[RowDiff] = []
    for lrow in lrows:
        candidates = by_key.get(key(lrow)) or []
        rrow = candidates.pop(0) if candidates else None
        if rrow is not None:
            unmatched.pop(id(rrow))
        diffs.append(_row_diff(lrow, rrow))
    diffs.extend(_row_diff(None, r) for r in rrows if id(r) in unmatched)
    return header, diffs


def _row_diff(left: IndicatorRow | None, right: IndicatorRow | None) -> RowDiff:
    fields = tuple(
        FieldDiff(n, getattr(left, n) if left else None, getattr(right, n) if right else None)
        for n in COMPARED_ROW
    )
    return RowDiff(left, right, fields)


# --- review findings (jixiao.services.review, when installed) -----------------------------------


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


def _rules_setting() -> str | None:
    from django.conf import settings

    return getattr(settings, "JIXIAO_RULES", None)


def _scheme_setting() -> str | None:
    from django.conf import settings

    return getattr(settings, "JIXIAO_SCHEME", None)


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
            [Document(version.source_name(), (core,))], resolve_config(_rules_setting())
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


# --- self-evaluation (单位自评) and monitoring (绩效运行监控) ------------------------------------

SELFEVAL, MONITOR = "selfeval", "monitor"
LIGHT_ORDER = ("red", "yellow", "green", "blue")  # most alarming first


@dataclass
class EntryInput:
    actual: str = ""
    level: str = ""
    reason: str = ""
    forecast: str = ""  # 全年预计完成值 (monitoring)
    likelihood: str = ""  # 完成目标可能性 (monitoring)


@dataclass
class EvaluationInput:
    entries: dict[int, EntryInput] = field(default_factory=dict)  # by IndicatorRow pk
    budget: Decimal | None = None  # 全年预算数 (万元)
    executed: Decimal | None = None  # 全年 / 累计执行数 (万元)
    budget_reason: str = ""


@dataclass
class RowScore:
    score: Decimal | None
    weight: Decimal | None
    explanation: str
    level: str
    light: str = ""  # monitoring: red / yellow / green / blue


@dataclass
class ScoreView:
    """The scoring core's result by row, to store or to show as the user types.

    Self-evaluation: scores, total and grade. Monitoring: a light per row and for the budget
    (``budget_light``; ``budget_score`` is then the execution progress in percent).
    """

    rows: dict[int, RowScore]
    budget_score: Decimal | None
    budget_weight: Decimal | None
    budget_rate: Decimal | None  # percent
    budget_explanation: str
    total: Decimal | None
    grade: str
    complete: bool
    problems: list[str]
    budget_light: str = ""

    def worst_light(self) -> str:
        """The most alarming light of the round (red, yellow, then green / blue), or ''."""
        lights = {r.light for r in self.rows.values()} | {self.budget_light}
        return next((light for light in LIGHT_ORDER if light in lights), "")

    def as_dict(self) -> dict[str, Any]:
        def dec(value: Decimal | None) -> str | None:
            return None if value is None else format(value, "f")

        return {
            "rows": {
                str(pk): {
                    "score": dec(r.score),
                    "weight": dec(r.weight),
                    "explanation": r.explanation,
                    "level": r.level,
                    "light": r.light,
                }
                for pk, r in self.rows.items()
            },
            "budget": {
                "score": dec(self.budget_score),
                "weight": dec(self.budget_weight),
                "rate": dec(self.budget_rate),
                "explanation": self.budget_explanation,
                "light": self.budget_light,
            },
            "total": dec(self.total),
            "grade": self.grade,
            "complete": self.complete,
            "problems": self.problems,
        }


def find_evaluation(table: GoalTable, kind: str = SELFEVAL, month: int = 0) -> Any:
    from jixiao.storage.models import Evaluation

    return (
        Evaluation.objects.filter(table=table, kind=kind, month=month)
        .select_related("version")
        .first()
    )


def evaluation_input_of(evaluation: Any) -> EvaluationInput:
    """The stored entries of an evaluation as form input."""
    return EvaluationInput(
        entries={
            e.row_id: EntryInput(e.actual_raw, e.level, e.reason, e.forecast_raw, e.likelihood)
            for e in evaluation.entries.all()
        },
        budget=evaluation.budget_wan,
        executed=evaluation.executed_wan,
        budget_reason=evaluation.budget_reason,
    )


def _inputs(rows: Sequence[IndicatorRow], data: EvaluationInput) -> Any:
    """The scoring core's ``TableInputs`` for the typed values."""
    from jixiao.core.money import Amount, MoneyUnit
    from jixiao.scoring.inputs import BudgetInput, IndicatorInput, TableInputs

    def target(text: str) -> Target | None:
        parsed = parse_target_text(text) if text.strip() else None
        return None if parsed is None or parsed.is_empty else parsed

    indicators: dict[int, IndicatorInput] = {}
    for index, row in enumerate(rows):
        entry = data.entries.get(row.pk)
        if entry is None or not (entry.actual.strip() or entry.level.strip()):
            continue
        indicators[index] = IndicatorInput(
            actual=target(entry.actual),
            level=entry.level.strip() or None,
            reason=entry.reason.strip() or None,
            forecast=target(entry.forecast),
            likelihood=entry.likelihood.strip() or None,
        )
    budget = BudgetInput(
        budget=Amount(data.budget, MoneyUnit.WAN) if data.budget is not None else None,
        executed=Amount(data.executed, MoneyUnit.WAN) if data.executed is not None else None,
        reason=data.budget_reason.strip() or None,
    )
    return TableInputs(indicators, budget)


def _evaluate(version: TableVersion, rows: Sequence[IndicatorRow], data: EvaluationInput) -> Any:
    """Self-evaluation scores (default scheme): a ``TableResult``."""
    from jixiao.scoring.schemes import load_scheme
    from jixiao.scoring.selfeval import evaluate_table

    core = mapping.to_core(version, rows)
    return evaluate_table(core, _inputs(rows, data), load_scheme(_scheme_setting()), 0)


def _monitor(
    version: TableVersion, rows: Sequence[IndicatorRow], data: EvaluationInput, month: int
) -> Any:
    """Monitoring lights as of ``month`` (default scheme): a ``MonitorResult``."""
    from jixiao.scoring.monitoring import monitor_table
    from jixiao.scoring.schemes import load_scheme

    core = mapping.to_core(version, rows)
    return monitor_table(core, _inputs(rows, data), month, load_scheme(_scheme_setting()), 0)


def compute_scores(
    version: TableVersion,
    rows: Sequence[IndicatorRow],
    data: EvaluationInput,
    kind: str = SELFEVAL,
    month: int = 0,
) -> ScoreView:
    """Score (or light) the entries with the scoring core; writes nothing."""
    if kind == MONITOR:
        return _light_view(rows, _monitor(version, rows, data, month))
    result = _evaluate(version, rows, data)
    view_rows = {
        row.pk: RowScore(
            score=r.score,
            weight=r.weight,
            explanation=r.explanation.short() if r.explanation else "",
            level=r.level.value if r.level else "",
        )
        for row, r in zip(rows, result.indicators, strict=True)
    }
    b = result.budget
    return ScoreView(
        rows=view_rows,
        budget_score=b.score,
        budget_weight=b.weight,
        budget_rate=None if b.rate is None else (b.rate * 100).quantize(Decimal("0.01")),
        budget_explanation=b.explanation.short() if b.explanation else "",
        total=result.total,
        grade=result.grade or "",
        complete=result.complete,
        problems=[p.message for p in result.problems if p.severity.value != "info"],
    )


def _light_view(rows: Sequence[IndicatorRow], result: Any) -> ScoreView:
    view_rows = {
        row.pk: RowScore(
            score=r.ratio,
            weight=None,
            explanation=r.explanation.short() if r.explanation else "",
            level="",
            light=r.light.value if r.light else "",
        )
        for row, r in zip(rows, result.indicators, strict=True)
    }
    b = result.budget
    complete = all(r.light for r in view_rows.values()) and b.light is not None
    return ScoreView(
        rows=view_rows,
        budget_score=b.progress,
        budget_weight=None,
        budget_rate=None if b.rate is None else (b.rate * 100).quantize(Decimal("0.01")),
        budget_explanation="",
        total=None,
        grade="",
        complete=bool(view_rows) and complete,
        problems=[p.message for p in result.problems if p.severity.value != "info"],
        budget_light=b.light.value if b.light else "",
    )


def _stale() -> ConflictError:
    return ConflictError(
        _(
            "This table was changed by someone else since you opened it. "
            "Nothing was saved; reload the page to see the current version."
        )
    )


def save_evaluation(
    user: Any,
    table: GoalTable,
    expected_lock: int | None,
    data: EvaluationInput,
    kind: str = SELFEVAL,
    month: int = 0,
) -> Any:
    """Store the entries and the computed scores (or lights) of one evaluation round."""
    from jixiao.storage.models import Evaluation, EvaluationEntry

    if kind == MONITOR and not 1 <= month <= 12:
        raise WorkflowError(_("Choose a month from 1 to 12."))
    with transaction.atomic():
        fresh = _locked(table, None)
        existing = find_evaluation(fresh, kind, month)
        if not permissions.can_evaluate_table(user, fresh, existing):
            raise NotAllowed(_("The self-evaluation cannot be changed now."))
        assert fresh.approved_version is not None
        evaluation, _created = Evaluation.objects.select_for_update().get_or_create(
            table=fresh, kind=kind, month=month, defaults={"version": fresh.approved_version}
        )
        if expected_lock is not None and evaluation.lock_version != expected_lock:
            raise _stale()
        before = _evaluation_state(evaluation)
        rows = list(evaluation.version.rows.all())
        view = compute_scores(evaluation.version, rows, data, kind, month)
        evaluation.budget_wan = data.budget
        evaluation.executed_wan = data.executed
        evaluation.budget_reason = data.budget_reason.strip()
        evaluation.total_score = view.total
        evaluation.grade = view.grade
        evaluation.light = view.worst_light()
        evaluation.complete = view.complete
        evaluation.explanations = view.as_dict()
        evaluation.lock_version += 1
        _validate(evaluation, ["table", "version"])
        evaluation.save()
        evaluation.entries.all().delete()
        entries = [_entry(evaluation, row, data, view) for row in rows]
        EvaluationEntry.objects.bulk_create(entries)
        audit.record(
            user,
            f"{'monitoring' if kind == MONITOR else 'evaluation'}_save",
            table=fresh,
            obj=evaluation,
            before=before,
            after=_evaluation_state(evaluation),
        )
        return evaluation


def _entry(evaluation: Any, row: IndicatorRow, data: EvaluationInput, view: ScoreView) -> Any:
    from jixiao.storage.models import EvaluationEntry

    given = data.entries.get(row.pk) or EntryInput()
    score = view.rows[row.pk]
    entry = EvaluationEntry(
        evaluation=evaluation,
        row=row,
        actual_raw=given.actual.strip(),
        level=given.level.strip(),
        reason=given.reason.strip(),
        forecast_raw=given.forecast.strip(),
        likelihood=given.likelihood.strip(),
        score=score.score,
        weight=score.weight,
        light=score.light,
        explanation=score.explanation[:500],
    )
    _validate(entry, ["evaluation", "row"])
    return entry


def _evaluation_state(evaluation: Any) -> dict[str, Any]:
    return {
        "kind": evaluation.kind,
        "month": evaluation.month,
        "status": evaluation.status,
        "total_score": None if evaluation.total_score is None else str(evaluation.total_score),
        "grade": evaluation.grade,
        "budget": None if evaluation.budget_wan is None else str(evaluation.budget_wan),
        "executed": None if evaluation.executed_wan is None else str(evaluation.executed_wan),
        "entries": {
            e.row.name: e.actual_raw
            for e in evaluation.entries.select_related("row")
            if e.actual_raw or e.level
        },
    }


def submit_evaluation(user: Any, table: GoalTable, kind: str = SELFEVAL, month: int = 0) -> Any:
    """An evaluation goes to review only when every indicator and the budget are done."""
    with transaction.atomic():
        fresh = _locked(table, None)
        evaluation = find_evaluation(fresh, kind, month)
        if evaluation is None or not permissions.can_evaluate_table(user, fresh, evaluation):
            raise NotAllowed(_("The self-evaluation cannot be submitted now."))
        if not evaluation.complete:
            raise WorkflowError(
                _("Enter every actual value and the budget execution before submitting.")
            )
        return _evaluation_status(user, fresh, evaluation, Status.SUBMITTED, "submit")


def review_evaluation(
    user: Any,
    table: GoalTable,
    approve: bool,
    comment: str = "",
    kind: str = SELFEVAL,
    month: int = 0,
) -> Any:
    """部门 / 财政 decision on a submitted evaluation round; a return needs a comment."""
    with transaction.atomic():
        fresh = _locked(table, None)
        evaluation = find_evaluation(fresh, kind, month)
        if evaluation is None or not permissions.can_review_evaluation(user, fresh, evaluation):
            raise NotAllowed(_("This self-evaluation is not waiting for your review."))
        if not approve and not comment.strip():
            raise WorkflowError(_("Say why the table is returned: add a comment."))
        if not approve:
            new, action = Status.RETURNED, "return"
        elif evaluation.status == Status.SUBMITTED:
            new, action = Status.DEPT_APPROVED, "department_approve"
        else:
            new, action = Status.APPROVED, "finance_approve"
        if comment.strip():
            stage = "department" if evaluation.status == Status.SUBMITTED else "finance"
            label = "自评" if kind == SELFEVAL else f"{month}月监控"
            ReviewComment.objects.create(
                version=evaluation.version,
                author=_user(user),
                stage=stage,
                decision="approve" if approve else "return",
                text=f"[{label}] {comment.strip()}",
            )
        return _evaluation_status(user, fresh, evaluation, new, action)


def _evaluation_status(
    user: Any, table: GoalTable, evaluation: Any, status: Status, verb: str
) -> Any:
    before = {"status": evaluation.status, "month": evaluation.month}
    evaluation.status = status
    evaluation.lock_version += 1
    evaluation.save(update_fields=["status", "lock_version", "updated_at"])
    prefix = "monitoring" if evaluation.kind == MONITOR else "evaluation"
    audit.record(
        user,
        f"{prefix}_{verb}",
        table=table,
        obj=evaluation,
        before=before,
        after={"status": status, "month": evaluation.month},
    )
    return evaluation


def filled_core_table(evaluation: Any) -> CoreTable:
    """The filled 自评表 (kind SELFEVAL) or 监控表 (kind MONITOR), for the exporters."""
    from jixiao.services.evaluation import monitor_goal_table, selfeval_table

    rows = list(evaluation.version.rows.all())
    data = evaluation_input_of(evaluation)
    if evaluation.kind == MONITOR:
        return monitor_goal_table(_monitor(evaluation.version, rows, data, evaluation.month))
    return selfeval_table(_evaluate(evaluation.version, rows, data))


def evaluation_template(version: TableVersion) -> bytes:
    """The fill-in actuals workbook (``jixiao template``) of one version."""
    from jixiao.io.actuals import write_template

    return write_template([mapping.to_core(version)])


def evaluation_input_from_file(
    version: TableVersion,
    rows: Sequence[IndicatorRow],
    data: bytes,
    name: str,
    base: EvaluationInput,
) -> tuple[EvaluationInput, list[Any]]:
    """Values of an uploaded actuals sheet (xlsx / csv) over ``base``; with every problem."""
    from jixiao.io.actuals import read_actuals_bytes
    from jixiao.scoring.matching import match_actuals

    sheet = read_actuals_bytes(data, name)
    matched = match_actuals([mapping.to_core(version, rows)], sheet)
    inputs = matched.inputs[0]
    entries = dict(base.entries)
    for index, given in inputs.indicators.items():
        row = rows[index]
        old = entries.get(row.pk) or EntryInput()
        entries[row.pk] = EntryInput(
            actual=given.actual.raw if given.actual is not None else old.actual,
            level=given.level or old.level,
            reason=given.reason or old.reason,
            forecast=given.forecast.raw if given.forecast is not None else old.forecast,
            likelihood=given.likelihood or old.likelihood,
        )
    budget, executed, reason = base.budget, base.executed, base.budget_reason
    if inputs.budget is not None:
        if inputs.budget.budget is not None:
            budget = inputs.budget.budget.in_wan()
        if inputs.budget.executed is not None:
            executed = inputs.budget.executed.in_wan()
        reason = inputs.budget.reason or reason
    return EvaluationInput(entries, budget, executed, reason), list(matched.problems)
