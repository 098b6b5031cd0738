"""Legal counsel of schools (法律顾问) and legal education (普法).

A school's counsel is an `Appointment` of a registered `Lawyer` (of a `LawFirm`) for a period; the
school logs the `ServiceRecord`s it receives and the bureau evaluates each counsel once a year. The
普法 `Activity` log is kept by the schools and the bureau; `CadreTraining` and `NormativeDocument`
are the bureau's own legal-affairs items that the annual report counts.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords

from core import bounds
from core.models import AuditedModel, OrganizationScopedQuerySet, UploadedFile
from core.uploads import PrivateUploadTo
from directory.models import SCHOOL_KINDS, Department, Organization
from directory.validators import CreditCodeField, validate_credit_code

from .validators import validate_license_no

ENDING_SOON_DAYS = 60
HISTORY_EXCLUDED = ["updated_at", "version"]


def _d(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


class LawFirm(AuditedModel):
    """律师事务所."""

    name = models.CharField("律师事务所名称", max_length=100, unique=True)
    credit_code = CreditCodeField("统一社会信用代码", max_length=18, unique=True, validators=[validate_credit_code])
    address = models.CharField("地址", max_length=200, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    notes = models.TextField("备注", blank=True)

    history = HistoricalRecords(excluded_fields=HISTORY_EXCLUDED)

    class Meta:
        verbose_name = "律师事务所"
        verbose_name_plural = "律师事务所"
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("legalaid:firm_detail", args=[self.pk])


class Lawyer(AuditedModel):
    """A lawyer who may be appointed as a school's legal counsel."""

    name = models.CharField("姓名", max_length=50)
    firm = models.ForeignKey(LawFirm, verbose_name="所在律师事务所", on_delete=models.PROTECT, related_name="lawyers")
    license_no = models.CharField(
        "执业证号", max_length=17, unique=True, validators=[validate_license_no], help_text="17位数字。"
    )
    phone = models.CharField("联系电话", max_length=30, blank=True)
    specialties = models.CharField("擅长领域", max_length=200, blank=True, help_text="如：教育法、合同纠纷、劳动人事。")
    active = models.BooleanField("在册", default=True, help_text="不再执业或不再承接学校法律顾问服务的律师取消勾选。")

    history = HistoricalRecords(excluded_fields=HISTORY_EXCLUDED)

    class Meta:
        verbose_name = "律师"
        verbose_name_plural = "律师"
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.firm.name}）"

    def get_absolute_url(self) -> str:
        return reverse("legalaid:lawyer_detail", args=[self.pk])


class AppointmentQuerySet(OrganizationScopedQuerySet):
    """Scoped to the school the counsel serves."""

    def in_force_on(self, day: date) -> "AppointmentQuerySet":
        return self.filter(start_date__lte=day, ends_on__gte=day)

    def during_year(self, year: int) -> "AppointmentQuerySet":
        return self.filter(start_date__lte=date(year, 12, 31), ends_on__gte=date(year, 1, 1))


