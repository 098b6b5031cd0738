"""Inspection figures for the annual report and the dashboard (one function per figure)."""

from datetime import date
from urllib.parse import urlencode

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone

from core.caching import cached_until_changed
from core.stats import statistic
from directory.models import KINDERGARTEN_KINDS, SCHOOL_KINDS, Organization, OrgKind, Ownership

from .models import (
    Area,
    Checklist,
    ChecklistItem,
    ChecklistStatus,
    Draw,
    ExamineeCategory,
    Hazard,
    Inspection,
    LawExam,
    Officer,
    Plan,
    PlanKind,
    SafetyAssessment,
    SmartCampus,
)
from .models.campus import FULL_MARKS, Grade
from .models.hazards import closed_q, overdue_q


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
    counts = dict(_year(year).values_list("organization_kind").annotate(n=Count("id")))
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
    trace=lambda y: _url("inspection_list", plan_year=y),
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
    trace=lambda y: _url("plan_list", year=y, draw="published"),
)
def publication_rate(year: int) -> float | None:
    plans = Plan.objects.filter(starts_on__year=year, draws__status="drawn").distinct()
    count = plans.count()
    return plans.filter(results_published_at__isnull=False).count() / count if count else None


def year_end(year: int) -> date:
    return date(year, 12, 31)


def state_day(year: int) -> date:
    """The day a year's “as of” figures describe: 31 December, or today while the year is still running."""
    today = timezone.localdate()
    return today if year == today.year else year_end(year)


# --- organizations inspected under a year's plans -------------------------------------------------

# The groups of organizations the report names (“巡查幼儿园118家、学科类培训机构88家、民办学校6家”).
INSPECTED_GROUPS = {
    "kindergartens": ("幼儿园", KINDERGARTEN_KINDS, {"kind_group": "kindergarten"}),
    "private_schools": ("民办学校", {OrgKind.PRIVATE_SCHOOL}, {"kind": OrgKind.PRIVATE_SCHOOL}),
    "subject_training": ("学科类培训机构", {OrgKind.SUBJECT_TRAINING}, {"kind": OrgKind.SUBJECT_TRAINING}),
    "nonsubject_training": ("非学科类培训机构", {OrgKind.NONSUBJECT_TRAINING}, {"kind": OrgKind.NONSUBJECT_TRAINING}),
}


def _inspected_list(year: int, **params) -> str:
    query = urlencode({"inspected_year": year, **params})
    return f"{reverse('directory:organization_list')}?{query}"


def inspected_by_kind(year: int) -> dict[str, int]:
    """Distinct organizations inspected under the plans that started in `year`, by kind of organization.

    One grouped aggregate over the year's inspections, cached until an inspection, plan or organization
    changes: the report cites four figures read from it, and at a province's million inspections the
    aggregate is the cost, not the cache's version check."""

    def compute() -> dict[str, int]:
        rows = (
            Inspection.objects.filter(plan__starts_on__year=year)
            .order_by()
            .values_list("organization_kind")
            .annotate(n=Count("organization_id", distinct=True))
        )
        return dict(rows)

    return cached_until_changed(f"inspections:inspected-by-kind:{year}", (Inspection, Plan, Organization), compute)


def inspected_count(year: int, kinds) -> int:
    """Distinct organizations of `kinds` inspected under the year's plans (an organization has one kind)."""
    counts = inspected_by_kind(year)
    return sum(counts.get(kind, 0) for kind in kinds)


def _register_inspected(key: str, label: str, kinds, params: dict) -> None:
    def figure(year: int) -> int:
        return inspected_count(year, kinds)

    figure.__qualname__ = f"inspected_{key}"
    statistic(
        f"inspections.inspected_{key}",
        sources=(Inspection, Plan, Organization),
        label=f"年度检查行动覆盖的{label}",
        unit="家",
        trace=lambda y: _inspected_list(y, **params),
    )(figure)


for _key, (_label, _kinds, _params) in INSPECTED_GROUPS.items():
    _register_inspected(_key, _label, _kinds, _params)


@statistic(
    "inspections.inspected_by_org_kind",
    sources=(Inspection, Plan, Organization),
    label="年度检查行动覆盖的机构（按类型）",
    unit="家",
    kind="table",
    trace=lambda y: _inspected_list(y),
)
def inspected_by_org_kind(year: int) -> list[dict]:
    counts = inspected_by_kind(year)
    return [
        {"label": str(label), "value": counts[value], "url": _inspected_list(year, kind=value)}
        for value, label in OrgKind.choices
        if counts.get(value)
    ]


@statistic(
    "inspections.officers_certified",
    sources=(Officer,),
    label="持行政执法证在职人员",
    unit="人",
    trace=lambda y: _url("officer_list", valid_on=year_end(y).isoformat()),
)
def officers_certified(year: int) -> int:
    return Officer.objects.certified_on(year_end(year)).count()


@statistic(
    "inspections.exam_cadres",
    sources=(LawExam,),
    label="参加学法用法考试的区管干部",
    unit="名",
    trace=lambda y: _url("exam_list", year=y, category=ExamineeCategory.CADRE),
)
def exam_cadres(year: int) -> int:
    return LawExam.objects.filter(year=year, category=ExamineeCategory.CADRE).count()


