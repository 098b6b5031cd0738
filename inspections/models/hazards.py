"""隐患台账 (the hazard register, 事故隐患数据库) with 五到位 rectification."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core import bounds
from core.models import AuditedModel, OrganizationScopedQuerySet, UploadedFile
from core.uploads import PrivateUploadTo

from .common import Area


class Severity(models.TextChoices):
    GENERAL = "general", "一般隐患"
    MAJOR = "major", "重大隐患"


class HazardSource(models.TextChoices):
    INSPECTION = "inspection", "行政检查"
    SELF_CHECK = "self_check", "学校自查"
    OTHER = "other", "其他途径"


class HazardStatus(models.TextChoices):
    OPEN = "open", "待整改"
    RECTIFYING = "rectifying", "整改中"
    SUBMITTED = "submitted", "待核验"
    CLOSED = "closed", "已销号"
    RETURNED = "returned", "核验退回"


# Statuses in which the school still owes work, so the deadline can pass.
PENDING_STATUSES = (HazardStatus.OPEN, HazardStatus.RECTIFYING, HazardStatus.RETURNED)
UNRESOLVED_STATUSES = (*PENDING_STATUSES, HazardStatus.SUBMITTED)


def overdue_q(day: date) -> Q:
    """Overdue on `day`: the deadline passed before `day` and the rectification was not handed in by then.

    Judged on the effective dates (办理日期), so the answer for a past day stays what it was: a hazard
    rectified and closed in its year is never overdue later, one found in November and handed in in
    January was overdue on 31 December. What counts as handed in is the submission the bureau accepted
    or is still verifying (`submitted_on`); one it returned does not count (`hazard_verify` clears it).
    The deadline is the one in force: an extension is granted before the deadline it moves
    (`hazard_extend`), so the current deadline is also the deadline of every earlier day.

    From today on nothing more can have been handed in, so "not handed in by `day`" is the status:
    the query the dashboards and the register run reads the (status, deadline) index only.
    """
    if day >= timezone.localdate():
        return Q(status__in=PENDING_STATUSES, deadline__lt=day)
    return Q(deadline__lt=day) & (Q(submitted_on__isnull=True) | Q(submitted_on__gt=day))


def closed_q(day: date) -> Q:
    """Closed (销号) by `day`, judged on the stored 销号日期 (a closed hazard without one counts as closed)."""
    return Q(status=HazardStatus.CLOSED) & (Q(closed_on__lte=day) | Q(closed_on__isnull=True))


class HazardQuerySet(OrganizationScopedQuerySet):
    def overdue(self, today: date | None = None) -> "HazardQuerySet":
        """Overdue on `today` (default: the real today), past or present; see `overdue_q`."""
        return self.filter(overdue_q(today or timezone.localdate()))

    def not_overdue(self, today: date | None = None) -> "HazardQuerySet":
        return self.exclude(overdue_q(today or timezone.localdate()))

    def unresolved(self) -> "HazardQuerySet":
        # Named statuses rather than "not closed": an index scan of (status, deadline) reads only the
        # unresolved rows (a province's hazards are 90 % closed).
        return self.filter(status__in=UNRESOLVED_STATUSES)


class Hazard(AuditedModel):
    organization = models.ForeignKey(
        "directory.Organization", verbose_name="所属机构", on_delete=models.PROTECT, related_name="hazards"
    )
    area = models.CharField("隐患类别", max_length=20, choices=Area.choices)
    description = models.TextField("隐患描述")
    severity = models.CharField("隐患等级", max_length=10, choices=Severity.choices, default=Severity.GENERAL)
    found_on = models.DateField("发现日期", validators=[bounds.FACT])
    source = models.CharField("来源", max_length=12, choices=HazardSource.choices, default=HazardSource.INSPECTION)
    inspection = models.ForeignKey(
        "inspections.Inspection",
        verbose_name="来源检查",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hazards",
    )
    self_check = models.ForeignKey(
        "inspections.SelfCheck",
        verbose_name="来源自查",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hazards",
    )
    checklist_item = models.ForeignKey(
        "inspections.ChecklistItem",
        verbose_name="对应检查项",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField("状态", max_length=12, choices=HazardStatus.choices, default=HazardStatus.OPEN)
    # 五到位: 整改措施、责任、资金、时限、预防
    measures = models.TextField("整改措施", blank=True)
    responsible_person = models.CharField("整改责任人", max_length=50, blank=True)
    funds = models.DecimalField(
        "整改资金（元）", max_digits=12, decimal_places=2, null=True, blank=True, validators=bounds.MONEY
    )
    deadline = models.DateField("整改时限", null=True, blank=True, validators=[bounds.WORKING_YEAR])
    prevention = models.TextField("预防措施/预案", blank=True)
    completion_note = models.TextField("整改完成情况", blank=True)
    # Effective dates (办理日期) of the steps, as reported; when they were typed is in the history.
    planned_on = models.DateField("五到位落实日期", null=True, blank=True, validators=[bounds.FACT])
    submitted_on = models.DateField(
        "提交核验日期",
        null=True,
        blank=True,
        validators=[bounds.FACT],
        help_text="整改完成、提交核验的日期；核验退回后清空，重新提交时再填。",
    )
    returned_on = models.DateField("核验退回日期", null=True, blank=True, validators=[bounds.FACT])
    closed_on = models.DateField("销号日期", null=True, blank=True, validators=[bounds.FACT])
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="核验人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    return_reason = models.TextField("退回理由", blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])
    objects = HazardQuerySet.as_manager()

    class Meta:
        verbose_name = "隐患"
        verbose_name_plural = "隐患台账"
        ordering = ["-found_on", "-id"]
        indexes = [
            models.Index(fields=["found_on", "id"], name="hazard_found_id"),
            models.Index(fields=["status", "deadline"], name="hazard_status_deadline"),
            models.Index(fields=["area", "status"], name="hazard_area_status"),
            models.Index(fields=["organization", "status"], name="hazard_org_status"),
            models.Index(fields=["deadline", "id"], name="hazard_deadline_id"),
            # Overdue on a past day (overdue_q): not handed in by then, past the deadline.
            models.Index(fields=["submitted_on", "deadline"], name="hazard_submitted_deadline"),
            # The register sorted by last change, and the dashboard's "has anything changed" check.
            models.Index(fields=["updated_at", "id"], name="hazard_updated_id"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.get_area_display()}：{self.description[:20]}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:hazard_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.found_on and self.found_on > timezone.localdate():
            errors["found_on"] = "发现日期不能晚于今天。"
        if self.deadline and self.found_on and self.deadline < self.found_on:
            errors["deadline"] = "整改时限不能早于发现日期。"
        if self.funds is not None and self.funds < 0:
            errors["funds"] = "整改资金不能为负数。"
        # The steps happen in order: none before the hazard was found, none before the step it follows.
        steps = [
            ("planned_on", "五到位落实日期", self.planned_on),
            ("submitted_on", "提交核验日期", self.submitted_on),
            ("closed_on", "销号日期", self.closed_on),
        ]
        earlier = [("found_on", "发现日期", self.found_on)]
        for name, label, value in steps:
            for _, before_label, before in earlier:
                if value and before and value < before:
                    errors.setdefault(name, f"{label}不能早于{before_label}。")
            earlier.append((name, label, value))
        if errors:
            raise ValidationError(errors)

    def overdue_on(self, day: date) -> bool:
        """This hazard's answer to `overdue_q(day)`, without a query."""
        if not self.deadline or self.deadline >= day:
            return False
        if day >= timezone.localdate():
            return self.status in PENDING_STATUSES
        return self.submitted_on is None or self.submitted_on > day

    @property
    def is_overdue(self) -> bool:
        return self.overdue_on(timezone.localdate())

    @property
    def is_closed(self) -> bool:
        return self.status == HazardStatus.CLOSED


