"""The ledger's table rows (营转非案件台账), rendered in Python.

The template engine spent about half a millisecond on each row (eleven cells, three department tags,
a status tag): 10 of the page's 32 ms at province scale, which kept the ledger under three times
faster than the Django admin's list of the same cases. Django's `format_html` is not much cheaper
(each value goes through lazy-aware escaping: 0.33 ms a row), so the rows are plain f-strings with
every value from the database passed through the standard library's `html.escape` (the same
entities as Django's `escape`). tests/conversions/test_ledger_rows.py holds the markup of each state.
"""

from html import escape

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe

from directory.models import Organization

from . import selectors
from .models import CaseStatus, ConversionCase, Dept, Track, TrackStatus

TRACK_TAGS = {
    TrackStatus.DONE: ("tag tag-ok", "已办结"),
    TrackStatus.IN_PROGRESS: ("tag tag-warn", "办理中"),
    TrackStatus.PENDING: ("tag", "未受理"),
}
NOT_INVOLVED = '<span class="muted">不涉及</span>'
STATUS_TAGS = {
    CaseStatus.COMPLETED: '<span class="tag tag-ok">已办结</span>',
    CaseStatus.WITHDRAWN: '<span class="tag tag-muted">已撤销</span>',
}
OVERDUE = '<span class="tag tag-bad">逾期</span>'
IN_PROGRESS = '<span class="tag tag-warn">办理中</span>'
# What ledger_row reads of a case (ledger_cases loads only these; a field read here and missing there
# costs a query per row, which the ledger's query-count test catches).
CASE_FIELDS = (
    "number",
    "kind",
    "status",
    "opened_on",
    "due_on",
    "completed_on",
    "organization__name",
    "assignee__username",
    "assignee__full_name",
    "assignee__first_name",
    "assignee__last_name",
)
# What the ledger's filters and sort orders read: its order is cached until one of them changes.
ORDER_SOURCES = (ConversionCase, Organization)
EMPTY = '<tr><td colspan="11" class="empty">没有符合条件的案件。</td></tr>'


def ledger_cases(user):
    """The cases of the ledger (selectors.cases_for_user), reading only the columns it shows: a case,
    its institution and its assignee are wide rows, and building them whole was a sixth of the page.
    The departments' states are read per page by `ledger_rows`."""
    return selectors.cases_for_user(user).only(*CASE_FIELDS).prefetch_related(None)


def track_states(case_ids) -> dict[int, dict[str, tuple[str, str]]]:
    """{case: {department: (status, procedure)}} in one query of plain values (a prefetch built a model
    instance per track: 2 ms of a 20 ms page)."""
    states: dict[int, dict[str, tuple[str, str]]] = {}
    rows = Track.objects.filter(case_id__in=case_ids).order_by("id")
    for case_id, department, status, procedure in rows.values_list("case_id", "department", "status", "procedure"):
        states.setdefault(case_id, {})[department] = (status, procedure)
    return states


def track_tag(state: tuple[str, str] | None) -> str:
    """One department's column: its state, with the procedure's name as the tag's tooltip."""
    if state is None:
        return NOT_INVOLVED
    status, procedure = state
    css, text = TRACK_TAGS.get(status, TRACK_TAGS[TrackStatus.PENDING])
    return f'<span class="{css}" title="{escape(procedure)}">{text}</span>'


def status_tag(case) -> str:
    if case.status in STATUS_TAGS:
        return STATUS_TAGS[case.status]
    return OVERDUE if case.is_overdue else IN_PROGRESS


def ledger_row(case, tracks: dict, detail_url: tuple[str, str]) -> str:
    """One case's <tr>; `tracks`: its departments' states (track_states); `detail_url`: the case page's
    URL before and after the case's key."""
    columns = "".join(f"<td>{track_tag(tracks.get(department))}</td>" for department in Dept.values)
    opened = escape(date_format(case.opened_on, "DATE_FORMAT")) if case.opened_on else ""
    days = "" if case.days_elapsed is None else case.days_elapsed
    return (
        f'<tr><td class="nowrap"><a href="{detail_url[0]}{case.pk}{detail_url[1]}">{escape(case.number)}</a></td>'
        f"<td>{escape(case.organization.name)}</td><td>{escape(case.kind_short)}</td>"
        f'<td class="nowrap">{escape(case.assignee.get_full_name())}</td>'
        f'<td class="nowrap">{opened}</td>{columns}<td>{status_tag(case)}</td>'
        f'<td class="num">{days}天</td><td class="num">{case.visit_count}/{case.step_count}</td></tr>'
    )


def ledger_rows(cases) -> SafeString:
    """The <tr> of every case of a page (list_page's `rows`), or the empty-ledger row."""
    cases = list(cases)
    states = track_states([case.pk for case in cases])
    head, _, tail = reverse("conversions:case_detail", args=[0]).rpartition("0")  # one reverse per page
    detail_url = (escape(head), escape(tail))
    rows = [ledger_row(case, states.get(case.pk, {}), detail_url) for case in cases]
    return mark_safe("\n".join(rows) if rows else EMPTY)  # every value escaped above
