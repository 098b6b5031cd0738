"""事件语句: sentences a year's draft states from that year's own records, never from last year's text.

Each function returns "" when the year has no such records, so a year without a 双随机 draw, a
conversion or a notable 普法 activity says nothing about them (docs/reports.md).
"""

import datetime
import re

from django.db.models import Count, Min
from django.db.models.functions import ExtractMonth

from directory.models import OrgKind

# How the report groups the organizations a plan inspected, in the seed's words and order
# ("对6家民办学校和9家培训机构", "幼儿园109家、培训机构64家").
KIND_GROUPS = [
    ("幼儿园", {OrgKind.PUBLIC_KINDERGARTEN, OrgKind.PRIVATE_KINDERGARTEN}),
    ("民办学校", {OrgKind.PRIVATE_SCHOOL}),
    ("中小学", {OrgKind.PUBLIC_PRIMARY, OrgKind.PUBLIC_JUNIOR, OrgKind.PUBLIC_NINE_YEAR, OrgKind.PUBLIC_SENIOR}),
    ("培训机构", {OrgKind.SUBJECT_TRAINING, OrgKind.NONSUBJECT_TRAINING}),
]
# What the bureau did under a plan of each kind (inspections.PlanKind), as the seed says it.
PLAN_ACTIONS = {
    "routine": "日常巡查",
    "term_start": "开学核验检查",
    "special": "专项检查",
    "random": "“双随机”检查",
    "annual": "实地年检核查",
    "joint": "联合检查",
    "epidemic": "疫情防控检查",
    "follow_up": "“回头看”检查",
    "incident": "事件核查",
}


