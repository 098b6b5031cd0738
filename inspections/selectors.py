"""Reads of the inspections module, always scoped to the user who asks.

Bureau users see the district; a school administrator sees only their own school's inspections,
hazards, self-checks and files, and gets 404 for anything else. Bureau-only registers (officers,
checklists, plans, draws) are reached through views that already require a district role.
"""

from datetime import date
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from core.queries import related_count
from directory.models import Organization, OrgKind

from .combined_selectors import combined_done, combined_record_ids, plan_inspections_q
from .models import (
    Checklist,
    ChecklistStatus,
    Draw,
    DrawnEntity,
    Hazard,
    HazardEvidence,
    HazardStatus,
    Inspection,
    InspectionAttachment,
    LawExam,
    Officer,
    Plan,
    SafetyAssessment,
    SelfCheck,
    SelfCheckAttachment,
    SmartCampus,
    WarningNotice,
)
from .models.hazards import overdue_q


def _district_only(user) -> bool:
    return getattr(user, "sees_district", False)


def _write_guard(user, write: bool, what: str) -> None:
    if write and not user.is_bureau_writer:
        raise PermissionDenied(f"只有局机关工作人员可以修改{what}。")


# Officers and exams -------------------------------------------------------------------------------
def officers_for_user(user):
    qs = Officer.objects.select_related("section")
    return qs if _district_only(user) else qs.none()


def get_officer_for_user(user, pk, *, write: bool = False) -> Officer:
    officer = get_object_or_404(officers_for_user(user), pk=pk)
    _write_guard(user, write, "执法人员")
    return officer


def exams_for_user(user):
    qs = LawExam.objects.select_related("officer")
    return qs if _district_only(user) else qs.none()


# Checklists ----------------------------------------------------------------------------------------
def checklists_for_user(user):
    qs = Checklist.objects.annotate(item_count=Count("items")).order_by("name", "-version")
    return qs if _district_only(user) else qs.none()


def get_checklist_for_user(user, pk, *, write: bool = False) -> Checklist:
    checklist = get_object_or_404(checklists_for_user(user), pk=pk)
    _write_guard(user, write, "检查表")
    return checklist


def current_checklist() -> Checklist | None:
    """The checklist schools self-check against: the most recently published one."""
    return Checklist.objects.filter(status=ChecklistStatus.PUBLISHED).order_by("-effective_on", "-id").first()


# Plans and draws -----------------------------------------------------------------------------------
def plans_for_user(user):
    # `done` is a correlated count, computed for the rows of the page only: a JOIN + GROUP BY over
    # every inspection took seconds at a million inspections (docs/performance.md).
    qs = (
        Plan.objects.select_related("lead_section", "checklist")
        # A combined visit's one record counts for each of its plans (综合查一次, combined_selectors.py).
        .annotate(done=related_count(Inspection, "plan") + combined_done())
        .order_by("-starts_on", "-id")
    )
    return qs if _district_only(user) else qs.none()


def get_plan_for_user(user, pk, *, write: bool = False) -> Plan:
    plan = get_object_or_404(plans_for_user(user).prefetch_related("partners"), pk=pk)
    _write_guard(user, write, "检查行动")
    return plan


def draws_for_user(user):
    qs = Draw.objects.select_related("plan", "township", "created_by")
    return qs if _district_only(user) else qs.none()


def get_draw_for_user(user, pk, *, write: bool = False) -> Draw:
    draw = get_object_or_404(draws_for_user(user), pk=pk)
    _write_guard(user, write, "双随机抽取")
    return draw


def public_plans():
    """Plans with a 双随机 draw, for anonymous visitors (一公开): every draw is public from its commit."""
    return (
        Plan.objects.filter(pk__in=Draw.objects.values("plan_id"))
        .select_related("lead_section")
        .order_by("-starts_on", "-id")
    )


def public_draws():
    return Draw.objects.order_by("sequence")


def get_public_draw(pk) -> Draw:
    return get_object_or_404(public_draws().select_related("plan", "township", "superseded_by"), pk=pk)


def draw_pools(draw: Draw) -> dict:
    """The frozen pools of a draw with names, for its pages: per kind, and the officers."""
    labels = dict(OrgKind.choices)
    ids = [pk for pool in draw.entity_pool.values() for pk in pool]
    names = dict(Organization.objects.filter(pk__in=ids).values_list("id", "name"))
    officer_names = dict(Officer.objects.filter(pk__in=draw.officer_pool).values_list("id", "name"))
    pools = [
        {
            "kind": labels.get(kind, kind),
            "quota": draw.quotas.get(kind, 0),
            "members": [(pk, names.get(pk, f"#{pk}")) for pk in pool],
        }
        for kind, pool in sorted(draw.entity_pool.items())
    ]
    return {"pools": pools, "officer_pool": [(pk, officer_names.get(pk, f"#{pk}")) for pk in draw.officer_pool]}


