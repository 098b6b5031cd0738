"""待办 of 营转非: the open cases assigned to a staff member that are due within `NEAR_DAYS` days or overdue."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from core.dates import cn_date
from core.todo import TodoItem, capped

from .models import CaseStatus, ConversionCase

# The models the items are computed from: the header's count is cached until one of them changes.
SOURCES = (ConversionCase,)

NEAR_DAYS = 5
CASE_DUE = "营转非办结时限"


def items(user) -> list[TodoItem]:
    if not user.is_bureau_writer:
        return []
    today = timezone.localdate()
    rows = (
        ConversionCase.objects.visible_to(user)
        .filter(assignee=user, status=CaseStatus.OPEN, due_on__lte=today + timedelta(days=NEAR_DAYS))
        .select_related("organization")
        .order_by("due_on", "id")
    )

    def build(case) -> TodoItem:
        state = "已超过办结时限" if case.due_on < today else "即将到达办结时限"
        return TodoItem(
            title=f"{case.number} {case.organization.name}",
            url=case.get_absolute_url(),
            kind=CASE_DUE,
            due=case.due_on,
            detail=f"{case.get_kind_display()}，办结时限{cn_date(case.due_on)}，{state}。",
        )

    more_url = f"{reverse('conversions:case_list')}?status={CaseStatus.OPEN}"
    return capped(rows, build, kind=CASE_DUE, more_url=more_url, more="还有更多临近时限的案件")
