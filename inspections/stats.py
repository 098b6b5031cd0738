"""Inspection figures for the annual report and the dashboard (one function per figure)."""

from datetime import date
from urllib.parse import urlencode

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone

from core.stats import statistic
from directory.models import SCHOOL_KINDS, Organization, OrgKind, OrgStatus, Ownership

from .models import (
    Area,
    Checklist,
    ChecklistItem,
    ChecklistStatus,
    Draw,
    ExamineeCategory,
    Hazard,
    HazardStatus,
    Inspection,
    LawExam,
    Officer,
    Plan,
    PlanKind,
    SafetyAssessment,
    SmartCampus,
)
from .models.campus import FULL_MARKS, Grade
from .models.hazards import overdue_q


def _url(name: str, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return reverse(f"inspections:{name}") + (f"?{query}" if query else "")


def _year(year: int):
    return Inspection.objects.filter(year=year)


@statistic(
    "inspections.total",
    sources=(Inspection,),
    label="行政检查总数",
    unit="件",
    trace=lambda y: _url("inspection_list", year=y),
)
def total(year: int) -> int:
    return _year(year).count()


@statistic(
    "inspections.by_plan",
    sources=(Inspection, Plan),
    label="各检查行动检查数",
    unit="件",
    kind="table",
    trace=lambda y: _url("plan_list", year=y),
)
def by_plan(year: int) -> list[dict]:
    # Count per plan first (from the year's index), then name the plans: grouping the joined rows by
    # plan name and date sorted every inspection of the year (docs/performance.md).
    counts = dict(_year(year).order_by().values_list("plan_id").annotate(n=Count("id")))
    plans = Plan.objects.filter(pk__in=counts).order_by("starts_on", "id").values_list("id", "name")
    return [
        {"label": name, "value": counts[pk], "url": _url("inspection_list", year=year, plan=pk)} for pk, name in plans
    ]


@statistic(
    "inspections.by_kind",
    sources=(Inspection, Plan),
    label="各类型检查数",
    unit="件",
    kind="table",
    trace=lambda y: _url("inspection_list", year=y),
)
def by_kind(year: int) -> list[dict]:
    counts = dict(_year(year).values_list("plan__kind").annotate(n=Count("id")))
    return [
        {"label": str(label), "value": counts[value], "url": _url("inspection_list", year=year, kind=value)}
        for value, label in PlanKind.choices
        if counts.get(value)
    ]


@statistic(
    "inspections.by_org_kind",
    sources=(Inspection, Organization),
    label="各类机构检查数",
    unit="件",
    kind="table",
    trace=lambda y: _url("inspection_list", year=y),
)
def by_org_kind(year: int) -> list[dict]:
    counts = dict(_year(year).values_list("organization__kind").annotate(n=Count("id")))
    return [
        {"label": str(label), "value": counts[value], "url": _url("inspection_list", year=year, org_kind=value)}
        for value, label in OrgKind.choices
        if counts.get(value)
    ]


@statistic(
    "inspections.by_month",
    sources=(Inspection,),
    label="各月检查数",
    unit="件",
    kind="table",
    trace=lambda y: _url("inspection_list", year=y),
)
def by_month(year: int) -> list[dict]:
    counts = dict(_year(year).values_list("inspected_on__month").annotate(n=Count("id")))
    return [
        {"label": f"{m}月", "value": counts.get(m, 0), "url": _url("inspection_list", year=year, month=m)}
        for m in range(1, 13)
    ]


@statistic(
    "inspections.joint_share",
    sources=(Inspection,),
    label="联合检查占比",
    kind="rate",
    trace=lambda y: _url("inspection_list", year=y, joint="true"),
)
def joint_share(year: int) -> float | None:
    counts = _year(year).aggregate(all=Count("id"), joint=Count("id", filter=Q(is_joint=True)))
    return counts["joint"] / counts["all"] if counts["all"] else None


@statistic(
    "inspections.random_checks",
    sources=(Inspection, Plan),
    label="双随机抽查",
    unit="件",
    trace=lambda y: _url("inspection_list", year=y, kind=PlanKind.RANDOM),
)
def random_checks(year: int) -> int:
    return _year(year).filter(plan__kind=PlanKind.RANDOM).count()


@statistic(
    "inspections.completion_rate",
    sources=(Inspection, Plan),
    label="计划检查完成率",
    kind="rate",
    trace=lambda y: _url("plan_list", year=y),
)
def completion_rate(year: int) -> float | None:
    planned = Plan.objects.filter(starts_on__year=year).aggregate(n=Sum("planned_count"))["n"] or 0
    if not planned:
        return None
    done = Inspection.objects.filter(plan__starts_on__year=year).count()
    return min(1.0, done / planned)


@statistic(
    "inspections.publication_rate",
    sources=(Plan, Draw),
    label="抽查结果公开率",
    kind="rate",
    trace=lambda y: _url("public_draws"),
)
def publication_rate(year: int) -> float | None:
    plans = Plan.objects.filter(starts_on__year=year, draws__status="drawn").distinct()
    count = plans.count()
    return plans.filter(results_published_at__isnull=False).count() / count if count else None


@statistic(
    "inspections.officers_certified",
    sources=(Officer,),
    label="持行政执法证在职人员",
    unit="人",
    trace=lambda y: _url("officer_list", certified="valid"),
)
def officers_certified(year: int) -> int:
    return Officer.objects.certified_on(date(year, 12, 31)).count()


@statistic(
    "inspections.exam_cadres",
    sources=(LawExam,),
    label="参加学法用法考试的区管干部",
    unit="名",
    trace=lambda y: _url("exam_list", year=y),
)
def exam_cadres(year: int) -> int:
    return LawExam.objects.filter(year=year, category=ExamineeCategory.CADRE).count()


@statistic(
    "inspections.exam_civil_servants",
    sources=(LawExam,),
    label="参加学法用法考试的公务员",
    unit="名",
    trace=lambda y: _url("exam_list", year=y),
)
def exam_civil_servants(year: int) -> int:
    return LawExam.objects.filter(year=year, category=ExamineeCategory.CIVIL_SERVANT).count()


@statistic(
    "inspections.checklist_items",
    sources=(Checklist, ChecklistItem),
    label="三级四阶检查表小项",
    unit="条",
    trace=lambda y: _url("checklist_list"),
)
def checklist_items(year: int) -> int:
    """Items of the checklist in force at the end of `year` (the latest version published by then)."""
    in_force = (
        ChecklistItem.objects.filter(
            checklist__status__in=[ChecklistStatus.PUBLISHED, ChecklistStatus.RETIRED],
            checklist__effective_on__lte=date(year, 12, 31),
        )
        .order_by("-checklist__effective_on", "-checklist_id")
        .values_list("checklist_id", flat=True)
        .first()
    )
    return ChecklistItem.objects.filter(checklist_id=in_force).count() if in_force else 0


def _hazards(year: int):
    return Hazard.objects.filter(found_on__year=year)


@statistic(
    "inspections.hazards_found",
    sources=(Hazard,),
    label="排查发现隐患",
    unit="条",
    trace=lambda y: _url("hazard_list", year=y),
)
def hazards_found(year: int) -> int:
    return _hazards(year).count()


@statistic(
    "inspections.hazards_closed",
    sources=(Hazard,),
    label="已整改销号隐患",
    unit="条",
    trace=lambda y: _url("hazard_list", year=y, status=HazardStatus.CLOSED),
)
def hazards_closed(year: int) -> int:
    return _hazards(year).filter(status=HazardStatus.CLOSED).count()


@statistic(
    "inspections.hazards_open",
    sources=(Hazard,),
    label="未销号隐患",
    unit="条",
    trace=lambda y: _url("hazard_list", year=y),
)
def hazards_open(year: int) -> int:
    return _hazards(year).unresolved().count()


@statistic(
    "inspections.hazards_overdue",
    sources=(Hazard,),
    label="逾期未整改隐患",
    unit="条",
    trace=lambda y: _url("hazard_list", year=y, overdue="yes"),
)
def hazards_overdue(year: int) -> int:
    return _hazards(year).overdue().count()


@statistic(
    "inspections.hazards_by_area",
    sources=(Hazard,),
    label="未销号隐患（按类别）",
    unit="条",
    kind="table",
    trace=lambda y: _url("hazard_list", year=y),
)
def hazards_by_area(year: int) -> list[dict]:
    today = timezone.localdate()
    rows = {
        r["area"]: r
        for r in _hazards(year)
        .unresolved()
        .values("area")
        .annotate(
            n=Count("id"),
            overdue=Count("id", filter=overdue_q(today)),
        )
    }
    return [
        {
            "label": str(label),
            "value": rows[v]["n"],
            "overdue": rows[v]["overdue"],
            "url": _url("hazard_list", year=year, area=v),
        }
        for v, label in Area.choices
        if v in rows
    ]


def _public_schools():
    return Organization.objects.filter(status=OrgStatus.ACTIVE, ownership=Ownership.PUBLIC, kind__in=SCHOOL_KINDS)


def _complete_campuses(year: int):
    # Unordered: the model's ordering joins the registry (by school name) for nothing here.
    return [r for r in SmartCampus.objects.filter(completed_on__lte=date(year, 12, 31)).order_by() if r.is_complete]


@statistic(
    "inspections.smart_campus_schools",
    sources=(SmartCampus,),
    label="完成智安校园建设的公办中小学及幼儿园",
    unit="所",
    trace=lambda y: _url("smart_campus_list"),
)
def smart_campus_schools(year: int) -> int:
    return len(_complete_campuses(year))


@statistic(
    "inspections.smart_campus_sites",
    sources=(SmartCampus,),
    label="智安校园点位",
    unit="个",
    trace=lambda y: _url("smart_campus_list"),
)
def smart_campus_sites(year: int) -> int:
    return sum(r.sites for r in _complete_campuses(year))


@statistic(
    "inspections.smart_campus_rate",
    sources=(SmartCampus, Organization),
    label="智安校园建成率",
    kind="rate",
    trace=lambda y: _url("smart_campus_list"),
)
def smart_campus_rate(year: int) -> float | None:
    schools = _public_schools().count()
    return len(_complete_campuses(year)) / schools if schools else None


@statistic(
    "inspections.safety_below_full",
    sources=(SafetyAssessment,),
    label="平安校园考核未得满分学校",
    unit="所",
    trace=lambda y: _url("assessment_list", year=y, below_full="true"),
)
def safety_below_full(year: int) -> int:
    return SafetyAssessment.objects.filter(year=year).filter(Q(total__lt=FULL_MARKS) | Q(grade=Grade.FAILED)).count()


from . import stats_2025  # noqa: E402, F401  (国办发〔2024〕54号 figures; a module of their own)