def draw_results(draw: Draw) -> list[DrawnEntity]:
    """The drawn organizations in published order, each with `drawn` (the officers the draw assigned),
    `result` (the latest inspection of it under the plan, or None), `actual` (who inspected) and
    `substituted` (the actual officers are not the drawn ones)."""
    entities = list(draw.entities.select_related("organization").prefetch_related("officers"))
    # Oldest first, so that an organization inspected twice under the plan shows its latest result.
    inspected = {
        i.organization_id: i
        for i in Inspection.objects.filter(
            plan_inspections_q(draw.plan_id), organization_id__in=[e.organization_id for e in entities]
        )
        .prefetch_related("officers")
        .order_by("inspected_on", "id")
    }
    # A combined visit's record (综合查一次) is made by the officers drawn for all its plans: this plan's
    # drawn officers taking part is no substitution.
    combined = combined_record_ids([i.pk for i in inspected.values()])
    for entity in entities:
        entity.drawn = list(entity.officers.all())
        entity.result = inspected.get(entity.organization_id)
        entity.actual = list(entity.result.officers.all()) if entity.result else []
        drawn, actual = {o.pk for o in entity.drawn}, {o.pk for o in entity.actual}
        if entity.result and entity.result.pk in combined:
            entity.substituted = not drawn <= actual
        else:
            entity.substituted = bool(entity.result) and actual != drawn
    return entities


# Inspection records --------------------------------------------------------------------------------
def inspections_for_user(user):
    return Inspection.objects.visible_to(user).select_related("plan", "organization", "organization__township")


def get_inspection_for_user(user, pk, *, write: bool = False) -> Inspection:
    inspection = get_object_or_404(
        inspections_for_user(user).prefetch_related("officers", "partners", "attachments"), pk=pk
    )
    _write_guard(user, write, "检查记录")
    return inspection


def get_inspection_attachment_for_user(user, pk) -> InspectionAttachment:
    return get_object_or_404(
        InspectionAttachment.objects.filter(inspection__in=Inspection.objects.visible_to(user)), pk=pk
    )


# Hazards -------------------------------------------------------------------------------------------
def hazards_for_user(user):
    return Hazard.objects.visible_to(user).select_related("organization", "organization__township")


def get_hazard_for_user(user, pk, *, write: bool = False) -> Hazard:
    hazard = get_object_or_404(hazards_for_user(user), pk=pk)
    _write_guard(user, write, "隐患")
    return hazard


def get_hazard_evidence_for_user(user, pk) -> HazardEvidence:
    return get_object_or_404(HazardEvidence.objects.filter(hazard__in=Hazard.objects.visible_to(user)), pk=pk)


def notices_for_user(user):
    """Warning notices go to every school and every bureau user."""
    qs = WarningNotice.objects.select_related("hazard", "hazard__organization")
    return qs if user.is_authenticated else qs.none()


def smart_campus_summary(records) -> dict:
    """Schools, sites, complete and police-linked records: one aggregate and one narrow read, not every
    record with its organization and township."""
    records = records.order_by()
    totals = records.aggregate(
        schools=Count("pk"), sites=Coalesce(Sum("sites"), 0), linked=Count("pk", filter=Q(police_linked=True))
    )
    rows = records.values_list("base_systems", "completed_on")
    return {**totals, "complete": sum(1 for systems, done in rows if SmartCampus.complete(systems, done))}


def hazard_counts_for_user(user) -> dict[str, int]:
    """The hazard figures of the home pages, over the hazards `user` may see, in one query.

    unresolved: not closed; overdue: past the deadline and not handed in (HazardQuerySet.overdue);
    submitted: handed in, awaiting the bureau's verification.
    """
    # Every figure counts unresolved hazards only: reading just those rows keeps it an index-only scan
    # of (status, deadline) — over a province's 200,000 hazards, 90 % closed, the whole table took 71 ms.
    return (
        Hazard.objects.visible_to(user)
        .unresolved()
        .aggregate(
            unresolved=Count("status"),
            overdue=Count("status", filter=overdue_q(timezone.localdate())),
            submitted=Count("status", filter=Q(status=HazardStatus.SUBMITTED)),
        )
    )


def returned_hazards_for_user(user):
    """The hazards whose rectification the bureau returned, the latest return first."""
    return hazards_for_user(user).filter(status=HazardStatus.RETURNED).order_by("-returned_on", "-id")


# Self-checks ---------------------------------------------------------------------------------------
def selfchecks_for_user(user):
    return SelfCheck.objects.visible_to(user).select_related("organization", "checklist")


def get_selfcheck_for_user(user, pk, *, write: bool = False) -> SelfCheck:
    self_check = get_object_or_404(selfchecks_for_user(user).prefetch_related("attachments"), pk=pk)
    if write and not (user.is_school_admin and user.organization_id == self_check.organization_id):
        raise PermissionDenied("只有本校管理员可以填报本校自查。")
    return self_check


def get_selfcheck_attachment_for_user(user, pk) -> SelfCheckAttachment:
    return get_object_or_404(
        SelfCheckAttachment.objects.filter(self_check__in=SelfCheck.objects.visible_to(user)), pk=pk
    )


