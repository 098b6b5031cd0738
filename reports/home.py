"""The reports panel on the home page: the latest report's state, and a school's own form."""

from core.home import Panel

from .models import SchoolReportForm
from .selectors import reports_for_user


def panels(user) -> list[Panel]:
    if user.is_school_admin:
        forms = SchoolReportForm.objects.visible_to(user).order_by("-year")[:1]
        return [Panel("reports/_home_school.html", {"form": next(iter(forms), None)})]
    latest = reports_for_user(user).order_by("-year", "-id").first()
    return [Panel("reports/_home_district.html", {"report": latest})]