class Appointment(AuditedModel):
    """聘任: a lawyer appointed as legal counsel of a school or kindergarten for a period."""

    organization = models.ForeignKey(
        Organization, verbose_name="学校/幼儿园", on_delete=models.PROTECT, related_name="counsel_appointments"
    )
    lawyer = models.ForeignKey(Lawyer, verbose_name="法律顾问", on_delete=models.PROTECT, related_name="appointments")
    start_date = models.DateField("聘期开始", validators=[bounds.WORKING_YEAR])
    end_date = models.DateField("聘期结束", validators=[bounds.VALIDITY])
    fee = models.DecimalField(
        "服务费（元/年）",
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=bounds.MONEY,
    )
    scope = models.TextField("服务范围", help_text="如：法律咨询、合同审查、规章制度审核、纠纷调解、法治讲座。")
    contract_file = models.FileField(
        "聘用合同", upload_to=PrivateUploadTo("legalaid/contracts"), blank=True, help_text="PDF或扫描图片（JPG/PNG）。"
    )
    contract_name = models.CharField("合同文件名", max_length=200, blank=True, editable=False)
    terminated_on = models.DateField(
        "提前解聘日期", null=True, blank=True, editable=False, validators=[bounds.WORKING_YEAR]
    )
    termination_reason = models.CharField("解聘原因", max_length=200, blank=True, editable=False)
    # The last day the counsel serves: the contract's end, or the termination date if earlier.
    # Stored (not computed) so coverage on a date is one indexed range query.
    ends_on = models.DateField("实际终止日期", editable=False)
    notes = models.TextField("备注", blank=True)

    history = HistoricalRecords(excluded_fields=HISTORY_EXCLUDED)
    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = "法律顾问聘任"
        verbose_name_plural = "法律顾问聘任"
        ordering = ["organization__kind_rank", "organization__name_key", "-start_date", "id"]
        indexes = [
            models.Index(fields=["organization", "start_date", "ends_on"], name="appt_org_period"),
            models.Index(fields=["ends_on", "start_date"], name="appt_period"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="appt_end_after_start",
                violation_error_message="聘期结束日期不能早于开始日期。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization.name} · {self.lawyer.name}（{_d(self.start_date)}至{_d(self.ends_on)}）"

    def get_absolute_url(self) -> str:
        return reverse("legalaid:appointment_detail", args=[self.pk])

    def compute_ends_on(self) -> date | None:
        if self.end_date and self.terminated_on:
            return min(self.end_date, self.terminated_on)
        return self.end_date

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "聘期结束日期不能早于开始日期。"
        if self.organization_id and self.organization.kind not in SCHOOL_KINDS:
            errors["organization"] = "只能为学校或幼儿园登记法律顾问聘任。"
        if self.lawyer_id and not self.pk and not self.lawyer.active:
            errors["lawyer"] = f"律师{self.lawyer.name}已不在册，不能新聘。"
        if errors:
            raise ValidationError(errors)
        self.ends_on = self.compute_ends_on()
        if self.organization_id and self.lawyer_id and self.start_date and self.ends_on:
            clash = (
                Appointment.objects.filter(
                    organization_id=self.organization_id,
                    lawyer_id=self.lawyer_id,
                    start_date__lte=self.ends_on,
                    ends_on__gte=self.start_date,
                )
                .exclude(pk=self.pk)
                .order_by("start_date")
                .first()
            )
            if clash:
                raise ValidationError(
                    f"{self.lawyer.name}已于{_d(clash.start_date)}至{_d(clash.ends_on)}受聘为"
                    f"{self.organization.name}的法律顾问，同一律师对同一学校的聘期不能重叠。",
                    code="overlap",
                )

    def save(self, *args, **kwargs):
        self.ends_on = self.compute_ends_on()
        super().save(*args, **kwargs)

    # What the coverage and school pages show about the appointment on a given day.
    def state_on(self, day: date) -> str:
        if day < self.start_date:
            return "pending"
        if day > self.ends_on:
            return "terminated" if self.terminated_on and self.terminated_on < self.end_date else "ended"
        if (self.ends_on - day).days <= ENDING_SOON_DAYS:
            return "ending"
        return "active"

    @property
    def state(self) -> str:
        return self.state_on(timezone.localdate())

    @property
    def days_left(self) -> int:
        return (self.ends_on - timezone.localdate()).days


class ServiceKind(models.TextChoices):
    CONSULTATION = "consultation", "咨询"
    CONTRACT_REVIEW = "contract_review", "合同审查"
    RULES_REVIEW = "rules_review", "规章制度审核"
    MEDIATION = "mediation", "纠纷调解"
    LITIGATION = "litigation", "诉讼代理"
    LECTURE = "lecture", "法治讲座"


class ServiceRecordQuerySet(OrganizationScopedQuerySet):
    """Scoped to the school of the counsel who gave the service."""

    organization_field = "appointment__organization_id"


class ServiceRecord(AuditedModel):
    """One service a school received from its counsel (服务记录)."""

    appointment = models.ForeignKey(
        Appointment, verbose_name="法律顾问聘任", on_delete=models.PROTECT, related_name="services"
    )
    date = models.DateField("服务日期", validators=[bounds.FACT])
    kind = models.CharField("服务类型", max_length=20, choices=ServiceKind.choices)
    hours = models.DecimalField(
        "服务时长（小时）",
        max_digits=5,
        decimal_places=1,
        validators=bounds.between(Decimal("0.5"), Decimal("200"), "小时"),
    )
    summary = models.TextField("服务内容摘要")

    history = HistoricalRecords(excluded_fields=HISTORY_EXCLUDED)
    objects = ServiceRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "法律顾问服务记录"
        verbose_name_plural = "法律顾问服务记录"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["date", "kind"], name="service_date_kind")]

    def __str__(self) -> str:
        return f"{_d(self.date)} {self.get_kind_display()}"

    def clean(self) -> None:
        if not (self.date and self.appointment_id):
            return
        appointment = self.appointment
        if not appointment.start_date <= self.date <= appointment.compute_ends_on():
            raise ValidationError(
                {
                    "date": f"服务日期不在该法律顾问的聘期内（{_d(appointment.start_date)}至"
                    f"{_d(appointment.compute_ends_on())}）。"
                }
            )


