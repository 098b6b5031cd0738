"""The figures of the inspection dashboard, cached until the data they count changes.

At a province's million inspections the dashboard's dozen aggregates take about a second; bureau
users open it far more often than the data changes. The figures are cached (core.caching) under a key that
moves whenever an inspection, hazard, plan, draw, officer or organization is added, changed or
deleted, and whenever the day changes (overdue hazards), so a cached dashboard is never stale; it is
also dropped after DASHBOARD_CACHE_SECONDS. See docs/performance.md.
"""

from django.utils import timezone

from core import stats
from core.caching import cached_until_changed

from .models import Draw, Hazard, Inspection, Officer, Plan

DASHBOARD_CACHE_SECONDS = 600
# Bars of the "by plan" chart: a province runs hundreds of plans a year; the rest are summed up.
MAX_PLAN_BARS = 20
FIGURES = [
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


def latest_year() -> int | None:
    return Inspection.objects.order_by("-year").values_list("year", flat=True).first()


def _plan_rows(rows: list[dict], year: int) -> list[dict]:
    if len(rows) <= MAX_PLAN_BARS:
        return rows
    keep = sorted(sorted(rows, key=lambda r: -r["value"])[: MAX_PLAN_BARS - 1], key=rows.index)
    rest = [r for r in rows if r not in keep]
    total = sum(r["value"] for r in rest)
    url = stats.get("inspections.by_plan").url(year)
    return [*keep, {"label": f"其余{len(rest)}项检查行动", "value": total, "url": url, "rest": True}]


def compute(year: int) -> dict:
    figures = []
    for name in FIGURES:
        stat = stats.get(f"inspections.{name}")
        value = stat.value(year)
        figures.append({"label": stat.label, "display": stat.display(value), "url": stat.url(year)})
    return {
        "figures": figures,
        "by_plan": _plan_rows(stats.get("inspections.by_plan").value(year), year),
        "by_kind": stats.get("inspections.by_kind").value(year),
        "by_org_kind": stats.get("inspections.by_org_kind").value(year),
        "by_month": stats.get("inspections.by_month").value(year),
        "by_area": stats.get("inspections.hazards_by_area").value(year),
        "computed_at": timezone.now(),
    }


def dashboard_figures(year: int) -> dict:
    """The dashboard's figures for `year`: from the cache while nothing they count has changed."""
    from directory.models import Organization

    # The day is part of the key: hazards become overdue when it changes.
    return cached_until_changed(
        f"inspections-dashboard:{year}:{timezone.localdate():%Y%m%d}",
        (Inspection, Hazard, Plan, Draw, Officer, Organization),
        lambda: compute(year),
        seconds=DASHBOARD_CACHE_SECONDS,
    )
