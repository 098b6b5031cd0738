"""行政检查审批表, 检查通知 and 回避申请 (国办发〔2024〕54号): no visit from 2025 without a leader's approval,
a numbered notice to each organization, and the organization's right to ask an officer to withdraw.

docs/decisions/0017-check-approval-and-notice.md
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core import bounds
from core.models import AuditedModel, OrganizationScopedQuerySet


class ApprovalKind(models.TextChoices):
    PLAN = "plan", "检查行动"
    VISIT = "visit", "单次检查"


class ApprovalStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审批"
    APPROVED = "approved", "已批准"
    RETURNED = "returned", "已退回"


class CheckApproval(AuditedModel):
    """One 行政检查审批表: a plan's visits to its organizations over its period, or one visit on one day.

    Drafted and submitted by bureau staff; approved or returned (with the reason) by a 局领导. Once
    approved it covers its organizations from `starts_on` to `ends_on`, and each gets a 检查通知.
    """

    kind = models.CharField("审批类型", max_length=10, choices=ApprovalKind.choices, default=ApprovalKind.VISIT)
    plan = models.ForeignKey(
        "inspections.Plan",
        verbose_name="检查行动",
        on_delete=models.PROTECT,
        related_name="check_approvals",
        null=True,
        blank=True,
    )
    checklist = models.ForeignKey(
        "inspections.Checklist", verbose_name="检查表（检查事项）", on_delete=models.PROTECT, related_name="+"
    )
    basis = models.TextField("检查依据", max_length=1000)
    organizations = models.ManyToManyField(
        "directory.Organization", verbose_name="被检查机构", related_name="check_approvals"
    )
    officers = models.ManyToManyField("inspections.Officer", verbose_name="执法人员", related_name="check_approvals")
    starts_on = models.DateField("检查日期起", validators=[bounds.WORKING_YEAR])
    ends_on = models.DateField("检查日期止", validators=[bounds.WORKING_YEAR])
    status = models.CharField(
        "状态", max_length=12, choices=ApprovalStatus.choices, default=ApprovalStatus.DRAFT, db_index=True
    )
    submitted_on = models.DateField("报批日期", null=True, blank=True, validators=[bounds.FACT])
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审批领导",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_on = models.DateField("审批日期", null=True, blank=True, db_index=True, validators=[bounds.FACT])
    return_reason = models.TextField("退回理由", blank=True, max_length=1000)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"], m2m_fields=[organizations, officers])

    class Meta:
        verbose_name = "行政检查审批表"
        verbose_name_plural = "行政检查审批表"
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["status", "starts_on", "ends_on"], name="insp_chkappr_status_days")]

    def __str__(self) -> str:
        return f"行政检查审批表（{self.title}）"

    @property
    def title(self) -> str:
        return self.plan.name if self.plan_id else "单次检查"

    def get_absolute_url(self) -> str:
        return reverse("inspections:check_approval_detail", args=[self.pk])

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "检查日期止不能早于检查日期起。"})
        if self.kind == ApprovalKind.VISIT and self.starts_on and self.ends_on and self.starts_on != self.ends_on:
            raise ValidationError({"ends_on": "单次检查的检查日期起止应为同一天。"})


class CheckNoticeQuerySet(OrganizationScopedQuerySet):
    """检查通知: the bureau reads all, a school administrator only its own organization's."""


class CheckNotice(AuditedModel):
    """The 检查通知 to one organization of an approved 审批表, numbered 婺教检通〔year〕N号.

    The frequency (visits of the year so far, the cap of its kind) is taken when it is issued; its
    officers start as the approval's and change only by a granted 回避.
    """

    approval = models.ForeignKey(CheckApproval, verbose_name="审批表", on_delete=models.PROTECT, related_name="notices")
    organization = models.ForeignKey(
        "directory.Organization", verbose_name="被检查机构", on_delete=models.PROTECT, related_name="check_notices"
    )
    year = models.PositiveSmallIntegerField("年度", validators=[bounds.YEAR])
    serial = models.PositiveIntegerField("序号")
    issued_on = models.DateField("发出日期", validators=[bounds.FACT])
    officers = models.ManyToManyField("inspections.Officer", verbose_name="执法人员", related_name="check_notices")
    visits_before = models.PositiveSmallIntegerField("本年度已检查次数", default=0)
    cap = models.PositiveSmallIntegerField("年度检查上限", null=True, blank=True)
    received_on = models.DateField("签收日期", null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="签收人",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    history = HistoricalRecords(excluded_fields=["updated_at", "version"], m2m_fields=[officers])
    objects = CheckNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = "检查通知"
        verbose_name_plural = "检查通知"
        ordering = ["-year", "-serial"]
        constraints = [
            models.UniqueConstraint(fields=["year", "serial"], name="insp_checknotice_number"),
            models.UniqueConstraint(fields=["approval", "organization"], name="insp_checknotice_once"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return f"婺教检通〔{self.year}〕{self.serial}号"

    def get_absolute_url(self) -> str:
        return reverse("inspections:check_notice_detail", args=[self.pk])


class RecusalStatus(models.TextChoices):
    PENDING = "pending", "待决定"
    GRANTED = "granted", "同意回避"
    REFUSED = "refused", "不同意回避"


class RecusalQuerySet(OrganizationScopedQuerySet):
    organization_field = "notice__organization_id"


class Recusal(AuditedModel):
    """The organization's request that a named officer withdraw from its visit (回避), and the bureau's decision."""

    notice = models.ForeignKey(CheckNotice, verbose_name="检查通知", on_delete=models.PROTECT, related_name="recusals")
    officer = models.ForeignKey(
        "inspections.Officer", verbose_name="申请回避的执法人员", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField("申请理由", max_length=1000)
    requested_on = models.DateField("申请日期", validators=[bounds.FACT])
    status = models.CharField(
        "状态", max_length=10, choices=RecusalStatus.choices, default=RecusalStatus.PENDING, db_index=True
    )
    replacement = models.ForeignKey(
        "inspections.Officer",
        verbose_name="替换的执法人员",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="决定人",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_on = models.DateField("决定日期", null=True, blank=True, validators=[bounds.FACT])
    decision_reason = models.TextField("决定理由", blank=True, max_length=1000)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])
    objects = RecusalQuerySet.as_manager()

    class Meta:
        verbose_name = "回避申请"
        verbose_name_plural = "回避申请"
        ordering = ["-requested_on", "-id"]

    def __str__(self) -> str:
        return f"{self.notice.number} 申请{self.officer.name}回避"
