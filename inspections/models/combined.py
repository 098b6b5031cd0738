"""综合查一次: several plans' open targets on one organization, visited once (国办发〔2024〕54号)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core import bounds
from core.models import AuditedModel


class CombinedStatus(models.TextChoices):
    COMBINED = "combined", "已合并为一次检查"
    DECLINED = "declined", "不合并"


def plan_key(plans) -> str:
    """The identity of a proposal's set of plans: their ids, ascending, comma-separated."""
    return ",".join(str(pk) for pk in sorted(p if isinstance(p, int) else p.pk for p in plans))


class CombinedVisit(AuditedModel):
    """The bureau's decision on one proposal: one visit for all the plans, or (with a reason) not."""

    organization = models.ForeignKey(
        "directory.Organization", verbose_name="被检查机构", on_delete=models.PROTECT, related_name="+"
    )
    plans = models.ManyToManyField("inspections.Plan", verbose_name="合并的检查行动", related_name="combined_visits")
    plan_key = models.CharField("行动编号组", max_length=200, editable=False)
    status = models.CharField("决定", max_length=10, choices=CombinedStatus.choices, default=CombinedStatus.COMBINED)
    planned_on = models.DateField("计划检查日期", null=True, blank=True, validators=[bounds.WORKING_YEAR])
    reason = models.TextField("不合并理由", blank=True)
    # The one record made for all the plans (set when it is recorded; inspections are never deleted).
    inspection = models.OneToOneField(
        "inspections.Inspection",
        verbose_name="检查记录",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="combined_visit",
    )

    history = HistoricalRecords(excluded_fields=["updated_at", "version"], m2m_fields=[plans])

    class Meta:
        verbose_name = "综合查一次"
        verbose_name_plural = "综合查一次"
        ordering = ["-planned_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "plan_key"], name="insp_combined_once"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} 综合查一次"

    def get_absolute_url(self) -> str:
        return reverse("inspections:combined_visit_detail", args=[self.pk])

    def clean(self) -> None:
        if self.status == CombinedStatus.COMBINED and not self.planned_on:
            raise ValidationError({"planned_on": "请填写计划检查日期。"})
        if self.status == CombinedStatus.DECLINED and not (self.reason or "").strip():
            raise ValidationError({"reason": "请写明不合并的理由。"})

    @property
    def is_recorded(self) -> bool:
        return self.inspection_id is not None
