"""待办 of legal counsel: contracts ending within `ENDING_SOON_DAYS` (60) days with no successor yet.

A school whose counsel's contract ends soon and has no later appointment would be left without counsel;
once the next appointment is registered the item disappears (docs/decisions/0012-todo-computed.md).
"""

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from core.dates import cn_date
from core.todo import TodoItem, capped

from . import selectors
from .models import ENDING_SOON_DAYS, Appointment

# The models the items are computed from: the header's count is cached until one of them changes.
SOURCES = (Appointment,)

CONTRACT_ENDING = "法律顾问合同到期"


def items(user) -> list[TodoItem]:
    if not user.is_bureau_writer:
        return []
    today = timezone.localdate()
    successor = Appointment.objects.filter(organization_id=OuterRef("organization_id"), ends_on__gt=OuterRef("ends_on"))
    rows = (
        selectors.appointments_for_user(user)
        .filter(ends_on__gte=today, ends_on__lte=today + timedelta(days=ENDING_SOON_DAYS), start_date__lte=today)
        .exclude(Exists(successor))
        .order_by("ends_on", "id")
    )

    def build(appointment) -> TodoItem:
        return TodoItem(
            title=f"{appointment.organization.name} · {appointment.lawyer.name}",
            url=appointment.get_absolute_url(),
            kind=CONTRACT_ENDING,
            due=appointment.ends_on,
            detail=f"聘用合同{cn_date(appointment.ends_on)}到期，尚未续聘或另聘法律顾问。",
        )

    more_url = reverse("legalaid:appointment_list")
    return capped(rows, build, kind=CONTRACT_ENDING, more_url=more_url, more="还有更多即将到期的法律顾问合同")