class HazardExtension(models.Model):
    """An extension of the deadline: the old deadline is kept here, with the reason."""

    hazard = models.ForeignKey(Hazard, verbose_name="隐患", on_delete=models.CASCADE, related_name="extensions")
    old_deadline = models.DateField("原整改时限", validators=[bounds.WORKING_YEAR])
    new_deadline = models.DateField("新整改时限", validators=[bounds.WORKING_YEAR])
    reason = models.TextField("延期理由")
    granted_on = models.DateField("批准日期", default=timezone.localdate, help_text="办理日期：延期实际批准的日期。")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="批准人", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("录入时间", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "整改延期"
        verbose_name_plural = "整改延期"
        ordering = ["granted_on", "at", "id"]

    def __str__(self) -> str:
        return f"{self.old_deadline} → {self.new_deadline}"


class HazardEvidence(UploadedFile):
    hazard = models.ForeignKey(Hazard, verbose_name="隐患", on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("文件", upload_to=PrivateUploadTo("inspections/hazards"))

    history = HistoricalRecords()

    class Meta(UploadedFile.Meta):
        verbose_name = "整改佐证材料"
        verbose_name_plural = "整改佐证材料"


class WarningNotice(AuditedModel):
    """一校整改，全区警示: a notice issued from one school's hazard to every school."""

    hazard = models.ForeignKey(Hazard, verbose_name="来源隐患", on_delete=models.PROTECT, related_name="notices")
    title = models.CharField("标题", max_length=100)
    body = models.TextField("警示内容")
    issued_on = models.DateField("发布日期", db_index=True, validators=[bounds.FACT])

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = "全区警示通报"
        verbose_name_plural = "全区警示通报"
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return self.title