# Campus safety -------------------------------------------------------------------------------------
def smart_campuses_complete_by(records, day):
    """The records complete (all five base systems, a completion date) by `day`; an unreadable day, none."""
    if day is None:
        return records.none()
    rows = records.filter(completed_on__lte=day).order_by().values_list("pk", "base_systems", "completed_on")
    return records.filter(pk__in=[pk for pk, systems, done in rows if SmartCampus.complete(systems, done)])


def smart_campuses_for_user(user):
    return SmartCampus.objects.visible_to(user).select_related("organization", "organization__township")


def get_smart_campus_for_user(user, pk, *, write: bool = False) -> SmartCampus:
    record = get_object_or_404(smart_campuses_for_user(user), pk=pk)
    _write_guard(user, write, "智安校园记录")
    return record


def assessments_for_user(user):
    return SafetyAssessment.objects.visible_to(user).select_related("organization")


def get_assessment_for_user(user, pk, *, write: bool = False) -> SafetyAssessment:
    assessment = get_object_or_404(assessments_for_user(user), pk=pk)
    _write_guard(user, write, "平安校园考核")
    return assessment


# One school's year (its 依法治校年度报告表) -----------------------------------------------------------
def year_end(year: int) -> date:
    """The day "at the year's end" figures are read on: 31 December, or today for the current year."""
    today = timezone.localdate()
    return min(today, date(year, 12, 31))


def _link(name: str, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return reverse(f"inspections:{name}") + (f"?{query}" if query else "")


def school_year_facts(organization, year: int) -> dict[str, dict]:
    """What this module's records say about one school's `year`, each with the list it was read from.

    Self-checks of the year (handed in, accepted); hazards found in the year and their state at the
    year's end (closed by then, still open, open past their deadline and not handed in for
    verification); the year's inspections by conclusion; the 平安校园 assessment of the year.
    """
    from .models import Conclusion, SelfCheckStatus

    end = year_end(year)
    checks = SelfCheck.objects.filter(organization=organization, year=year).aggregate(
        submitted=Count("id", filter=Q(submitted_on__isnull=False) | ~Q(status=SelfCheckStatus.DRAFT)),
        accepted=Count("id", filter=Q(status=SelfCheckStatus.ACCEPTED)),
    )
    open_at_end = Q(closed_on__isnull=True) | Q(closed_on__gt=end)
    hazards = Hazard.objects.filter(organization=organization, found_on__year=year, found_on__lte=end).aggregate(
        found=Count("id"),
        closed=Count("id", filter=~open_at_end),
        open=Count("id", filter=open_at_end),
        overdue=Count("id", filter=overdue_q(end)),
    )
    inspections = dict(
        Inspection.objects.filter(organization=organization, year=year)
        .order_by()
        .values_list("conclusion")
        .annotate(n=Count("id"))
    )
    assessment = SafetyAssessment.objects.filter(organization=organization, year=year).first()
    on = f"{end.year}年{end.month}月{end.day}日"
    selfcheck_url = _link("selfcheck_list", year=year, q=organization.name)
    hazard_url = _link("hazard_list", year=year, organization=organization.pk)
    inspection_url = _link("inspection_list", year=year, q=organization.name)
    assessment_url = _link("assessment_list", year=year, q=organization.name)
    return {
        "self_checks": {"value": checks["submitted"], "label": "学校自查（已提交）", "url": selfcheck_url},
        "self_checks_accepted": {"value": checks["accepted"], "label": "学校自查（已通过）", "url": selfcheck_url},
        "hazards_found": {"value": hazards["found"], "label": "隐患台账（当年发现）", "url": hazard_url},
        "hazards_closed": {"value": hazards["closed"], "label": f"隐患台账（{on}前销号）", "url": hazard_url},
        "hazards_open": {"value": hazards["open"], "label": f"隐患台账（{on}未销号）", "url": hazard_url},
        "hazards_overdue": {"value": hazards["overdue"], "label": f"隐患台账（{on}逾期）", "url": hazard_url},
        "inspections": {"value": sum(inspections.values()), "label": "行政检查记录", "url": inspection_url},
        **{
            f"inspections_{key}": {
                "value": inspections.get(conclusion, 0),
                "label": f"行政检查记录（结论：{conclusion.label}）",
                "url": _link("inspection_list", year=year, q=organization.name, conclusion=conclusion.value),
            }
            for key, conclusion in (
                ("passed", Conclusion.PASSED),
                ("rectify", Conclusion.RECTIFY),
                ("referred", Conclusion.REFERRED),
            )
        },
        **(
            {
                "safety_grade": {
                    "value": assessment.get_grade_display(),
                    "label": "平安校园考核",
                    "url": assessment_url,
                },
                "safety_score": {"value": assessment.total, "label": "平安校园考核", "url": assessment_url},
            }
            if assessment
            else {}
        ),
    }
