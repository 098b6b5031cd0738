"""Coverage, a school's counsel page, and the registry of law firms and lawyers."""

from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy

from accounts.access import ANY_SIGNED_IN, access
from accounts.roles import BUREAU_WRITERS, DISTRICT_ROLES
from core.caching import DataVersion
from core.exports import Table, export_response, xlsx_export
from core.forms import save_form
from core.history import history_rows
from core.import_views import make_import_view
from core.listing import list_page

from .. import selectors, services
from ..filters import CoverageFilter, FirmFilter, LawyerFilter
from ..forms import FirmForm, LawyerForm
from ..models import ENDING_SOON_DAYS
from ..resources import LawyerResource
from .common import form_page, parse_day


@access(ANY_SIGNED_IN)
def index(request):
    """Bureau users land on the coverage page, a school administrator on their school's counsel page."""
    if request.user.sees_district:
        return redirect("legalaid:coverage")
    if request.user.organization_id:
        return redirect("legalaid:school_counsel", pk=request.user.organization_id)
    return redirect("core:home")


def _coverage(request):
    day = parse_day(request.GET.get("on"))
    # Unless the user sorts otherwise: schools without counsel first, then those whose counsel ends soon.
    rows = selectors.coverage_rows(day).order_by("covered", "lasting", "kind_rank", "name_key", "id")
    return day, CoverageFilter(request.GET, queryset=rows)


# A province has over a thousand townships: beyond this many, the summary lists the lowest rates.
MAX_TOWNSHIP_ROWS = 50


def _township_rows(rows: list[dict]) -> tuple[list[dict], int]:
    """The townships to show (all, or the lowest coverage first) and how many are left out."""
    if len(rows) <= MAX_TOWNSHIP_ROWS:
        return rows, 0
    lowest = sorted(rows, key=lambda r: (r["rate"], -r["total"]))[:MAX_TOWNSHIP_ROWS]
    return lowest, len(rows) - len(lowest)


@access(DISTRICT_ROLES)
def coverage(request):
    day, filterset = _coverage(request)
    # One data version for the summary, the list's order and the rendered summary tables.
    version = DataVersion(*selectors.COVERAGE_SOURCES)
    summary = selectors.coverage_summary(day, version)
    townships, townships_hidden = _township_rows(summary["by_township"])
    return list_page(
        request,
        "legalaid/coverage.html",
        filterset,
        keys=selectors.coverage_order(filterset.qs, version),
        version=version,
        day=day,
        day_iso=day.isoformat(),
        summary=summary,
        townships=townships,
        townships_hidden=townships_hidden,
        soon_days=ENDING_SOON_DAYS,
    )


@access(DISTRICT_ROLES)
def coverage_export(request):
    day, filterset = _coverage(request)
    headers = [
        "学校/幼儿园",
        "机构类型",
        "乡镇（街道）",
        "法律顾问状态",
        "法律顾问",
        "律师事务所",
        "聘期至",
        "剩余天数",
    ]

    def rows():
        for org in filterset.qs:
            if not org.covered:
                yield [org.name, org.get_kind_display(), org.township.name, "未聘", "", "", "", ""]
                continue
            state = "已聘" if org.lasting else f"{ENDING_SOON_DAYS}天内到期"
            last = max(org.current_counsel, key=lambda a: a.ends_on)
            yield [
                org.name,
                org.get_kind_display(),
                org.township.name,
                state,
                "、".join(a.lawyer.name for a in org.current_counsel),
                "、".join(sorted({a.lawyer.firm.name for a in org.current_counsel})),
                last.ends_on,
                (last.ends_on - day).days,
            ]

    return xlsx_export(label=f"法律顾问覆盖情况_{day:%Y%m%d}", headers=headers, rows=rows()).response()


@access(ANY_SIGNED_IN)
def school_counsel(request, pk):
    organization = selectors.get_school_for_user(request.user, pk)
    appointments = list(selectors.school_appointments(organization))
    current = [a for a in appointments if a.state in ("active", "ending")]
    return render(
        request,
        "legalaid/school_counsel.html",
        {
            "org": organization,
            "current": current,
            "appointments": appointments,
            "services": selectors.services_for_user(request.user).filter(appointment__organization=organization)[:10],
            "activities": selectors.activities_for_user(request.user).filter(organizations=organization)[:10],
            "can_write": selectors.can_write_for_org(request.user, organization.pk),
        },
    )


