import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from core.filters import PortalFilterSet, ordering
from core.queries import contains
from core.widgets import FastSelect

from .models import (
    KINDERGARTEN_KINDS,
    SCHOOL_KINDS,
    Organization,
    OrgKind,
    OrgStatus,
    Ownership,
    ProfitStatus,
    Township,
)

# Groups of kinds the annual report counts together (幼儿园 = 公办 + 民办; 中小学及幼儿园).
KIND_GROUPS = {"kindergarten": KINDERGARTEN_KINDS, "school": SCHOOL_KINDS}


class OrganizationFilter(PortalFilterSet):
    q = django_filters.CharFilter(label="名称或信用代码", method="search")
    kind = django_filters.ChoiceFilter(
        label="机构类型", choices=OrgKind.choices, empty_label="全部类型", method="filter_kind"
    )
    ownership = django_filters.ChoiceFilter(label="办学性质", choices=Ownership.choices, empty_label="全部")
    profit_status = django_filters.ChoiceFilter(label="营利属性", choices=ProfitStatus.choices, empty_label="全部")
    township = django_filters.ModelChoiceFilter(
        widget=FastSelect(label="name"), label="乡镇（街道）", queryset=Township.objects.all(), empty_label="全部乡镇"
    )
    status = django_filters.ChoiceFilter(label="办学状态", choices=OrgStatus.choices, empty_label="全部")
    kind_group = django_filters.ChoiceFilter(
        label="类型分组",
        choices=[("kindergarten", "幼儿园（公办和民办）"), ("school", "中小学及幼儿园")],
        method="filter_kind_group",
        empty_label="全部",
    )
    # The registry as it stood on a day (a report's figures are “as of 31 December”): established by then
    # and not yet 停办/注销 on it (Organization.objects.operating_on).
    as_of = django_filters.DateFilter(
        label="在办日期", method="filter_as_of", widget=forms.DateInput(attrs={"type": "date"})
    )
    # The organizations inspected under the plans of a year (the report's “巡查幼儿园118家”).
    inspected_year = django_filters.NumberFilter(label="受检年度", method="filter_inspected", widget=forms.HiddenInput)
    ordering = ordering(
        {
            "name_key": ("name", "名称"),
            "kind": "类型",
            "township__sort_order": ("township", "乡镇"),
            "updated_at": ("updated", "更新时间"),
        }
    )

    class Meta:
        model = Organization
        fields = ["q", "kind", "ownership", "profit_status", "township", "status"]

    def _kinds(self) -> set[str] | None:
        """The kinds asked for (机构类型 and 类型分组 together), None when neither is."""
        data = self.form.cleaned_data
        kinds = None
        if data.get("kind"):
            kinds = {data["kind"]}
        if data.get("kind_group") in KIND_GROUPS:
            group = set(KIND_GROUPS[data["kind_group"]])
            kinds = group if kinds is None else kinds & group
        return kinds

    def filter_kind(self, queryset, name, value):
        # With 受检年度 the kind is the one the organization had when inspected (filter_inspected).
        if not value or self.form.cleaned_data.get("inspected_year"):
            return queryset
        return queryset.filter(kind=value)

    def filter_kind_group(self, queryset, name, value):
        if value not in KIND_GROUPS or self.form.cleaned_data.get("inspected_year"):
            return queryset
        return queryset.filter(kind__in=KIND_GROUPS[value])

    def filter_as_of(self, queryset, name, value):
        return queryset.operating_on(value) if value else queryset

    def filter_inspected(self, queryset, name, value):
        if not value:
            return queryset
        from inspections.models import Inspection

        inspected = Inspection.objects.filter(plan__starts_on__year=int(value), organization=OuterRef("pk"))
        kinds = self._kinds()
        if kinds is not None:
            inspected = inspected.filter(organization_kind__in=kinds)
        return queryset.filter(Exists(inspected))

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(contains("name", value) | Q(credit_code__startswith=value.upper()))
