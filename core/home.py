"""What each role sees on its home page.

Apps add their own panels with `<app>/home.py` defining `panels(user) -> list[Panel]`; the home page
shows them in the order of INSTALLED_APPS. A panel is a template and its context.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from accounts.roles import BUSINESS_ROLES
from directory.models import KINDERGARTEN_KINDS, SCHOOL_KINDS, TRAINING_KINDS, Organization, OrgStatus

from .discovery import app_modules


@dataclass
class Panel:
    template: str
    context: dict = field(default_factory=dict)


def registry_summary() -> dict:
    active = Organization.objects.filter(status=OrgStatus.ACTIVE)
    return active.aggregate(
        total=Count("id"),
        schools=Count("id", filter=Q(kind__in=SCHOOL_KINDS - KINDERGARTEN_KINDS)),
        kindergartens=Count("id", filter=Q(kind__in=KINDERGARTEN_KINDS)),
        training=Count("id", filter=Q(kind__in=TRAINING_KINDS)),
        public=Count("id", filter=Q(ownership="public", kind__in=SCHOOL_KINDS)),
        for_profit=Count("id", filter=Q(profit_status="for_profit")),
    )


def app_panels(user) -> list[Panel]:
    return [panel for module in app_modules("home") for panel in module.panels(user)]


def context_for(user) -> dict:
    if user.role not in BUSINESS_ROLES:
        # The three administrators and accounts without a role see no records: their tools only.
        return {"panels": [], "panel": "administrator"}
    context = {"panels": app_panels(user)}
    if user.sees_district:
        context.update(summary=registry_summary(), panel="district")
    else:
        context.update(organization=user.organization, panel="school")
    return context
