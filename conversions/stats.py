"""营转非 figures for the annual report and the board, per year.

Counts, visits, steps and days come from the cases completed in the year. The 压减率 comes from the
registry's history, never from a typed number: of the institutions that were for-profit subject-class
training institutions (in business) at the start of the year, the share that no longer were by the
end of it (converted to non-profit, changed to non-subject-class, or deregistered).
"""

from datetime import date
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse

from core.queries import related_count
from core.stats import statistic
from directory.models import Organization, OrgKind, OrgStatus, ProfitStatus

from .models import CaseKind, ConversionCase, ProcedureBaseline, Step, Visit


def _ledger(year: int, **params) -> str:
    query = {"status": "completed", "completed_year": year, **params}
    return f"{reverse('conversions:case_list')}?{urlencode(query)}"


def _completed(year: int, kind: str | None = None):
    cases = ConversionCase.objects.completed_in(year)
    return cases.filter(kind=kind) if kind else cases


def _average(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


IN_STATE = Q(kind=OrgKind.SUBJECT_TRAINING, profit_status=ProfitStatus.FOR_PROFIT, status=OrgStatus.ACTIVE)


def _in_state(row: dict) -> bool:
    return (
        row["kind"] == OrgKind.SUBJECT_TRAINING
        and row["profit_status"] == ProfitStatus.FOR_PROFIT
        and row["status"] == OrgStatus.ACTIVE
    )


def reduction(year: int) -> tuple[int, int]:
    """(reduced, baseline) for `year`, from the registry and its history.

    baseline: institutions that were for-profit subject-class and in business on 1 January (registered
    before the year, and not out of that state before it); reduced: those of them that left that state
    during the year. The date an institution left is the status date its registry record was given
    when it changed (the case's completion date), or the day of the change if none was given.
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    ever = Organization.history.filter(IN_STATE).values("id")
    snapshots = (
        Organization.history.filter(id__in=ever)
        .order_by("id", "history_date", "history_id")
        .values("id", "kind", "profit_status", "status", "status_date", "established_on", "history_date")
    )
    states: dict[int, dict] = {}
    for row in snapshots:
        state = states.setdefault(row["id"], {"was_in": False, "left_on": None, "established_on": None})
        state["established_on"] = row["established_on"]
        if _in_state(row):
            state["was_in"], state["left_on"] = True, None
        elif state["was_in"] and state["left_on"] is None:
            state["left_on"] = row["status_date"] or row["history_date"].date()
    # Institutions in the registry without any history row (loaded outside the ORM) still count.
    for pk, established in (
        Organization.objects.filter(IN_STATE).exclude(pk__in=states).values_list("pk", "established_on")
    ):
        states[pk] = {"was_in": True, "left_on": None, "established_on": established}
    baseline = reduced = 0
    for state in states.values():
        if not state["was_in"]:
            continue
        if state["established_on"] and state["established_on"] >= start:
            continue
        if state["left_on"] and state["left_on"] < start:
            continue
        baseline += 1
        if state["left_on"] and state["left_on"] <= end:
            reduced += 1
    return reduced, baseline


@statistic(
    "conversions.converted",
    sources=(ConversionCase,),
    label="营利性学科类培训机构转为非营利性",
    unit="家",
    trace=lambda year: _ledger(year, kind=CaseKind.CONVERT),
)
def converted(year: int) -> int:
    return _completed(year, CaseKind.CONVERT).count()


@statistic(
    "conversions.changed",
    sources=(ConversionCase,),
    label="学科类培训机构变更为非学科类",
    unit="家",
    trace=lambda year: _ledger(year, kind=CaseKind.CHANGE),
)
def changed(year: int) -> int:
    return _completed(year, CaseKind.CHANGE).count()


@statistic(
    "conversions.closed",
    sources=(ConversionCase,),
    label="学科类培训机构注销退出",
    unit="家",
    trace=lambda year: _ledger(year, kind=CaseKind.CLOSE),
)
def closed(year: int) -> int:
    return _completed(year, CaseKind.CLOSE).count()


@statistic(
    "conversions.reduction_rate",
    sources=(Organization,),
    label="营利性学科类培训机构压减率",
    kind="rate",
    trace=lambda year: _ledger(year),
)
def reduction_rate(year: int) -> float | None:
    reduced, baseline = reduction(year)
    return reduced / baseline if baseline else None


@statistic(
    "conversions.staff",
    sources=(ConversionCase,),
    label="营转非对接工作人员",
    unit="人",
    trace=lambda year: _ledger(year),
)
def staff(year: int) -> int:
    return _completed(year).values("assignee").distinct().count()


@statistic(
    "conversions.avg_visits",
    sources=(ConversionCase, Visit),
    label="营转非平均办理次数",
    unit="次",
    kind="amount",
    trace=lambda year: _ledger(year),
)
def avg_visits(year: int) -> float | None:
    return _average(list(_completed(year).annotate(n=related_count(Visit, "case")).values_list("n", flat=True)))


@statistic(
    "conversions.avg_steps",
    sources=(ConversionCase, Step),
    label="营转非平均办事环节",
    unit="个",
    kind="amount",
    trace=lambda year: _ledger(year),
)
def avg_steps(year: int) -> float | None:
    return _average(list(_completed(year).annotate(n=related_count(Step, "case")).values_list("n", flat=True)))


def _baseline_trace(year: int) -> str:
    return f"{reverse('conversions:baseline_list')}?{urlencode({'year': year})}"


@statistic(
    "conversions.baseline_visits",
    sources=(ProcedureBaseline,),
    label="改革前办理次数",
    unit="次",
    kind="amount",
    trace=_baseline_trace,
)
def baseline_visits(year: int) -> int | None:
    """Recorded by the bureau (ProcedureBaseline), never a constant: None while nothing is recorded."""
    baseline = ProcedureBaseline.objects.for_year(year)
    return baseline.visits if baseline else None


@statistic(
    "conversions.baseline_steps",
    sources=(ProcedureBaseline,),
    label="改革前办事环节",
    unit="个",
    kind="amount",
    trace=_baseline_trace,
)
def baseline_steps(year: int) -> int | None:
    baseline = ProcedureBaseline.objects.for_year(year)
    return baseline.steps if baseline else None


@statistic(
    "conversions.avg_days",
    sources=(ConversionCase,),
    label="营转非平均办结用时",
    unit="天",
    kind="amount",
    trace=lambda year: _ledger(year),
)
def avg_days(year: int) -> float | None:
    spans = [(done - opened).days for opened, done in _completed(year).values_list("opened_on", "completed_on")]
    return _average(spans)


@statistic(
    "conversions.by_kind",
    sources=(ConversionCase,),
    label="营转非案件办结情况（按类型）",
    unit="家",
    kind="table",
    trace=lambda year: _ledger(year),
)
def by_kind(year: int) -> list[dict]:
    counts = dict(_completed(year).values_list("kind").annotate(n=Count("pk")).order_by())
    return [
        {"label": kind.label, "value": counts.get(kind.value, 0), "url": _ledger(year, kind=kind.value)}
        for kind in CaseKind
    ]
