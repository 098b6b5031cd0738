"""The counsel service log (kept by schools, read by the bureau) and the yearly evaluation."""

from django.shortcuts import render
from django.urls import reverse

from accounts.access import ANY_SIGNED_IN, access
from accounts.roles import BUREAU_WRITERS, DISTRICT_ROLES
from core.dates import parse_year
from core.exports import Table, export_response
from core.forms import save_form
from core.listing import list_page, paginate, query_without_page

from .. import selectors, services
from ..filters import ServiceFilter
from ..forms import EvaluationForm, ServiceRecordForm
from .common import RECORD_KEEPERS, form_page


def _services(request):
    return ServiceFilter(request.GET, queryset=selectors.services_for_user(request.user))


@access(ANY_SIGNED_IN)
def service_list(request):
    return list_page(request, "legalaid/service_list.html", _services(request))


def _service_rows(queryset):
    headers = ["服务日期", "学校/幼儿园", "法律顾问", "服务类型", "服务时长（小时）", "服务内容摘要"]
    rows = (
        [s.date, s.appointment.organization.name, s.appointment.lawyer.name, s.get_kind_display(), s.hours, s.summary]
        for s in queryset.select_related("appointment__organization", "appointment__lawyer").iterator(chunk_size=2000)
    )
    return headers, rows


def service_table(request) -> Table:
    return Table.from_queryset(_services(request).qs, _service_rows)


@access(ANY_SIGNED_IN)
def service_export(request):
    return export_response(request, label="法律顾问服务记录", table=service_table)


@access(RECORD_KEEPERS)
def service_create(request):
    form = ServiceRecordForm(
        request.POST or None, user=request.user, initial={"appointment": request.GET.get("appointment")}
    )
    done = save_form(
        request,
        form,
        lambda: services.service_record_create(data=form.model_data(), user=request.user),
        success="已记录服务。",
        next_url=reverse("legalaid:service_list"),
    )
    return done or form_page(
        request,
        "legalaid/form.html",
        {"form": form, "title": "记录法律顾问服务", "back": reverse("legalaid:service_list")},
    )


@access(RECORD_KEEPERS)
def service_edit(request, pk):
    record = selectors.get_service_for_user(request.user, pk, write=True)
    form = ServiceRecordForm(request.POST or None, instance=record, user=request.user)
    done = save_form(
        request,
        form,
        lambda: services.service_record_update(
            record=record, data=form.model_data(), user=request.user, expected_version=form.loaded_version
        ),
        success="已保存。",
        next_url=reverse("legalaid:service_list"),
    )
    return done or form_page(
        request, "legalaid/form.html", {"form": form, "title": "编辑服务记录", "back": reverse("legalaid:service_list")}
    )


@access(DISTRICT_ROLES)
def evaluation_list(request):
    """Every counsel in force during the year: services logged, evaluation, flag when none logged."""
    year = parse_year(request.GET.get("year"))
    rows = selectors.evaluation_rows(request.user, year)
    if request.GET.get("flag") == "no_service":
        rows = rows.filter(year_services=0)
    elif request.GET.get("flag") == "pending":
        rows = rows.filter(evaluation_id__isnull=True)
    summary = selectors.evaluation_summary(request.user, year)
    return render(
        request,
        "legalaid/evaluation_list.html",
        {
            "year": year,
            "years": range(year - 3, year + 2),
            "page": paginate(request, rows),
            "query": query_without_page(request),
            "flag": request.GET.get("flag", ""),
            "summary": summary,
        },
    )


@access(BUREAU_WRITERS)
def evaluation_create(request, pk, year):
    appointment = selectors.get_appointment_for_user(request.user, pk)
    form = EvaluationForm(request.POST or None)
    done = save_form(
        request,
        form,
        lambda: services.evaluation_create(
            appointment=appointment, year=year, data=form.model_data(), user=request.user
        ),
        success="已保存年度考核。",
        next_url=f"{reverse('legalaid:evaluation_list')}?year={year}",
    )
    services_count = appointment.services.filter(date__year=year).count()
    return done or form_page(
        request,
        "legalaid/evaluation_form.html",
        {"form": form, "appointment": appointment, "year": year, "services_count": services_count},
    )


@access(BUREAU_WRITERS)
def evaluation_edit(request, pk):
    evaluation = selectors.get_evaluation_for_user(request.user, pk, write=True)
    form = EvaluationForm(request.POST or None, instance=evaluation)
    done = save_form(
        request,
        form,
        lambda: services.evaluation_update(
            evaluation=evaluation, data=form.model_data(), user=request.user, expected_version=form.loaded_version
        ),
        success="已保存年度考核。",
        next_url=f"{reverse('legalaid:evaluation_list')}?year={evaluation.year}",
    )
    appointment = evaluation.appointment
    return done or form_page(
        request,
        "legalaid/evaluation_form.html",
        {
            "form": form,
            "appointment": appointment,
            "year": evaluation.year,
            "services_count": appointment.services.filter(date__year=evaluation.year).count(),
        },
    )
