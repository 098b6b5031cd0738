"""Reads of conversion cases, always scoped to the user who asks, and the board's figures."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from core import stats
from core.caching import cached_until_changed
from core.queries import related_count
from directory.models import Organization, OrgKind, OrgStatus, ProfitStatus

from .models import (
    CaseKind,
    CaseStatus,
    ConversionCase,
    MaterialItem,
    ProcedureBaseline,
    Step,
    Track,
    Visit,
)

WRITE_DENIED = "只有局机关工作人员可以办理营转非案件。"


def cases_for_user(user):
    """The cases a user may read (the one scoping entry point for ConversionCase), with list columns."""
    return (
        ConversionCase.objects.visible_to(user)
        .select_related("organization", "assignee")
        .annotate(visit_count=related_count(Visit, "case"), step_count=related_count(Step, "case"))
        .prefetch_related(Prefetch("tracks", queryset=Track.objects.order_by("id")))
    )


def get_case_for_user(user, pk, *, write: bool = False) -> ConversionCase:
    """One case the user may read (404 otherwise); with write=True, one they may work on (403)."""
    case = get_object_or_404(cases_for_user(user), pk=pk)
    if write and not user.is_bureau_writer:
        raise PermissionDenied(WRITE_DENIED)
    return case


def get_track_for_user(user, pk, *, write: bool = False) -> Track:
    track = get_object_or_404(
        Track.objects.filter(case__in=ConversionCase.objects.visible_to(user)).select_related("case"), pk=pk
    )
    if write and not user.is_bureau_writer:
        raise PermissionDenied(WRITE_DENIED)
    return track


def get_material_for_user(user, pk, *, write: bool = False) -> MaterialItem:
    item = get_object_or_404(
        MaterialItem.objects.filter(case__in=ConversionCase.objects.visible_to(user)).select_related("case"), pk=pk
    )
    if write and not user.is_bureau_writer:
        raise PermissionDenied(WRITE_DENIED)
    return item


def case_materials(case: ConversionCase):
    return case.materials.select_related("template").order_by("sort_order", "id")


def case_events(case: ConversionCase):
    """The timeline, latest first by the day each thing happened (办理日期), then as typed."""
    return case.events.select_related("actor").order_by("-happened_on", "-at", "-id")


def convertible_organizations():
    """The institutions a new case can be opened for: active, subject-class, no case open and none
    completed (an institution converted already is not offered again; the model refuses it too)."""
    return (
        Organization.objects.filter(kind=OrgKind.SUBJECT_TRAINING, status=OrgStatus.ACTIVE)
        .exclude(conversion_cases__status__in=[CaseStatus.OPEN, CaseStatus.COMPLETED])
        .order_by("name")
    )


def for_profit_subject_class():
    """Institutions still to convert: active, for-profit, subject-class, no open case."""
    return convertible_organizations().filter(profit_status=ProfitStatus.FOR_PROFIT)


def case_staff():
    """Bureau staff members who may be assigned a case."""
    return User.objects.filter(role=Role.BUREAU_STAFF, is_active=True).order_by("username")


# --- the board -----------------------------------------------------------------------------------

BOARD_CACHE_SECONDS = 600
# The tables the board's figures are computed from (the reduction rate reads the registry's history).
# Users are left out: every login writes a history row, and a renamed staff member shows within
# BOARD_CACHE_SECONDS.
BOARD_SOURCES = (ConversionCase, Track, Visit, Step, MaterialItem, Organization, ProcedureBaseline)


def _cached(name, compute):
    # The day is part of the key: open cases become overdue when it changes.
    return cached_until_changed(
        f"conversions-board:{name}:{timezone.localdate():%Y%m%d}", BOARD_SOURCES, compute, seconds=BOARD_CACHE_SECONDS
    )


def board(year=None) -> dict:
    """What the board shows for `year` (else the default year), cached while no case or record changes.

    A province's board aggregates every case, visit and step (about 20 queries, 40 ms at 1,900 cases);
    served from the cache it costs two index lookups.
    """
    meta = _cached("years", lambda: {"years": board_years(), "default": default_board_year()})
    if year not in meta["years"]:
        year = meta["default"]
    data = _cached(
        year,
        lambda: {
            "figures": district_figures(year),
            "by_kind": stats.get("conversions.by_kind").value(year),
            "status": status_counts(),
            "staff": staff_rows(),
            "overdue": overdue_cases(),
        },
    )
    return {"year": year, "years": meta["years"], **data}


@dataclass
class StaffRow:
    assignee: User
    total: int
    open: int
    completed: int
    overdue: int
    avg_days: float | None


def board_years() -> list[int]:
    years = {d.year for d in ConversionCase.objects.dates("opened_on", "year")}
    years |= {d.year for d in ConversionCase.objects.filter(completed_on__isnull=False).dates("completed_on", "year")}
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)


def default_board_year() -> int:
    """The latest year with completed cases, else this year (so the demo shows 2021 on first start)."""
    latest = ConversionCase.objects.filter(status=CaseStatus.COMPLETED).order_by("-completed_on").first()
    this_year = timezone.localdate().year
    if ConversionCase.objects.open().exists() or latest is None:
        return this_year
    return latest.completed_on.year


def status_counts() -> dict:
    """Cases by status and kind (all years), plus open overdue cases."""
    today = timezone.localdate()
    rows = ConversionCase.objects.values("kind").annotate(
        open=Count("pk", filter=Q(status=CaseStatus.OPEN)),
        completed=Count("pk", filter=Q(status=CaseStatus.COMPLETED)),
        withdrawn=Count("pk", filter=Q(status=CaseStatus.WITHDRAWN)),
        overdue=Count("pk", filter=Q(status=CaseStatus.OPEN, due_on__lt=today)),
    )
    by_kind = {r["kind"]: r for r in rows}
    table = []
    totals = {"open": 0, "completed": 0, "withdrawn": 0, "overdue": 0}
    for kind in CaseKind:
        row = by_kind.get(kind.value, {})
        values = {k: row.get(k, 0) for k in totals}
        for k in totals:
            totals[k] += values[k]
        table.append({"kind": kind.value, "label": kind.label, **values})
    return {"rows": table, "totals": totals}


def staff_rows() -> list[StaffRow]:
    """Cases by staff member (all years): assigned, open, completed, overdue, average days to complete."""
    today = timezone.localdate()
    counts = (
        ConversionCase.objects.values("assignee")
        .annotate(
            total=Count("pk", filter=~Q(status=CaseStatus.WITHDRAWN)),
            open=Count("pk", filter=Q(status=CaseStatus.OPEN)),
            completed=Count("pk", filter=Q(status=CaseStatus.COMPLETED)),
            overdue=Count("pk", filter=Q(status=CaseStatus.OPEN, due_on__lt=today)),
        )
        .order_by()
    )
    days: dict[int, list[int]] = {}
    for assignee, opened, completed in ConversionCase.objects.filter(status=CaseStatus.COMPLETED).values_list(
        "assignee", "opened_on", "completed_on"
    ):
        days.setdefault(assignee, []).append((completed - opened).days)
    users = User.objects.in_bulk([c["assignee"] for c in counts])
    rows = []
    for c in counts:
        spans = days.get(c["assignee"], [])
        rows.append(
            StaffRow(
                assignee=users[c["assignee"]],
                total=c["total"],
                open=c["open"],
                completed=c["completed"],
                overdue=c["overdue"],
                avg_days=round(sum(spans) / len(spans), 1) if spans else None,
            )
        )
    rows.sort(key=lambda r: (-r.open, -r.overdue, r.assignee.username))
    return rows


def overdue_cases(limit: int = 20):
    return list(
        ConversionCase.objects.overdue().select_related("organization", "assignee").order_by("due_on", "id")[:limit]
    )


def district_figures(year: int) -> dict:
    """The district's figures for `year`, read from the same statistics the annual report uses."""
    from core import stats

    names = [
        "converted",
        "changed",
        "closed",
        "reduction_rate",
        "avg_days",
        "avg_visits",
        "avg_steps",
        "staff",
        "baseline_visits",
        "baseline_steps",
    ]
    figures = {}
    for name in names:
        statistic = stats.get(f"conversions.{name}")
        value = statistic.value(year)
        figures[name] = {"value": value, "display": statistic.display(value), "url": statistic.url(year)}
    return figures
