"""Reads of reports and school forms, always scoped to the user who asks."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from core.queries import contains

from .models import Block, BlockKind, Report, ReportEvent, SchoolFormStatus, SchoolReportForm
from .roles import DRAFTERS

SUBMITTED = (SchoolFormStatus.SUBMITTED, SchoolFormStatus.ACCEPTED)


def reports_for_user(user):
    """The reports a user may read (the one scoping entry point for Report)."""
    # The frozen snapshot's checksum is shown; its PDF and HTML are loaded only when asked for.
    return Report.objects.visible_to(user).select_related("issuer", "snapshot").defer("snapshot__pdf", "snapshot__html")


def get_report_for_user(user, pk, *, write: bool = False) -> Report:
    """One report the user may read (404 otherwise); with write=True one they may edit (403 otherwise)."""
    report = get_object_or_404(reports_for_user(user), pk=pk)
    if write and user.role not in DRAFTERS:
        raise PermissionDenied("只有局机关工作人员可以起草和修改报告。")
    return report


def get_block_for_report(report: Report, pk) -> Block:
    return get_object_or_404(Block, report=report, pk=pk)


def events_of(report: Report):
    return ReportEvent.objects.filter(report=report).select_related("actor")


def public_reports():
    """Published reports the public may see, without loading the PDF bytes."""
    return (
        Report.objects.disclosed()
        .select_related("issuer", "snapshot")
        .defer("snapshot__pdf", "snapshot__html")
        .order_by("-published_on", "-year", "-id")
    )


def get_public_report(pk) -> Report:
    return get_object_or_404(public_reports(), pk=pk)


@dataclass
class Section:
    index: int
    blocks: list = field(default_factory=list)

    @property
    def title(self) -> str:
        first = self.blocks[0] if self.blocks else None
        if first is not None and first.kind == BlockKind.HEADING and first.level == 1:
            return first.text
        return ""


def split_sections(blocks) -> list[Section]:
    """Group blocks into parts: each 一级标题 starts one; text before the first is the opening part."""
    sections: list[Section] = []
    for block in blocks:
        starts = block.kind == BlockKind.HEADING and block.level == 1
        if starts or not sections:
            sections.append(Section(index=len(sections)))
        sections[-1].blocks.append(block)
    return sections


def school_forms_for_user(user):
    """The school forms a user may read (the one scoping entry point for SchoolReportForm)."""
    return SchoolReportForm.objects.visible_to(user).select_related("organization", "organization__township")


def get_school_form_for_user(user, pk, *, write: bool = False) -> SchoolReportForm:
    """One form the user may read (404 otherwise); write=True: the school's own administrator only (403)."""
    form = get_object_or_404(school_forms_for_user(user), pk=pk)
    if write and not (user.is_school_admin and user.organization_id == form.organization_id):
        raise PermissionDenied("只有本校管理员可以填报本校的依法治校年度报告表。")
    return form


ROSTER_ORDERINGS = {
    "": ("kind_rank", "name", "id"),
    "name": ("name", "id"),
    "-submitted": (F("form_submitted_at").desc(nulls_last=True), "kind_rank", "name", "id"),
    "township": ("township__sort_order", "kind_rank", "name", "id"),
}


def roster_totals(rows, year: int) -> dict:
    """What the submitted forms of the listed schools report, summed (the report's 学校报告的… figures)."""
    forms = SchoolReportForm.objects.filter(year=year, status__in=SUBMITTED, organization__in=rows.values("pk"))
    return forms.aggregate(
        activities=Coalesce(Sum("law_activities"), 0),
        found=Coalesce(Sum("hazards_found"), 0),
        closed=Coalesce(Sum("hazards_closed"), 0),
    )


def school_form_roster(
    year: int, *, status: str = "", q: str = "", kind: str = "", ordering: str = "", counsel: str = ""
):
    """Every school that owes a form for `year`, annotated with its form (for the bureau's overview).

    status: "done" (submitted or accepted), "missing" (not submitted), "none" (not started) or a form status.
    """
    from .stats import expected_schools

    forms = SchoolReportForm.objects.filter(organization=OuterRef("pk"), year=year)
    rows = (
        expected_schools(year)
        .select_related("township")
        .annotate(
            form_id=Subquery(forms.values("pk")[:1]),
            form_status=Subquery(forms.values("status")[:1]),
            form_submitted_at=Subquery(forms.values("submitted_at")[:1]),
        )
    )
    if status == "done":
        rows = rows.filter(form_status__in=SUBMITTED)
    elif status == "missing":
        rows = rows.filter(Q(form_status__isnull=True) | ~Q(form_status__in=SUBMITTED))
    elif status == "none":
        rows = rows.filter(form_id__isnull=True)
    elif status in SchoolFormStatus.values:
        rows = rows.filter(form_status=status)
    if counsel == "yes":  # the form reports a counsel (法律顾问)
        rows = rows.filter(Exists(forms.filter(has_counsel=True)))
    if q.strip():
        rows = rows.filter(contains("name", q.strip()))
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by(*ROSTER_ORDERINGS.get(ordering, ROSTER_ORDERINGS[""]))
