"""营转非 conversion cases: one joint case (一件事联办) per institution across 市场监管, 教育 and 民政.

A case has a kind (转登 / 变更 / 注销), an assigned bureau staff member, one track per department it
needs, a material checklist per department, the visits of the institution's representative and the
steps of the procedure, and a timeline of every event. Status changes happen in `services.py` only.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.roles import Role
from core import bounds
from core.dates import cn_date
from core.models import AuditedModel, OrganizationScopedQuerySet
from directory.models import OrgKind, OrgStatus, ProfitStatus

DEFAULT_DEADLINE_DAYS = 15


def deadline_days() -> int:
    """Days from opening until a case counts as overdue (setting CONVERSION_DEADLINE_DAYS)."""
    return int(getattr(settings, "CONVERSION_DEADLINE_DAYS", DEFAULT_DEADLINE_DAYS))


class ProcedureBaselineQuerySet(models.QuerySet):
    def for_year(self, year: int) -> "ProcedureBaseline | None":
        """The baseline a year's figures compare with: the latest one recorded for that year or before."""
        return self.filter(year__lte=year).order_by("-year", "-id").first()


class ProcedureBaseline(AuditedModel):
    """改革前: the steps and visits an institution needed before the joint window (一件事联办), as the bureau
    recorded them once. The report's “办事环节由3个减少到1个” compares the year's cases with this."""

    year = models.PositiveSmallIntegerField(
        "所述年度",
        unique=True,
        validators=[bounds.YEAR],
        error_messages={"unique": "该年度的改革前基数已经录入，请编辑已有的一条。"},
    )
    steps = models.PositiveSmallIntegerField("改革前办事环节（个）", validators=bounds.COUNT)
    visits = models.PositiveSmallIntegerField("改革前办理次数（次）", validators=bounds.COUNT)
    source = models.CharField("数据来源", max_length=200, help_text="如：2021年改革前办事指南，须分别到三个部门办理")

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])
    objects = ProcedureBaselineQuerySet.as_manager()

    class Meta:
        verbose_name = "营转非改革前基数"
        verbose_name_plural = "营转非改革前基数"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年改革前：{self.steps}个环节、{self.visits}次"


class CaseKind(models.TextChoices):
    CONVERT = "convert", "营利性学科类→非营利性（转登）"
    CHANGE = "change", "学科类→非学科类（变更）"
    CLOSE = "close", "注销退出"


CASE_KIND_SHORT = {CaseKind.CONVERT: "转登", CaseKind.CHANGE: "变更", CaseKind.CLOSE: "注销"}


class CaseStatus(models.TextChoices):
    OPEN = "open", "办理中"
    COMPLETED = "completed", "已办结"
    WITHDRAWN = "withdrawn", "已撤销"


class Dept(models.TextChoices):
    MARKET = "market", "市场监管"
    EDUCATION = "education", "教育"
    CIVIL = "civil", "民政"


DEPT_AGENCY = {Dept.MARKET: "区市场监管局", Dept.EDUCATION: "区教育局", Dept.CIVIL: "区民政局"}

# Which departments a case of each kind needs, and what each of them does for it.
PROCEDURES = {
    CaseKind.CONVERT: {
        Dept.MARKET: "公司注销登记",
        Dept.EDUCATION: "转登审批、办学许可证换发",
        Dept.CIVIL: "名称预核准、民办非企业单位登记",
    },
    CaseKind.CHANGE: {
        Dept.MARKET: "经营范围变更登记",
        Dept.EDUCATION: "学科类办学许可证注销",
    },
    CaseKind.CLOSE: {
        Dept.MARKET: "公司注销登记",
        Dept.EDUCATION: "终止办学、办学许可证注销",
    },
}


def departments_for(kind: str) -> list[str]:
    return list(PROCEDURES[kind])


class TrackStatus(models.TextChoices):
    PENDING = "pending", "未受理"
    IN_PROGRESS = "in_progress", "办理中"
    DONE = "done", "已办结"


