"""检查行动 (inspection plans)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core import bounds
from core.models import AuditedModel
from directory.models import OrgKind


class PlanKind(models.TextChoices):
    ROUTINE = "routine", "日常巡查"
    TERM_START = "term_start", "开学核验"
    SPECIAL = "special", "专项检查"
    RANDOM = "random", "双随机抽查"
    ANNUAL = "annual", "年检"
    JOINT = "joint", "联合检查"
    EPIDEMIC = "epidemic", "疫情防控"
    FOLLOW_UP = "follow_up", "回头看"
    INCIDENT = "incident", "事件核查"


class Plan(AuditedModel):
    name = models.CharField("行动名称", max_length=100)
    kind = models.CharField("检查类型", max_length=20, choices=PlanKind.choices, db_index=True)
    lead_section = models.ForeignKey(
        "directory.Department", verbose_name="牵头科室", on_delete=models.PROTECT, related_name="led_plans"
    )
    partners = models.ManyToManyField(
        "directory.Department", verbose_name="协作部门", blank=True, related_name="joint_plans"
    )
    starts_on = models.DateField("开始日期", db_index=True, validators=[bounds.WORKING_YEAR])
    ends_on = models.DateField("结束日期", validators=[bounds.WORKING_YEAR])
    target_kinds = models.JSONField("检查对象类型", default=list, blank=True)
    checklist = models.ForeignKey(
        "inspections.Checklist", verbose_name="检查表", on_delete=models.PROTECT, related_name="plans"
    )
    planned_count = models.PositiveIntegerField("计划检查数", default=0, validators=bounds.COUNT)
    description = models.TextField("工作要求", blank=True)
    results_published_at = models.DateTimeField("结果公开时间", null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"], m2m_fields=[partners])

    class Meta:
        verbose_name = "检查行动"
        verbose_name_plural = "检查行动"
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["kind", "starts_on"], name="insp_plan_kind_start")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("inspections:plan_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "结束日期不能早于开始日期。"
        unknown = [k for k in self.target_kinds or [] if k not in OrgKind.values]
        if unknown:
            errors["target_kinds"] = f"未知的机构类型：{'、'.join(unknown)}。"
        if not self.target_kinds:
            errors["target_kinds"] = "请至少选择一种检查对象类型。"
        if errors:
            raise ValidationError(errors)

    @property
    def year(self) -> int:
        return self.starts_on.year

    def target_kind_labels(self) -> list[str]:
        labels = dict(OrgKind.choices)
        return [str(labels.get(k, k)) for k in self.target_kinds]
