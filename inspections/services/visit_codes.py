"""扫码入企: the code of a visit, its link to the record, the scan log and the organization's rating.

Rules (docs/decisions/0018-visit-codes.md):
- one code per plan and organization, made on first need and never replaced (a unique constraint
  decides between two requests that make it at once);
- the code is linked to the first inspection recorded for its plan and organization;
- a scan keeps its time only; a rating keeps no user, IP address or user agent;
- a rating is given after the visit, within RATING_DAYS days of it, once (a one-to-one in the database).
"""

import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.dates import cn_date

from ..models import RULES_FROM, Inspection, VisitCode, VisitRating, VisitScan

ALREADY_RATED = "这次检查已经评价过了，每次检查只能评价一次。"


def _first_record(plan_id: int, organization_id: int) -> Inspection | None:
    records = Inspection.objects.filter(plan_id=plan_id, organization_id=organization_id)
    return records.order_by("inspected_on", "id").first()


def visit_code_for(plan, organization) -> VisitCode:
    """The code of `organization`'s visit under `plan` (from 2025), made once; safe to call concurrently."""
    if plan.starts_on < RULES_FROM:
        raise ValueError("扫码入企 applies to plans starting from RULES_FROM")
    code = VisitCode.objects.filter(plan=plan, organization=organization).first()
    if code is not None:
        return code
    try:
        with transaction.atomic():
            return VisitCode.objects.create(
                token=secrets.token_urlsafe(24),
                plan=plan,
                organization=organization,
                inspection=_first_record(plan.pk, organization.pk),
            )
    except IntegrityError:  # another request made it meanwhile
        return VisitCode.objects.get(plan=plan, organization=organization)


def visit_code_link(inspection: Inspection) -> VisitCode | None:
    """Give the visit of a newly saved record its code (made now if none was), linked to the first record."""
    if inspection.plan.starts_on < RULES_FROM:
        return None
    return visit_code_refresh(visit_code_for(inspection.plan, inspection.organization))


def visit_code_refresh(code: VisitCode) -> VisitCode:
    """Link a code whose visit was recorded another way (an Excel import of paper records) to its record."""
    if code.inspection_id is None:
        record = _first_record(code.plan_id, code.organization_id)
        if record is not None:
            VisitCode.objects.filter(pk=code.pk, inspection__isnull=True).update(inspection=record)
            code.refresh_from_db()
    return code


def visit_scan_log(code: VisitCode) -> VisitScan:
    """Log one opening of the public page: the time only."""
    return VisitScan.objects.create(code=code)


def visit_rating_create(
    *,
    code: VisitCode,
    score,
    showed_certificates: bool,
    followed_checklist: bool,
    no_disruption: bool,
    comment: str = "",
    today: date | None = None,
) -> VisitRating:
    """The organization's anonymous rating of a visit: after it, within the window, once."""
    today = today or timezone.localdate()
    if not code.visited:
        raise ValidationError("检查尚未实施（还没有检查记录），检查结束后才能评价。")
    if code.expired_on(today):
        raise ValidationError(f"评价期已于{cn_date(code.rating_closes_on)}结束，不能再评价。")
    if VisitRating.objects.filter(code=code).exists():
        raise ValidationError(ALREADY_RATED)
    rating = VisitRating(
        code=code,
        score=score,
        showed_certificates=showed_certificates,
        followed_checklist=followed_checklist,
        no_disruption=no_disruption,
        comment=(comment or "").strip(),
        year=code.inspection.inspected_on.year,
    )
    rating.full_clean()
    try:
        with transaction.atomic():
            rating.save()
    except IntegrityError:  # a second submission at the same moment
        raise ValidationError(ALREADY_RATED) from None
    return rating
