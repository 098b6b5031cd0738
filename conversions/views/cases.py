"""The ledger (台账), opening cases (one by one or from Excel), the case page, its PDF checklist."""

from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone

from accounts.access import ANY_SIGNED_IN, access
from accounts.roles import BUREAU_WRITERS, DISTRICT_ROLES
from core.downloads import download
from core.exports import Table, export_response, xlsx_export
from core.forms import form_status, save_form
from core.history import history_rows
from core.import_views import make_import_view
from core.listing import list_page
from documents.renderer import render_pdf

from .. import selectors, services
from ..filters import CaseFilter
from ..forms import CaseOpenForm
from ..models import (
    CASE_KIND_SHORT,
    Dept,
    MaterialTemplate,
    ProcedureBaseline,
    TrackStatus,
    deadline_days,
)
from ..resources import CaseImportResource
from .detail import detail_context


def _filtered(request):
    return CaseFilter(request.GET, queryset=selectors.cases_for_user(request.user))


@access(DISTRICT_ROLES)
def case_list(request):
    filterset = _filtered(request)
    # The cases a year's report counts (?completed_year=): also how many staff members handled them
    # (the report's 对接工作人员N人 traces here).
    assignees = None
    if request.GET.get("completed_year") and filterset.is_valid():
        assignees = filterset.qs.order_by().values("assignee").distinct().count()
    return list_page(
        request,
        "conversions/case_list.html",
        filterset,
        # Keys first: the page query joins every organization, whatever the page (docs/performance.md).
        keys_first=True,
        assignees=assignees,
    )


LEDGER_HEADERS = [
    "案件编号",
    "机构名称",
    "统一社会信用代码",
    "办理类型",
    "经办人",
    "受理日期",
    "办结时限",
    "案件状态",
    "是否逾期",
    "办结日期",
    "用时（天）",
    "办理次数",
    "办事环节",
    "市场监管",
    "教育",
    "民政",
    "备注",
]


def _track_cell(case, department) -> str:
    track = next((t for t in case.tracks.all() if t.department == department), None)
    if track is None:
        return "不涉及"
    if track.status == TrackStatus.DONE:
        return f"已办结（{track.completed_on:%Y-%m-%d}）"
    return track.get_status_display()


def _ledger_rows(queryset):
    rows = (
        [
            case.number,
            case.organization.name,
            case.organization.credit_code,
            CASE_KIND_SHORT[case.kind],
            case.assignee.get_full_name(),
            case.opened_on,
            case.due_on,
            case.get_status_display(),
            "是" if case.is_overdue else "否",
            case.completed_on,
            case.days_elapsed,
            case.visit_count,
            case.step_count,
            _track_cell(case, Dept.MARKET),
            _track_cell(case, Dept.EDUCATION),
            _track_cell(case, Dept.CIVIL),
            case.note,
        ]
        for case in queryset.iterator(chunk_size=500)
    )
    return LEDGER_HEADERS, rows


def ledger_table(request) -> Table:
    """The 营转非台账 as a spreadsheet; its columns 案件编号 … 备注 import back (CaseImportResource)."""
    return Table.from_queryset(_filtered(request).qs, _ledger_rows)


@access(DISTRICT_ROLES)
def case_export(request):
    return export_response(request, label="营转非台账", table=ledger_table)


@access(BUREAU_WRITERS)
def case_create(request):
    initial = {"opened_on": timezone.localdate()}
    if request.GET.get("organization", "").isdigit():
        initial["organization"] = request.GET["organization"]
    form = CaseOpenForm(request.POST or None, initial=initial)
    done = save_form(
        request,
        form,
        lambda: services.case_open(data=form.cleaned_data, user=request.user),
        success=lambda case: f"已受理，案件编号{case.number}。",
    )
    context = {"form": form, "deadline_days": deadline_days()}
    return done or render(request, "conversions/case_form.html", context, status=form_status(form))


case_import = make_import_view(
    resource_class=CaseImportResource,
    title="导入待转登机构（批量受理）",
    roles=BUREAU_WRITERS,
    done_url=reverse_lazy("conversions:case_list"),
    template_hint="conversions:import_template",
)


@access(BUREAU_WRITERS)
def import_template(request):
    """The import sheet, prefilled with every for-profit subject-class institution not yet under a case."""
    headers = [f.column_name for f in CaseImportResource().get_export_fields()]
    rows = [
        [org.credit_code, org.name, "转登", "", "", "", ""]
        for org in selectors.for_profit_subject_class().only("credit_code", "name")
    ]
    return xlsx_export(label="营转非批量受理模板", headers=headers, rows=rows).response()


@access(ANY_SIGNED_IN)
def catalogue(request):
    """The window's combined material checklist of the three departments, with reference texts."""
    templates = MaterialTemplate.objects.filter(active=True)
    groups = [(label, [t for t in templates if t.department == value]) for value, label in Dept.choices]
    return render(request, "conversions/catalogue.html", {"groups": groups})


@access(ANY_SIGNED_IN)
def case_detail(request, pk):
    case = selectors.get_case_for_user(request.user, pk)
    return render(request, "conversions/case_detail.html", detail_context(request, case))


@access(ANY_SIGNED_IN)
def case_history(request, pk):
    case = selectors.get_case_for_user(request.user, pk)
    return render(
        request, "core/history.html", {"object": case, "rows": history_rows(case), "back": case.get_absolute_url()}
    )


@access(ANY_SIGNED_IN)
def case_pdf(request, pk):
    """The combined material checklist of one institution (all its departments), as an official PDF."""
    case = selectors.get_case_for_user(request.user, pk)
    materials = list(selectors.case_materials(case))
    groups = []
    for numeral, track in zip("一二三", case.tracks.all(), strict=False):
        items = [m for m in materials if m.department == track.department]
        groups.append({"numeral": numeral, "track": track, "items": items})
    content = render_pdf(
        "conversions/checklist_pdf.html",
        {
            "title": "“营转非”一件事联办材料清单",
            "case": case,
            "groups": groups,
            "baseline": ProcedureBaseline.objects.for_year(case.opened_on.year),
            "printed_on": timezone.localdate(),
        },
    )
    return download(content, filename=f"材料清单_{case.number}.pdf", mimetype="application/pdf", inline=True)
