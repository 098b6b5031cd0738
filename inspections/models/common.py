"""Vocabulary shared by the inspection models, and the log of every status change."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models


class Area(models.TextChoices):
    """The ten areas of 《婺城区校园安全“三级四阶”工作机制》."""

    ORGANIZATION = "organization", "组织建设"
    SECURITY = "security", "校园安保"
    FIRE = "fire", "消防安全"
    FOOD = "food", "食品安全"
    TRAFFIC = "traffic", "交通安全"
    DROWNING = "drowning", "防溺水"
    SURROUNDINGS = "surroundings", "周边环境"
    BULLYING = "bullying", "校园欺凌防诈骗"
    EDUCATION = "education", "安全教育"
    MENTAL = "mental", "心理健康"


class Answer(models.TextChoices):
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"
    NA = "na", "不适用"


class StatusChange(models.Model):
    """One status transition of a record: who, on which day, from, to, why. Written only by services."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    from_status = models.CharField("原状态", max_length=20, blank=True)
    to_status = models.CharField("新状态", max_length=20)
    reason = models.TextField("说明", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, related_name="+")
    # `happened_on` is the day the change happened as reported (办理日期); `at` is when it was typed.
    happened_on = models.DateField("办理日期")
    at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "状态变更记录"
        verbose_name_plural = "状态变更记录"
        ordering = ["-happened_on", "-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"], name="insp_change_subject")]

    def __str__(self) -> str:
        return f"{self.from_label} → {self.to_label}"

    @property
    def from_label(self) -> str:
        return status_label(self.from_status, self._subject_model()) if self.from_status else "—"

    @property
    def to_label(self) -> str:
        return status_label(self.to_status, self._subject_model())

    def _subject_model(self):
        return ContentType.objects.get_for_id(self.content_type_id).model_class()  # cached, no query per row


def status_label(value: str, model=None) -> str:
    """The Chinese name of a status of any record of this module.

    Several records share a status value with different names ("submitted" is 待核验 for a hazard and
    已提交 for a self-check), so the subject's own choices, when `model` is given, come first.
    """
    from .checklists import ChecklistStatus
    from .draws import DrawStatus
    from .hazards import HazardStatus
    from .selfchecks import SelfCheckStatus

    labels = {"results_published": "结果已公开", "results_unpublished": "结果未公开"}
    for choices in (HazardStatus, SelfCheckStatus, DrawStatus, ChecklistStatus):
        labels.update({k: str(v) for k, v in choices.choices})
    if model is not None:
        try:
            own = model._meta.get_field("status").choices or []
        except FieldDoesNotExist:
            own = []
        labels.update({k: str(v) for k, v in own})
    return labels.get(value, value)
