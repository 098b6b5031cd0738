"""Counsel appointments (聘任): list, register, change, terminate, contract download, import/export."""

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse, reverse_lazy

from accounts.access import ANY_SIGNED_IN, access
from accounts.roles import BUREAU_WRITERS
from core.exports import Table, export_response
from core.forms import save_form
from core.history import FileLink, history_rows
from core.import_views import make_import_view
from core.listing import list_page
from core.uploads import serve_file, serve_stored

from .. import selectors, services
from ..filters import AppointmentFilter
from ..forms import AppointmentForm, TerminateForm, appointment_label
from ..resources import AppointmentResource
from .common import RECORD_KEEPERS, form_page


def _appointments(request):
    return AppointmentFilter(request.GET, queryset=selectors.appointments_for_user(request.user))


@access(ANY_SIGNED_IN)
def appointment_list(request):
    return list_page(request, "legalaid/appointment_list.html", _appointments(request))


def appointment_table(request) -> Table:
    queryset = _appointments(request).qs.select_related("organization", "lawyer")
    if request.GET.get("template"):
        queryset = queryset.none()
    return Table.from_resource(AppointmentResource(), queryset)


@access(ANY_SIGNED_IN)
def appointment_export(request):
    return export_response(request, label="法律顾问聘任", table=appointment_table)


appointment_import = make_import_view(
    resource_class=AppointmentResource,
    title="导入法律顾问聘任",
    roles=BUREAU_WRITERS,
    done_url=reverse_lazy("legalaid:appointment_list"),
    template_hint="legalaid:appointment_export",
)


@access(ANY_SIGNED_IN)
def appointment_detail(request, pk):
    appointment = selectors.get_appointment_for_user(request.user, pk)
    return render(
        request,
        "legalaid/appointment_detail.html",
        {
            "appointment": appointment,
            "services": appointment.services.all()[:20],
            "evaluations": appointment.evaluations.all() if request.user.sees_district else [],
            "can_write": selectors.can_write_for_org(request.user, appointment.organization_id),
            "terminate_form": TerminateForm(),
        },
    )


@access(RECORD_KEEPERS)
def appointment_create(request):
    user = request.user
    initial = {"organization": request.GET.get("organization")} if user.sees_district else {}
    form = AppointmentForm(request.POST or None, request.FILES or None, user=user, initial=initial)

    def save():
        data = form.model_data()
        if user.is_school_admin:
            data["organization"] = user.organization
        return services.appointment_create(data=data, user=user)

    done = save_form(request, form, save, success="已登记法律顾问聘任。")
    back = reverse("legalaid:index")
    return done or form_page(
        request, "legalaid/form.html", {"form": form, "title": "登记法律顾问聘任", "back": back, "multipart": True}
    )


@access(RECORD_KEEPERS)
def appointment_edit(request, pk):
    appointment = selectors.get_appointment_for_user(request.user, pk, write=True)
    form = AppointmentForm(request.POST or None, request.FILES or None, instance=appointment, user=request.user)
    done = save_form(
        request,
        form,
        lambda: services.appointment_update(
            appointment=appointment, data=form.model_data(), user=request.user, expected_version=form.loaded_version
        ),
        success="已保存。",
    )
    return done or form_page(
        request,
        "legalaid/form.html",
        {
            "form": form,
            "title": f"编辑聘任：{appointment.organization.name}",
            "back": appointment.get_absolute_url(),
            "multipart": True,
        },
    )


@access(RECORD_KEEPERS)
def appointment_terminate(request, pk):
    appointment = selectors.get_appointment_for_user(request.user, pk, write=True)
    form = TerminateForm(request.POST or None)
    done = save_form(
        request,
        form,
        lambda: services.appointment_terminate(
            appointment=appointment, on=form.cleaned_data["on"], reason=form.cleaned_data["reason"], user=request.user
        ),
        success="已登记提前解聘。",
        next_url=appointment,
    )
    return done or form_page(
        request,
        "legalaid/form.html",
        {"form": form, "title": f"提前解聘：{appointment}", "back": appointment.get_absolute_url()},
    )


@access(ANY_SIGNED_IN)
def appointment_contract(request, pk):
    appointment = selectors.get_appointment_for_user(request.user, pk)
    return serve_file(appointment.contract_file, download_name=appointment.contract_name or "聘用合同")


@access(ANY_SIGNED_IN)
def appointment_contract_version(request, pk, history_id):
    """A contract as it was at one entry of the appointment's history (a replaced contract is kept)."""
    version = selectors.get_contract_version_for_user(request.user, pk, history_id)
    return serve_stored(version.contract_file, download_name=version.contract_name or "聘用合同")


def _contract_url(version) -> str:
    return reverse("legalaid:appointment_contract_version", args=[version.id, version.history_id])


@access(ANY_SIGNED_IN)
def appointment_history(request, pk):
    appointment = selectors.get_appointment_for_user(request.user, pk)
    rows = history_rows(appointment, files={"contract_file": FileLink("contract_name", _contract_url)})
    return render(
        request, "core/history.html", {"object": appointment, "rows": rows, "back": appointment.get_absolute_url()}
    )


@access(ANY_SIGNED_IN)
def appointment_search(request):
    """The matches of the service log's 法律顾问 menu as JSON (core.widgets.SearchModelSelect): at most
    20 appointments the user may read, by school name or pinyin or lawyer name."""
    rows = selectors.appointment_matches(request.user, request.GET.get("q", "")[:50])
    results = [
        {
            "id": a.pk,
            "text": appointment_label(a),
            "pinyin": a.organization.name_pinyin,
            "code": "",
            "key": a.organization.name_key,
        }
        for a in rows
    ]
    return JsonResponse({"results": results})
