import django_filters

from core.filters import PortalFilterSet, ordering
from core.queries import contains

from .models import Report, ReportStatus


class ReportFilter(PortalFilterSet):
    q = django_filters.CharFilter(label="标题或索引号", method="search")
    year = django_filters.NumberFilter(label="报告年度")
    status = django_filters.ChoiceFilter(label="状态", choices=ReportStatus.choices, empty_label="全部状态")
    ordering = ordering(
        {"year": "年度", "updated_at": ("updated", "更新时间"), "published_on": ("published", "发布日期")}
    )

    class Meta:
        model = Report
        fields = ["q", "year", "status"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(contains("title", value) | contains("index_number", value))
