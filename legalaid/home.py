"""Home-page panels: the district's counsel coverage for the bureau, the school's own counsel for a school."""

from django.utils import timezone

from core.home import Panel

from . import selectors
from .models import ENDING_SOON_DAYS


def panels(user) -> list[Panel]:
    today = timezone.localdate()
    if user.sees_district:
        summary = selectors.coverage_summary(today)
        return [Panel("legalaid/panel_district.html", {"summary": summary, "soon_days": ENDING_SOON_DAYS})]
    if user.is_school_admin and user.organization_id:
        current = list(selectors.appointments_for_user(user).in_force_on(today))
        return [Panel("legalaid/panel_school.html", {"current": current, "org_id": user.organization_id})]
    return []
