"""Reads of the counsel registry and the 普法 log, always scoped to the user who asks.

Bureau users read everything; a school administrator reads only the appointments, services and
activities of their own organization, and another school's records are a 404. Firms, lawyers,
evaluations, cadre trainings and normative documents are the bureau's records.
"""

import hashlib
from datetime import date, timedelta
from urllib.parse import urlencode

from django.core.exceptions import EmptyResultSet, PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from core.caching import DataVersion, cached_until_changed
from core.models import visibility_key
from directory.models import Organization, OrgKind, OrgStatus, Township

from .models import (
    ENDING_SOON_DAYS,
    Activity,
    ActivityKind,
    ActivityPhoto,
    Appointment,
    CadreTraining,
    Evaluation,
    LawFirm,
    Lawyer,
    NormativeDocument,
    ServiceRecord,
)


def _district_only(user, queryset):
    return queryset if getattr(user, "sees_district", False) else queryset.none()


# --- firms and lawyers (bureau registry) -------------------------------------------------------


def firms_for_user(user):
    return _district_only(user, LawFirm.objects.annotate(lawyer_count=Count("lawyers")).order_by("name", "id"))


def get_firm_for_user(user, pk, *, write: bool = False) -> LawFirm:
    firm = get_object_or_404(firms_for_user(user), pk=pk)
    if write and not user.is_bureau_writer:
        raise PermissionDenied("只有局机关工作人员可以修改律师事务所。")
    return firm


def lawyers_for_user(user):
    return _district_only(user, Lawyer.objects.select_related("firm"))


def get_lawyer_for_user(user, pk, *, write: bool = False) -> Lawyer:
    lawyer = get_object_or_404(lawyers_for_user(user), pk=pk)
    if write and not user.is_bureau_writer:
        raise PermissionDenied("只有局机关工作人员可以修改律师信息。")
    return lawyer


def lawyers_to_choose():
    """Lawyers a form may offer (names only): every lawyer still on the register."""
    return Lawyer.objects.filter(active=True).select_related("firm")


# --- appointments -------------------------------------------------------------------------------


def appointments_for_user(user):
    """The appointments a user may read (the one scoping entry point for Appointment)."""
    return Appointment.objects.visible_to(user).select_related("organization", "lawyer__firm")


def appointment_matches(user, text: str, *, limit: int = 20):
    """At most `limit` appointments the user may read whose school's name, pinyin initials or full
    pinyin, or whose lawyer's name, contain `text`; by school in pinyin order, the newest first."""
    rows = appointments_for_user(user)
    text = text.strip()
    if text:
        condition = Q(organization__name__contains=text) | Q(lawyer__name__contains=text)
        letters = text.replace(" ", "").lower()
        if letters.isascii() and letters.isalnum():
            condition |= Q(organization__name_pinyin__contains=letters)
        rows = rows.filter(condition)
    return rows.order_by("organization__name_key", "-start_date", "id")[:limit]


def can_write_for_org(user, organization_id) -> bool:
    """Bureau staff keep every school's counsel record; a school administrator keeps their own."""
    if user.is_bureau_writer:
        return True
    return user.is_school_admin and user.organization_id == organization_id


def get_appointment_for_user(user, pk, *, write: bool = False) -> Appointment:
    appointment = get_object_or_404(appointments_for_user(user), pk=pk)
    if write and not can_write_for_org(user, appointment.organization_id):
        raise PermissionDenied("您无权修改该法律顾问聘任。")
    return appointment


def get_contract_version_for_user(user, pk, history_id):
    """One entry of an appointment's history that holds a contract file, if the user may read the
    appointment; 404 otherwise."""
    appointment = get_appointment_for_user(user, pk)
    return get_object_or_404(appointment.history.exclude(contract_file=""), history_id=history_id)


def get_school_for_user(user, pk) -> Organization:
    """A school or kindergarten whose counsel page the user may read."""
    return get_object_or_404(Organization.objects.visible_to(user).schools().select_related("township"), pk=pk)