class Evaluation(AuditedModel):
    """The yearly evaluation of a counsel (《婺城区教育系统法律顾问聘任与管理办法》)."""

    appointment = models.ForeignKey(
        Appointment, verbose_name="法律顾问聘任", on_delete=models.PROTECT, related_name="evaluations"
    )
    year = models.PositiveSmallIntegerField("考核年度", validators=[bounds.YEAR])
    score = models.PositiveSmallIntegerField(
        "考核得分",
        validators=bounds.SCORE,
    )
    comment = models.TextField("考核意见")

    history = HistoricalRecords(excluded_fields=HISTORY_EXCLUDED)

    class Meta:
        verbose_name = "法律顾问年度考核"
        verbose_name_plural = "法律顾问年度考核"
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["appointment", "year"],
                name="evaluation_once_a_year",
                violation_error_message="该法律顾问本年度已考核，每位法律顾问每年只考核一次。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年度考核 {self.score}分"

    @property
    def grade(self) -> str:
        if self.score >= 90:
            return "优秀"
        if self.score >= 75:
            return "称职"
        if self.score >= 60:
            return "基本称职"
        return "不称职"

    def clean(self) -> None:
        if not (self.year and self.appointment_id):
            return
        appointment = self.appointment
        if not appointment.start_date.year <= self.year <= appointment.compute_ends_on().year:
            raise ValidationError({"year": f"{self.year}年不在该法律顾问的聘期内。"})
        if self.year > timezone.localdate().year:
            raise ValidationError({"year": "不能考核尚未到来的年度。"})


class ActivityKind(models.TextChoices):
    CONSTITUTION = "constitution", "宪法宣传"
    ANTI_DRUG = "anti_drug", "禁毒"
    DROWNING = "drowning", "防溺水"
    FIRE = "fire", "消防安全"
    TRAFFIC = "traffic", "交通安全"
    MINORS = "minors", "未成年人保护"
    ANTI_BULLYING = "anti_bullying", "防欺凌防诈骗"
    MOOT_COURT = "moot_court", "模拟法庭"
    LECTURE = "lecture", "法治讲座"
    CONTEST = "contest", "征文/演讲/手抄报比赛"
    READING = "reading", "读书活动"
    PARENT_SCHOOL = "parent_school", "家长学校"
    WULAO = "wulao", "五老宣讲"
    CARE = "care", "关爱赠书"
    OTHER = "other", "其他"


# Kinds where prizes are awarded, so a number of winners applies.
KINDS_WITH_WINNERS = frozenset({ActivityKind.CONTEST, ActivityKind.READING})


class Audience(models.TextChoices):
    STUDENTS = "students", "学生"
    TEACHERS = "teachers", "教师"
    PARENTS = "parents", "家长"
    CADRES = "cadres", "干部"
    MIXED = "mixed", "师生家长等多类对象"


class ActivityQuerySet(OrganizationScopedQuerySet):
    """Scoped to the organizations that held the activity: a school reads those it held alone or jointly."""

    organization_field = "organizations"


