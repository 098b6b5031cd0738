"""The annual 法治政府建设年度报告 and the schools' 依法治校年度报告表.

A report is an ordered list of blocks (headings, paragraphs, list items). Heading numbers are never
stored: they are computed from the levels (reports.numbering). Figures are placeholders such as
`{{inspections.total}}` resolved from core.stats until publication, when the report is frozen in a
ReportSnapshot (rendered HTML, figure values, PDF bytes and their SHA-256) that is never rewritten.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core import bounds
from core.models import AuditedModel, OrganizationScopedQuerySet

DEFAULT_INDEX_FORMAT = "{credit_code}/{year}-{serial:05d}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "起草中"
    SUBMITTED = "submitted", "待审核"
    APPROVED = "approved", "已审核待发布"
    PUBLISHED = "published", "已发布"


class Disclosure(models.TextChoices):
    ACTIVE = "active", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    WITHHELD = "withheld", "不予公开"


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ReportQuerySet":
        """Bureau users see every report; a school sees published reports only; others nothing."""
        if getattr(user, "sees_district", False):
            return self
        if getattr(user, "is_authenticated", False) and user.is_active:
            return self.published().exclude(disclosure=Disclosure.WITHHELD)
        return self.none()

    def published(self) -> "ReportQuerySet":
        return self.filter(status=ReportStatus.PUBLISHED)

    def disclosed(self) -> "ReportQuerySet":
        """What the public disclosure catalogue lists (不予公开 reports never appear)."""
        return self.published().exclude(disclosure=Disclosure.WITHHELD)


class Report(AuditedModel):
    """One year's 法治政府建设年度报告 of an issuing organization, with its publication metadata."""

    year = models.PositiveSmallIntegerField("报告年度", validators=[bounds.YEAR])
    issuer = models.ForeignKey(
        "directory.Organization", verbose_name="发文机关", on_delete=models.PROTECT, related_name="reports"
    )
    title = models.CharField("标题", max_length=100)
    status = models.CharField(
        "状态", max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT, db_index=True
    )
    index_year = models.PositiveSmallIntegerField("索引号年份", validators=[bounds.YEAR])
    serial = models.PositiveIntegerField("索引号流水号", validators=bounds.between(1, 99_999))
    index_number = models.CharField("信息索引号", max_length=60, unique=True)
    file_name = models.CharField("文件名称", max_length=100)
    publisher = models.CharField("发布机构", max_length=100)
    written_on = models.DateField("成文日期", null=True, blank=True, validators=[bounds.WORKING_YEAR])
    signed_on = models.DateField(
        "落款日期",
        null=True,
        blank=True,
        validators=[bounds.WORKING_YEAR],
        help_text="正文末尾署名下方的日期；不填则与成文日期相同。",
    )
    published_on = models.DateField("发布日期", null=True, blank=True, validators=[bounds.FACT])
    disclosure = models.CharField("公开方式", max_length=12, choices=Disclosure.choices, default=Disclosure.ACTIVE)
    disclosure_reason = models.CharField(
        "不予公开理由", max_length=200, blank=True, help_text="选择“不予公开”时必须填写理由及依据。"
    )
    return_reason = models.CharField("退回理由", max_length=500, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])
    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = "法治政府建设年度报告"
        verbose_name_plural = "法治政府建设年度报告"
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year"], name="report_one_per_issuer_year"),
            models.UniqueConstraint(fields=["issuer", "index_year", "serial"], name="report_unique_serial"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:report_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.disclosure == Disclosure.WITHHELD and not self.disclosure_reason.strip():
            errors["disclosure_reason"] = "选择“不予公开”时必须填写理由及依据。"
        if self.written_on and self.year and self.written_on.year < self.year:
            errors["written_on"] = f"成文日期不能早于报告年度（{self.year}年）。"
        if self.signed_on and self.year and self.signed_on.year < self.year:
            errors["signed_on"] = f"落款日期不能早于报告年度（{self.year}年）。"
        if self.published_on and self.written_on and self.published_on < self.written_on:
            errors["published_on"] = "发布日期不能早于成文日期。"
        if errors:
            raise ValidationError(errors)

    @property
    def signature_date(self):
        """The date printed under the 署名: its own field, else the 成文日期 of the catalogue."""
        return self.signed_on or self.written_on

    @property
    def is_draft(self) -> bool:
        return self.status == ReportStatus.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED

    @staticmethod
    def format_index_number(*, credit_code: str, year: int, serial: int) -> str:
        """信息索引号, e.g. 11330702732038549W/2022-00444 (format: settings.REPORT_INDEX_NUMBER_FORMAT)."""
        pattern = getattr(settings, "REPORT_INDEX_NUMBER_FORMAT", DEFAULT_INDEX_FORMAT)
        return pattern.format(credit_code=credit_code, year=year, serial=serial)


class BlockKind(models.TextChoices):
    HEADING = "heading", "标题"
    PARAGRAPH = "paragraph", "段落"
    ITEM = "item", "列表项"


class BlockOrigin(models.TextChoices):
    """Where a block's text comes from (docs/reports.md: the three kinds of sentences)."""

    WRITTEN = "written", "人工撰写"
    CARRIED = "carried", "沿用上年表述"
    EVENT = "event", "事件语句"


# A heading typed with its own number ("二、", "（一）", "1.", "(1)") would break the automatic numbering.
TYPED_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d+\s*[、.．])"
)
MAX_LEVEL = 4


