"""机构名录 pages. Thin: check access, bind, call a selector or service, render."""

from django.db.models import Sum
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.dateparse import parse_date

from accounts.access import ANY_SIGNED_IN, access
from accounts.roles import BUREAU_WRITERS, DISTRICT_ROLES
from core.exports import Table, export_response
from core.forms import form_status, save_form
from core.history import history_rows
from core.import_views import make_import_view
from core.listing import list_page

from . import selectors, services
from .filters import OrganizationFilter
from .forms import OrganizationForm, OrganizationStatusForm
from .models import OrgKind
from .resources import OrganizationResource


def _filtered(request):
    return OrganizationFilter(request.GET, queryset=selectors.organizations_for_user(request.user))


@access(DISTRICT_ROLES)
def organization_list(request):
    # 办学点合计 with the count: the report's “办学点N个” traces to this sum.
    return list_page(
        request, "directory/organization_list.html", _filtered(request), totals={"sites": Sum("sites")}, keys_first=True
    )


def organization_table(request) -> Table:
    queryset = _filtered(request).qs.select_related("township")
    if request.GET.get("template"):
        queryset = queryset.none()
    return Table.from_resource(OrganizationResource(), queryset)


@access(DISTRICT_ROLES)
def organization_export(request):
    return export_response(request, label="机构名录", table=organization_table)


organization_import = make_import_view(
    resource_class=OrganizationResource,
    title="导入机构名录",
    roles=BUREAU_WRITERS,
    done_url=reverse_lazy("directory:organization_list"),
    template_hint="directory:organization_export",
)


@access(ANY_SIGNED_IN)
def organization_detail(request, pk):
    organization = selectors.get_organization_for_user(request.user, pk)
    return render(request, "directory/organization_detail.html", {"org": organization})


@access(ANY_SIGNED_IN)
def organization_search(request):
    """The matches of a searchable organization menu (core.widgets.SearchSelect) as JSON, at most 20,
    within what the user may read and the limits the menu passes (kind, open_on, active)."""
    try:
        open_on = parse_date(request.GET.get("open_on", ""))
    except ValueError:
        open_on = None
    rows = selectors.organization_matches(
        request.user,
        request.GET.get("q", "")[:50],
        kinds=[kind for kind in request.GET.getlist("kind") if kind in OrgKind.values],
        open_on=open_on,
        active=request.GET.get("active") == "1",
    ).values_list("pk", "name", "name_pinyin", "credit_code", "name_key")
    # `pinyin` and `code` let the box match what the server matched; `key` keeps the pinyin order.
    fields = ("id", "text", "pinyin", "code", "key")
    return JsonResponse({"results": [dict(zip(fields, row, strict=True)) for row in rows]})


@access(ANY_SIGNED_IN)
def organization_history(request, pk):
    organization = selectors.get_organization_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {"object": organization, "rows": history_rows(organization), "back": organization.get_absolute_url()},
    )


@access(BUREAU_WRITERS)
def organization_create(request):
    form = OrganizationForm(request.POST or None)
    done = save_form(
        request,
        form,
        lambda: services.organization_create(data=form.model_data(), user=request.user),
        success=lambda organization: f"已登记机构“{organization.name}”。",
    )
    return done or render(request, "directory/organization_form.html", {"form": form}, status=form_status(form))


@access(BUREAU_WRITERS)
def organization_edit(request, pk):
    organization = selectors.get_organization_for_user(request.user, pk, write=True)
    form = OrganizationForm(request.POST or None, instance=organization)
    done = save_form(
        request,
        form,
        lambda: services.organization_update(
            organization=organization, data=form.model_data(), user=request.user, expected_version=form.loaded_version
        ),
        success="已保存。",
        next_url=organization,
    )
    return done or render(
        request, "directory/organization_form.html", {"form": form, "org": organization}, status=form_status(form)
    )


@access(BUREAU_WRITERS)
def organization_status(request, pk):
    organization = selectors.get_organization_for_user(request.user, pk, write=True)
    form = OrganizationStatusForm(
        request.POST or None, organization=organization, initial={"expected_version": organization.version}
    )
    done = save_form(
        request,
        form,
        lambda: services.organization_change_status(
            organization=organization,
            status=form.cleaned_data["status"],
            on=form.cleaned_data["status_date"],
            reason=form.cleaned_data["reason"],
            user=request.user,
            expected_version=form.cleaned_data["expected_version"],
        ),
        success=lambda changed: f"办学状态已改为“{changed.get_status_display()}”。",
        next_url=organization,
    )
    return done or render(
        request, "directory/organization_status.html", {"form": form, "org": organization}, status=form_status(form)
    )
