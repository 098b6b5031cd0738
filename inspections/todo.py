"""待办 of inspections: drawn inspections not yet recorded, hazards due or returned, self-checks.

Rules (docs/decisions/0012-todo-computed.md):
- an officer (a bureau account linked to an `Officer`) owes the inspection of every organization a
  performed 双随机 draw assigned them until an inspection of that organization under that plan is recorded;
- a school owes its hazards due within `HAZARD_DUE_DAYS` days or overdue (`Hazard.overdue_on`), and every
  hazard the bureau returned (with the reason); it owes this term's self-check until it is submitted
  (due at the term's end, `SELF_CHECK_DUE`), and a returned self-check;
- bureau staff owe the verification of submitted rectifications and the review of submitted self-checks;
- 综合查一次: staff owe a decision on this year's open proposals; an officer drawn for any plan of a
  combined visit owes that one visit instead of the plans' separate drawn visits.
"""

from datetime import date, timedelta
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from core.dates import cn_date
from core.todo import TodoItem, capped, reason_text
from directory.models import Organization

from . import selectors
from .combined_selectors import proposals
from .models import (
    CheckApproval,
    CheckNotice,
    CombinedStatus,
    CombinedVisit,
    Draw,
    DrawnEntity,
    DrawStatus,
    Inspection,
    Plan,
    Recusal,
)
from .models.hazards import PENDING_STATUSES, Hazard, HazardStatus
from .models.selfchecks import SelfCheck, SelfCheckStatus, Term, term_on

# The models the items are computed from: the header's count is cached until one of them changes.
SOURCES = (
    Draw,
    DrawnEntity,
    DrawnEntity.officers.through,
    Inspection,
    Hazard,
    SelfCheck,
    Organization,
    Plan,
    CombinedVisit,
    CombinedVisit.plans.through,
    CheckApproval,
    CheckNotice,
    Recusal,
)

HAZARD_DUE_DAYS = 7
# The last day of a term's self-check (month, day) in the term's year.
SELF_CHECK_DUE = {Term.SPRING: (7, 31), Term.AUTUMN: (12, 31)}

DRAWN = "待检查"
HAZARD_RETURNED = "整改被退回"
HAZARD_DUE = "隐患整改到期"
SELF_CHECK = "安全自查"
HAZARD_VERIFY = "整改待核验"
SELF_CHECK_REVIEW = "自查待审核"
COMBINE = "综合查一次"


def items(user) -> list[TodoItem]:
    today = timezone.localdate()
    result: list[TodoItem] = []
    if user.is_school_admin and user.organization_id:
        result += school_hazards(user, today) + school_self_check(user, today)
    if user.is_bureau_writer:
        result += drawn_inspections(user) + combined_visits(user) + combined_proposals(today)
        result += hazards_to_verify(user) + self_checks_to_review(user)
    return result + notice_items(user)


def _list(name: str, **params) -> str:
    return f"{reverse(name)}?{urlencode(params)}" if params else reverse(name)


def _hazard_title(hazard) -> str:
    return f"{hazard.get_area_display()}：{hazard.description[:40]}"


def drawn_inspections(user) -> list[TodoItem]:
    """The organizations a performed draw assigned to the user's officer, with no inspection recorded yet."""
    if not user.officer_id:
        return []
    recorded = Inspection.objects.filter(plan_id=OuterRef("draw__plan_id"), organization_id=OuterRef("organization_id"))
    # A combined visit (recorded or not) replaces the plan's own visit of the organization.
    combined = CombinedVisit.objects.filter(
        status=CombinedStatus.COMBINED, plans=OuterRef("draw__plan_id"), organization_id=OuterRef("organization_id")
    )
    rows = (
        DrawnEntity.objects.filter(
            draw__in=selectors.draws_for_user(user).filter(status=DrawStatus.DRAWN).values("pk"),
            officers=user.officer_id,
        )
        .exclude(Exists(recorded))
        .exclude(Exists(combined))
        .select_related("organization", "draw__plan")
        .order_by("draw__plan__ends_on", "draw__plan_id", "rank")
    )

    def build(entity) -> TodoItem:
        plan = entity.draw.plan
        url = _list("inspections:inspection_create", plan=plan.pk, organization=entity.organization_id)
        return TodoItem(
            title=entity.organization.name,
            url=url,
            kind=DRAWN,
            due=plan.ends_on,
            detail=f"“{plan.name}”双随机抽中，由您参加检查，请于{cn_date(plan.ends_on)}前完成并录入检查记录。",
        )

    return capped(rows, build, kind=DRAWN, more_url=_list("inspections:plan_list"), more="还有更多抽中待检查的机构")


def combined_visits(user) -> list[TodoItem]:
    """The combined visits not yet recorded of an organization a plan's draw assigned to the user's officer."""
    if not user.officer_id:
        return []
    drawn = DrawnEntity.objects.filter(
        draw__status=DrawStatus.DRAWN,
        draw__plan__combined_visits=OuterRef("pk"),
        organization_id=OuterRef("organization_id"),
        officers=user.officer_id,
    )
    rows = (
        CombinedVisit.objects.filter(status=CombinedStatus.COMBINED, inspection__isnull=True)
        .filter(Exists(drawn))
        .select_related("organization")
        .prefetch_related("plans")
        .order_by("planned_on", "id")
    )

    def build(visit) -> TodoItem:
        plans = sorted(visit.plans.all(), key=lambda p: (p.starts_on, p.pk))
        due = min(p.ends_on for p in plans)
        names = "、".join(f"“{p.name}”" for p in plans)
        return TodoItem(
            title=f"{visit.organization.name}（综合查一次）",
            url=reverse("inspections:combined_visit_record", args=[visit.pk]),
            kind=DRAWN,
            due=due,
            detail=f"{names}合并为一次检查，计划{cn_date(visit.planned_on)}实施，"
            f"请于{cn_date(due)}前完成并录入一份检查记录。",
        )

    more_url = _list("inspections:combined_visit_list", status=CombinedStatus.COMBINED)
    return capped(rows, build, kind=DRAWN, more_url=more_url, more="还有更多综合查一次")