class Block(models.Model):
    """One heading, paragraph or list item of a report, in `position` order."""

    report = models.ForeignKey(Report, verbose_name="报告", on_delete=models.CASCADE, related_name="blocks")
    position = models.PositiveIntegerField("顺序")
    kind = models.CharField("类型", max_length=10, choices=BlockKind.choices, default=BlockKind.PARAGRAPH)
    level = models.PositiveSmallIntegerField(
        "标题层级", default=1, help_text="1级“一、”，2级“（一）”，3级“1.”，4级“（1）”。"
    )
    text = models.TextField("内容")
    origin = models.CharField("来源", max_length=10, choices=BlockOrigin.choices, default=BlockOrigin.WRITTEN)
    confirmed = models.BooleanField("已确认沿用", default=False)
    # The place of the block in the built-in text ("events:inspections", "dated:2021", "after:activities"…),
    # so that next year's draft knows what to regenerate from records and what not to carry (reports.drafting).
    slot = models.CharField("初稿位置", max_length=40, blank=True)

    class Meta:
        verbose_name = "报告段落"
        verbose_name_plural = "报告段落"
        ordering = ["report", "position"]
        indexes = [models.Index(fields=["report", "position"], name="block_report_position")]

    def __str__(self) -> str:
        return self.text[:30]

    @property
    def needs_confirmation(self) -> bool:
        """Carried from last year's report (or the built-in text) and not yet confirmed or edited."""
        return self.origin == BlockOrigin.CARRIED and not self.confirmed

    def clean(self) -> None:
        errors = {}
        text = (self.text or "").strip()
        if not text:
            errors["text"] = "内容不能为空。"
        if self.kind == BlockKind.HEADING:
            if not 1 <= (self.level or 0) <= MAX_LEVEL:
                errors["level"] = f"标题层级应为1至{MAX_LEVEL}。"
            if "\n" in text:
                errors["text"] = "标题只能有一行。"
            elif len(text) > 120:
                errors["text"] = "标题不能超过120个字。"
        if self.kind in (BlockKind.HEADING, BlockKind.ITEM):
            match = TYPED_NUMBER.match(text)
            if match:
                errors["text"] = f"编号由系统按层级自动生成，请删除开头的“{match.group(0).strip()}”。"
        if errors:
            raise ValidationError(errors)


