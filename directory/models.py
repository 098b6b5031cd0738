from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core import bounds, pinyin
from core.models import AuditedModel

from .validators import CreditCodeField, validate_credit_code


class OrgKind(models.TextChoices):
    PUBLIC_PRIMARY = "public_primary", "公办小学"
    PUBLIC_JUNIOR = "public_junior", "公办初中"
    PUBLIC_NINE_YEAR = "public_nine_year", "公办九年一贯制学校"
    PUBLIC_SENIOR = "public_senior", "公办高中"
    PUBLIC_KINDERGARTEN = "public_kindergarten", "公办幼儿园"
    PRIVATE_KINDERGARTEN = "private_kindergarten", "民办幼儿园"
    PRIVATE_SCHOOL = "private_school", "民办学校"
    SUBJECT_TRAINING = "subject_training", "学科类培训机构"
    NONSUBJECT_TRAINING = "nonsubject_training", "非学科类培训机构"
    BUREAU = "bureau", "教育行政部门"


PUBLIC_KINDS = frozenset(
    {
        OrgKind.PUBLIC_PRIMARY,
        OrgKind.PUBLIC_JUNIOR,
        OrgKind.PUBLIC_NINE_YEAR,
        OrgKind.PUBLIC_SENIOR,
        OrgKind.PUBLIC_KINDERGARTEN,
        OrgKind.BUREAU,
    }
)
SCHOOL_KINDS = frozenset(
    {
        OrgKind.PUBLIC_PRIMARY,
        OrgKind.PUBLIC_JUNIOR,
        OrgKind.PUBLIC_NINE_YEAR,
        OrgKind.PUBLIC_SENIOR,
        OrgKind.PUBLIC_KINDERGARTEN,
        OrgKind.PRIVATE_KINDERGARTEN,
        OrgKind.PRIVATE_SCHOOL,
    }
)
KINDERGARTEN_KINDS = frozenset({OrgKind.PUBLIC_KINDERGARTEN, OrgKind.PRIVATE_KINDERGARTEN})
KIND_RANK = {kind.value: rank for rank, kind in enumerate(OrgKind)}
TRAINING_KINDS = frozenset({OrgKind.SUBJECT_TRAINING, OrgKind.NONSUBJECT_TRAINING})


class Ownership(models.TextChoices):
    PUBLIC = "public", "公办"
    PRIVATE = "private", "民办"


class ProfitStatus(models.TextChoices):
    NON_PROFIT = "non_profit", "非营利性"
    FOR_PROFIT = "for_profit", "营利性"


class OrgStatus(models.TextChoices):
    ACTIVE = "active", "在办"
    SUSPENDED = "suspended", "停办"
    DEREGISTERED = "deregistered", "注销"


