import django_filters
from django.db.models import Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from core.filters import PortalFilterSet, ordering
from core.queries import contains
from core.widgets import FastSelect

from .models import CaseKind, CaseStatus, ConversionCase


class CaseFilter(PortalFilterSet):
    q = django_filters.CharFilter(label="机构、信用代码或编号", method="search")
    kind = django_filters.ChoiceFilter(label="办理类型", choices=CaseKind.choices, empty_label="全部类型")
    status = django_filters.ChoiceFilter(label="案件状态", choices=CaseStatus.choices, empty_label="全部状态")
    assignee = django_filters.ModelChoiceFilter(
        widget=FastSelect(label="display_name"),
        label="经办人",
        queryset=User.objects.filter(role=Role.BUREAU_STAFF)
        .annotate(display_name=Coalesce(NullIf("full_name", Value("")), "username"))  # User.__str__
        .order_by("username"),
        empty_label="全部",
    )
    completed_year = django_filters.NumberFilter(label="办结年度", field_name="completed_on", lookup_expr="year")
    overdue = django_filters.BooleanFilter(label="逾期", method="filter_overdue")
    ordering = ordering(
        {
            "opened_on": ("opened", "受理日期"),
            "due_on": ("due", "办结时限"),
            "completed_on": ("completed", "办结日期"),
            "number": "案件编号",
            "organization__name_key": ("organization", "机构名称"),
        }
    )

    class Meta:
        model = ConversionCase
        fields = ["q", "kind", "status", "assignee", "completed_year", "overdue"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["assignee"].field.label_from_instance = lambda user: user.get_full_name()
        # "unknown", not "": Django marks an empty option selected whatever was chosen ("" in "true").
        self.filters["overdue"].field.widget.choices = [("unknown", "全部"), ("true", "仅逾期"), ("false", "未逾期")]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            contains("organization__name", value)
            | Q(organization__credit_code__startswith=value.upper())
            | contains("number", value)
        )

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(status=CaseStatus.OPEN, due_on__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)
