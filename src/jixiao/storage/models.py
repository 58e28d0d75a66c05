# mypy: disable-error-code="misc, no-any-return, untyped-decorator"
"""Slim ORM models. Verbs live in ``jixiao.services``; querysets in :mod:`.queries`;
conversion to and from the core records in :mod:`.mapping` (the only place that does it)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 20, "decimal_places": 6}  # 万元 with room for exact 元 conversions
NUMBER = {"max_digits": 24, "decimal_places": 8}  # target values, weights, scores


class Labelled(StrEnum):
    """A typed string enum whose members carry a translated label (Django choices)."""

    @classmethod
    def labels(cls) -> dict[str, Any]:
        raise NotImplementedError

    @property
    def label(self) -> Any:
        return self.labels()[self.value]

    @classmethod
    def choices(cls) -> list[tuple[str, Any]]:
        return [(m.value, m.label) for m in cls]

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]


class Organisation(models.Model):
    """A node of the tree 财政局 → 主管部门 → 用款/实施单位."""

    class Kind(Labelled):
        FINANCE = "finance"
        DEPARTMENT = "department"
        UNIT = "unit"

        @classmethod
        def labels(cls) -> dict[str, Any]:
            return {
                "finance": _("Finance bureau"),
                "department": _("Department"),
                "unit": _("Budget unit"),
            }

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices())
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Materialised path "/1/4/9/": a subtree is one indexed prefix query.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")

    class Meta:
        ordering = ("path",)
        constraints = (
            models.UniqueConstraint(fields=["parent", "name"], name="org_unique_name_in_parent"),
        )

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        old = self.path
        super().save(*args, **kwargs)
        prefix = self.parent.path if self.parent_id else "/"
        path = f"{prefix}{self.pk}/"
        if path == old:
            return
        if old and path.startswith(old):
            raise ValueError("an organisation cannot be moved under itself")
        self.path = path
        Organisation.objects.filter(pk=self.pk).update(path=path)
        if old:  # moved: the whole subtree follows
            for child in Organisation.objects.filter(path__startswith=old).exclude(pk=self.pk):
                Organisation.objects.filter(pk=child.pk).update(path=path + child.path[len(old) :])


class Role(Labelled):
    EDITOR = "editor"  # 填报
    REVIEWER = "reviewer"  # 部门审核
    FINANCE = "finance"  # 财政审核
    ADMIN = "admin"  # 管理员
    AUDITOR = "auditor"  # 只读

    @classmethod
    def labels(cls) -> dict[str, Any]:
        return {
            "editor": _("Editor"),
            "reviewer": _("Department reviewer"),
            "finance": _("Finance reviewer"),
            "admin": _("Administrator"),
            "auditor": _("Auditor (read only)"),
        }


class Membership(models.Model):
    """A user's role on an organisation; the role covers the organisation's subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices())

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique"
            ),
        )

    def __str__(self) -> str:
        return f"{self.user} {self.role} @ {self.organisation}"


class Status(Labelled):
    DRAFT = "draft"  # 草稿
    SUBMITTED = "submitted"  # 已提交
    DEPT_APPROVED = "dept_approved"  # 部门审核通过
    APPROVED = "approved"  # 财政批复
    RETURNED = "returned"  # 退回

    @classmethod
    def labels(cls) -> dict[str, Any]:
        return {
            "draft": _("Draft"),
            "submitted": _("Submitted"),
            "dept_approved": _("Approved by department"),
            "approved": _("Approved by finance"),
            "returned": _("Returned"),
        }


class Grade(Labelled):
    """Review result grades with fixed consequences (domain §4)."""

    EXCELLENT = "优"
    GOOD = "良"
    FAIR = "中"
    POOR = "差"

    @classmethod
    def labels(cls) -> dict[str, Any]:
        return {
            "优": _("Excellent (优)"),
            "良": _("Good (良)"),
            "中": _("Fair (中)"),
            "差": _("Poor (差)"),
        }


