"""Reads of 扫码入企: which visits have a code, what the public page of a code shows, its QR image,
and the ratings the legal section reads (docs/decisions/0018-visit-codes.md)."""

import base64
import io
import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Avg, Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from .models import RULES_FROM, DrawnEntity, DrawStatus, Inspection, Officer, VisitCode, VisitRating


def is_visit_of(plan, organization) -> bool:
    """True when `organization` is a target of `plan` (from 2025): drawn in its performed draw, visited
    under it, or — for a plan without a draw — of a kind the plan inspects."""
    if plan.starts_on < RULES_FROM:
        return False
    if Inspection.objects.filter(plan=plan, organization=organization).exists():
        return True
    drawn = DrawnEntity.objects.filter(draw__plan=plan, draw__status=DrawStatus.DRAWN)
    if drawn.exists():
        return drawn.filter(organization=organization).exists()
    return organization.kind in plan.target_kinds


def get_visit_organization(plan, organization_pk):
    """The organization of a visit of `plan`, or 404."""
    from directory.models import Organization

    organization = get_object_or_404(Organization, pk=organization_pk)
    if not is_visit_of(plan, organization):
        raise Http404("该机构不是本次检查行动的检查对象。")
    return organization


def get_code_by_token(token: str) -> VisitCode:
    return get_object_or_404(
        VisitCode.objects.select_related("plan__checklist", "organization", "inspection"), token=token
    )


def public_url(code: VisitCode) -> str:
    """The address printed on the 检查通知 and encoded in the QR: the portal's public address + /v/<token>/."""
    return settings.PORTAL_URL.rstrip("/") + code.get_absolute_url()


def qr_svg(code: VisitCode) -> SafeString:
    """The public address as an SVG QR code (the `qrcode` library), scalable to any size on paper or screen."""
    import qrcode
    import qrcode.image.svg

    out = io.BytesIO()
    qrcode.make(public_url(code), image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2).save(out)
    svg = out.getvalue().decode()
    return mark_safe(svg[svg.index("<svg") :])  # noqa: S308 - drawn from the portal's address and the token only


def qr_data_uri(code: VisitCode) -> str:
    """The QR as a data: URI, for an <img> of a PDF (the 检查通知 prints the visit's code with its address)."""
    return "data:image/svg+xml;base64," + base64.b64encode(str(qr_svg(code)).encode()).decode()


@dataclass(frozen=True)
class OfficerOnDay:
    name: str
    certificate_no: str
    valid: bool


def visit_day(code: VisitCode) -> date:
    """The day certificates are judged on: the visit's date once recorded, else today."""
    return code.inspection.inspected_on if code.inspection_id else timezone.localdate()


def visit_officers(code: VisitCode) -> list[OfficerOnDay]:
    """The officers of the visit (the record's, else the draw's) and whether each certificate was valid that day."""
    if code.inspection_id:
        officers = code.inspection.officers.order_by("name", "id")
    else:
        officers = Officer.objects.filter(
            pk__in=DrawnEntity.objects.filter(
                draw__plan=code.plan, draw__status=DrawStatus.DRAWN, organization=code.organization
            ).values("officers")
        ).order_by("name", "id")
    day = visit_day(code)
    return [OfficerOnDay(o.name, o.certificate_no, o.is_certified_on(day)) for o in officers]


def legal_bases(code: VisitCode) -> list[str]:
    """The laws and articles the plan's check items cite (an item cites several, split at "；"), each once,
    in item order."""
    bases = code.plan.checklist.items.order_by("number").values_list("legal_basis", flat=True)
    parts = (part.strip() for basis in bases for part in re.split(r"[；;]", basis or ""))
    return list(dict.fromkeys(part for part in parts if part))


def scan_count(code: VisitCode) -> int:
    return code.scans.count()


def ratings_of_year(year: int):
    """The year's ratings (by the visit's year), the lowest first."""
    return (
        VisitRating.objects.filter(year=year)
        .select_related("code__plan", "code__organization", "code__inspection")
        .order_by("score", "-created_at", "-id")
    )


def rating_summary(year: int) -> dict:
    """{"count", "average"} of the year's ratings (average None without any)."""
    figures = VisitRating.objects.filter(year=year).aggregate(count=Count("id"), average=Avg("score"))
    average = figures["average"]
    return {"count": figures["count"], "average": round(float(average), 1) if average is not None else None}


def ratings_url(year: int) -> str:
    return f"{reverse('inspections:visit_ratings')}?year={year}"
