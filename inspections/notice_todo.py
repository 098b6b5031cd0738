"""待办 of the 行政检查审批表, the 检查通知 and 回避 (国办发〔2024〕54号), read by inspections/todo.py:
- a 局领导 owes the decision on every submitted 审批表; staff owe the correction of a returned one;
- a school owes the 签收 of each 检查通知 addressed to its organization;
- bureau staff owe the decision on every pending 回避 request.
"""

from django.urls import reverse

from core.dates import cn_date
from core.todo import TodoItem, capped, reason_text

from . import notice_selectors as selectors
from .models import ApprovalStatus, RecusalStatus

APPROVAL = "行政检查待审批"
APPROVAL_RETURNED = "审批表被退回"
NOTICE = "检查通知"
RECUSAL = "回避申请待决定"


def items(user) -> list[TodoItem]:
    result: list[TodoItem] = []
    if user.is_leader:
        result += approvals_to_decide(user)
    if user.is_bureau_writer:
        result += approvals_returned(user) + recusals_to_decide(user)
    if user.is_school_admin and user.organization_id:
        result += notices_to_receive(user)
    return result


def _more(status: str) -> str:
    return f"{reverse('inspections:check_approval_list')}?status={status}"


def approvals_to_decide(user) -> list[TodoItem]:
    rows = selectors.check_approvals_for_user(user).filter(status=ApprovalStatus.SUBMITTED).order_by("starts_on", "id")

    def build(a) -> TodoItem:
        submitted = f"{cn_date(a.submitted_on)}报批" if a.submitted_on else "已报批"
        return TodoItem(
            str(a), a.get_absolute_url(), APPROVAL, a.starts_on, f"{submitted}，检查日期{cn_date(a.starts_on)}起。"
        )

    return capped(rows, build, kind=APPROVAL, more_url=_more(ApprovalStatus.SUBMITTED), more="还有更多待审批的审批表")


def approvals_returned(user) -> list[TodoItem]:
    rows = (
        selectors.check_approvals_for_user(user)
        .filter(status=ApprovalStatus.RETURNED, created_by=user)
        .order_by("starts_on", "id")
    )

    def build(a) -> TodoItem:
        return TodoItem(
            str(a), a.get_absolute_url(), APPROVAL_RETURNED, None, f"退回理由：{reason_text(a.return_reason)}。"
        )

    return capped(
        rows, build, kind=APPROVAL_RETURNED, more_url=_more(ApprovalStatus.RETURNED), more="还有更多被退回的审批表"
    )


def notices_to_receive(user) -> list[TodoItem]:
    rows = selectors.check_notices_for_user(user).filter(received_on__isnull=True).order_by("approval__starts_on", "id")

    def build(n) -> TodoItem:
        detail = (
            f"教育局将于{cn_date(n.approval.starts_on)}起实施行政检查。"
            "请查看检查事项和执法人员，如需申请回避请在检查前提出，阅后签收。"
        )
        return TodoItem(f"{n.number}", n.get_absolute_url(), NOTICE, n.approval.starts_on, detail)

    more_url = reverse("inspections:check_notice_list")
    return capped(rows, build, kind=NOTICE, more_url=more_url, more="还有更多检查通知")


def recusals_to_decide(user) -> list[TodoItem]:
    rows = selectors.recusals_for_user(user).filter(status=RecusalStatus.PENDING).order_by("requested_on", "id")

    def build(r) -> TodoItem:
        return TodoItem(
            f"{r.notice.organization.name} · 申请{r.officer.name}回避",
            r.notice.get_absolute_url(),
            RECUSAL,
            None,
            f"{cn_date(r.requested_on)}申请（{r.notice.number}）。理由：{reason_text(r.reason)}。",
        )

    more_url = reverse("inspections:check_notice_list")
    return capped(rows, build, kind=RECUSAL, more_url=more_url, more="还有更多待决定的回避申请")