# --- law firms ----------------------------------------------------------------------------------


@access(DISTRICT_ROLES)
def firm_list(request):
    filterset = FirmFilter(request.GET, queryset=selectors.firms_for_user(request.user))
    return list_page(request, "legalaid/firm_list.html", filterset)


@access(DISTRICT_ROLES)
def firm_detail(request, pk):
    firm = selectors.get_firm_for_user(request.user, pk)
    lawyers = selectors.lawyers_for_user(request.user).filter(firm=firm)
    return render(request, "legalaid/firm_detail.html", {"firm": firm, "lawyers": lawyers})


@access(BUREAU_WRITERS)
def firm_create(request):
    form = FirmForm(request.POST or None)
    done = save_form(
        request,
        form,
        lambda: services.firm_create(data=form.model_data(), user=request.user),
        success="已登记律师事务所。",
    )
    return done or form_page(
        request, "legalaid/form.html", {"form": form, "title": "登记律师事务所", "back": reverse("legalaid:firm_list")}
    )


@access(BUREAU_WRITERS)
def firm_edit(request, pk):
    firm = selectors.get_firm_for_user(request.user, pk, write=True)
    form = FirmForm(request.POST or None, instance=firm)
    done = save_form(
        request,
        form,
        lambda: services.firm_update(
            firm=firm, data=form.model_data(), user=request.user, expected_version=form.loaded_version
        ),
        success="已保存。",
    )
    return done or form_page(
        request, "legalaid/form.html", {"form": form, "title": f"编辑：{firm.name}", "back": firm.get_absolute_url()}
    )


# --- lawyers ------------------------------------------------------------------------------------


def _lawyers(request):
    return LawyerFilter(request.GET, queryset=selectors.lawyers_for_user(request.user))


@access(DISTRICT_ROLES)
def lawyer_list(request):
    return list_page(request, "legalaid/lawyer_list.html", _lawyers(request))


def lawyer_table(request) -> Table:
    queryset = _lawyers(request).qs.select_related("firm")
    if request.GET.get("template"):
        queryset = queryset.none()
    return Table.from_resource(LawyerResource(), queryset)


@access(DISTRICT_ROLES)
def lawyer_export(request):
    return export_response(request, label="律师名册", table=lawyer_table)


lawyer_import = make_import_view(
    resource_class=LawyerResource,
    title="导入律师名册",
    roles=BUREAU_WRITERS,
    done_url=reverse_lazy("legalaid:lawyer_list"),
    template_hint="legalaid:lawyer_export",
)


@access(DISTRICT_ROLES)
def lawyer_detail(request, pk):
    lawyer = selectors.get_lawyer_for_user(request.user, pk)
    appointments = selectors.appointments_for_user(request.user).filter(lawyer=lawyer).order_by("-start_date")
    return render(request, "legalaid/lawyer_detail.html", {"lawyer": lawyer, "appointments": appointments})


@access(BUREAU_WRITERS)
def lawyer_create(request):
    form = LawyerForm(request.POST or None, initial={"firm": request.GET.get("firm")})
    done = save_form(
        request, form, lambda: services.lawyer_create(data=form.model_data(), user=request.user), success="已登记律师。"
    )
    return done or form_page(
        request, "legalaid/form.html", {"form": form, "title": "登记律师", "back": reverse("legalaid:lawyer_list")}
    )


@access(BUREAU_WRITERS)
def lawyer_edit(request, pk):
    lawyer = selectors.get_lawyer_for_user(request.user, pk, write=True)
    form = LawyerForm(request.POST or None, instance=lawyer)
    done = save_form(
        request,
        form,
        lambda: services.lawyer_update(
            lawyer=lawyer, data=form.model_data(), user=request.user, expected_version=form.loaded_version
        ),
        success="已保存。",
    )
    return done or form_page(
        request,
        "legalaid/form.html",
        {"form": form, "title": f"编辑：{lawyer.name}", "back": lawyer.get_absolute_url()},
    )


@access(DISTRICT_ROLES)
def lawyer_history(request, pk):
    lawyer = selectors.get_lawyer_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {"object": lawyer, "rows": history_rows(lawyer), "back": lawyer.get_absolute_url()},
    )
