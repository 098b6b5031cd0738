"""Figures of the schools' 依法治校年度报告表, for the district report and dashboards."""

from datetime import date
from urllib.parse import urlencode

from django.db.models import Count, Q, Sum
from django.urls import reverse

from core.stats import statistic
from directory.models import Organization

from .models import SchoolFormStatus, SchoolReportForm

DONE = (SchoolFormStatus.SUBMITTED, SchoolFormStatus.ACCEPTED)


def _list(year: int, **params) -> str:
    return f"{reverse('reports:school_form_list')}?{urlencode({'year': year, **params})}"


def expected_schools(year: int):
    """The schools and kindergartens that owe a form for `year`: those in the registry on 31 December."""
    return Organization.objects.schools().operating_on(date(year, 12, 31))


def _done(year: int):
    return SchoolReportForm.objects.filter(year=year, status__in=DONE)


@statistic(
    "reports.school_forms_total",
    sources=(Organization,),
    label="应报依法治校年度报告表的学校",
    unit="所",
    trace=lambda y: _list(y),
)
def school_forms_total(year: int) -> int:
    return expected_schools(year).count()


@statistic(
    "reports.school_forms_submitted",
    sources=(SchoolReportForm,),
    label="已提交依法治校年度报告表的学校",
    unit="所",
    trace=lambda y: _list(y, status="done"),
)
def school_forms_submitted(year: int) -> int:
    return _done(year).count()


@statistic(
    "reports.school_forms_rate",
    sources=(Organization, SchoolReportForm),
    label="依法治校年度报告表提交率",
    kind="rate",
    trace=lambda y: _list(y, status="done"),
)
def school_forms_rate(year: int) -> float:
    total = school_forms_total(year)
    return round(school_forms_submitted(year) / total, 4) if total else 0.0


def _sums(year: int) -> dict:
    return _done(year).aggregate(
        counsel=Count("id", filter=Q(has_counsel=True)),
        activities=Sum("law_activities"),
        participants=Sum("activity_participants"),
        found=Sum("hazards_found"),
        closed=Sum("hazards_closed"),
    )


@statistic(
    "reports.school_forms_counsel",
    sources=(SchoolReportForm,),
    label="报告已聘请法律顾问的学校",
    unit="所",
    trace=lambda y: _list(y, status="done", counsel="yes"),
)
def school_forms_counsel(year: int) -> int:
    return _sums(year)["counsel"] or 0


@statistic(
    "reports.school_forms_activities",
    sources=(SchoolReportForm,),
    label="学校报告的普法活动",
    unit="次",
    trace=lambda y: _list(y, status="done"),
)
def school_forms_activities(year: int) -> int:
    return _sums(year)["activities"] or 0


@statistic(
    "reports.school_forms_hazards_found",
    sources=(SchoolReportForm,),
    label="学校报告发现的隐患",
    unit="处",
    trace=lambda y: _list(y, status="done"),
)
def school_forms_hazards_found(year: int) -> int:
    return _sums(year)["found"] or 0


@statistic(
    "reports.school_forms_hazards_closed",
    sources=(SchoolReportForm,),
    label="学校报告已整改的隐患",
    unit="处",
    trace=lambda y: _list(y, status="done"),
)
def school_forms_hazards_closed(year: int) -> int:
    return _sums(year)["closed"] or 0


@statistic(
    "reports.school_forms_by_status",
    sources=(Organization, SchoolReportForm),
    label="依法治校年度报告表填报情况",
    unit="所",
    kind="table",
    trace=lambda y: _list(y),
)
def school_forms_by_status(year: int) -> list[dict]:
    counts = dict(SchoolReportForm.objects.filter(year=year).values_list("status").annotate(n=Count("id")).order_by())
    started = sum(counts.values())
    rows = [
        {"label": str(status.label), "value": counts.get(status.value, 0), "url": _list(year, status=status.value)}
        for status in SchoolFormStatus
    ]
    rows.append({"label": "未开始填报", "value": max(0, school_forms_total(year) - started)})
    return rows