class ReportSnapshot(models.Model):
    """The report as published: text, figures, PDF bytes and checksum. Written once, never regenerated."""

    report = models.OneToOneField(Report, verbose_name="报告", on_delete=models.PROTECT, related_name="snapshot")
    html = models.TextField("正文HTML")
    figures = models.JSONField("数据（发布时）", default=dict)
    pdf = models.BinaryField("PDF文件")
    sha256 = models.CharField("SHA-256", max_length=64)
    created_at = models.DateTimeField("冻结时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发布人", on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "发布版本"
        verbose_name_plural = "发布版本"

    def __str__(self) -> str:
        return f"{self.report} · {self.sha256[:12]}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValidationError("已发布的报告版本不可修改或重新生成。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("已发布的报告版本不可删除。")


class ReportAction(models.TextChoices):
    CREATE = "create", "生成初稿"
    EDIT = "edit", "编辑正文"
    METADATA = "metadata", "修改发布信息"
    SUBMIT = "submit", "提交审核"
    APPROVE = "approve", "审核通过"
    RETURN = "return", "退回修改"
    PUBLISH = "publish", "发布"


class ReportEvent(models.Model):
    """Append-only log of who did what to a report, and why."""

    report = models.ForeignKey(Report, verbose_name="报告", on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField("时间", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField("操作", max_length=10, choices=ReportAction.choices)
    from_status = models.CharField("原状态", max_length=12, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField("新状态", max_length=12, choices=ReportStatus.choices, blank=True)
    note = models.CharField("说明", max_length=500, blank=True)

    class Meta:
        verbose_name = "报告操作记录"
        verbose_name_plural = "报告操作记录"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.report}"


class SchoolFormStatus(models.TextChoices):
    DRAFT = "draft", "填报中"
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "已退回"
    ACCEPTED = "accepted", "已确认"


class SchoolFormQuerySet(OrganizationScopedQuerySet):
    """依法治校年度报告表: scoped to the organization it belongs to."""


class SchoolReportForm(AuditedModel):
    """依法治校年度报告表: one school's yearly rule-of-law form, prefilled from its records, completed by hand."""

    organization = models.ForeignKey(
        "directory.Organization", verbose_name="学校", on_delete=models.PROTECT, related_name="school_report_forms"
    )
    year = models.PositiveSmallIntegerField("年度", validators=[bounds.YEAR])
    status = models.CharField(
        "状态", max_length=10, choices=SchoolFormStatus.choices, default=SchoolFormStatus.DRAFT, db_index=True
    )
    # Prefilled from the school's own records in the other modules (reports.prefill), corrected by hand
    # with a note if the school's own count differs. `prefilled` keeps, per field, the value read from
    # the records, where it was read ("source") and the list it came from ("url").
    has_counsel = models.BooleanField("已聘请法律顾问", default=False)
    counsel_names = models.CharField("法律顾问（律师及律师事务所）", max_length=300, blank=True)
    counsel_services = models.PositiveIntegerField("法律顾问服务次数", default=0, validators=bounds.COUNT)
    law_activities = models.PositiveIntegerField("普法活动场次", default=0, validators=bounds.COUNT)
    activity_participants = models.PositiveIntegerField("普法活动参与人次", default=0, validators=bounds.COUNT)
    activity_kinds = models.CharField("普法活动类型", max_length=500, blank=True)
    self_checks = models.PositiveIntegerField("提交安全自查次数", default=0, validators=bounds.COUNT)
    self_checks_accepted = models.PositiveIntegerField("自查通过审核次数", default=0, validators=bounds.COUNT)
    hazards_found = models.PositiveIntegerField("当年发现隐患数", default=0, validators=bounds.COUNT)
    hazards_closed = models.PositiveIntegerField("年末已整改销号隐患数", default=0, validators=bounds.COUNT)
    hazards_open = models.PositiveIntegerField("年末未销号隐患数", default=0, validators=bounds.COUNT)
    hazards_overdue = models.PositiveIntegerField("年末逾期未整改隐患数", default=0, validators=bounds.COUNT)
    inspections = models.PositiveIntegerField("接受行政检查次数", default=0, validators=bounds.COUNT)
    inspections_passed = models.PositiveIntegerField("检查结论为合格", default=0, validators=bounds.COUNT)
    inspections_rectify = models.PositiveIntegerField("检查结论为责令整改", default=0, validators=bounds.COUNT)
    inspections_referred = models.PositiveIntegerField("检查结论为移送处理", default=0, validators=bounds.COUNT)
    safety_grade = models.CharField("平安校园考核等级", max_length=20, blank=True)
    safety_score = models.DecimalField(
        "平安校园考核得分", max_digits=5, decimal_places=1, null=True, blank=True, validators=bounds.SCORE
    )
    corrections = models.TextField(
        "更正说明", blank=True, help_text="修改了平台预填的数据时，请说明原因（如：平台漏录的活动、已销号未登记等）。"
    )
    prefilled = models.JSONField("预填来源", default=dict, blank=True)
    # Completed by hand.
    charter_and_rules = models.TextField("章程及规章制度建设情况", blank=True)
    leadership_study = models.TextField("领导班子学法用法情况", blank=True)
    education = models.TextField("法治教育开展情况", blank=True)
    problems = models.TextField("存在的问题", blank=True)
    plans = models.TextField("下一年度工作打算", blank=True)
    contact = models.CharField("填报人", max_length=30, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    return_reason = models.CharField("退回理由", max_length=500, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version", "prefilled"])
    objects = SchoolFormQuerySet.as_manager()

    class Meta:
        verbose_name = "依法治校年度报告表"
        verbose_name_plural = "依法治校年度报告表"
        ordering = ["-year", "organization__kind_rank", "organization__name_key"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="school_form_one_per_year")]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}年度依法治校年度报告表"

    def get_absolute_url(self) -> str:
        return reverse("reports:school_form_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.hazards_closed > self.hazards_found:
            errors["hazards_closed"] = "整改销号的隐患数不能多于发现的隐患数。"
        if self.hazards_open > self.hazards_found:
            errors["hazards_open"] = "未销号的隐患数不能多于发现的隐患数。"
        if self.hazards_overdue > self.hazards_open:
            errors["hazards_overdue"] = "逾期未整改的隐患数不能多于未销号的隐患数。"
        if self.self_checks_accepted > self.self_checks:
            errors["self_checks_accepted"] = "通过审核的自查次数不能多于提交的次数。"
        if self.inspections_passed + self.inspections_rectify + self.inspections_referred > self.inspections:
            errors["inspections"] = "各结论的检查次数之和不能多于接受检查的次数。"
        corrected = self.corrected_fields()
        if corrected and not self.corrections.strip():
            names = "、".join(str(self._meta.get_field(name).verbose_name) for name in corrected)
            errors["corrections"] = f"您修改了平台按本校记录预填的数据（{names}），请填写更正说明。"
        if errors:
            raise ValidationError(errors)

    def prefilled_value(self, name: str):
        """The value the school's records gave for field `name` (None if it was not prefilled)."""
        entry = self.prefilled.get(name)
        if not isinstance(entry, dict) or "value" not in entry:
            return None
        return self._meta.get_field(name).to_python(entry["value"])

    def corrected_fields(self) -> list[str]:
        """Prefilled fields whose value the school has changed from what its records gave."""
        return [
            name
            for name in self.prefilled
            if self.prefilled_value(name) is not None
            and self._meta.get_field(name).to_python(getattr(self, name)) != self.prefilled_value(name)
        ]

    @property
    def editable(self) -> bool:
        return self.status in (SchoolFormStatus.DRAFT, SchoolFormStatus.RETURNED)
