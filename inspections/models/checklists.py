"""检查表 (the "一单"): versioned checklists grouped into the ten 三级四阶 areas."""

from django.db import models
from simple_history.models import HistoricalRecords

from core import bounds
from core.models import AuditedModel

from .common import Area


class ChecklistStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    RETIRED = "retired", "已停用"


class Checklist(AuditedModel):
    """One version of a checklist. A published version never changes: edits make a new version."""

    name = models.CharField("检查表名称", max_length=100)
    version = models.PositiveSmallIntegerField("版本号", default=1)
    status = models.CharField("状态", max_length=10, choices=ChecklistStatus.choices, default=ChecklistStatus.DRAFT)
    effective_on = models.DateField("启用日期", null=True, blank=True, validators=[bounds.WORKING_YEAR])
    previous = models.ForeignKey(
        "self", verbose_name="上一版本", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    notes = models.TextField("修订说明", blank=True)

    # `version` here is the checklist's version number (版本号), kept in the history.
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "检查表"
        verbose_name_plural = "检查表"
        ordering = ["name", "-version"]
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="insp_checklist_version")]

    def __str__(self) -> str:
        return f"{self.name}（第{self.version}版）"

    @property
    def is_editable(self) -> bool:
        return self.status == ChecklistStatus.DRAFT


class ChecklistItem(models.Model):
    checklist = models.ForeignKey(Checklist, verbose_name="检查表", on_delete=models.CASCADE, related_name="items")
    area = models.CharField("检查领域", max_length=20, choices=Area.choices)
    number = models.PositiveSmallIntegerField("序号", validators=bounds.between(1, 999))
    text = models.CharField("检查内容", max_length=300)
    legal_basis = models.CharField("法律依据", max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "检查项"
        verbose_name_plural = "检查项"
        ordering = ["checklist", "number"]
        constraints = [models.UniqueConstraint(fields=["checklist", "number"], name="insp_item_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"