class Activity(AuditedModel):
    """A legal-education (普法) activity held by a school, several schools or the bureau."""

    title = models.CharField("活动名称", max_length=120)
    date = models.DateField("活动日期", validators=[bounds.WORKING_YEAR])
    kind = models.CharField("活动类型", max_length=20, choices=ActivityKind.choices)
    audience = models.CharField("主要对象", max_length=10, choices=Audience.choices, default=Audience.STUDENTS)
    organizations = models.ManyToManyField(Organization, verbose_name="组织单位", related_name="legal_activities")
    sessions = models.PositiveSmallIntegerField("场次", default=1, validators=bounds.SESSIONS)
    participants = models.IntegerField("参加人数", default=0, validators=bounds.COUNT)
    winners = models.IntegerField(
        "获奖人数",
        null=True,
        blank=True,
        validators=bounds.COUNT,
        help_text="仅比赛、读书活动等评奖的活动填写。",
    )
    description = models.TextField("活动内容", blank=True)

    history = HistoricalRecords(excluded_fields=HISTORY_EXCLUDED)
    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = "普法活动"
        verbose_name_plural = "普法活动"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["date", "kind"], name="activity_date_kind")]
        constraints = [
            models.CheckConstraint(condition=Q(participants__gte=0), name="activity_participants_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("legalaid:activity_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.winners is not None and self.kind and self.kind not in KINDS_WITH_WINNERS:
            errors["winners"] = f"“{self.get_kind_display()}”类活动不评奖，请不要填写获奖人数。"
        elif self.winners and self.participants is not None and self.winners > self.participants:
            errors["winners"] = "获奖人数不能多于参加人数。"
        if errors:
            raise ValidationError(errors)


class ActivityPhoto(UploadedFile):
    activity = models.ForeignKey(Activity, verbose_name="普法活动", on_delete=models.CASCADE, related_name="photos")
    file = models.FileField("照片", upload_to=PrivateUploadTo("legalaid/photos"))

    class Meta(UploadedFile.Meta):
        verbose_name = "活动照片"
        verbose_name_plural = "活动照片"


class CadreTraining(AuditedModel):
    """学法用法: a law-study session for the bureau's cadres."""

    date = models.DateField("培训日期", validators=[bounds.FACT])
    title = models.CharField("培训主题", max_length=120)
    lecturer = models.CharField("主讲人", max_length=60, blank=True)
    participants = models.IntegerField("参加人数", validators=bounds.COUNT)
    hours = models.DecimalField(
        "学时", max_digits=4, decimal_places=1, validators=bounds.between(Decimal("0.5"), Decimal("200"), "学时")
    )
    content = models.TextField("学习内容", blank=True)

    history = HistoricalRecords(excluded_fields=HISTORY_EXCLUDED)

    class Meta:
        verbose_name = "干部学法用法培训"
        verbose_name_plural = "干部学法用法培训"
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.title


class DocumentStatus(models.TextChoices):
    DRAFTING = "drafting", "起草中"
    REVIEWING = "reviewing", "合法性审查中"
    APPROVED = "approved", "审查通过"
    ISSUED = "issued", "已印发"


class FilingStatus(models.TextChoices):
    NOT_FILED = "not_filed", "未报备"
    SUBMITTED = "submitted", "已报送备案"
    FILED = "filed", "已备案"


class NormativeDocument(AuditedModel):
    """规范性文件: drafted by a section, reviewed for legality by the counsel, issued, then filed."""

    title = models.CharField("文件名称", max_length=200)
    number = models.CharField("文号", max_length=60, blank=True, help_text="印发时填写，如：婺教〔2021〕12号。")
    drafting_department = models.ForeignKey(
        Department, verbose_name="起草科室", on_delete=models.PROTECT, related_name="normative_documents"
    )
    drafted_on = models.DateField("起草日期", validators=[bounds.FACT])
    status = models.CharField(
        "办理状态", max_length=12, choices=DocumentStatus.choices, default=DocumentStatus.DRAFTING, editable=False
    )
    review_opinion = models.TextField("合法性审查意见", blank=True, editable=False)
    reviewed_on = models.DateField("审查日期", null=True, blank=True, editable=False, validators=[bounds.FACT])
    issued_on = models.DateField("印发日期", null=True, blank=True, editable=False, validators=[bounds.FACT])
    filing_status = models.CharField(
        "备案状态", max_length=12, choices=FilingStatus.choices, default=FilingStatus.NOT_FILED, editable=False
    )
    filed_on = models.DateField("备案日期", null=True, blank=True, editable=False, validators=[bounds.FACT])
    notes = models.TextField("备注", blank=True)

    history = HistoricalRecords(excluded_fields=HISTORY_EXCLUDED)

    class Meta:
        verbose_name = "规范性文件"
        verbose_name_plural = "规范性文件"
        ordering = ["-drafted_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"],
                condition=~Q(number=""),
                name="normative_document_number_unique",
                violation_error_message="该文号已被其他规范性文件使用。",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("legalaid:document_detail", args=[self.pk])
