"""Counsel and 普法 figures for the annual report and dashboards, by year.

Coverage is measured on 31 December of the year (today for the current year); the other figures
count the records dated in the year. Each says which rows it counted (a filtered list URL).
"""

from urllib.parse import urlencode

from django.db.models import Count, Q, Sum
from django.urls import reverse

from core.stats import statistic
from directory.models import Organization

from .models import (
    Activity,
    ActivityKind,
    Appointment,
    CadreTraining,
    NormativeDocument,
    ServiceKind,
    ServiceRecord,
)
from .selectors import activities_of_year, coverage_day, schools_on, services_of_year


def _url(name: str, **params) -> str:
    return f"{reverse(name)}?{urlencode(params)}" if params else reverse(name)


def _coverage_trace(year: int) -> str:
    return _url("legalaid:coverage", on=coverage_day(year).isoformat())


def _covered_trace(year: int) -> str:
    return _url("legalaid:coverage", on=coverage_day(year).isoformat(), state="covered")


def _schools(year: int):
    return schools_on(coverage_day(year))


def _covered(year: int):
    day = coverage_day(year)
    return _schools(year).filter(pk__in=Appointment.objects.in_force_on(day).values("organization_id"))


@statistic(
    "legalaid.counsel_coverage",
    sources=(Organization, Appointment),
    label="学校法律顾问覆盖率",
    kind="rate",
    trace=_coverage_trace,
)
def counsel_coverage(year: int) -> float | None:
    total = _schools(year).count()
    return _covered(year).count() / total if total else None


@statistic(
    "legalaid.counsel_schools",
    sources=(Organization, Appointment),
    label="已聘法律顾问的学校（幼儿园）",
    unit="所",
    trace=_covered_trace,
)
def counsel_schools(year: int) -> int:
    return _covered(year).count()


@statistic("legalaid.schools_total", sources=(Organization,), label="中小学及幼儿园", unit="所", trace=_coverage_trace)
def schools_total(year: int) -> int:
    return _schools(year).count()


def _services(year: int):
    return services_of_year(year)


@statistic(
    "legalaid.services_total",
    sources=(ServiceRecord,),
    label="法律顾问服务",
    unit="次",
    trace=lambda year: _url("legalaid:service_list", year=year),
)
def services_total(year: int) -> int:
    return _services(year).count()


@statistic(
    "legalaid.services_by_kind",
    sources=(ServiceRecord,),
    label="法律顾问服务（按类型）",
    unit="次",
    kind="table",
    trace=lambda year: _url("legalaid:service_list", year=year),
)
def services_by_kind(year: int) -> list[dict]:
    counts = dict(_services(year).order_by().values_list("kind").annotate(n=Count("id")))
    return [
        {
            "label": kind.label,
            "value": counts.get(kind.value, 0),
            "url": _url("legalaid:service_list", year=year, kind=kind.value),
        }
        for kind in ServiceKind
    ]


def _activities(year: int):
    return activities_of_year(year)


@statistic(
    "legalaid.activities_total",
    sources=(Activity,),
    label="普法活动",
    unit="场",
    trace=lambda year: _url("legalaid:activity_list", year=year),
)
def activities_total(year: int) -> int:
    return _activities(year).aggregate(n=Sum("sessions"))["n"] or 0


@statistic(
    "legalaid.activity_participants",
    sources=(Activity,),
    label="普法活动参加人次",
    unit="人次",
    trace=lambda year: _url("legalaid:activity_list", year=year),
)
def activity_participants(year: int) -> int:
    return _activities(year).aggregate(n=Sum("participants"))["n"] or 0


@statistic(
    "legalaid.activities_by_kind",
    sources=(Activity,),
    label="普法活动（按类型）",
    unit="场",
    kind="table",
    trace=lambda year: _url("legalaid:activity_summary", year=year),
)
def activities_by_kind(year: int) -> list[dict]:
    """One row per kind that took place: value = sessions, with participants and winners."""
    rows = {
        r["kind"]: r
        for r in _activities(year)
        .order_by()
        .values("kind")
        .annotate(sessions=Sum("sessions"), participants=Sum("participants"), winners=Sum("winners"))
    }
    out = []
    for kind in ActivityKind:
        row = rows.get(kind.value)
        if row:
            out.append(
                {
                    "label": kind.label,
                    "value": row["sessions"],
                    "participants": row["participants"] or 0,
                    "winners": row["winners"] or 0,
                    "url": _url("legalaid:activity_list", year=year, kind=kind.value),
                }
            )
    return out


def _wulao(year: int):
    return _activities(year).filter(kind=ActivityKind.WULAO)


@statistic(
    "legalaid.wulao_talks",
    sources=(Activity,),
    label="“五老”宣讲场次",
    unit="场",
    trace=lambda year: _url("legalaid:activity_list", year=year, kind=ActivityKind.WULAO.value),
)
def wulao_talks(year: int) -> int:
    return _wulao(year).aggregate(n=Sum("sessions"))["n"] or 0


@statistic(
    "legalaid.wulao_audience",
    sources=(Activity,),
    label="“五老”宣讲受教育人数",
    unit="人",
    trace=lambda year: _url("legalaid:activity_list", year=year, kind=ActivityKind.WULAO.value),
)
def wulao_audience(year: int) -> int:
    return _wulao(year).aggregate(n=Sum("participants"))["n"] or 0


@statistic(
    "legalaid.reading_winners",
    sources=(Activity,),
    label="读书活动获奖人数",
    unit="人",
    trace=lambda year: _url("legalaid:activity_list", year=year, kind=ActivityKind.READING.value),
)
def reading_winners(year: int) -> int:
    return _activities(year).filter(kind=ActivityKind.READING).aggregate(n=Sum("winners"))["n"] or 0


@statistic(
    "legalaid.cadre_trainings",
    sources=(CadreTraining,),
    label="机关干部学法用法培训",
    unit="场",
    trace=lambda year: _url("legalaid:training_list", year=year),
)
def cadre_trainings(year: int) -> int:
    return CadreTraining.objects.filter(date__year=year).count()


@statistic(
    "legalaid.normative_documents",
    sources=(NormativeDocument,),
    label="印发规范性文件",
    unit="件",
    trace=lambda year: _url("legalaid:document_list", year=year),
)
def normative_documents(year: int) -> int:
    return NormativeDocument.objects.filter(issued_on__year=year).filter(~Q(number="")).count()