def _year_range(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def district_name(issuer_name: str) -> str:
    """ "婺城区" from "金华市婺城区教育局" (the seed's "对婺城区12家幼儿园…"); "全区" when it cannot tell."""
    match = re.search(r"([^省市]+?[区县])教育局$", issuer_name or "")
    return match.group(1) if match else "全区"


def months_text(months: list[int]) -> str:
    """ "9月份", "2月至4月", "5月、7月"."""
    months = sorted(set(months))
    if not months:
        return ""
    if len(months) == 1:
        return f"{months[0]}月份"
    if months == list(range(months[0], months[-1] + 1)):
        return f"{months[0]}月至{months[-1]}月"
    return "、".join(f"{m}月" for m in months)


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else "、".join(parts[:-1]) + "和" + parts[-1]


def plan_sentences(year: int, *, district: str = "全区") -> list[str]:
    """One clause per plan with inspections dated in `year`: its month(s), partner departments and the
    distinct organizations it inspected, by kind ("10月份，联合区民政局对婺城区12家幼儿园和9家培训机构进行
    “双随机”检查，共计21家"). Three queries whatever the number of inspections."""
    from inspections.models import Inspection, Plan

    first, last = _year_range(year)
    dated = Inspection.objects.filter(inspected_on__gte=first, inspected_on__lte=last)
    counts: dict[int, dict[str, int]] = {}
    for row in dated.values("plan_id", "organization_kind").annotate(n=Count("organization_id", distinct=True)):
        counts.setdefault(row["plan_id"], {})[row["organization_kind"]] = row["n"]
    months: dict[int, list[int]] = {}
    for row in dated.annotate(month=ExtractMonth("inspected_on")).values("plan_id", "month").distinct():
        months.setdefault(row["plan_id"], []).append(row["month"])
    plans = Plan.objects.filter(pk__in=counts).prefetch_related("partners").order_by("starts_on", "id")
    sentences = []
    for plan in plans:
        by_kind = counts[plan.pk]
        groups = []
        for label, kinds in KIND_GROUPS:
            n = sum(by_kind.get(k, 0) for k in kinds)
            if n:
                groups.append((label, n))
        subject, nonsubject = by_kind.get(OrgKind.SUBJECT_TRAINING, 0), by_kind.get(OrgKind.NONSUBJECT_TRAINING, 0)
        detail = f"（学科类{subject}家、非学科类{nonsubject}家）" if subject and nonsubject else ""
        other = sum(n for k, n in by_kind.items() if not any(k in kinds for _, kinds in KIND_GROUPS))
        if other:
            groups.append(("其他机构", other))
        total = sum(n for _, n in groups)
        partners = [d.short_name or d.name for d in sorted(plan.partners.all(), key=lambda d: (d.sort_order, d.pk))]
        who = f"联合{_join(partners)}" if partners else "区教育局"
        what = _join([f"{n}家{label}" + (detail if label == "培训机构" else "") for label, n in groups])
        action = PLAN_ACTIONS.get(plan.kind, "检查")
        sentences.append(f"{months_text(months.get(plan.pk, []))}，{who}对{district}{what}进行{action}，共计{total}家")
    return sentences


def inspections_paragraph(year: int, *, district: str = "全区") -> str:
    """Section （六）'s paragraph: the year's total (a figure), each plan's event clause, the kinds of check."""
    sentences = plan_sentences(year, district=district)
    text = f"{year}年先后开展各级各类行政检查行动{{{{inspections.total|number}}}}次。"
    if sentences:
        text += "其中，" + "；".join(sentences) + "。"
    text += "按检查方式分：{{inspections.by_kind}}；联合检查占{{inspections.joint_share}}。"
    return text + f"{year}年行政检查共计{{{{inspections.total}}}}。"


def activities_sentence(year: int, *, limit: int = 3) -> str:
    """The year's notable 普法 activities: the largest by participants, with their dates."""
    from legalaid.models import Activity

    first, last = _year_range(year)
    rows = list(
        Activity.objects.filter(date__gte=first, date__lte=last, participants__gt=0)
        .order_by("-participants", "date", "id")
        .values("title", "date", "participants")[:limit]
    )
    if not rows:
        return ""
    parts = [f"{r['date'].month}月{r['date'].day}日{r['title']}（{r['participants']}人参加）" for r in rows]
    return f"{year}年参与人数较多的普法活动有：" + "；".join(parts) + "。"


def conversions_sentence(year: int) -> str:
    """The year's completed 营转非 cases by kind and the date the first one was completed."""
    from conversions.models import CASE_KIND_SHORT, CaseStatus, ConversionCase

    first, last = _year_range(year)
    done = ConversionCase.objects.filter(status=CaseStatus.COMPLETED, completed_on__gte=first, completed_on__lte=last)
    rows = list(done.values("kind").annotate(n=Count("id"), first=Min("completed_on")).order_by("kind"))
    if not rows:
        return ""
    total = sum(r["n"] for r in rows)
    kinds = "、".join(f"{CASE_KIND_SHORT.get(r['kind'], r['kind'])}{r['n']}家" for r in rows)
    earliest = min(r["first"] for r in rows)
    return f"{year}年办结“营转非”等转登事项{total}件（{kinds}），其中第一件于{earliest.month}月{earliest.day}日办结。"


def warnings_sentence(year: int, *, limit: int = 3) -> str:
    """The year's 全区警示通报 (一校整改，全区警示): how many were issued, the first few by date and title."""
    from inspections.models import WarningNotice

    first, last = _year_range(year)
    issued = WarningNotice.objects.filter(issued_on__gte=first, issued_on__lte=last)
    rows = list(issued.order_by("issued_on", "id").values("title", "issued_on")[: limit + 1])
    if not rows:
        return ""
    total = issued.count() if len(rows) > limit else len(rows)
    named = "、".join(f"{r['issued_on'].month}月{r['issued_on'].day}日《{r['title']}》" for r in rows[:limit])
    more = "等" if total > limit else ""
    return f"{year}年由校内隐患发布全区警示通报{total}期（{named}{more}），督促各校对照自查，做到“一校整改，全区警示”。"