def combined_proposals(today: date) -> list[TodoItem]:
    """This year's open 综合查一次 proposals, as one item for the bureau's staff."""
    count = len(proposals(today.year))
    if not count:
        return []
    url = f"{reverse('inspections:combined_proposals')}?year={today.year}"
    detail = "多个检查行动抽中同一机构且期间重叠，请决定是否合并为一次检查（综合查一次）。"
    return [TodoItem(title=f"可合并检查 {count} 项", url=url, kind=COMBINE, detail=detail)]


def school_hazards(user, today: date) -> list[TodoItem]:
    """The school's hazards returned by the bureau, due within a week or overdue (one query)."""
    rows = (
        selectors.hazards_for_user(user)
        .filter(status__in=PENDING_STATUSES)
        .filter(Q(status=HazardStatus.RETURNED) | Q(deadline__lte=today + timedelta(days=HAZARD_DUE_DAYS)))
        .order_by("deadline", "id")
    )

    def build(hazard) -> TodoItem:
        if hazard.status == HazardStatus.RETURNED:
            returned = f"{cn_date(hazard.returned_on)}" if hazard.returned_on else ""
            detail = f"{returned}核验退回。退回理由：{reason_text(hazard.return_reason)}。请整改后重新提交核验。"
            return TodoItem(_hazard_title(hazard), hazard.get_absolute_url(), HAZARD_RETURNED, hazard.deadline, detail)
        if hazard.overdue_on(today):
            detail = f"整改时限{cn_date(hazard.deadline)}，已逾期，请尽快整改并提交核验。"
        else:
            detail = f"整改时限{cn_date(hazard.deadline)}，请按时整改并提交核验。"
        return TodoItem(_hazard_title(hazard), hazard.get_absolute_url(), HAZARD_DUE, hazard.deadline, detail)

    return capped(rows, build, kind=HAZARD_DUE, more_url=_list("inspections:hazard_list"), more="还有更多待整改的隐患")


def school_self_check(user, today: date) -> list[TodoItem]:
    """This term's self-check, until the school has submitted it; a returned one with the reason."""
    year, term = term_on(today)
    self_check = selectors.selfchecks_for_user(user).filter(year=year, term=term).first()
    due = date(year, *SELF_CHECK_DUE[term])
    label = f"{year}年{Term(term).label}安全自查"
    if self_check is None:
        return [TodoItem(label, reverse("inspections:selfcheck_create"), SELF_CHECK, due, "本学期自查尚未填报。")]
    if self_check.status == SelfCheckStatus.DRAFT:
        return [TodoItem(label, self_check.get_absolute_url(), SELF_CHECK, due, "自查已保存草稿，尚未提交。")]
    if self_check.status == SelfCheckStatus.RETURNED:
        detail = f"教育局退回了本学期自查。退回理由：{reason_text(self_check.return_reason)}。请修改后重新提交。"
        return [TodoItem(label, self_check.get_absolute_url(), SELF_CHECK, due, detail)]
    return []


def hazards_to_verify(user) -> list[TodoItem]:
    rows = selectors.hazards_for_user(user).filter(status=HazardStatus.SUBMITTED).order_by("submitted_on", "id")

    def build(hazard) -> TodoItem:
        submitted = f"{cn_date(hazard.submitted_on)}提交" if hazard.submitted_on else "已提交"
        return TodoItem(
            f"{hazard.organization.name} · {_hazard_title(hazard)}",
            hazard.get_absolute_url(),
            HAZARD_VERIFY,
            None,
            f"{submitted}整改，等待核验销号。",
        )

    more_url = _list("inspections:hazard_list", status=HazardStatus.SUBMITTED)
    return capped(rows, build, kind=HAZARD_VERIFY, more_url=more_url, more="还有更多待核验的整改")


def self_checks_to_review(user) -> list[TodoItem]:
    rows = (
        selectors.selfchecks_for_user(user)
        .filter(status=SelfCheckStatus.SUBMITTED)
        .defer("answers")
        .order_by("submitted_on", "id")
    )

    def build(self_check) -> TodoItem:
        submitted = f"{cn_date(self_check.submitted_on)}提交" if self_check.submitted_on else "已提交"
        return TodoItem(
            str(self_check),
            self_check.get_absolute_url(),
            SELF_CHECK_REVIEW,
            None,
            f"{submitted}，等待审核。",
        )

    more_url = _list("inspections:selfcheck_list", status=SelfCheckStatus.SUBMITTED)
    return capped(rows, build, kind=SELF_CHECK_REVIEW, more_url=more_url, more="还有更多待审核的自查")


def notice_items(user) -> list[TodoItem]:
    """行政检查审批表, 检查通知 and 回避 (inspections/notice_todo.py)."""
    from .notice_todo import items as notice_todo_items

    return notice_todo_items(user)
