"""扫码入企 (国办发〔2024〕54号): a code per visit, the log of its scans, and the organization's anonymous rating.

A visit is one organization targeted by a plan starting from RULES_FROM (drawn in a 双随机 draw, or
visited under the plan) and, once it happened, its inspection record. Scans and ratings keep no user,
no IP address and no user agent (docs/decisions/0018-visit-codes.md).
"""

from datetime import date, timedelta

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core import bounds

# After the visit the organization may rate it for this many days; then the code expires.
RATING_DAYS = 30


class VisitCode(models.Model):
    token = models.CharField("检查码", max_length=64, unique=True, editable=False)
    plan = models.ForeignKey(
        "inspections.Plan", verbose_name="检查行动", on_delete=models.PROTECT, related_name="visit_codes"
    )
    organization = models.ForeignKey(
        "directory.Organization", verbose_name="被检查机构", on_delete=models.PROTECT, related_name="visit_codes"
    )
    # The record of the visit, linked when it is saved (services.visit_codes.visit_code_link).
    inspection = models.ForeignKey(
        "inspections.Inspection",
        verbose_name="检查记录",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visit_codes",
    )
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "扫码入企检查码"
        verbose_name_plural = "扫码入企检查码"
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["plan", "organization"], name="insp_visit_code_once")]

    def __str__(self) -> str:
        return f"{self.plan} · {self.organization}"

    def get_absolute_url(self) -> str:
        return reverse("visit_public", args=[self.token])

    @property
    def visited(self) -> bool:
        return self.inspection_id is not None

    @property
    def rating_closes_on(self) -> date | None:
        """The last day the organization may rate the visit (None before the visit)."""
        return self.inspection.inspected_on + timedelta(days=RATING_DAYS) if self.inspection_id else None

    def expired_on(self, today: date) -> bool:
        closes = self.rating_closes_on
        return closes is not None and today > closes


class VisitScan(models.Model):
    """One opening of the public page of a code: the time only (privacy)."""

    code = models.ForeignKey(VisitCode, verbose_name="检查码", on_delete=models.CASCADE, related_name="scans")
    at = models.DateTimeField("扫码时间", auto_now_add=True)

    class Meta:
        verbose_name = "扫码记录"
        verbose_name_plural = "扫码记录"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.code} {self.at:%Y-%m-%d %H:%M}"


class VisitRating(models.Model):
    """The organization's rating of a visit: once per code (a one-to-one), linked to no user or address."""

    code = models.OneToOneField(
        VisitCode,
        verbose_name="检查码",
        on_delete=models.PROTECT,
        related_name="rating",
        error_messages={"unique": "这次检查已经评价过了，每次检查只能评价一次。"},
    )
    score = models.PositiveSmallIntegerField("总体评分", validators=bounds.between(1, 5, "分"))
    showed_certificates = models.BooleanField("执法人员出示了执法证件")
    followed_checklist = models.BooleanField("按公布的检查事项清单检查")
    no_disruption = models.BooleanField("未干扰正常经营（办学）")
    comment = models.CharField("意见建议", max_length=bounds.COMMENT_LENGTH, blank=True)
    year = models.PositiveSmallIntegerField("年度", db_index=True, editable=False)
    created_at = models.DateTimeField("评价时间", auto_now_add=True)

    class Meta:
        verbose_name = "扫码评价"
        verbose_name_plural = "扫码评价"
        ordering = ["score", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.code} {self.score}分"
