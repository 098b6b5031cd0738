"""Reads of 综合查一次: the proposals of a year, the union of check items (一表通查), the visits.

A plan's open targets are the organizations its performed, not replaced draws drew that have no
inspection under it yet — one recorded for it directly, or a combined visit's record that names it.
Several plans with open targets on one organization whose periods share a window make a proposal,
unless the bureau already decided on those plans for that organization (combined or not).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from urllib.parse import urlencode

from django.db.models import IntegerField, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404
from django.urls import reverse

from core.queries import _CountRows
from directory.models import Organization

from .models import RULES_FROM, Area, ChecklistItem, CombinedStatus, CombinedVisit, DrawnEntity, DrawStatus, Inspection
from .models.combined import plan_key
from .models.plans import Plan


# Counting a combined record once per plan ---------------------------------------------------------
def plan_inspections_q(plan_id) -> Q:
    """The inspections that count for a plan: recorded under it, or a combined record naming it."""
    combined = CombinedVisit.objects.filter(plans=plan_id, inspection__isnull=False).values("inspection_id")
    return Q(plan_id=plan_id) | Q(pk__in=combined)


def combined_done():
    """For Plan rows: the combined records that count for the plan but were filed under another plan
    (add it to the count of the plan's own inspections)."""
    through = CombinedVisit.plans.through
    rows = (
        through.objects.filter(plan_id=OuterRef("pk"), combinedvisit__inspection__isnull=False)
        .exclude(combinedvisit__inspection__plan_id=OuterRef("pk"))
        .order_by()
        .annotate(n=_CountRows())
        .values("n")
    )
    return Subquery(rows, output_field=IntegerField())


def combined_record_ids(inspection_ids) -> set[int]:
    """Which of these inspections are combined visits' records."""
    return set(CombinedVisit.objects.filter(inspection_id__in=inspection_ids).values_list("inspection_id", flat=True))


def inspected_pairs(*, plan_ids, organization_ids) -> set[tuple[int, int]]:
    """{(organization id, plan id)} inspected under the plans, directly or by a combined record."""
    pairs = set(
        Inspection.objects.filter(plan_id__in=plan_ids, organization_id__in=organization_ids).values_list(
            "organization_id", "plan_id"
        )
    )
    pairs |= set(
        CombinedVisit.objects.filter(
            plans__in=plan_ids, organization_id__in=organization_ids, inspection__isnull=False
        ).values_list("organization_id", "plans")
    )
    return pairs


# Proposals ------------------------------------------------------------------------------------------
@dataclass
class Proposal:
    organization: Organization
    plans: list[Plan]
    starts_on: date
    ends_on: date

    @property
    def key(self) -> str:
        return plan_key(self.plans)

    @property
    def plan_ids(self) -> list[int]:
        return [p.pk for p in self.plans]

    @cached_property
    def items(self) -> list["ItemGroup"]:
        return union_items(self.plans)


def _window(plans) -> tuple[date, date]:
    return max(p.starts_on for p in plans), min(p.ends_on for p in plans)


def _clusters(plans: list[Plan]) -> list[list[Plan]]:
    """Plans by start, each added to the current cluster while all of them still share a window."""
    clusters: list[list[Plan]] = []
    for plan in sorted(plans, key=lambda p: (p.starts_on, p.pk)):
        current = clusters[-1] if clusters else None
        if current and max(_window(current)[0], plan.starts_on) <= min(_window(current)[1], plan.ends_on):
            current.append(plan)
        else:
            clusters.append([plan])
    return [c for c in clusters if len(c) > 1]


def proposals(year: int) -> list[Proposal]:
    """The open proposals whose common window starts in `year` (visits from 2025, RULES_FROM)."""
    first, last = max(date(year, 1, 1), RULES_FROM), date(year, 12, 31)
    if first > last:
        return []
    drawn = DrawnEntity.objects.filter(
        draw__status=DrawStatus.DRAWN, draw__plan__ends_on__gte=first, draw__plan__starts_on__lte=last
    ).values_list("organization_id", "draw__plan_id")
    targets = defaultdict(set)
    for organization_id, plan_id in drawn:
        targets[organization_id].add(plan_id)
    targets = {org: plans for org, plans in targets.items() if len(plans) > 1}
    if not targets:
        return []
    all_plans = {pk for plans in targets.values() for pk in plans}
    done = inspected_pairs(plan_ids=all_plans, organization_ids=list(targets))
    decided = set(
        CombinedVisit.objects.filter(organization_id__in=list(targets)).values_list("organization_id", "plans")
    )
    plans = Plan.objects.in_bulk(all_plans)
    organizations = Organization.objects.in_bulk(list(targets))
    result = []
    for org, plan_ids in targets.items():
        open_plans = [plans[pk] for pk in plan_ids if (org, pk) not in done and (org, pk) not in decided]
        for cluster in _clusters(open_plans):
            starts_on, ends_on = _window(cluster)
            if first <= starts_on <= last or (starts_on < first <= ends_on):
                result.append(Proposal(organizations[org], cluster, max(starts_on, RULES_FROM), ends_on))
    return sorted(result, key=lambda p: (p.starts_on, p.organization.name))


def find_proposal(*, organization_id: int, key: str, year: int) -> Proposal | None:
    return next((p for p in proposals(year) if p.organization.pk == organization_id and p.key == key), None)


# 一表通查: the union of the plans' check items ---------------------------------------------------------
@dataclass
class ItemGroup:
    """One check item to answer: identical items (same text and legal basis) of several checklists."""

    item: ChecklistItem
    item_ids: list[int] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)


