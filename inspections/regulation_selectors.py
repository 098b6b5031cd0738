"""Reads of the 检查事项清单, the frequency rules, the leader's approvals and the frequency dashboard."""

from urllib.parse import urlencode

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from directory.models import Organization

from .models import (
    ChecklistItem,
    ChecklistStatus,
    CheckMatter,
    FrequencyRule,
    Inspection,
    Officer,
    VisitApproval,
)
from .selectors import _district_only, _write_guard


def inspection_list_url(**params) -> str:
    """The inspection register filtered by `params` (the trace of a frequency figure)."""
    return f"{reverse('inspections:inspection_list')}?{urlencode(params)}"


# 检查事项清单 ---------------------------------------------------------------------------------------
def matter_items_for_user(user):
    """The items of the checklists in use (published versions), with their entry in the 清单 if any."""
    qs = (
        ChecklistItem.objects.filter(checklist__status=ChecklistStatus.PUBLISHED)
        .select_related("checklist", "matter", "matter__body")
        .order_by("checklist__name", "checklist__version", "number")
    )
    return qs if _district_only(user) else qs.none()


def get_matter_item_for_user(user, pk, *, write: bool = False) -> ChecklistItem:
    item = get_object_or_404(matter_items_for_user(user), pk=pk)
    _write_guard(user, write, "检查事项清单")
    return item


def public_matters():
    """The published 清单: matters published by today of the checklists in use."""
    today = timezone.localdate()
    return (
        CheckMatter.objects.filter(published_on__lte=today, item__checklist__status=ChecklistStatus.PUBLISHED)
        .select_related("item", "item__checklist", "body")
        .order_by("item__checklist__name", "item__number")
    )


def public_officers():
    """The bureau's certified officers on duty today (name, certificate number, validity)."""
    return Officer.objects.certified_on(timezone.localdate()).order_by("name")


def public_rules(year: int):
    return FrequencyRule.objects.filter(year=year).order_by("org_kind")


# Frequency rules and approvals ---------------------------------------------------------------------
def rules_for_user(user):
    qs = FrequencyRule.objects.order_by("-year", "org_kind")
    return qs if _district_only(user) else qs.none()


def get_rule_for_user(user, pk, *, write: bool = False) -> FrequencyRule:
    rule = get_object_or_404(rules_for_user(user), pk=pk)
    _write_guard(user, write, "检查频次上限")
    return rule


def approvals_for_user(user):
    qs = VisitApproval.objects.select_related("organization", "approved_by").prefetch_related("inspections")
    return qs if _district_only(user) else qs.none()


# The frequency dashboard ---------------------------------------------------------------------------
def most_inspected(year: int, limit: int = 20) -> list[dict]:
    """The organizations visited most often in `year` (by the day of the visit), with their kind's cap."""
    top = list(
        Inspection.objects.filter(year=year)
        .values("organization")
        .annotate(visits=Count("id"))
        .order_by("-visits", "organization")[:limit]
    )
    orgs = Organization.objects.in_bulk([row["organization"] for row in top])
    caps = dict(FrequencyRule.objects.filter(year=year).values_list("org_kind", "max_visits"))
    rows = []
    for row in top:
        org = orgs[row["organization"]]
        rows.append(
            {
                "organization": org,
                "visits": row["visits"],
                "cap": caps.get(org.kind),
                "over": caps.get(org.kind) is not None and row["visits"] > caps[org.kind],
                "url": inspection_list_url(year=year, organization=org.pk),
            }
        )
    return rows
