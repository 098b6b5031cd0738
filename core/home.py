"""What each role sees on its home page."""

from django.db.models import Count, Q

from directory.models import KINDERGARTEN_KINDS, SCHOOL_KINDS, TRAINING_KINDS, Organization, OrgStatus


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


def context_for(user) -> dict:
    if user.sees_district:
        return {"summary": registry_summary(), "panel": "district"}
    return {"organization": user.organization, "panel": "school"}
