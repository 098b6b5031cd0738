"""The module's landing page and the inspection dashboard."""

from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone

from accounts.access import ANY_SIGNED_IN, access
from accounts.roles import DISTRICT_ROLES
from core import stats

from .. import selectors
from ..models import HazardStatus, Inspection


def bar_rows(rows: list[dict], *, key: str = "value") -> dict:
    """A server-drawn SVG bar chart: each row with its bar width (0–100) and position."""
    top = max((r[key] for r in rows), default=0) or 1
    placed = [{**r, "width": round(r[key] * 100 / top, 1), "y": i * 26} for i, r in enumerate(rows)]
    return {"rows": placed, "height": len(rows) * 26}


@access(ANY_SIGNED_IN)
def index(request):
    user = request.user
    if user.is_school_admin:
        hazards = selectors.hazards_for_user(user).unresolved().order_by("deadline", "id")[:20]
        return render(
            request,
            "inspections/index_school.html",
            {
                "hazards": hazards,
                "counts": selectors.hazard_counts_for_organization(user.organization_id),
                "selfchecks": selectors.selfchecks_for_user(user)[:6],
                "notices": selectors.notices_for_user(user)[:5],
                "inspections": selectors.inspections_for_user(user)[:5],
            },
        )
    year = timezone.localdate().year
    hazards = selectors.hazards_for_user(user)
    return render(
        request,
        "inspections/index.html",
        {
            "counts": {
                "submitted": hazards.filter(status=HazardStatus.SUBMITTED).count(),
                "overdue": hazards.overdue().count(),
                "unresolved": hazards.unresolved().count(),
                "selfchecks": selectors.selfchecks_for_user(user).filter(status="submitted").count(),
            },
            "plans": selectors.plans_for_user(user)[:6],
            "year": year,
        },
    )


@access(DISTRICT_ROLES)
def dashboard(request):
    today = timezone.localdate()
    raw = request.GET.get("year", "")
    latest = Inspection.objects.aggregate(latest=Max("year"))["latest"] or today.year
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else latest
    names = [
        "total",
        "random_checks",
        "joint_share",
        "completion_rate",
        "publication_rate",
        "hazards_found",
        "hazards_open",
        "hazards_overdue",
        "hazards_closed",
        "officers_certified",
    ]
    figures = []
    for name in names:
        stat = stats.get(f"inspections.{name}")
        value = stat.value(year)
        figures.append({"label": stat.label, "display": stat.display(value), "url": stat.url(year)})
    by_area = stats.get("inspections.hazards_by_area").value(year)
    return render(
        request,
        "inspections/dashboard.html",
        {
            "year": year,
            "years": list(range(today.year, 2019, -1)),
            "figures": figures,
            "by_plan": bar_rows(stats.get("inspections.by_plan").value(year)),
            "by_kind": bar_rows(stats.get("inspections.by_kind").value(year)),
            "by_org_kind": bar_rows(stats.get("inspections.by_org_kind").value(year)),
            "by_month": bar_rows(stats.get("inspections.by_month").value(year)),
            "by_area": bar_rows(by_area),
        },
    )
