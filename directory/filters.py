import django_filters
from django.db.models import Q

from core.filters import PortalFilterSet, ordering
from core.queries import contains
from core.widgets import FastSelect

from .models import Organization, OrgKind, OrgStatus, Ownership, ProfitStatus, Township


class OrganizationFilter(PortalFilterSet):
    q = django_filters.CharFilter(label="名称或信用代码", method="search")
    kind = django_filters.ChoiceFilter(label="机构类型", choices=OrgKind.choices, empty_label="全部类型")
    ownership = django_filters.ChoiceFilter(label="办学性质", choices=Ownership.choices, empty_label="全部")
    profit_status = django_filters.ChoiceFilter(label="营利属性", choices=ProfitStatus.choices, empty_label="全部")
    township = django_filters.ModelChoiceFilter(
        widget=FastSelect(label="name"), label="乡镇（街道）", queryset=Township.objects.all(), empty_label="全部乡镇"
    )
    status = django_filters.ChoiceFilter(label="办学状态", choices=OrgStatus.choices, empty_label="全部")
    ordering = ordering(
        {
            "name": "名称",
            "kind": "类型",
            "township__sort_order": ("township", "乡镇"),
            "updated_at": ("updated", "更新时间"),
        }
    )

    class Meta:
        model = Organization
        fields = ["q", "kind", "ownership", "profit_status", "township", "status"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(contains("name", value) | Q(credit_code__startswith=value.upper()))