class GoalTable(models.Model):
    """A unit's 项目绩效目标表 for one year, through all its versions."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="tables")
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices(),
        default=Status.DRAFT.value,
        db_index=True,
    )
    review_grade = models.CharField(
        _("review grade"), max_length=2, choices=Grade.choices(), blank=True
    )
    current_version = models.ForeignKey(
        "TableVersion", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_version = models.ForeignKey(
        "TableVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Optimistic concurrency: every write checks and bumps it; a stale form is refused.
    lock_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-year", "organisation_id", "id")
        indexes = (models.Index(fields=["organisation", "year"]),)

    def __str__(self) -> str:
        version = self.current_version
        return version.project_name if version else f"#{self.pk}"


class TableVersion(models.Model):
    """One version of a goal table: the header fields and (via ``rows``) the indicators."""

    class Kind(Labelled):
        COMPILE = "compile"  # 编制
        ADJUST = "adjust"  # 调整

        @classmethod
        def labels(cls) -> dict[str, Any]:
            return {
                "compile": _("Compiled"),
                "adjust": _("Adjustment"),
            }

    table = models.ForeignKey(GoalTable, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=8, choices=Kind.choices(), default=Kind.COMPILE.value)
    reason = models.TextField(blank=True)
    frozen = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # header (core Header / GoalTable fields)
    table_kind = models.CharField(max_length=10, default="goal")
    title = models.CharField(max_length=300, blank=True)
    project_name = models.CharField(_("project name"), max_length=300, blank=True, db_index=True)
    project_code = models.CharField(_("project code"), max_length=100, blank=True)
    project_type = models.CharField(_("project type"), max_length=200, blank=True)
    project_level = models.CharField(_("project level"), max_length=50, blank=True)
    department_name = models.CharField(_("department"), max_length=200, blank=True)
    unit_name = models.CharField(_("unit"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    period_start = models.PositiveSmallIntegerField(_("period start"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("period end"), null=True, blank=True)
    budget_amount = models.DecimalField(_("budget"), null=True, blank=True, **MONEY)
    budget_unit = models.CharField(max_length=4, default="万元")
    budget_wan = models.DecimalField(null=True, blank=True, **MONEY)  # the amount in 万元
    budget_detail = models.JSONField(default=dict, blank=True)  # funding rows and other figures
    period_goal = models.TextField(_("period goal"), blank=True)
    annual_goal = models.TextField(_("annual goal"), blank=True)
    annual_result = models.TextField(blank=True)
    total_score = models.DecimalField(null=True, blank=True, **NUMBER)
    complete = models.BooleanField(default=True)
    extra = models.JSONField(default=list, blank=True)
    sources = models.JSONField(default=dict, blank=True)  # header field → source location
    source = models.JSONField(null=True, blank=True)
    # what the review rules say about this version, computed when it is written
    rule_grade = models.CharField(max_length=2, blank=True)  # empty: rules not run
    rule_score = models.DecimalField(null=True, blank=True, **NUMBER)

    class Meta:
        ordering = ("table_id", "number")
        constraints = (
            models.UniqueConstraint(fields=["table", "number"], name="version_unique_number"),
        )

    def __str__(self) -> str:
        return f"{self.project_name} v{self.number}"

    def source_name(self) -> str:
        """The file the version was imported from, or a stable name for it."""
        source = self.source or {}
        return str(source.get("file") or f"table-{self.table_id}-v{self.number}")


class IndicatorRow(models.Model):
    """A 三级指标 row of a version, with its raw and parsed targets."""

    version = models.ForeignKey(TableVersion, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField()
    level1 = models.CharField(_("level 1"), max_length=100, blank=True)
    level2 = models.CharField(_("level 2"), max_length=100, blank=True)
    name = models.CharField(_("indicator"), max_length=300)
    annual_raw = models.CharField(_("annual target"), max_length=300, blank=True)
    annual_kind = models.CharField(max_length=12, default="none")
    annual_op = models.CharField(max_length=2, blank=True)
    annual_value = models.DecimalField(null=True, blank=True, **NUMBER)
    annual_low = models.DecimalField(null=True, blank=True, **NUMBER)
    annual_high = models.DecimalField(null=True, blank=True, **NUMBER)
    annual_unit = models.CharField(max_length=30, blank=True)
    annual_text = models.CharField(max_length=300, blank=True)
    period_raw = models.CharField(_("period target"), max_length=300, blank=True)
    period_kind = models.CharField(max_length=12, default="none")
    period_op = models.CharField(max_length=2, blank=True)
    period_value = models.DecimalField(null=True, blank=True, **NUMBER)
    period_low = models.DecimalField(null=True, blank=True, **NUMBER)
    period_high = models.DecimalField(null=True, blank=True, **NUMBER)
    period_unit = models.CharField(max_length=30, blank=True)
    period_text = models.CharField(max_length=300, blank=True)
    weight = models.DecimalField(_("weight"), null=True, blank=True, **NUMBER)
    evaluation = models.JSONField(default=dict, blank=True)  # actual, score, deviation …
    extra = models.JSONField(default=list, blank=True)
    source = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ("version_id", "position")
        indexes = (models.Index(fields=["version", "position"]),)

    def __str__(self) -> str:
        return self.name


class ReviewFinding(models.Model):
    """A review-rule finding (``jixiao check``) on a version, stored when the version is written."""

    version = models.ForeignKey(TableVersion, on_delete=models.CASCADE, related_name="findings")
    row = models.ForeignKey(
        IndicatorRow, null=True, blank=True, on_delete=models.CASCADE, related_name="findings"
    )
    code = models.CharField(max_length=10, db_index=True)
    severity = models.CharField(max_length=8)
    title = models.CharField(max_length=200)
    message_zh = models.TextField()
    message_en = models.TextField(blank=True)
    indicator_name = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ("version_id", "id")


class ReviewComment(models.Model):
    """A reviewer's comment on a version, optionally on one indicator row, with a grade."""

    class Stage(Labelled):
        DEPARTMENT = "department"
        FINANCE = "finance"

        @classmethod
        def labels(cls) -> dict[str, Any]:
            return {
                "department": _("Department review"),
                "finance": _("Finance review"),
            }

    version = models.ForeignKey(TableVersion, on_delete=models.CASCADE, related_name="comments")
    indicator = models.ForeignKey(
        IndicatorRow, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    indicator_name = models.CharField(max_length=300, blank=True)  # kept if the row goes
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    stage = models.CharField(max_length=12, choices=Stage.choices())
    decision = models.CharField(max_length=10, blank=True)  # approve / return
    grade = models.CharField(max_length=2, choices=Grade.choices(), blank=True)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "id")


