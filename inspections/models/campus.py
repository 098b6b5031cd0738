"""智安校园 (smart campus security systems) and 平安校园 yearly assessments."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from core import bounds
from core.models import AuditedModel, OrganizationScopedQuerySet

BASE_SYSTEMS = [
    ("video", "视频监控系统"),
    ("face", "人脸识别系统"),
    ("vehicle", "车辆识别系统"),
    ("visitor", "访客系统"),
    ("phone_mac", "手机MAC"),
]
OPTIONAL_SYSTEMS = [
    ("bollard", "升降柱"),
    ("perimeter", "周界报警"),
    ("temperature", "体温检测"),
    ("panorama", "高空全景监控"),
    ("dormitory", "宿管系统"),
    ("smart_power", "智慧用电系统"),
    ("smoke", "消防烟感报警器"),
    ("patrol", "巡更系统"),
]


class SmartCampus(AuditedModel):
    organization = models.OneToOneField(
        "directory.Organization", verbose_name="学校", on_delete=models.PROTECT, related_name="smart_campus"
    )
    sites = models.PositiveSmallIntegerField("点位数", default=1, validators=bounds.SITES)
    base_systems = models.JSONField("五大基本系统", default=list, blank=True)
    optional_systems = models.JSONField("选配系统", default=list, blank=True)
    completed_on = models.DateField("建成日期", null=True, blank=True, validators=[bounds.FACT])
    police_linked = models.BooleanField("已与公安联网", default=False)
    notes = models.TextField("备注", blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])
    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "智安校园"
        verbose_name_plural = "智安校园"
        ordering = ["organization__kind_rank", "organization__name_key"]

    def __str__(self) -> str:
        return f"{self.organization} 智安校园"

    def clean(self) -> None:
        errors = {}
        if unknown := set(self.base_systems) - {k for k, _ in BASE_SYSTEMS}:
            errors["base_systems"] = f"未知的基本系统：{'、'.join(sorted(unknown))}。"
        if unknown := set(self.optional_systems) - {k for k, _ in OPTIONAL_SYSTEMS}:
            errors["optional_systems"] = f"未知的选配系统：{'、'.join(sorted(unknown))}。"
        if errors:
            raise ValidationError(errors)

    @property
    def is_complete(self) -> bool:
        return self.complete(self.base_systems, self.completed_on)

    @staticmethod
    def complete(base_systems, completed_on) -> bool:
        """All five base systems installed and a completion date recorded (also for values_list rows)."""
        return bool(completed_on) and set(base_systems) >= {k for k, _ in BASE_SYSTEMS}

    def base_labels(self) -> list[str]:
        return [label for key, label in BASE_SYSTEMS if key in self.base_systems]

    def optional_labels(self) -> list[str]:
        return [label for key, label in OPTIONAL_SYSTEMS if key in self.optional_systems]


# The 平安校园 score sheet: (key, item, full marks). Sums to 100.
SCORE_SHEET = [
    ("organization", "安全组织与责任制落实", 15),
    ("security", "校园安保与智安校园运行", 15),
    ("fire", "消防安全", 15),
    ("food", "食品安全", 15),
    ("traffic", "交通与校车安全", 10),
    ("drowning", "防溺水与安全教育", 10),
    ("hazards", "隐患排查整改", 10),
    ("emergency", "应急预案与演练", 10),
]
FULL_MARKS = sum(m for _, _, m in SCORE_SHEET)
VETO_ITEMS = [
    ("death", "发生学生非正常死亡责任事故"),
    ("major_accident", "发生重大安全责任事故"),
    ("concealment", "瞒报、迟报安全事故"),
    ("major_hazard", "重大隐患逾期未整改"),
]


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    GOOD = "good", "良好"
    PASSED = "passed", "合格"
    FAILED = "failed", "不合格（一票否决）"


class SafetyAssessment(AuditedModel):
    organization = models.ForeignKey(
        "directory.Organization", verbose_name="学校", on_delete=models.PROTECT, related_name="safety_assessments"
    )
    year = models.PositiveSmallIntegerField("年度", db_index=True, validators=[bounds.YEAR])
    scores = models.JSONField("评分表", default=dict)
    veto_items = models.JSONField("一票否决事项", default=list, blank=True)
    total = models.DecimalField("总分", max_digits=5, decimal_places=1, editable=False, default=Decimal("0"))
    grade = models.CharField("等级", max_length=10, choices=Grade.choices, editable=False, db_index=True)
    inspector_group = models.CharField("督查组", max_length=100, blank=True)
    notes = models.TextField("督查组意见", blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])
    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "平安校园考核"
        verbose_name_plural = "平安校园考核"
        ordering = ["-year", "organization__kind_rank", "organization__name_key"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="insp_assessment_once")]
        indexes = [models.Index(fields=["year", "total"], name="assessment_year_total")]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}年平安校园考核"

    def clean(self) -> None:
        errors = []
        for key, label, full in SCORE_SHEET:
            value = self.scores.get(key)
            if value is None:
                errors.append(f"请填写“{label}”的得分。")
            elif not (0 <= Decimal(str(value)) <= full):
                errors.append(f"“{label}”的得分应在0至{full}分之间。")
        if unknown := set(self.veto_items) - {k for k, _ in VETO_ITEMS}:
            errors.append(f"未知的一票否决事项：{'、'.join(sorted(unknown))}。")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.total = sum((Decimal(str(self.scores.get(k, 0))) for k, _, _ in SCORE_SHEET), Decimal("0"))
        self.grade = grade_for(self.total, bool(self.veto_items))
        super().save(*args, **kwargs)

    @property
    def full_marks(self) -> bool:
        return self.total >= FULL_MARKS and not self.veto_items

    def score_rows(self) -> list[tuple[str, int, object]]:
        return [(label, full, self.scores.get(key)) for key, label, full in SCORE_SHEET]

    def veto_labels(self) -> list[str]:
        return [label for key, label in VETO_ITEMS if key in self.veto_items]


def grade_for(total: Decimal, vetoed: bool) -> str:
    if vetoed:
        return Grade.FAILED
    if total >= 90:
        return Grade.EXCELLENT
    if total >= 80:
        return Grade.GOOD
    return Grade.PASSED if total >= 60 else Grade.FAILED