@statistic(
    "inspections.exam_civil_servants",
    sources=(LawExam,),
    label="参加学法用法考试的公务员",
    unit="名",
    trace=lambda y: _url("exam_list", year=y, category=ExamineeCategory.CIVIL_SERVANT),
)
def exam_civil_servants(year: int) -> int:
    return LawExam.objects.filter(year=year, category=ExamineeCategory.CIVIL_SERVANT).count()


def checklist_in_force(year: int) -> int | None:
    """The checklist in force at the end of `year`: the latest version published by then."""
    return (
        Checklist.objects.filter(
            status__in=[ChecklistStatus.PUBLISHED, ChecklistStatus.RETIRED], effective_on__lte=year_end(year)
        )
        .order_by("-effective_on", "-id")
        .values_list("id", flat=True)
        .first()
    )


def _checklist_trace(year: int) -> str:
    in_force = checklist_in_force(year)
    return reverse("inspections:checklist_detail", args=[in_force]) if in_force else _url("checklist_list")


@statistic(
    "inspections.checklist_items",
    sources=(Checklist, ChecklistItem),
    label="三级四阶检查表小项",
    unit="条",
    trace=_checklist_trace,
)
def checklist_items(year: int) -> int:
    """Items of the checklist in force at the end of `year` (the latest version published by then)."""
    in_force = checklist_in_force(year)
    return ChecklistItem.objects.filter(checklist_id=in_force).count() if in_force else 0


def _hazards(year: int):
    return Hazard.objects.filter(found_on__year=year)


def _hazard_list(year: int, **params) -> str:
    return _url("hazard_list", year=year, as_of=state_day(year).isoformat(), **params)


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
    trace=lambda y: _hazard_list(y, state="closed"),
)
def hazards_closed(year: int) -> int:
    """Hazards found in the year and closed by 31 December (the stored 销号日期, not today's status)."""
    return _hazards(year).filter(closed_q(state_day(year))).count()


@statistic(
    "inspections.hazards_open",
    sources=(Hazard,),
    label="未销号隐患",
    unit="条",
    trace=lambda y: _hazard_list(y, state="open"),
)
def hazards_open(year: int) -> int:
    return _hazards(year).exclude(closed_q(state_day(year))).count()


@statistic(
    "inspections.hazards_overdue",
    sources=(Hazard,),
    label="逾期未整改隐患",
    unit="条",
    trace=lambda y: _hazard_list(y, state="open", overdue="yes"),
)
def hazards_overdue(year: int) -> int:
    """Found in the year, not closed and overdue on 31 December (today while the year runs), by the stored
    dates (the overdue column of hazards_by_area, summed)."""
    day = state_day(year)
    return _hazards(year).exclude(closed_q(day)).overdue(today=day).count()


@statistic(
    "inspections.hazards_by_area",
    sources=(Hazard,),
    label="未销号隐患（按类别）",
    unit="条",
    kind="table",
    trace=lambda y: _hazard_list(y, state="open"),
)
def hazards_by_area(year: int) -> list[dict]:
    day = state_day(year)
    rows = {
        r["area"]: r
        for r in _hazards(year)
        .exclude(closed_q(day))
        .order_by()
        .values("area")
        .annotate(
            n=Count("id"),
            overdue=Count("id", filter=overdue_q(day)),
        )
    }
    return [
        {
            "label": str(label),
            "value": rows[v]["n"],
            "overdue": rows[v]["overdue"],
            "url": _hazard_list(year, state="open", area=v),
        }
        for v, label in Area.choices
        if v in rows
    ]


def _public_schools(year: int):
    """Public schools and kindergartens in the registry on 31 December (the 建成率's denominator)."""
    return Organization.objects.operating_on(year_end(year)).filter(ownership=Ownership.PUBLIC, kind__in=SCHOOL_KINDS)


def _complete_campuses(year: int):
    # Unordered: the model's ordering joins the registry (by school name) for nothing here.
    return [r for r in SmartCampus.objects.filter(completed_on__lte=year_end(year)).order_by() if r.is_complete]


def _campus_list(year: int) -> str:
    return _url("smart_campus_list", complete_by=year_end(year).isoformat())


@statistic(
    "inspections.smart_campus_schools",
    sources=(SmartCampus,),
    label="完成智安校园建设的公办中小学及幼儿园",
    unit="所",
    trace=_campus_list,
)
def smart_campus_schools(year: int) -> int:
    return len(_complete_campuses(year))


@statistic(
    "inspections.smart_campus_sites",
    sources=(SmartCampus,),
    label="智安校园点位",
    unit="个",
    trace=_campus_list,
)
def smart_campus_sites(year: int) -> int:
    return sum(r.sites for r in _complete_campuses(year))


@statistic(
    "inspections.smart_campus_rate",
    sources=(SmartCampus, Organization),
    label="智安校园建成率",
    kind="rate",
    trace=_campus_list,
)
def smart_campus_rate(year: int) -> float | None:
    schools = _public_schools(year).count()
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