class Township(models.Model):
    """乡镇/街道: reference data, kept in the Django admin."""

    name = models.CharField("名称", max_length=30, unique=True)
    code = models.CharField("区划代码", max_length=12, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    # Renames are audited.
    history = HistoricalRecords()

    class Meta:
        verbose_name = "乡镇（街道）"
        verbose_name_plural = "乡镇（街道）"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class OrganizationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "OrganizationQuerySet":
        """The organizations `user` may read: all for bureau users, their own for a school."""
        if getattr(user, "sees_district", False):
            return self
        if getattr(user, "is_school_admin", False) and user.organization_id:
            return self.filter(pk=user.organization_id)
        return self.none()

    def schools(self) -> "OrganizationQuerySet":
        return self.filter(kind__in=SCHOOL_KINDS)

    def active(self) -> "OrganizationQuerySet":
        return self.filter(status=OrgStatus.ACTIVE)

    def open_on(self, day) -> "OrganizationQuerySet":
        """Organizations not yet 停办/注销 on `day` (the status takes effect on `status_date`)."""
        return self.filter(Q(status=OrgStatus.ACTIVE) | Q(status_date__gt=day))

    def operating_on(self, day) -> "OrganizationQuerySet":
        """Organizations in the registry on `day`: established by then and not yet 停办/注销 (the status
        takes effect on `status_date`)."""
        return self.filter(Q(status=OrgStatus.ACTIVE) | Q(status_date__gt=day)).filter(
            Q(established_on__isnull=True) | Q(established_on__lte=day)
        )


class Organization(AuditedModel):
    """An organization in the bureau's registry (机构名录): school, kindergarten, training institution."""

    name = models.CharField("机构名称", max_length=100, db_index=True)
    kind = models.CharField("机构类型", max_length=30, choices=OrgKind.choices, db_index=True)
    ownership = models.CharField("办学性质", max_length=10, choices=Ownership.choices)
    profit_status = models.CharField(
        "营利属性", max_length=12, choices=ProfitStatus.choices, default=ProfitStatus.NON_PROFIT
    )
    credit_code = CreditCodeField("统一社会信用代码", max_length=18, unique=True, validators=[validate_credit_code])
    license_no = models.CharField("办学许可证号", max_length=40, blank=True)
    township = models.ForeignKey(
        Township, verbose_name="乡镇（街道）", on_delete=models.PROTECT, related_name="organizations"
    )
    address = models.CharField("地址", max_length=200, blank=True)
    principal = models.CharField("法定代表人/校长", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    sites = models.PositiveSmallIntegerField("办学点数", default=1, validators=bounds.SITES)
    status = models.CharField(
        "办学状态", max_length=15, choices=OrgStatus.choices, default=OrgStatus.ACTIVE, db_index=True
    )
    # The day of the last status change as it happened (办理日期); the history keeps when it was typed.
    status_date = models.DateField("状态变更日期", null=True, blank=True, validators=[bounds.FACT])
    established_on = models.DateField("成立日期", null=True, blank=True, validators=[bounds.FOUNDED])
    notes = models.TextField("备注", blank=True)

    # Position of `kind` in OrgKind, so lists sort schools before kindergartens before training
    # institutions with an index instead of a CASE expression.
    kind_rank = models.PositiveSmallIntegerField("类型排序", default=0, editable=False)
    # Derived from `name` on every write (fill_name_keys): the order a Chinese list is read in (pinyin,
    # 第二 before 第十一) on PostgreSQL and SQLite alike, and what the menus' search matches (core.pinyin).
    name_key = models.CharField("名称排序", max_length=pinyin.KEY_LENGTH, default="", editable=False)
    name_pinyin = models.CharField("名称拼音", max_length=800, default="", editable=False)

    history = HistoricalRecords(excluded_fields=["updated_at", "version", "kind_rank", "name_key", "name_pinyin"])
    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构名录"
        ordering = ["kind_rank", "name_key", "id"]
        indexes = [
            models.Index(fields=["kind_rank", "name_key", "id"], name="org_rank_name"),
            models.Index(fields=["kind", "name_key", "id"], name="org_kind_name"),
            models.Index(fields=["name_key", "id"], name="org_name_key"),
            models.Index(fields=["township", "kind"], name="org_township_kind"),
            models.Index(fields=["profit_status", "kind"], name="org_profit_kind"),
        ]

    def __str__(self) -> str:
        return self.name

    def fill_name_keys(self) -> None:
        """The fields derived from `name` and `kind`; bulk writes call it as save() does."""
        self.kind_rank = KIND_RANK.get(self.kind, 99)
        self.name_key = pinyin.sort_key(self.name)
        self.name_pinyin = pinyin.search_text(self.name)

    def clean(self) -> None:
        self.fill_name_keys()
        errors = {}
        if self.kind in PUBLIC_KINDS and self.ownership == Ownership.PRIVATE:
            errors["ownership"] = f"{self.get_kind_display()}的办学性质应为公办。"
        if self.kind and self.kind not in PUBLIC_KINDS and self.ownership == Ownership.PUBLIC:
            errors["ownership"] = f"{self.get_kind_display()}的办学性质应为民办。"
        if self.ownership == Ownership.PUBLIC and self.profit_status == ProfitStatus.FOR_PROFIT:
            errors["profit_status"] = "公办机构不能为营利性。"
        if self.status != OrgStatus.ACTIVE and not self.status_date:
            errors["status_date"] = "停办或注销的机构须填写状态变更日期。"
        if self.status_date and self.status_date > timezone.localdate():
            errors.setdefault("status_date", "状态变更日期不能晚于今天。")
        if self.status_date and self.established_on and self.status_date < self.established_on:
            errors.setdefault("status_date", "状态变更日期不能早于成立日期。")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.fill_name_keys()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("directory:organization_detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.ownership == Ownership.PUBLIC


class DepartmentKind(models.TextChoices):
    SECTION = "section", "局内科室"
    PARTNER = "partner", "协作部门"


class Department(models.Model):
    """A bureau section (科室) or a partner agency (区市场监管局, 区民政局, 消防 …). Reference data."""

    name = models.CharField("名称", max_length=50, unique=True)
    short_name = models.CharField("简称", max_length=20, blank=True)
    kind = models.CharField("类别", max_length=10, choices=DepartmentKind.choices)
    active = models.BooleanField("启用", default=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "部门"
        verbose_name_plural = "部门（科室与协作部门）"
        ordering = ["kind", "sort_order", "name"]

    def __str__(self) -> str:
        return self.name