def school_appointments(organization):
    return (
        Appointment.objects.filter(organization=organization)
        .select_related("lawyer__firm")
        .annotate(service_count=Count("services"))
        .order_by("-start_date", "-id")
    )


# --- coverage -----------------------------------------------------------------------------------


def coverage_day(year: int) -> date:
    """The day a year's coverage is measured: 31 December, or today for the current year."""
    today = timezone.localdate()
    return today if year == today.year else date(year, 12, 31)


def schools_on(day: date):
    """Schools and kindergartens operating on `day` (the denominator of the coverage rate)."""
    return (
        Organization.objects.schools()
        .filter(Q(status=OrgStatus.ACTIVE) | Q(status_date__gt=day))
        .filter(Q(established_on__isnull=True) | Q(established_on__lte=day))
    )


def coverage_rows(day: date):
    """Every school on `day`, with `covered` (a counsel in force), `ending` (all in-force counsel end
    within 60 days) and `current_counsel` (the appointments in force, prefetched)."""
    in_force = Appointment.objects.in_force_on(day)
    lasting = in_force.filter(ends_on__gt=day + timedelta(days=ENDING_SOON_DAYS))
    return (
        schools_on(day)
        .select_related("township")
        .annotate(
            covered=Exists(in_force.filter(organization=OuterRef("pk"))),
            lasting=Exists(lasting.filter(organization=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch(
                "counsel_appointments",
                queryset=in_force.select_related("lawyer__firm").order_by("ends_on"),
                to_attr="current_counsel",
            )
        )
    )


def filter_coverage(rows, state: str):
    if state == "covered":
        return rows.filter(covered=True)
    if state == "uncovered":
        return rows.filter(covered=False)
    if state == "ending":
        return rows.filter(covered=True, lasting=False)
    return rows


# What a school's counsel state and its place in the coverage list are computed from.
COVERAGE_SOURCES = (Appointment, Organization, Township)


def coverage_order(rows, version: DataVersion) -> list:
    """The primary keys of `rows` (coverage_rows, filtered and sorted) in order, cached until an
    appointment, school or township changes: sorting every school by its counsel state is the coverage
    page's main cost, and without this cache the page misses its budget (docs/performance.md)."""
    try:
        sql, params = rows.query.sql_with_params()
    except EmptyResultSet:  # an invalid filter matches nothing
        return []
    key = "legalaid-coverage-order:" + hashlib.sha256(f"{sql}|{params!r}".encode()).hexdigest()
    return cached_until_changed(key, version, lambda: list(rows.values_list("pk", flat=True)))


def coverage_summary(day: date, version: DataVersion | None = None) -> dict:
    """Counts and rates on `day`, overall and by organization kind and township (cached until an
    appointment, organization or township changes: a dozen counts over a province's schools).
    `version`: the page's DataVersion of COVERAGE_SOURCES, when it has one."""
    return cached_until_changed(
        f"legalaid-coverage:{day:%Y%m%d}", version or COVERAGE_SOURCES, lambda: _coverage_summary(day)
    )


def _coverage_summary(day: date) -> dict:
    rows = coverage_rows(day).prefetch_related(None).order_by()
    covered_rows = rows.filter(covered=True)
    total = rows.count()
    covered = covered_rows.count()
    summary = {
        "total": total,
        "covered": covered,
        "uncovered": total - covered,
        "ending": covered_rows.filter(lasting=False).count(),
        "rate": covered / total if total else None,
    }

    def grouped(key, sort, labels):
        covered_by = dict(covered_rows.values_list(key).annotate(n=Count("id")))
        out = []
        for value, _sort, n in rows.values_list(key, sort).annotate(n=Count("id")).order_by(sort):
            out.append(
                {
                    "key": value,
                    "label": labels.get(value, ""),
                    "total": n,
                    "covered": covered_by.get(value, 0),
                    "rate": covered_by.get(value, 0) / n,
                }
            )
        return out

    summary["by_kind"] = grouped("kind", "kind_rank", dict(OrgKind.choices))
    summary["by_township"] = grouped(
        "township_id", "township__sort_order", dict(Township.objects.values_list("id", "name"))
    )
    return summary


# --- services and evaluations -------------------------------------------------------------------


def services_for_user(user):
    """The service records a user may read (the one scoping entry point for ServiceRecord)."""
    return ServiceRecord.objects.visible_to(user).select_related("appointment__organization", "appointment__lawyer")


def get_service_for_user(user, pk, *, write: bool = False) -> ServiceRecord:
    record = get_object_or_404(services_for_user(user), pk=pk)
    if write and not can_write_for_org(user, record.appointment.organization_id):
        raise PermissionDenied("您无权修改该服务记录。")
    return record


def evaluation_rows(user, year: int):
    """Every appointment in force during `year`, with its services that year and its evaluation."""
    evaluation = Evaluation.objects.filter(appointment=OuterRef("pk"), year=year)
    # Per-row subqueries, computed for the rows of the page only: joining every service record of
    # the year and grouping took half a second at a province's 160,000 records (docs/performance.md).
    services = (
        ServiceRecord.objects.filter(appointment=OuterRef("pk"), date__year=year).order_by().values("appointment")
    )
    return (
        appointments_for_user(user)
        .during_year(year)
        .annotate(
            year_services=Coalesce(Subquery(services.annotate(n=Count("pk")).values("n")), 0),
            year_hours=Subquery(services.annotate(h=Sum("hours")).values("h")),
            evaluation_id=Subquery(evaluation.values("pk")[:1]),
            evaluation_score=Subquery(evaluation.values("score")[:1]),
        )
        .order_by("organization__kind_rank", "organization__name_key", "start_date", "id")
    )


def evaluation_summary(user, year: int) -> dict:
    """The year's counts above the evaluation list, cached until an appointment, evaluation or
    service record changes (three counts over a province's appointments took 40–50 ms a request)."""
    return cached_until_changed(
        f"legalaid-evaluations:{year}:{visibility_key(user)}",
        (Appointment, Evaluation, ServiceRecord),
        lambda: _evaluation_summary(user, year),
    )


def _evaluation_summary(user, year: int) -> dict:
    # Semi-joins (WHERE EXISTS), which PostgreSQL hashes once, rather than a subquery per row.
    rows = appointments_for_user(user).during_year(year).order_by()
    evaluated = Exists(Evaluation.objects.filter(appointment=OuterRef("pk"), year=year))
    served = Exists(ServiceRecord.objects.filter(appointment=OuterRef("pk"), date__year=year))
    total, done, with_service = rows.count(), rows.filter(evaluated).count(), rows.filter(served).count()
    return {"total": total, "evaluated": done, "pending": total - done, "no_service": total - with_service}


def evaluations_for_user(user):
    queryset = Evaluation.objects.select_related("appointment__organization", "appointment__lawyer")
    return _district_only(user, queryset)


def get_evaluation_for_user(user, pk, *, write: bool = False) -> Evaluation:
    evaluation = get_object_or_404(evaluations_for_user(user), pk=pk)
    if write and not user.is_bureau_writer:
        raise PermissionDenied("只有局机关工作人员可以考核法律顾问。")
    return evaluation


# --- 普法 activities ----------------------------------------------------------------------------


def activities_for_user(user):
    """The activities a user may read (the one scoping entry point for Activity)."""
    return Activity.objects.visible_to(user).prefetch_related("organizations")


def can_write_activity(user, activity: Activity) -> bool:
    """Bureau staff keep every activity; a school keeps the activities it organized alone."""
    if user.is_bureau_writer:
        return True
    if not user.is_school_admin:
        return False
    return [o.pk for o in activity.organizations.all()] == [user.organization_id]


def get_activity_for_user(user, pk, *, write: bool = False) -> Activity:
    activity = get_object_or_404(activities_for_user(user), pk=pk)
    if write and not can_write_activity(user, activity):
        raise PermissionDenied("您无权修改该普法活动（多校联合或教育局组织的活动由教育局维护）。")
    return activity


def get_photo_for_user(user, pk) -> ActivityPhoto:
    return get_object_or_404(
        ActivityPhoto.objects.filter(activity__in=activities_for_user(user).values("pk")).select_related("activity"),
        pk=pk,
    )


# --- the bureau's own items ---------------------------------------------------------------------


def trainings_for_user(user):
    return _district_only(user, CadreTraining.objects.all())


def get_training_for_user(user, pk, *, write: bool = False) -> CadreTraining:
    training = get_object_or_404(trainings_for_user(user), pk=pk)
    if write and not user.is_bureau_writer:
        raise PermissionDenied("只有局机关工作人员可以修改培训记录。")
    return training


def documents_for_user(user):
    return _district_only(user, NormativeDocument.objects.select_related("drafting_department"))


def get_document_for_user(user, pk, *, write: bool = False) -> NormativeDocument:
    document = get_object_or_404(documents_for_user(user), pk=pk)
    if write and not user.is_bureau_writer:
        raise PermissionDenied("只有局机关工作人员可以办理规范性文件。")
    return document


# --- one school's year (its 依法治校年度报告表) ------------------------------------------------------


def services_of_year(year: int, organization=None):
    """Counsel services dated in `year` (of one school's counsel when `organization` is given)."""
    queryset = ServiceRecord.objects.filter(date__year=year)
    return queryset.filter(appointment__organization=organization) if organization is not None else queryset


def activities_of_year(year: int, organization=None):
    """普法 activities dated in `year` (those `organization` organized or co-organized, when given)."""
    queryset = Activity.objects.filter(date__year=year)
    return queryset.filter(organizations=organization) if organization is not None else queryset


def _link(name: str, *args, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return reverse(name, args=args) + (f"?{query}" if query else "")


def school_year_facts(organization, year: int) -> dict[str, dict]:
    """What this module's records say about one school's `year`, each with the list it was read from.

    {"counsel": {"value", "label", "url"}, ...}: the counsel in force at the year's end (lawyer and firm),
    the counsel's services in the year, and the school's 普法 activities (sessions, participants, by kind).
    The same querysets as the district statistics (legalaid.stats), filtered to the school.
    """
    day = coverage_day(year)
    in_force = list(
        Appointment.objects.in_force_on(day)
        .filter(organization=organization)
        .select_related("lawyer__firm")
        .order_by("start_date", "id")
    )
    activities = activities_of_year(year, organization).order_by()
    totals = activities.aggregate(sessions=Sum("sessions"), participants=Sum("participants"))
    labels = dict(ActivityKind.choices)
    kinds = [
        f"{labels[row['kind']]}{row['n']}场"
        for row in activities.values("kind").annotate(n=Sum("sessions")).order_by("-n", "kind")
    ]
    counsel_url = _link("legalaid:school_counsel", organization.pk)
    activity_url = _link("legalaid:activity_list", year=year, organization=organization.pk)
    on = f"{day.year}年{day.month}月{day.day}日"
    return {
        "has_counsel": {"value": bool(in_force), "label": f"法律顾问聘任（{on}在聘）", "url": counsel_url},
        "counsel": {
            "value": "、".join(f"{a.lawyer.name}（{a.lawyer.firm.name}）" for a in in_force),
            "label": f"法律顾问聘任（{on}在聘）",
            "url": counsel_url,
        },
        "services": {
            "value": services_of_year(year, organization).count(),
            "label": "法律顾问服务记录",
            "url": _link("legalaid:service_list", year=year, q=organization.name),
        },
        "activities": {"value": totals["sessions"] or 0, "label": "普法活动记录（场次）", "url": activity_url},
        "participants": {
            "value": totals["participants"] or 0,
            "label": "普法活动记录（参加人数）",
            "url": activity_url,
        },
        "activity_kinds": {"value": "、".join(kinds), "label": "普法活动记录（按类型）", "url": activity_url},
    }