class AuditLog(models.Model):
    """Every change: who, when, what, before and after (JSON)."""

    at = models.DateTimeField(default=timezone.now, db_index=True)  # set when sealed
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=40)
    table = models.ForeignKey(
        GoalTable, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit"
    )
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    # hash chain (jixiao.storage.chain): the digest of the row before, and of this row
    previous = models.CharField(max_length=64, blank=True)
    digest = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=["table", "at"]),)


class AccessLog(models.Model):
    """Logins, failed logins, logouts, password changes and downloads (who, when, from where),
    hash-chained like :class:`AuditLog`."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20)  # login / login_failed / logout / password / download
    ip = models.CharField(max_length=45, blank=True)
    detail = models.JSONField(default=dict, blank=True)  # a download: path and file name
    previous = models.CharField(max_length=64, blank=True)
    digest = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ("-at", "-id")


class LoginFailure(models.Model):
    """A failed login, counted per user name and address to throttle guessing."""

    username = models.CharField(max_length=150)
    ip = models.CharField(max_length=45)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = (models.Index(fields=["username", "ip", "at"]),)


class Evaluation(models.Model):
    """A self-evaluation (单位自评, ``month`` 0) or a monitoring round (绩效运行监控, month 1–12)
    of a table's approved version.

    The values sit in :class:`EvaluationEntry` rows; scores, grade and lights are computed by the
    scoring core (``jixiao.scoring``) whenever the entries are saved, never typed in.
    """

    class Kind(Labelled):
        SELFEVAL = "selfeval"
        MONITOR = "monitor"

        @classmethod
        def labels(cls) -> dict[str, Any]:
            return {"selfeval": _("Self-evaluation"), "monitor": _("Monitoring")}

    table = models.ForeignKey(GoalTable, on_delete=models.CASCADE, related_name="evaluations")
    kind = models.CharField(max_length=8, choices=Kind.choices(), default=Kind.SELFEVAL.value)
    month = models.PositiveSmallIntegerField(default=0)  # monitoring: data as of this month
    version = models.ForeignKey(TableVersion, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices(), default=Status.DRAFT.value
    )
    lock_version = models.PositiveIntegerField(default=0)
    budget_wan = models.DecimalField(_("budget"), null=True, blank=True, **MONEY)  # 全年预算数
    executed_wan = models.DecimalField(null=True, blank=True, **MONEY)  # 全年 / 累计执行数
    budget_reason = models.TextField(blank=True)
    # 资金来源: {"财政拨款": {"budget": "30", "executed": "29.5"}, "上年结转": …, "其他资金": …}
    funding = models.JSONField(default=dict, blank=True)
    total_score = models.DecimalField(null=True, blank=True, **NUMBER)
    grade = models.CharField(max_length=4, blank=True)
    light = models.CharField(max_length=8, blank=True)  # monitoring: the worst light of the round
    complete = models.BooleanField(default=False)
    explanations = models.JSONField(default=dict, blank=True)  # the computed view, as shown
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["table", "kind", "month"], name="evaluation_unique_round"
            ),
        )


class EvaluationEntry(models.Model):
    """The values entered for one indicator row, with the computed score or light."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="entries")
    row = models.ForeignKey(IndicatorRow, on_delete=models.CASCADE, related_name="+")
    actual_raw = models.CharField(_("actual value"), max_length=300, blank=True)
    level = models.CharField(max_length=20, blank=True)  # 达成 / 部分达成 / 未达成
    reason = models.TextField(blank=True)  # 偏差原因分析及改进措施
    forecast_raw = models.CharField(max_length=300, blank=True)  # 全年预计完成值 (monitoring)
    likelihood = models.CharField(max_length=20, blank=True)  # 完成目标可能性 (monitoring)
    score = models.DecimalField(null=True, blank=True, **NUMBER)
    weight = models.DecimalField(null=True, blank=True, **NUMBER)
    light = models.CharField(max_length=8, blank=True)  # red / yellow / green / blue
    explanation = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["evaluation", "row"], name="entry_unique_row"),
        )