class MaterialStatus(models.TextChoices):
    PENDING = "pending", "待提交"
    RECEIVED = "received", "已收取"
    VERIFIED = "verified", "已核验"
    RETURNED = "returned", "已退回"


class ConversionCaseQuerySet(OrganizationScopedQuerySet):
    def open(self) -> "ConversionCaseQuerySet":
        return self.filter(status=CaseStatus.OPEN)

    def overdue(self, today: date | None = None) -> "ConversionCaseQuerySet":
        """Open past its deadline on `today` (default: the real today), judged on the effective dates.

        On a past day a case counts while it was open then: opened by that day, neither completed nor
        withdrawn by it (`completed_on`, `withdrawn_on`). From today on, open is the status, which the
        (status, due_on) index answers.
        """
        day = today or timezone.localdate()
        if day >= timezone.localdate():
            return self.open().filter(due_on__lt=day)
        return self.filter(
            Q(due_on__lt=day),
            Q(completed_on__isnull=True) | Q(completed_on__gt=day),
            Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day),
        )

    def completed_in(self, year: int) -> "ConversionCaseQuerySet":
        return self.filter(status=CaseStatus.COMPLETED, completed_on__year=year)


class ConversionCase(AuditedModel):
    """One institution's 营转非 case (一件事联办)."""

    number = models.CharField("案件编号", max_length=20, unique=True)
    organization = models.ForeignKey(
        "directory.Organization", verbose_name="机构", on_delete=models.PROTECT, related_name="conversion_cases"
    )
    kind = models.CharField("办理类型", max_length=10, choices=CaseKind.choices)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="经办人",
        on_delete=models.PROTECT,
        related_name="conversion_cases",
        limit_choices_to={"role": Role.BUREAU_STAFF, "is_active": True},
    )
    opened_on = models.DateField("受理日期", validators=[bounds.FACT])
    due_on = models.DateField(
        "办结时限",
        blank=True,
        help_text="超过此日期仍未办结即为逾期；留空按受理日期加默认天数计算。",
        validators=[bounds.WORKING_YEAR],
    )
    status = models.CharField(
        "案件状态", max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN, db_index=True
    )
    completed_on = models.DateField("办结日期", null=True, blank=True, validators=[bounds.FACT])
    new_name = models.CharField(
        "核准后名称", max_length=100, blank=True, help_text="民政名称预核准后的新名称；办结时写入机构名录。"
    )
    note = models.TextField("备注", blank=True)
    withdraw_reason = models.CharField("撤销原因", max_length=200, blank=True)
    withdrawn_on = models.DateField("撤销日期", null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])
    objects = ConversionCaseQuerySet.as_manager()

    class Meta:
        verbose_name = "营转非案件"
        verbose_name_plural = "营转非案件"
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(status="open"),
                name="conversion_one_open_case_per_org",
                violation_error_message="该机构已有办理中的营转非案件。",
            )
        ]
        indexes = [
            models.Index(fields=["status", "due_on"], name="conv_status_due"),
            models.Index(fields=["status", "completed_on"], name="conv_status_completed"),
            models.Index(fields=["assignee", "status"], name="conv_assignee_status"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.organization}"

    def get_absolute_url(self) -> str:
        return reverse("conversions:case_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        org = self.organization if self.organization_id else None
        if org is not None and self._state.adding:
            if org.kind != OrgKind.SUBJECT_TRAINING:
                errors["organization"] = f"“{org.name}”不是学科类培训机构，不能办理营转非案件。"
            elif org.status != OrgStatus.ACTIVE:
                errors["organization"] = f"“{org.name}”已{org.get_status_display()}，不能再办理。"
            elif self.kind == CaseKind.CONVERT and org.profit_status != ProfitStatus.FOR_PROFIT:
                errors["organization"] = f"“{org.name}”已是非营利性机构，无需转登。"
            elif other := (
                ConversionCase.objects.filter(organization=org, status__in=[CaseStatus.OPEN, CaseStatus.COMPLETED])
                .exclude(pk=self.pk)
                .first()
            ):
                if other.status == CaseStatus.OPEN:
                    errors["organization"] = f"“{org.name}”已有办理中的案件{other.number}，每家机构同时只能有一件。"
                else:
                    when = cn_date(other.completed_on)
                    errors["organization"] = f"“{org.name}”的营转非案件{other.number}已于{when}办结，不能重复办理。"
        if self.assignee_id and (self.assignee.role != Role.BUREAU_STAFF or not self.assignee.is_active):
            errors["assignee"] = "经办人须为在岗的局机关工作人员。"
        if self.opened_on and self.due_on and self.due_on < self.opened_on:
            errors["due_on"] = "办结时限不能早于受理日期。"
        if self.completed_on and self.opened_on and self.completed_on < self.opened_on:
            errors["completed_on"] = "办结日期不能早于受理日期。"
        if self.withdrawn_on and self.opened_on and self.withdrawn_on < self.opened_on:
            errors["withdrawn_on"] = "撤销日期不能早于受理日期。"
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < timezone.localdate()

    @property
    def days_elapsed(self) -> int | None:
        """Days from opening to completion (or to today while open)."""
        if not self.opened_on:
            return None
        end = self.completed_on if self.status == CaseStatus.COMPLETED else timezone.localdate()
        return (end - self.opened_on).days

    @property
    def track_columns(self) -> list:
        """The case's tracks in the order 市场监管, 教育, 民政 (None where the kind needs none)."""
        by_department = {t.department: t for t in self.tracks.all()}
        return [by_department.get(d.value) for d in Dept]

    @property
    def kind_short(self) -> str:
        return CASE_KIND_SHORT.get(self.kind, "")


class Track(AuditedModel):
    """One department's part of a case (市场监管 / 教育 / 民政), worked in parallel with the others."""

    case = models.ForeignKey(ConversionCase, verbose_name="案件", on_delete=models.CASCADE, related_name="tracks")
    department = models.CharField("部门", max_length=10, choices=Dept.choices)
    procedure = models.CharField("办理事项", max_length=50)
    status = models.CharField("办理状态", max_length=12, choices=TrackStatus.choices, default=TrackStatus.PENDING)
    accepted_on = models.DateField("受理日期", null=True, blank=True, validators=[bounds.FACT])
    completed_on = models.DateField("办结日期", null=True, blank=True, validators=[bounds.FACT])
    document_no = models.CharField(
        "文书或证照编号",
        max_length=60,
        blank=True,
        help_text="如准予注销登记通知书文号、新办学许可证号、民办非企业单位登记证书号。",
    )
    note = models.CharField("备注", max_length=200, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = "部门办理环节"
        verbose_name_plural = "部门办理环节"
        ordering = ["case", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "department"], name="conversion_track_once")]

    def __str__(self) -> str:
        return f"{self.get_department_display()}：{self.procedure}"

    def clean(self) -> None:
        errors = {}
        today = timezone.localdate()
        if self.status == TrackStatus.DONE and not self.completed_on:
            errors["completed_on"] = "标记为已办结须填写办结日期。"
        if self.status != TrackStatus.DONE and self.completed_on:
            errors["completed_on"] = "尚未办结的环节不能填写办结日期。"
        if self.status != TrackStatus.PENDING and not self.accepted_on:
            errors["accepted_on"] = "办理中或已办结的环节须填写受理日期。"
        if self.accepted_on and self.completed_on and self.completed_on < self.accepted_on:
            errors["completed_on"] = "办结日期不能早于受理日期。"
        for name in ("accepted_on", "completed_on"):
            value = getattr(self, name)
            if value and value > today:
                errors.setdefault(name, "日期不能晚于今天。")
            if value and self.case_id and value < self.case.opened_on:
                errors.setdefault(name, "日期不能早于案件受理日期。")
        if errors:
            raise ValidationError(errors)


class MaterialTemplate(models.Model):
    """An item of the window's material checklist (材料清单) with its reference text (参考文本). Reference data."""

    department = models.CharField("部门", max_length=10, choices=Dept.choices)
    name = models.CharField("材料名称", max_length=60)
    requirement = models.CharField("要求说明", max_length=200, blank=True)
    sample_text = models.TextField("参考文本", blank=True)
    for_convert = models.BooleanField("转登需要", default=False)
    for_change = models.BooleanField("变更需要", default=False)
    for_close = models.BooleanField("注销需要", default=False)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    active = models.BooleanField("启用", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "材料清单项"
        verbose_name_plural = "材料清单（参考文本）"
        ordering = ["department", "sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.get_department_display()}：{self.name}"

    def applies_to(self, kind: str) -> bool:
        return {CaseKind.CONVERT: self.for_convert, CaseKind.CHANGE: self.for_change, CaseKind.CLOSE: self.for_close}[
            kind
        ]


class MaterialItem(AuditedModel):
    """One material of one case: received, verified, or returned with a reason."""

    case = models.ForeignKey(ConversionCase, verbose_name="案件", on_delete=models.CASCADE, related_name="materials")
    template = models.ForeignKey(
        MaterialTemplate, verbose_name="清单项", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    department = models.CharField("部门", max_length=10, choices=Dept.choices)
    name = models.CharField("材料名称", max_length=60)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    status = models.CharField("状态", max_length=10, choices=MaterialStatus.choices, default=MaterialStatus.PENDING)
    return_reason = models.CharField("退回原因", max_length=200, blank=True)
    status_on = models.DateField("状态日期", null=True, blank=True, validators=[bounds.FACT])

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = "案件材料"
        verbose_name_plural = "案件材料"
        ordering = ["case", "sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.status == MaterialStatus.RETURNED and not self.return_reason.strip():
            raise ValidationError({"return_reason": "退回材料须说明原因。"})


class Visit(AuditedModel):
    """A visit of the institution's representative to the window (办理次数)."""

    case = models.ForeignKey(ConversionCase, verbose_name="案件", on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField("来访日期", validators=[bounds.FACT])
    visitor = models.CharField("来访人", max_length=50)
    purpose = models.CharField("办理事项", max_length=200)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = "办理次数记录"
        verbose_name_plural = "办理次数记录"
        ordering = ["case", "visited_on", "id"]

    def __str__(self) -> str:
        return f"{self.visited_on} {self.visitor}"


class Step(AuditedModel):
    """A step of the procedure the institution had to go through (办事环节)."""

    case = models.ForeignKey(ConversionCase, verbose_name="案件", on_delete=models.CASCADE, related_name="steps")
    done_on = models.DateField("办理日期", validators=[bounds.FACT])
    name = models.CharField("环节名称", max_length=100)
    departments = models.CharField("参与部门", max_length=100, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = "办事环节"
        verbose_name_plural = "办事环节"
        ordering = ["case", "done_on", "id"]

    def __str__(self) -> str:
        return self.name


class EventKind(models.TextChoices):
    OPENED = "opened", "受理立案"
    EDITED = "edited", "修改案件"
    ASSIGNED = "assigned", "变更经办人"
    TRACK = "track", "部门办理"
    MATERIAL = "material", "材料"
    VISIT = "visit", "来访"
    STEP = "step", "办事环节"
    COMPLETED = "completed", "办结"
    WITHDRAWN = "withdrawn", "撤销"
    NOTE = "note", "备注"


class CaseEvent(models.Model):
    """The case's timeline: who did what, on which day (`happened_on`, as reported), typed when (`at`). Append-only."""

    case = models.ForeignKey(ConversionCase, verbose_name="案件", on_delete=models.CASCADE, related_name="events")
    happened_on = models.DateField("办理日期", default=timezone.localdate)
    at = models.DateTimeField("录入时间", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, null=True, related_name="+"
    )
    kind = models.CharField("类别", max_length=10, choices=EventKind.choices)
    message = models.CharField("内容", max_length=300)

    class Meta:
        verbose_name = "案件动态"
        verbose_name_plural = "案件动态"
        ordering = ["-happened_on", "-at", "-id"]
        indexes = [models.Index(fields=["case", "at"], name="conv_event_case_at")]

    def __str__(self) -> str:
        return self.message
