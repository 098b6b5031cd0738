"""Figures of 规范涉企行政检查 (国办发〔2024〕54号): repeat visits, cap breaches, the leader's approvals and
the organizations' ratings of visits (扫码入企, traced to the legal section's list of the year).

Each traces to the inspection register filtered the same way (year and 频次预警), whose count is the figure.
Imported at the end of inspections/stats.py so they register with the others.
"""

from core.stats import statistic

from .combined_selectors import combined_visit_list_url
from .models import CheckNotice, CombinedVisit, Inspection, VisitApproval, VisitRating
from .regulation_selectors import inspection_list_url
from .visit_code_selectors import rating_summary, ratings_url


def _year(year: int):
    return Inspection.objects.filter(year=year)


@statistic(
    "inspections.repeat_visits",
    sources=(Inspection,),
    label="重复检查（间隔期内再次检查）",
    unit="次",
    trace=lambda y: inspection_list_url(year=y, flag="repeat"),
)
def repeat_visits(year: int) -> int:
    return _year(year).filter(repeat_of__isnull=False).count()


@statistic(
    "inspections.cap_breaches",
    sources=(Inspection,),
    label="超出年度检查上限的检查",
    unit="次",
    trace=lambda y: inspection_list_url(year=y, flag="cap"),
)
def cap_breaches(year: int) -> int:
    return _year(year).filter(exceeds_cap=True).count()


@statistic(
    "inspections.approved_frequency_visits",
    sources=(Inspection, VisitApproval),
    label="经局领导审批的超频或重复检查",
    unit="次",
    trace=lambda y: inspection_list_url(year=y, flag="approved"),
)
def approved_frequency_visits(year: int) -> int:
    return _year(year).filter(approval__isnull=False).count()


@statistic(
    "inspections.combined_visits",
    sources=(Inspection, CombinedVisit),
    label="综合查一次（多个检查行动合并实施的检查）",
    unit="次",
    trace=lambda y: combined_visit_list_url(year=y, recorded=1),
)
def combined_visits(year: int) -> int:
    """Combined visits recorded in the year: each is one inspection (counted once in inspections.total)."""
    return CombinedVisit.objects.filter(inspection__year=year).count()


@statistic(
    "inspections.visit_ratings",
    sources=(VisitRating,),
    label="扫码入企评价（份数、平均分）",
    kind="table",
    trace=ratings_url,
)
def visit_ratings(year: int) -> list[dict]:
    """The organizations' anonymous ratings of the year's visits: how many, and their average (1–5)."""
    summary = rating_summary(year)
    rows = [{"label": "评价（份）", "value": summary["count"], "url": ratings_url(year)}]
    if summary["average"] is not None:
        rows.append({"label": "平均评分（分）", "value": summary["average"]})
    return rows


def _approved_visits_trace(year: int) -> str:
    from .notice_selectors import check_notice_list_url

    return check_notice_list_url(year=year)


@statistic(
    "inspections.approved_visits",
    sources=(CheckNotice,),
    label="经审批并发出检查通知的行政检查（家次）",
    unit="家次",
    trace=_approved_visits_trace,
)
def approved_visits(year: int) -> int:
    """One per organization of each approved 行政检查审批表, counted by the year of its 检查通知's number."""
    return CheckNotice.objects.filter(year=year).count()
