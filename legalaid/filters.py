from datetime import timedelta

import django_filters
from django import forms
from django.utils import timezone

from core.filters import PortalFilterSet, ordering, search
from core.queries import contains
from core.widgets import FastSelect
from directory.models import SCHOOL_KINDS, OrgKind, Township

from .models import (
    ENDING_SOON_DAYS,
    Activity,
    ActivityKind,
    Appointment,
    Audience,
    CadreTraining,
    DocumentStatus,
    FilingStatus,
    LawFirm,
    Lawyer,
    NormativeDocument,
    ServiceKind,
    ServiceRecord,
)

SCHOOL_KIND_CHOICES = [(k.value, k.label) for k in OrgKind if k in SCHOOL_KINDS]
MONTHS = [(m, f"{m}月") for m in range(1, 13)]


class FirmFilter(PortalFilterSet):
    q = django_filters.CharFilter(label="名称或信用代码", method=search("name", "credit_code"))
    ordering = ordering({"name": "名称", "updated_at": "更新时间"})

    class Meta:
        model = LawFirm
        fields = ["q"]


class LawyerFilter(PortalFilterSet):
    q = django_filters.CharFilter(label="姓名、执业证号或擅长领域", method=search("name", "license_no", "specialties"))
    firm = django_filters.ModelChoiceFilter(
        widget=FastSelect(label="name"), label="律师事务所", queryset=LawFirm.objects.all(), empty_label="全部"
    )
    active = django_filters.BooleanFilter(label="在册")
    ordering = ordering({"name": "姓名", "firm__name": "律师事务所", "license_no": "执业证号"})

    class Meta:
        model = Lawyer
        fields = ["q", "firm", "active"]


class AppointmentFilter(PortalFilterSet):
    q = django_filters.CharFilter(
        label="学校或律师", method=search("organization__name", "lawyer__name", "lawyer__firm__name")
    )
    state = django_filters.ChoiceFilter(
        label="聘任状态",
        choices=[
            ("active", "在聘"),
            ("ending", f"{ENDING_SOON_DAYS}天内到期"),
            ("pending", "未生效"),
            ("ended", "已终止"),
        ],
        method="by_state",
        empty_label="全部",
    )
    kind = django_filters.ChoiceFilter(
        label="机构类型", field_name="organization__kind", choices=SCHOOL_KIND_CHOICES, empty_label="全部类型"
    )
    township = django_filters.ModelChoiceFilter(
        widget=FastSelect(label="name"),
        label="乡镇（街道）",
        field_name="organization__township",
        queryset=Township.objects.all(),
        empty_label="全部",
    )
    lawyer = django_filters.ModelChoiceFilter(
        widget=FastSelect(label=("name", "firm__name"), fmt="{}（{}）"),  # Lawyer.__str__
        label="律师",
        queryset=Lawyer.objects.select_related("firm"),
        empty_label="全部",
    )
    ordering = ordering(
        {
            "organization__name_key": ("organization__name", "学校"),
            "lawyer__name": "律师",
            "start_date": "聘期开始",
            "ends_on": "聘期结束",
            "fee": "服务费",
        }
    )

    class Meta:
        model = Appointment
        fields = ["q", "state", "kind", "township", "lawyer"]

    def by_state(self, queryset, name, value):
        today = timezone.localdate()
        if value == "active":
            return queryset.in_force_on(today)
        if value == "ending":
            return queryset.in_force_on(today).filter(ends_on__lte=today + timedelta(days=ENDING_SOON_DAYS))
        if value == "pending":
            return queryset.filter(start_date__gt=today)
        if value == "ended":
            return queryset.filter(ends_on__lt=today)
        return queryset


class CoverageFilter(PortalFilterSet):
    """Filters of the coverage page; the queryset is already annotated with covered/lasting."""

    q = django_filters.CharFilter(label="学校名称", method=search("name"))
    state = django_filters.ChoiceFilter(
        label="法律顾问",
        choices=[("covered", "已聘"), ("uncovered", "未聘"), ("ending", f"{ENDING_SOON_DAYS}天内到期")],
        method="by_state",
        empty_label="全部",
    )
    kind = django_filters.ChoiceFilter(label="机构类型", choices=SCHOOL_KIND_CHOICES, empty_label="全部类型")
    township = django_filters.ModelChoiceFilter(
        widget=FastSelect(label="name"), label="乡镇（街道）", queryset=Township.objects.all(), empty_label="全部"
    )
    ordering = ordering({"kind_rank": "类型", "name_key": ("name", "名称"), "township__sort_order": "乡镇"})

    def by_state(self, queryset, name, value):
        from .selectors import filter_coverage

        return filter_coverage(queryset, value)


class ServiceFilter(PortalFilterSet):
    q = django_filters.CharFilter(
        label="学校、律师或内容",
        method=search("summary", "appointment__organization__name", "appointment__lawyer__name"),
    )
    kind = django_filters.ChoiceFilter(label="服务类型", choices=ServiceKind.choices, empty_label="全部")
    year = django_filters.NumberFilter(label="年度", field_name="date", lookup_expr="year")
    appointment = django_filters.NumberFilter(label="聘任", widget=forms.HiddenInput)
    ordering = ordering(
        {
            "date": "服务日期",
            "hours": "时长",
            "appointment__organization__name_key": ("appointment__organization__name", "学校"),
        }
    )

    class Meta:
        model = ServiceRecord
        fields = ["q", "kind", "year", "appointment"]


class ActivityFilter(PortalFilterSet):
    q = django_filters.CharFilter(label="活动名称或单位", method="search")
    kind = django_filters.ChoiceFilter(label="活动类型", choices=ActivityKind.choices, empty_label="全部类型")
    audience = django_filters.ChoiceFilter(label="对象", choices=Audience.choices, empty_label="全部")
    year = django_filters.NumberFilter(label="年度", field_name="date", lookup_expr="year")
    month = django_filters.ChoiceFilter(label="月份", field_name="date", lookup_expr="month", choices=MONTHS)
    organization = django_filters.NumberFilter(label="单位", field_name="organizations", widget=forms.HiddenInput)
    ordering = ordering({"date": "日期", "participants": "参加人数", "title": "名称"})

    class Meta:
        model = Activity
        fields = ["q", "kind", "audience", "year", "month", "organization"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        matching = Activity.objects.filter(contains("title", value) | contains("organizations__name", value))
        return queryset.filter(pk__in=matching.values("pk"))


class TrainingFilter(PortalFilterSet):
    year = django_filters.NumberFilter(label="年度", field_name="date", lookup_expr="year")
    q = django_filters.CharFilter(label="主题", method=search("title"))

    class Meta:
        model = CadreTraining
        fields = ["year", "q"]


class DocumentFilter(PortalFilterSet):
    q = django_filters.CharFilter(label="名称或文号", method=search("title", "number"))
    status = django_filters.ChoiceFilter(label="办理状态", choices=DocumentStatus.choices, empty_label="全部")
    filing_status = django_filters.ChoiceFilter(label="备案状态", choices=FilingStatus.choices, empty_label="全部")
    year = django_filters.NumberFilter(label="印发年度", field_name="issued_on", lookup_expr="year")

    class Meta:
        model = NormativeDocument
        fields = ["q", "status", "filing_status", "year"]
