"""The module's landing page and the inspection dashboard."""

from django.shortcuts import render
from django.utils import timezone

from accounts.access import ANY_SIGNED_IN, access
from accounts.roles import DISTRICT_ROLES
from core.dates import parse_year

from .. import selectors
from ..dashboard import dashboard_figures, latest_year


def bar_rows(rows: list[dict], *, key: str = "value") -> dict:
    """A server-drawn SVG bar chart: each row with its bar width (0–100) and position.

    A row that sums up the rest (`rest`) does not set the scale, or a province's hundreds of small
    plans summed into one bar would shrink every real bar to a sliver; it is drawn at most full width.
    """
    top = max((r[key] for r in rows if not r.get("rest")), default=0) or 1
    placed = [{**r, "width": min(100, round(r[key] * 100 / top, 1)), "y": i * 26} for i, r in enumerate(rows)]
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
                "counts": selectors.hazard_counts_for_user(user),
                "selfchecks": selectors.selfchecks_for_user(user)[:6],
                "notices": selectors.notices_for_user(user)[:5],
                "inspections": selectors.inspections_for_user(user)[:5],
            },
        )
    year = timezone.localdate().year
    return render(
        request,
        "inspections/index.html",
        {
            "counts": {
                **selectors.hazard_counts_for_user(user),
                "selfchecks": selectors.selfchecks_for_user(user).filter(status="submitted").count(),
            },
            "plans": selectors.plans_for_user(user)[:6],
            "year": year,
        },
    )


@access(DISTRICT_ROLES)
def dashboard(request):
    today = timezone.localdate()
    year = parse_year(request.GET.get("year"), default=latest_year() or today.year)
    data = dashboard_figures(year)
    return render(
        request,
        "inspections/dashboard.html",
        {
            "year": year,
            "years": list(range(today.year, 2019, -1)),
            "figures": data["figures"],
            "computed_at": data["computed_at"],
            "by_plan": bar_rows(data["by_plan"]),
            "by_kind": bar_rows(data["by_kind"]),
            "by_org_kind": bar_rows(data["by_org_kind"]),
            "by_month": bar_rows(data["by_month"]),
            "by_area": bar_rows(data["by_area"]),
        },
    )
