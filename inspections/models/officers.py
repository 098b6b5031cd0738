"""执法人员 (enforcement officers) and their 学法用法考试 (law exam) records."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from core import bounds
from core.models import AuditedModel

# 行政执法证号: a province/issuer prefix of letters or Chinese characters and digits, 8–20 characters.
CERTIFICATE_PATTERN = re.compile(r"^[A-Z\u4e00-\u9fa5]{0,4}\d{6,16}$")


def validate_certificate_no(value: str) -> None:
    if not CERTIFICATE_PATTERN.match(value or ""):
        raise ValidationError(
            "行政执法证号格式不正确：应为发证地简称或字母（可省略）加6至16位数字，如“浙33070201001”。",
            code="certificate_no",
        )


class OfficerQuerySet(models.QuerySet):
    def certified_on(self, day: date) -> "OfficerQuerySet":
        """Officers whose certificate is valid on `day` (and who are still on duty)."""
        return self.filter(active=True, valid_from__lte=day, valid_until__gte=day)


class Officer(AuditedModel):
    name = models.CharField("姓名", max_length=30)
    certificate_no = models.CharField("行政执法证号", max_length=24, unique=True, validators=[validate_certificate_no])
    valid_from = models.DateField("证件有效期起", validators=[bounds.WORKING_YEAR])
    valid_until = models.DateField("证件有效期至", db_index=True, validators=[bounds.VALIDITY])
    section = models.ForeignKey(
        "directory.Department", verbose_name="所在科室", on_delete=models.PROTECT, related_name="officers"
    )
    phone = models.CharField("联系电话", max_length=30, blank=True)
    active = models.BooleanField("在岗", default=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])
    objects = OfficerQuerySet.as_manager()

    class Meta:
        verbose_name = "执法人员"
        verbose_name_plural = "执法人员"
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": "证件有效期至不能早于有效期起。"})

    def is_certified_on(self, day: date) -> bool:
        return self.active and self.valid_from <= day <= self.valid_until

    @property
    def certificate_expired(self) -> bool:
        from django.utils import timezone

        return self.valid_until < timezone.localdate()


class ExamineeCategory(models.TextChoices):
    CADRE = "cadre", "区管干部"
    CIVIL_SERVANT = "civil_servant", "公务员"
    OTHER = "other", "其他"


class LawExam(AuditedModel):
    """One person's sitting of the yearly 学法用法考试."""

    year = models.PositiveSmallIntegerField("年度", db_index=True, validators=[bounds.YEAR])
    name = models.CharField("姓名", max_length=30)
    category = models.CharField("考试人员类别", max_length=20, choices=ExamineeCategory.choices)
    officer = models.ForeignKey(
        Officer, verbose_name="执法人员", on_delete=models.SET_NULL, null=True, blank=True, related_name="exams"
    )
    exam_date = models.DateField("考试日期", null=True, blank=True, validators=[bounds.FACT])
    score = models.DecimalField("成绩", max_digits=5, decimal_places=1, null=True, blank=True, validators=bounds.SCORE)
    passed = models.BooleanField("合格", default=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = "学法用法考试记录"
        verbose_name_plural = "学法用法考试记录"
        ordering = ["-year", "category", "name", "id"]
        constraints = [models.UniqueConstraint(fields=["year", "name", "category"], name="insp_exam_once_a_year")]

    def __str__(self) -> str:
        return f"{self.year}年 {self.name}"

    def clean(self) -> None:
        if self.exam_date and self.year and self.exam_date.year != self.year:
            raise ValidationError({"exam_date": "考试日期应在所选年度内。"})
