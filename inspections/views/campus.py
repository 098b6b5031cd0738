"""智安校园 and 平安校园 assessment pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_date

from accounts.access import ANY_SIGNED_IN, access
from accounts.roles import BUREAU_WRITERS
from core.forms import add_service_errors, form_status, save_form
from core.listing import list_page, paginate, query_without_page

from .. import selectors, services
from ..exports import assessment_rows, smart_campus_rows
from ..filters import AssessmentFilter
from ..forms import AssessmentForm, SmartCampusForm
from .common import Table, export_response


def _day(value):
    try:
        return parse_date(value)
    except ValueError:
        return None


@access(ANY_SIGNED_IN)
def smart_campus_list(request):
    records = selectors.smart_campuses_for_user(request.user)
    complete_by = request.GET.get("complete_by", "")
    if complete_by:
        # The report's 完成智安校园建设的学校: complete (all five base systems) by that day.
        records = selectors.smart_campuses_complete_by(records, _day(complete_by))
    summary = selectors.smart_campus_summary(records)
    return render(
        request,
        "inspections/smart_campus_list.html",
        {"page": paginate(request, records, per_page=60), "query": query_without_page(request), "summary": summary},
    )


def smart_campus_table(request) -> Table:
    return Table.from_queryset(selectors.smart_campuses_for_user(request.user), smart_campus_rows)


@access(ANY_SIGNED_IN)
def smart_campus_export(request):
    return export_response(request, label="智安校园", table=smart_campus_table)


@access(BUREAU_WRITERS)
def smart_campus_edit(request, pk):
    record = selectors.get_smart_campus_for_user(request.user, pk, write=True)
    form = SmartCampusForm(request.POST or None, instance=record)

    def save():
        data = form.model_data()
        data["base_systems"] = list(form.cleaned_data["base_systems"])
        data["optional_systems"] = list(form.cleaned_data["optional_systems"])
        return services.smart_campus_update(
            record=record, data=data, user=request.user, expected_version=form.loaded_version
        )

    done = save_form(request, form, save, success="已保存。", next_url="inspections:smart_campus_list")
    return done or render(
        request,
        "inspections/form.html",
        {"form": form, "title": f"智安校园：{record.organization.name}"},
        status=form_status(form),
    )


def _assessments(request):
    return AssessmentFilter(request.GET, queryset=selectors.assessments_for_user(request.user))


@access(ANY_SIGNED_IN)
def assessment_list(request):
    return list_page(request, "inspections/assessment_list.html", _assessments(request))


def assessment_table(request) -> Table:
    return Table.from_queryset(_assessments(request).qs, assessment_rows)


@access(ANY_SIGNED_IN)
def assessment_export(request):
    return export_response(request, label="平安校园考核", table=assessment_table)


@access(ANY_SIGNED_IN)
def assessment_detail(request, pk):
    assessment = selectors.get_assessment_for_user(request.user, pk)
    return render(request, "inspections/assessment_detail.html", {"a": assessment})


def _assessment_form(request, assessment=None):
    form = AssessmentForm(request.POST or None, instance=assessment)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.assessment_save(
                data=form.model_data(), user=request.user, assessment=assessment, expected_version=form.loaded_version
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"已保存，总分{saved.total}分，等级：{saved.get_grade_display()}。")
            return redirect("inspections:assessment_detail", pk=saved.pk)
    title = f"平安校园考核：{assessment.organization.name} {assessment.year}年" if assessment else "登记平安校园考核"
    return render(request, "inspections/form.html", {"form": form, "title": title}, status=form_status(form))


@access(BUREAU_WRITERS)
def assessment_create(request):
    return _assessment_form(request)


@access(BUREAU_WRITERS)
def assessment_edit(request, pk):
    return _assessment_form(request, selectors.get_assessment_for_user(request.user, pk, write=True))
