"""检查记录 pages: list, phone-friendly form, detail, PDFs, attachments, import and export."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy

from accounts.access import ANY_SIGNED_IN, access
from accounts.roles import BUREAU_WRITERS, DISTRICT_ROLES
from core.downloads import download
from core.exports import xlsx_export
from core.forms import form_status, save_form
from core.import_views import make_import_view
from core.listing import list_page
from core.uploads import serve_file
from documents.renderer import render_pdf

from .. import selectors, services
from ..combined_selectors import record_of
from ..exports import inspection_rows
from ..filters import InspectionFilter
from ..forms import parse_answers
from ..models import RULES_FROM, Answer, Area, Conclusion
from ..record_forms import InspectionForm, record_data
from ..resources import InspectionResource
from .common import Table, export_response
from .signatures import record_context


def _inspections(request):
    return InspectionFilter(request.GET, queryset=selectors.inspections_for_user(request.user))


@access(ANY_SIGNED_IN)
def inspection_list(request):
    return list_page(request, "inspections/inspection_list.html", _inspections(request), keys_first=True)


def inspection_table(request) -> Table:
    return Table.from_queryset(_inspections(request).qs, inspection_rows)


@access(ANY_SIGNED_IN)
def inspection_export(request):
    if request.GET.get("template"):
        headers = [f.column_name for f in InspectionResource().get_export_fields()]
        return xlsx_export(label="检查记录导入模板", headers=headers, rows=[]).response()
    return export_response(request, label="检查记录", table=inspection_table)


inspection_import = make_import_view(
    resource_class=InspectionResource,
    title="导入检查记录（纸质记录补录）",
    roles=BUREAU_WRITERS,
    done_url=reverse_lazy("inspections:inspection_list"),
    template_hint="inspections:inspection_export",
)


def grouped_items(checklist, answers=None, data=None):
    """Checklist items by area, each with its current answer (from POST data or stored answers)."""
    answers = answers or {}
    groups = []
    items = list(checklist.items.all())
    for value, label in Area.choices:
        rows = []
        for item in items:
            if item.area != value:
                continue
            if data is not None:
                result, note = data.get(f"answer_{item.pk}", ""), data.get(f"note_{item.pk}", "")
            else:
                stored = answers.get(str(item.pk), {})
                result, note = stored.get("r", ""), stored.get("n", "")
            rows.append({"item": item, "result": result, "note": note})
        if rows:
            groups.append(
                {
                    "area": label,
                    "code": value,
                    "rows": rows,
                    "failed": sum(1 for r in rows if r["result"] == Answer.FAIL),
                }
            )
    return groups


@access(BUREAU_WRITERS)
def inspection_create(request):
    plan_id = request.GET.get("plan") or request.POST.get("plan")
    if not (plan_id and str(plan_id).isdigit()):
        plans = selectors.plans_for_user(request.user).order_by("-starts_on")[:30]
        return render(request, "inspections/inspection_choose_plan.html", {"plans": plans})
    plan = selectors.get_plan_for_user(request.user, plan_id, write=True)
    initial = {"partners": list(plan.partners.all())}
    form = InspectionForm(request.POST or None, request.FILES or None, plan=plan, initial=initial)
    organization = request.GET.get("organization", "")
    visit_code_url = ""
    if organization.isdigit() and plan.starts_on >= RULES_FROM:  # 扫码入企: the code to show on site
        visit_code_url = reverse("inspections:visit_code", args=[plan.pk, organization])
    if organization.isdigit():
        form.initial["organization"] = organization
        # The 录入检查 link of a drawn organization: its drawn officers start ticked.
        form.initial["officers"] = form.drawn.get(int(organization), [])

    def saved_message(inspection) -> str:
        hazards = inspection.hazards.count()
        return f"已保存检查记录 {inspection.number}" + (f"，{hazards}个不合格项已列入隐患台账。" if hazards else "。")

    done = save_form(
        request,
        form,
        lambda: services.inspection_create(
            plan=plan,
            organization=form.cleaned_data["organization"],
            answers=parse_answers(request.POST, list(plan.checklist.items.all())),
            user=request.user,
            **record_data(form),
        ),
        success=saved_message,
    )
    if done:
        return done
    groups = grouped_items(plan.checklist, data=request.POST if request.method == "POST" else None)
    return render(
        request,
        "inspections/inspection_form.html",
        {
            "form": form,
            "head": form.head_fields(),
            "tail": [
                form[n]
                for n in ("conclusion", "rectify_deadline", "location", "started_at", "ended_at")
                + ("present_persons", "site_contact", "notes", "attachments")
            ],
            "plan": plan,
            "groups": groups,
            "choices": Answer.choices,
            "drawn": form.drawn_summary() if form.drawn else None,
            "visit_code_url": visit_code_url,
        },
        status=form_status(form),
    )


@access(ANY_SIGNED_IN)
def inspection_detail(request, pk):
    inspection = selectors.get_inspection_for_user(request.user, pk)
    combined = record_of(inspection)  # 综合查一次: the plans it counts for and the union of their items
    return render(
        request,
        "inspections/inspection_detail.html",
        {
            "inspection": inspection,
            "combined_plans": combined[0] if combined else None,
            "groups": combined[1] if combined else grouped_items(inspection.checklist, answers=inspection.answers),
            "hazards": inspection.hazards.all(),
            **record_context(inspection),
        },
    )


def _pdf(content: bytes, filename: str) -> HttpResponse:
    return download(content, filename=filename, mimetype="application/pdf", inline=True)


@access(ANY_SIGNED_IN)
def inspection_record_pdf(request, pk):
    inspection = selectors.get_inspection_for_user(request.user, pk)
    combined = record_of(inspection)
    groups = combined[1] if combined else grouped_items(inspection.checklist, answers=inspection.answers)
    extra = record_context(inspection)
    if extra["site_record"]:  # visits from 2025: the Ministry's 现场检查笔录 with its signatures
        context = {"title": "现场检查笔录", "inspection": inspection, "groups": groups, **extra}
        content = render_pdf("inspections/signatures/site_record_pdf.html", context)
        return _pdf(content, f"现场检查笔录_{inspection.number}.pdf")
    content = render_pdf(
        "inspections/pdf/record.html",
        {"title": "行政检查记录表", "inspection": inspection, "groups": groups},
    )
    return _pdf(content, f"检查记录表_{inspection.number}.pdf")


@access(ANY_SIGNED_IN)
def inspection_notice_pdf(request, pk):
    inspection = selectors.get_inspection_for_user(request.user, pk)
    if inspection.conclusion != Conclusion.RECTIFY:
        messages.error(request, "只有结论为“责令整改”的检查才有责令整改通知书。")
        return redirect(inspection)
    content = render_pdf(
        "inspections/pdf/notice.html",
        {"title": "责令整改通知书", "inspection": inspection, "hazards": inspection.hazards.order_by("id")},
    )
    return _pdf(content, f"责令整改通知书_{inspection.notice_number}.pdf")


@access(ANY_SIGNED_IN)
def inspection_attachment(request, pk):
    attachment = selectors.get_inspection_attachment_for_user(request.user, pk)
    return serve_file(attachment.file, download_name=attachment.original_name)


__all__ = ["DISTRICT_ROLES"]
