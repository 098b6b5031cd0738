"""待办 of reports: the leader's reports awaiting approval, a school's 依法治校年度报告表 for last year.

A school owes the form of the year just ended (the year `school_form_mine` proposes) until it is submitted,
due on `SCHOOL_FORM_DUE` of the following year; a returned form is owed again, with the reason.
"""

from datetime import date

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from core.todo import TodoItem, capped, reason_text
from directory.models import Organization

from . import selectors
from .models import Report, ReportStatus, SchoolFormStatus, SchoolReportForm
from .roles import APPROVERS
from .stats import expected_schools

# The models the items are computed from: the header's count is cached until one of them changes.
SOURCES = (Report, SchoolReportForm, Organization)

# (month, day) of the year after the one the form reports on.
SCHOOL_FORM_DUE = (1, 31)

REPORT_APPROVAL = "报告待审核"
SCHOOL_FORM = "依法治校年度报告表"


def items(user) -> list[TodoItem]:
    if user.role in APPROVERS:
        return reports_to_approve(user)
    if user.is_school_admin and user.organization_id:
        return school_form_due(user)
    return []


def reports_to_approve(user) -> list[TodoItem]:
    rows = selectors.reports_for_user(user).filter(status=ReportStatus.SUBMITTED).order_by("year", "id")

    def build(report) -> TodoItem:
        return TodoItem(
            title=report.title,
            url=report.get_absolute_url(),
            kind=REPORT_APPROVAL,
            detail=f"{report.issuer.name}{report.year}年度报告已提交审核，请审阅后审核通过或退回。",
        )

    return capped(rows, build, kind=REPORT_APPROVAL, more_url=reverse("reports:index"), more="还有更多待审核的报告")


def school_form_due(user) -> list[TodoItem]:
    """Last year's form, if the school owes one and has not submitted it (one query)."""
    year = timezone.localdate().year - 1
    forms = selectors.school_forms_for_user(user).filter(organization=OuterRef("pk"), year=year)
    school = (
        expected_schools(year)
        .filter(pk=user.organization_id)
        .annotate(
            form_id=Subquery(forms.values("pk")[:1]),
            form_status=Subquery(forms.values("status")[:1]),
            form_reason=Subquery(forms.values("return_reason")[:1]),
        )
        .values("form_id", "form_status", "form_reason")
        .first()
    )
    if school is None or school["form_status"] in (SchoolFormStatus.SUBMITTED, SchoolFormStatus.ACCEPTED):
        return []
    due = date(year + 1, *SCHOOL_FORM_DUE)
    title = f"{year}年度依法治校年度报告表"
    mine = f"{reverse('reports:school_form_mine')}?year={year}"
    if school["form_id"] is None:
        return [TodoItem(title, mine, SCHOOL_FORM, due, "尚未开始填报。")]
    url = reverse("reports:school_form_edit", args=[school["form_id"]])
    if school["form_status"] == SchoolFormStatus.RETURNED:
        detail = f"教育局退回了报告表。退回理由：{reason_text(school['form_reason'])}。请修改后重新提交。"
        return [TodoItem(title, url, SCHOOL_FORM, due, detail)]
    return [TodoItem(title, url, SCHOOL_FORM, due, "已开始填报，尚未提交。")]
