"""Inspection records (检查记录), their attachments and document numbers."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core import bounds
from core.models import AuditedModel, OrganizationScopedQuerySet, UploadedFile
from core.uploads import PrivateUploadTo
from directory.models import OrgKind


class Conclusion(models.TextChoices):
    PASSED = "passed", "合格"
    RECTIFY = "rectify", "责令整改"
    REFERRED = "referred", "移送处理"


class Substitution(models.TextChoices):
    """Why the officers who inspected a drawn organization are not the ones the draw assigned."""

    RECUSAL = "recusal", "回避"
    AWAY = "away", "公出"
    LEAVE = "leave", "病事假"
    CERTIFICATE = "certificate", "执法证失效"
    ADDED = "added", "增派人员"
    OTHER = "other", "其他"


class DocumentCounter(models.Model):
    """The last number issued per document kind and year; numbers are taken under a row lock."""

    kind = models.CharField("文书类型", max_length=20)
    year = models.PositiveSmallIntegerField("年度")
    last = models.PositiveIntegerField("已用到", default=0)

    class Meta:
        verbose_name = "文书编号"
        verbose_name_plural = "文书编号"
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="insp_counter_kind_year")]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last}"


class InspectionQuerySet(OrganizationScopedQuerySet):
    """检查记录: scoped to the organization it belongs to."""


class Inspection(AuditedModel):
    year = models.PositiveSmallIntegerField("年度", editable=False)
    serial = models.PositiveIntegerField("编号序号", editable=False)
    plan = models.ForeignKey(
        "inspections.Plan", verbose_name="检查行动", on_delete=models.PROTECT, related_name="inspections"
    )
    organization = models.ForeignKey(
        "directory.Organization", verbose_name="被检查机构", on_delete=models.PROTECT, related_name="inspections"
    )
    # The organization's kind on the day of the visit: the year's figures by kind count what was inspected,
    # not what the organization became later (a 学科类 institution changed to 非学科类 the year after).
    organization_kind = models.CharField("检查时机构类型", max_length=30, choices=OrgKind.choices, editable=False)
    inspected_on = models.DateField("检查日期", validators=[bounds.FACT])
    officers = models.ManyToManyField("inspections.Officer", verbose_name="执法人员", related_name="inspections")
    partners = models.ManyToManyField(
        "directory.Department", verbose_name="协作部门", blank=True, related_name="joint_inspections"
    )
    checklist = models.ForeignKey(
        "inspections.Checklist", verbose_name="检查表版本", on_delete=models.PROTECT, related_name="+"
    )
    # {"<item id>": {"r": "pass|fail|na", "n": "note"}} for every item of `checklist`.
    answers = models.JSONField("逐项检查结果", default=dict, blank=True)
    conclusion = models.CharField("检查结论", max_length=10, choices=Conclusion.choices, db_index=True)
    rectify_deadline = models.DateField("整改期限", null=True, blank=True, validators=[bounds.WORKING_YEAR])
    notes = models.TextField("检查情况记录", blank=True)
    site_contact = models.CharField("被检查单位在场人员", max_length=50, blank=True)
    # 现场检查笔录 (《行政检查文书基本格式文本（试行）》, visits from RULES_FROM): where and when, who was
    # present, who wrote it; signed_at is set when the last required signature or refusal is recorded
    # (inspections.services.signatures), after which the record is locked.
    location = models.CharField("检查地点", max_length=200, blank=True)
    started_at = models.TimeField("检查开始时间", null=True, blank=True)
    ended_at = models.TimeField("检查结束时间", null=True, blank=True)
    present_persons = models.CharField(
        "在场人员（姓名、职务）", max_length=300, blank=True, help_text="如：张三（校长）、李四（后勤主任）"
    )
    recorder = models.ForeignKey(
        "inspections.Officer",
        verbose_name="记录人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_at = models.DateTimeField("签署完成时间", null=True, blank=True, editable=False)
    # Set only when the organization was drawn (双随机) and the officers differ from the drawn ones.
    substitution_reason = models.CharField("人员调整原因", max_length=12, choices=Substitution.choices, blank=True)
    substitution_note = models.CharField("人员调整说明", max_length=200, blank=True)
    notice_serial = models.PositiveIntegerField("整改通知书序号", null=True, blank=True, editable=False)
    is_joint = models.BooleanField("联合检查", default=False, editable=False)
    # 国办发〔2024〕54号: set when recorded, by services.records.check_frequency (counted by inspected_on).
    repeat_of = models.ForeignKey(
        "self",
        verbose_name="重复检查（间隔内的前次检查）",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    exceeds_cap = models.BooleanField("超出年度检查上限", default=False, editable=False, db_index=True)
    approval = models.ForeignKey(
        "inspections.VisitApproval",
        verbose_name="领导审批",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="inspections",
    )

    history = HistoricalRecords(excluded_fields=["updated_at", "version", "answers"], m2m_fields=[officers, partners])
    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = "检查记录"
        verbose_name_plural = "检查记录"
        ordering = ["-inspected_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "serial"], name="insp_number_unique"),
            models.UniqueConstraint(
                fields=["year", "notice_serial"],
                name="insp_notice_number_unique",
                condition=models.Q(notice_serial__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["inspected_on", "id"], name="insp_date_id"),
            models.Index(fields=["plan", "inspected_on"], name="insp_plan_date"),
            # The newest inspections of the organizations a search or a township matched, and their
            # conclusion and plan, are read from the index alone (docs/performance.md).
            models.Index(
                fields=["organization", "inspected_on", "id"], include=["conclusion", "plan"], name="insp_org_date_id"
            ),
            # The list by conclusion (e.g. every 责令整改), newest first, at any depth.
            models.Index(fields=["conclusion", "inspected_on", "id"], name="insp_conclusion_date_id"),
            models.Index(fields=["year", "conclusion"], name="insp_year_conclusion"),
            # A year's list, newest first, and the year's statistics (by plan, kind, organization
            # kind, month, joint share) read this index only, not the table (PostgreSQL; `include`
            # is ignored elsewhere).
            models.Index(
                fields=["year", "inspected_on", "id"],
                include=["plan", "organization", "organization_kind", "is_joint", "conclusion"],
                name="insp_year_cover",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.organization}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:inspection_detail", args=[self.pk])

    @property
    def number(self) -> str:
        return f"婺教检〔{self.year}〕第{self.serial}号" if self.serial else "（未编号）"

    @property
    def notice_number(self) -> str:
        return f"婺教改〔{self.year}〕第{self.notice_serial}号" if self.notice_serial else ""

    def save(self, *args, **kwargs) -> None:
        if not self.organization_kind:
            self.organization_kind = self.organization.kind
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = {}
        if self.conclusion == Conclusion.RECTIFY and not self.rectify_deadline:
            errors["rectify_deadline"] = "结论为责令整改时须填写整改期限。"
        if self.rectify_deadline and self.inspected_on and self.rectify_deadline < self.inspected_on:
            errors["rectify_deadline"] = "整改期限不能早于检查日期。"
        if self.started_at and self.ended_at and self.ended_at < self.started_at:
            errors["ended_at"] = "检查结束时间不能早于开始时间。"
        if errors:
            raise ValidationError(errors)

    def failed_item_ids(self) -> list[int]:
        return [int(k) for k, v in self.answers.items() if v.get("r") == "fail"]


class InspectionAttachment(UploadedFile):
    inspection = models.ForeignKey(
        Inspection, verbose_name="检查记录", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField("文件", upload_to=PrivateUploadTo("inspections/records"))

    history = HistoricalRecords()

    class Meta(UploadedFile.Meta):
        verbose_name = "检查附件"
        verbose_name_plural = "检查附件"
