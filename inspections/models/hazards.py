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


def overdue_q(today: date) -> Q:
    """Past the deadline and not yet handed in: derived, never stored."""
    return Q(status__in=PENDING_STATUSES, deadline__lt=today)


class HazardQuerySet(OrganizationScopedQuerySet):
    def overdue(self, today: date | None = None) -> "HazardQuerySet":
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
    submitted_at = models.DateTimeField("提交核验时间", null=True, blank=True)
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
            # The register sorted by last change, and the dashboard's "has anything changed" check.
            models.Index(fields=["updated_at", "id"], name="hazard_updated_id"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.get_area_display()}：{self.description[:20]}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:hazard_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.deadline and self.found_on and self.deadline < self.found_on:
            errors["deadline"] = "整改时限不能早于发现日期。"
        if self.funds is not None and self.funds < 0:
            errors["funds"] = "整改资金不能为负数。"
        if errors:
            raise ValidationError(errors)

    @property
    def is_overdue(self) -> bool:
        return bool(self.status in PENDING_STATUSES and self.deadline and self.deadline < timezone.localdate())

    @property
    def is_closed(self) -> bool:
        return self.status == HazardStatus.CLOSED


class HazardExtension(models.Model):
    """An extension of the deadline: the old deadline is kept here, with the reason."""

    hazard = models.ForeignKey(Hazard, verbose_name="隐患", on_delete=models.CASCADE, related_name="extensions")
    old_deadline = models.DateField("原整改时限", validators=[bounds.WORKING_YEAR])
    new_deadline = models.DateField("新整改时限", validators=[bounds.WORKING_YEAR])
    reason = models.TextField("延期理由")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="批准人", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("批准时间", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "整改延期"
        verbose_name_plural = "整改延期"
        ordering = ["at", "id"]

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
