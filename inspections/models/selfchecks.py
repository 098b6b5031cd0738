"""学校自查 (school self-checks) against the current checklist."""

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core import bounds
from core.models import AuditedModel, OrganizationScopedQuerySet, UploadedFile
from core.uploads import PrivateUploadTo


class Term(models.TextChoices):
    SPRING = "spring", "春季学期"
    AUTUMN = "autumn", "秋季学期"


# The month a term's self-checks start in: the spring term's from January, the autumn term's from August
# (the self-check form proposes the autumn term from August on).
TERM_START_MONTH = {Term.SPRING: 1, Term.AUTUMN: 8}


def term_on(day: date) -> tuple[int, str]:
    """The (year, term) a self-check is owed for on `day`: the term that has started by then."""
    return day.year, Term.AUTUMN if day.month >= TERM_START_MONTH[Term.AUTUMN] else Term.SPRING


class SelfCheckStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    ACCEPTED = "accepted", "已通过"
    RETURNED = "returned", "已退回"


class SelfCheckQuerySet(OrganizationScopedQuerySet):
    """学校自查: scoped to the organization it belongs to."""


class SelfCheck(AuditedModel):
    organization = models.ForeignKey(
        "directory.Organization", verbose_name="学校", on_delete=models.PROTECT, related_name="self_checks"
    )
    year = models.PositiveSmallIntegerField("年度", validators=[bounds.YEAR])
    term = models.CharField("学期", max_length=10, choices=Term.choices)
    checklist = models.ForeignKey(
        "inspections.Checklist", verbose_name="检查表版本", on_delete=models.PROTECT, related_name="+"
    )
    answers = models.JSONField("逐项自查结果", default=dict, blank=True)
    summary = models.TextField("自查情况说明", blank=True)
    status = models.CharField("状态", max_length=10, choices=SelfCheckStatus.choices, default=SelfCheckStatus.DRAFT)
    # Effective dates (办理日期) as reported; when they were typed is in the history.
    submitted_on = models.DateField("提交日期", null=True, blank=True)
    reviewed_on = models.DateField("审核日期", null=True, blank=True, help_text="通过或退回的日期。")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    return_reason = models.TextField("退回理由", blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version", "answers"])
    objects = SelfCheckQuerySet.as_manager()

    class Meta:
        verbose_name = "学校自查"
        verbose_name_plural = "学校自查"
        ordering = ["-year", "-term", "organization__name_key", "id"]
        constraints = [models.UniqueConstraint(fields=["organization", "year", "term"], name="insp_selfcheck_once")]
        indexes = [models.Index(fields=["status", "year"], name="selfcheck_status_year")]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}年{self.get_term_display()}自查"

    def get_absolute_url(self) -> str:
        return reverse("inspections:selfcheck_detail", args=[self.pk])

    @property
    def term_starts_on(self) -> date:
        """The first day of the term the self-check is for: nothing of it can happen before."""
        return date(self.year, TERM_START_MONTH[self.term], 1)

    @property
    def is_editable(self) -> bool:
        return self.status in (SelfCheckStatus.DRAFT, SelfCheckStatus.RETURNED)

    def failed_item_ids(self) -> list[int]:
        return [int(k) for k, v in self.answers.items() if v.get("r") == "fail"]


class SelfCheckAttachment(UploadedFile):
    self_check = models.ForeignKey(SelfCheck, verbose_name="自查", on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to=PrivateUploadTo("inspections/selfchecks"))

    history = HistoricalRecords()

    class Meta(UploadedFile.Meta):
        verbose_name = "自查佐证材料"
        verbose_name_plural = "自查佐证材料"
