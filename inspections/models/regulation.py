"""规范涉企行政检查 (国办发〔2024〕54号): the public 检查事项清单, the yearly frequency rules, and the
leader's approval of a visit that breaks them (docs/inspections-2025.md)."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from core import bounds
from core.models import AuditedModel
from directory.models import OrgKind

# The 意见 applies to plans that start and visits made from this day on; the 2021 demo and the
# years before keep the rules they were recorded under (docs/decisions/0012-inspections-2025.md).
RULES_FROM = date(2025, 1, 1)


class CheckMethod(models.TextChoices):
    ONSITE = "onsite", "现场检查"
    WRITTEN = "written", "书面检查"
    REMOTE = "remote", "远程检查"


class CheckMatter(AuditedModel):
    """One check item of a checklist as it appears in the public 检查事项清单: who inspects, whom, how.

    The item's text and legal basis stay on the versioned checklist; this record adds what the
    清单 publishes. An item may be inspected (used in a plan) only once its matter is published.
    """

    item = models.OneToOneField(
        "inspections.ChecklistItem", verbose_name="检查项", on_delete=models.PROTECT, related_name="matter"
    )
    body = models.ForeignKey(
        "directory.Department", verbose_name="实施主体（科室）", on_delete=models.PROTECT, related_name="check_matters"
    )
    org_kinds = models.JSONField("适用对象", default=list, blank=True)
    method = models.CharField("检查方式", max_length=10, choices=CheckMethod.choices, default=CheckMethod.ONSITE)
    published_on = models.DateField("公布日期", null=True, blank=True, db_index=True, validators=[bounds.FACT])

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = "检查事项"
        verbose_name_plural = "检查事项清单"
        ordering = ["item__checklist__name", "item__number"]

    def __str__(self) -> str:
        return str(self.item)

    def clean(self) -> None:
        unknown = [k for k in self.org_kinds or [] if k not in OrgKind.values]
        if unknown:
            raise ValidationError({"org_kinds": f"未知的机构类型：{'、'.join(unknown)}。"})
        if not self.org_kinds:
            raise ValidationError({"org_kinds": "请至少选择一种适用对象。"})

    def org_kind_labels(self) -> list[str]:
        labels = dict(OrgKind.choices)
        return [str(labels.get(k, k)) for k in self.org_kinds]


class FrequencyRule(AuditedModel):
    """The bureau's yearly cap on inspections of one kind of organization, and the repeat window.

    Counted by the day a visit happened (`Inspection.inspected_on`), by any department and plan.
    """

    year = models.PositiveSmallIntegerField("年度", validators=[bounds.YEAR])
    org_kind = models.CharField("机构类型", max_length=30, choices=OrgKind.choices)
    max_visits = models.PositiveSmallIntegerField(
        "年度检查上限（次）", validators=bounds.between(1, 99), help_text="同一机构一年内各部门检查合计不超过的次数。"
    )
    repeat_days = models.PositiveSmallIntegerField(
        "重复检查间隔（天）",
        default=30,
        validators=bounds.between(0, 366),
        help_text="同一机构在该天数内再次被检查即为重复检查；0表示不检查间隔。",
    )

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = "检查频次上限"
        verbose_name_plural = "检查频次上限"
        ordering = ["-year", "org_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "org_kind"],
                name="insp_frequency_year_kind",
                violation_error_message="该年度这类机构的检查频次上限已经设定，请编辑已有的一条。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年{self.get_org_kind_display()}每年不超过{self.max_visits}次"


class VisitApproval(AuditedModel):
    """A leader's approval, with its reason, of one visit that exceeds the cap or repeats within the window.

    Used by the first inspection of the organization recorded on `visit_on` that needs it.
    """

    organization = models.ForeignKey(
        "directory.Organization", verbose_name="被检查机构", on_delete=models.PROTECT, related_name="visit_approvals"
    )
    visit_on = models.DateField("检查日期", validators=[bounds.WORKING_YEAR])
    reason = models.TextField("审批理由", max_length=1000)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审批领导", on_delete=models.PROTECT, related_name="+"
    )
    approved_on = models.DateField("审批日期", validators=[bounds.FACT])

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = "超频/重复检查审批"
        verbose_name_plural = "超频/重复检查审批"
        ordering = ["-visit_on", "-id"]
        indexes = [models.Index(fields=["organization", "visit_on"], name="insp_approval_org_day")]

    def __str__(self) -> str:
        return f"{self.organization}（{self.visit_on:%Y年%-m月%-d日}）"
