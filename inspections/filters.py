"""List filters (django-filter) of the inspections module."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from core.filters import PortalFilterSet, ordering, search
from core.queries import contains
from core.widgets import FastSelect
from directory.models import OrgKind, Township

from .models import (
    Area,
    Conclusion,
    Draw,
    Hazard,
    HazardSource,
    HazardStatus,
    Inspection,
    Officer,
    Plan,
    PlanKind,
    SafetyAssessment,
    SelfCheck,
    SelfCheckStatus,
    Severity,
)
from .models.hazards import closed_q

YEARS = [(str(y), f"{y}年") for y in range(timezone.localdate().year + 1, 2018, -1)]


def plan_choices(data):
    """The plans offered by the inspection list's filter: those of the chosen year (else of this year
    and last year), plus the chosen plan. A province has thousands of plans; one menu of all of them
    took seconds to render and was no use to anyone."""
    year = str(data.get("year", "")) if data else ""
    plan = str(data.get("plan", "")) if data else ""
    if year.isdigit():
        wanted = Q(starts_on__year=int(year))
    else:
        wanted = Q(starts_on__year__gte=timezone.localdate().year - 1)
    if plan.isdigit():
        wanted |= Q(pk=int(plan))
    return Plan.objects.filter(wanted).order_by("-starts_on", "name", "id")


class InspectionFilter(PortalFilterSet):
    q = django_filters.CharFilter(label="机构名称", method="search")
    year = django_filters.ChoiceFilter(label="年度", choices=YEARS, empty_label="全部年度")
    month = django_filters.ChoiceFilter(
        label="月份",
        field_name="inspected_on__month",
        choices=[(str(m), f"{m}月") for m in range(1, 13)],
        empty_label="全部月份",
    )
    plan = django_filters.ModelChoiceFilter(
        widget=FastSelect(label="name"), label="检查行动", queryset=Plan.objects.all(), empty_label="全部行动"
    )
    kind = django_filters.ChoiceFilter(
        label="检查类型", field_name="plan__kind", choices=PlanKind.choices, empty_label="全部类型"
    )
    org_kind = django_filters.ChoiceFilter(
        label="机构类型", field_name="organization_kind", choices=OrgKind.choices, empty_label="全部机构类型"
    )
    township = django_filters.ModelChoiceFilter(
        widget=FastSelect(label="name"),
        label="乡镇（街道）",
        field_name="organization__township",
        queryset=Township.objects.all(),
        empty_label="全部乡镇",
    )
    conclusion = django_filters.ChoiceFilter(label="结论", choices=Conclusion.choices, empty_label="全部结论")
    # The inspections under the plans that started in a year (an annual report's 计划完成率).
    plan_year = django_filters.NumberFilter(
        label="计划年度", field_name="plan__starts_on__year", widget=forms.HiddenInput
    )
    joint = django_filters.ChoiceFilter(
        label="联合检查",
        choices=[("true", "联合检查"), ("false", "教育局单独检查")],
        method="filter_joint",
        empty_label="全部",
    )
    organization = django_filters.NumberFilter(label="机构编号", field_name="organization_id", widget=forms.HiddenInput)
    flag = django_filters.ChoiceFilter(
        label="频次预警",
        choices=[("repeat", "重复检查"), ("cap", "超出年度上限"), ("approved", "经领导审批")],
        method="filter_flag",
        empty_label="全部",
    )
    ordering = ordering(
        {
            "inspected_on": ("date", "检查日期"),
            "organization__name_key": ("organization", "机构名称"),
            "serial": ("number", "编号"),
        },
        empty_label="默认排序（最新在前）",
    )

    class Meta:
        model = Inspection
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["plan"].queryset = plan_choices(self.data)

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(contains("organization__name", value)) if value else queryset

    def filter_joint(self, queryset, name, value):
        return queryset.filter(is_joint=value == "true") if value in ("true", "false") else queryset

    def filter_flag(self, queryset, name, value):
        flags = {
            "repeat": {"repeat_of__isnull": False},
            "cap": {"exceeds_cap": True},
            "approved": {"approval__isnull": False},
        }
        return queryset.filter(**flags[value]) if value in flags else queryset


class HazardFilter(PortalFilterSet):
    q = django_filters.CharFilter(label="机构或隐患描述", method="search")
    area = django_filters.ChoiceFilter(label="隐患类别", choices=Area.choices, empty_label="全部类别")
    status = django_filters.ChoiceFilter(label="状态", choices=HazardStatus.choices, empty_label="全部状态")
    overdue = django_filters.ChoiceFilter(
        label="是否逾期", choices=[("yes", "已逾期"), ("no", "未逾期")], method="filter_overdue", empty_label="全部"
    )
    # 销号 and 逾期 as they stood on a day (an annual report's figures are “as of 31 December”), judged on
    # the stored 办理日期; without a day, as of today.
    state = django_filters.ChoiceFilter(
        label="销号情况", choices=[("closed", "已销号"), ("open", "未销号")], method="filter_state", empty_label="全部"
    )
    as_of = django_filters.DateFilter(
        label="截至日期", method="filter_as_of", widget=forms.DateInput(attrs={"type": "date"})
    )
    severity = django_filters.ChoiceFilter(label="等级", choices=Severity.choices, empty_label="全部等级")
    source = django_filters.ChoiceFilter(label="来源", choices=HazardSource.choices, empty_label="全部来源")
    organization = django_filters.NumberFilter(label="机构编号", field_name="organization_id", widget=forms.HiddenInput)
    township = django_filters.ModelChoiceFilter(
        widget=FastSelect(label="name"),
        label="乡镇（街道）",
        field_name="organization__township",
        queryset=Township.objects.all(),
        empty_label="全部乡镇",
    )
    year = django_filters.ChoiceFilter(
        label="发现年度", field_name="found_on__year", choices=YEARS, empty_label="全部年度"
    )
    ordering = ordering(
        {"found_on": ("found", "发现日期"), "deadline": "整改时限", "updated_at": ("updated", "更新时间")},
        empty_label="默认排序（最新发现在前）",
    )

    class Meta:
        model = Hazard
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(contains("organization__name", value) | contains("description", value))

    def _day(self):
        return self.form.cleaned_data.get("as_of") or timezone.localdate()

    def filter_overdue(self, queryset, name, value):
        if value == "yes":
            return queryset.overdue(today=self._day())
        if value == "no":
            return queryset.not_overdue(today=self._day())
        return queryset

    def filter_state(self, queryset, name, value):
        if value == "closed":
            return queryset.filter(closed_q(self._day()))
        if value == "open":
            return queryset.exclude(closed_q(self._day()))
        return queryset

    def filter_as_of(self, queryset, name, value):
        return queryset  # read by the 销号 and 逾期 filters


class SelfCheckFilter(PortalFilterSet):
    q = django_filters.CharFilter(label="学校名称", method=search("organization__name"))
    year = django_filters.ChoiceFilter(label="年度", choices=YEARS, empty_label="全部年度")
    status = django_filters.ChoiceFilter(label="状态", choices=SelfCheckStatus.choices, empty_label="全部状态")
    ordering = ordering({"submitted_on": ("submitted", "提交日期"), "organization__name_key": ("organization", "学校")})

    class Meta:
        model = SelfCheck
        fields = []


class PlanFilter(PortalFilterSet):
    q = django_filters.CharFilter(label="行动名称", method=search("name"))
    kind = django_filters.ChoiceFilter(label="检查类型", choices=PlanKind.choices, empty_label="全部类型")
    year = django_filters.ChoiceFilter(
        label="年度", field_name="starts_on__year", choices=YEARS, empty_label="全部年度"
    )
    # The plans with a performed draw (the report's 抽查结果公开率: published ones over drawn ones).
    draw = django_filters.ChoiceFilter(
        label="抽取情况",
        choices=[("drawn", "已抽取"), ("published", "已抽取且结果已公开")],
        method="filter_draw",
        empty_label="全部",
    )
    ordering = ordering({"starts_on": ("start", "开始日期"), "name": "名称"})

    class Meta:
        model = Plan
        fields = []

    def filter_draw(self, queryset, name, value):
        if value not in ("drawn", "published"):
            return queryset
        drawn = queryset.filter(Exists(Draw.objects.filter(plan=OuterRef("pk"), status="drawn")))
        return drawn.filter(results_published_at__isnull=False) if value == "published" else drawn


class OfficerFilter(PortalFilterSet):
    q = django_filters.CharFilter(label="姓名或证号", method="search")
    certified = django_filters.ChoiceFilter(
        label="证件状态",
        choices=[("valid", "有效"), ("expired", "已过期")],
        method="filter_certified",
        empty_label="全部",
    )
    # Certified (in post, certificate valid) on a day: the report's 持证人数 on 31 December.
    valid_on = django_filters.DateFilter(
        label="持证日期", method="filter_valid_on", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Officer
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(contains("name", value) | contains("certificate_no", value)) if value else queryset

    def filter_valid_on(self, queryset, name, value):
        return queryset.certified_on(value) if value else queryset

    def filter_certified(self, queryset, name, value):
        today = timezone.localdate()
        if value == "valid":
            return queryset.filter(valid_until__gte=today, valid_from__lte=today)
        if value == "expired":
            return queryset.filter(valid_until__lt=today)
        return queryset


class AssessmentFilter(PortalFilterSet):
    q = django_filters.CharFilter(label="学校名称", method=search("organization__name"))
    year = django_filters.ChoiceFilter(label="年度", choices=YEARS, empty_label="全部年度")
    below_full = django_filters.ChoiceFilter(
        label="得分", choices=[("true", "未得满分"), ("false", "满分")], method="filter_below", empty_label="全部"
    )
    ordering = ordering({"total": "总分", "organization__name_key": ("organization", "学校")})

    class Meta:
        model = SafetyAssessment
        fields = []

    def filter_below(self, queryset, name, value):
        below = Q(total__lt=100) | Q(grade="failed")
        if value == "true":
            return queryset.filter(below)
        return queryset.exclude(below) if value == "false" else queryset
