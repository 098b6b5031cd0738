"""执法人员 and 学法用法考试 pages."""

from django.shortcuts import render

from accounts.access import access
from accounts.roles import BUREAU_WRITERS, DISTRICT_ROLES
from core.forms import form_status, save_form
from core.listing import list_page, paginate, query_without_page

from .. import selectors, services
from ..exports import exam_rows, officer_rows
from ..filters import OfficerFilter
from ..forms import ExamForm, OfficerForm
from ..models import ExamineeCategory
from .common import Table, export_response


def _officers(request):
    return OfficerFilter(request.GET, queryset=selectors.officers_for_user(request.user))


@access(DISTRICT_ROLES)
def officer_list(request):
    return list_page(request, "inspections/officer_list.html", _officers(request))


def officer_table(request) -> Table:
    return Table.from_queryset(_officers(request).qs, officer_rows)


@access(DISTRICT_ROLES)
def officer_export(request):
    return export_response(request, label="执法人员", table=officer_table)


@access(BUREAU_WRITERS)
def officer_create(request):
    form = OfficerForm(request.POST or None)
    done = save_form(
        request,
        form,
        lambda: services.officer_create(data=form.model_data(), user=request.user),
        success=lambda officer: f"已登记执法人员“{officer.name}”。",
        next_url="inspections:officer_list",
    )
    return done or render(
        request, "inspections/form.html", {"form": form, "title": "登记执法人员"}, status=form_status(form)
    )


@access(BUREAU_WRITERS)
def officer_edit(request, pk):
    officer = selectors.get_officer_for_user(request.user, pk, write=True)
    form = OfficerForm(request.POST or None, instance=officer)
    done = save_form(
        request,
        form,
        lambda: services.officer_update(
            officer=officer, data=form.model_data(), user=request.user, expected_version=form.loaded_version
        ),
        success="已保存。",
        next_url="inspections:officer_list",
    )
    return done or render(
        request,
        "inspections/form.html",
        {"form": form, "title": f"编辑执法人员：{officer.name}"},
        status=form_status(form),
    )


@access(DISTRICT_ROLES)
def exam_list(request):
    exams = selectors.exams_for_user(request.user)
    year = request.GET.get("year")
    if year and year.isdigit():
        exams = exams.filter(year=int(year))
    category = request.GET.get("category", "")
    if category in ExamineeCategory.values:
        exams = exams.filter(category=category)
    return render(
        request,
        "inspections/exam_list.html",
        {
            "page": paginate(request, exams),
            "query": query_without_page(request),
            "year": year or "",
            "category": category,
            "categories": ExamineeCategory.choices,
        },
    )


def exam_table(request) -> Table:
    return Table.from_queryset(selectors.exams_for_user(request.user), exam_rows)


@access(DISTRICT_ROLES)
def exam_export(request):
    return export_response(request, label="学法用法考试", table=exam_table)


@access(BUREAU_WRITERS)
def exam_create(request):
    form = ExamForm(request.POST or None)
    done = save_form(
        request,
        form,
        lambda: services.exam_create(data={f: form.cleaned_data[f] for f in form.Meta.fields}, user=request.user),
        success="已登记考试记录。",
        next_url="inspections:exam_list",
    )
    return done or render(
        request, "inspections/form.html", {"form": form, "title": "登记学法用法考试"}, status=form_status(form)
    )