def union_items(plans) -> list[ItemGroup]:
    """Every item of every plan's checklist, identical ones once, in the order of the plans and items."""
    plans = list(plans)
    items = ChecklistItem.objects.filter(checklist_id__in={p.checklist_id for p in plans}).order_by("number", "pk")
    by_checklist = defaultdict(list)
    for item in items:
        by_checklist[item.checklist_id].append(item)
    groups: dict[tuple[str, str], ItemGroup] = {}
    for plan in plans:
        for item in by_checklist[plan.checklist_id]:
            group = groups.setdefault((item.text.strip(), item.legal_basis.strip()), ItemGroup(item))
            if item.pk not in group.item_ids:
                group.item_ids.append(item.pk)
            if plan.name not in group.plans:
                group.plans.append(plan.name)
    return list(groups.values())


def union_rows(groups: list[ItemGroup], *, answers=None, data=None) -> list[dict]:
    """The groups by area for the checklist include, each row with its answer (POST data or stored)."""
    answers = answers or {}
    result = []
    for value, label in Area.choices:
        rows = []
        for group in groups:
            if group.item.area != value:
                continue
            pk = group.item.pk
            if data is not None:
                result_, note = data.get(f"answer_{pk}", ""), data.get(f"note_{pk}", "")
            else:
                stored = answers.get(str(pk), {})
                result_, note = stored.get("r", ""), stored.get("n", "")
            rows.append({"item": group.item, "result": result_, "note": note, "plans": group.plans})
        if rows:
            failed = sum(1 for r in rows if r["result"] == "fail")
            result.append({"area": label, "code": value, "rows": rows, "failed": failed})
    return result


# Visits ----------------------------------------------------------------------------------------------
def visits_for_user(user):
    """Decisions on proposals: the bureau's users only."""
    qs = CombinedVisit.objects.select_related("organization", "inspection", "created_by").prefetch_related("plans")
    return qs if getattr(user, "sees_district", False) else qs.none()


def get_visit_for_user(user, pk) -> CombinedVisit:
    return get_object_or_404(visits_for_user(user).filter(status=CombinedStatus.COMBINED), pk=pk)


def visit_plans(visit: CombinedVisit) -> list[Plan]:
    """The visit's plans, the first (by start, then id) being the one its record is filed under."""
    return sorted(visit.plans.select_related("checklist"), key=lambda p: (p.starts_on, p.pk))


def drawn_officers(visit: CombinedVisit) -> list[int]:
    """The officers any of the plans' draws assigned to the organization (the union, in draw order)."""
    officers: list[int] = []
    for plan in visit_plans(visit):
        for pk in DrawnEntity.objects.binding_officers(plan_id=plan.pk).get(visit.organization_id, []):
            if pk not in officers:
                officers.append(pk)
    return officers


@dataclass
class UnionBinding:
    """What binds a combined visit's officers: the union of the officers each plan's draw assigned
    (shaped like a DrawnEntity for services.records.check_substitution)."""

    officers: object
    label: str = "综合查一次所含各行动的抽取"


def union_binding(visit: CombinedVisit) -> UnionBinding | None:
    from .models import Officer

    ids = drawn_officers(visit)
    return UnionBinding(Officer.objects.filter(pk__in=ids).order_by("name")) if ids else None


def union_item_ids(visit: CombinedVisit) -> list[int]:
    return [pk for group in union_items(visit_plans(visit)) for pk in group.item_ids]


def union_failed_items(visit: CombinedVisit, failed: list[int]) -> list[ChecklistItem]:
    """One item per failed group (identical items fail once: one hazard, not one per checklist)."""
    failed = set(failed)
    return [g.item for g in union_items(visit_plans(visit)) if failed & set(g.item_ids)]


def record_of(inspection) -> tuple[list[Plan], list[dict]] | None:
    """A combined visit's record: (its plans, its answers as the union of items); None for any other record."""
    visit = CombinedVisit.objects.filter(inspection=inspection).first()
    if visit is None:
        return None
    plans = visit_plans(visit)
    return plans, union_rows(union_items(plans), answers=inspection.answers)


def combined_visit_list_url(**params) -> str:
    """The list of 综合查一次 decisions filtered by `params` (`year`, `recorded=1`: the statistic's trace)."""
    return f"{reverse('inspections:combined_visit_list')}?{urlencode(params)}"
