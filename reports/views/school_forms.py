"""依法治校年度报告表: the school fills its own form; the bureau sees who has submitted and reviews."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import ANY_SIGNED_IN, access
from accounts.roles import BUREAU_WRITERS, DISTRICT_ROLES, Role
from core import stats
from core.exports import xlsx_export
from core.forms import form_status, save_form
from core.history import history_rows
from core.listing import paginate, query_without_page
from directory.models import SCHOOL_KINDS, OrgKind

from .. import selectors, services
from ..forms import SCHOOL_FORM_SECTIONS, ReturnForm, SchoolFormForm
from ..models import SchoolFormStatus
from .common import flash_errors

SCHOOLS = frozenset({Role.SCHOOL_ADMIN})
ROSTER_STATUS = [
    ("", "全部"),
    ("done", "已提交（含已确认）"),
    ("missing", "未提交"),
    ("none", "未开始填报"),
    *SchoolFormStatus.choices,
]


ORDERINGS = [
    ("", "默认（按类型）"),
    ("name", "学校名称"),
    ("-submitted", "提交时间（新→旧）"),
    ("township", "乡镇（街道）"),
]


def school_form_summary(year: int) -> list[dict]:
    """应报 and each state, as the stat tiles above the roster (read from the registered statistics)."""
    total = stats.get("reports.school_forms_total").value(year)
    return [{"label": "应报", "value": total, "status": ""}] + [
        {"label": row["label"], "value": row["value"], "status": STATUS_KEYS.get(row["label"], "none")}
        for row in stats.get("reports.school_forms_by_status").value(year)
    ]


STATUS_KEYS = {str(label): value for value, label in SchoolFormStatus.choices}


def reporting_year(request) -> int:
    """The year asked for (?year=), by default last year: forms report on the year just ended."""
    default = timezone.localdate().year - 1
    try:
        year = int(request.GET.get("year", default))
    except ValueError:
        return default
    return year if 2000 <= year <= default + 1 else default


@access(SCHOOLS)
def school_form_mine(request):
    """The school's own form for the year: started and prefilled on first visit."""
    year = reporting_year(request)
    forms = selectors.school_forms_for_user(request.user).order_by("-year")
    current = next((f for f in forms if f.year == year), None)
    if request.method == "POST":
        try:
            current = services.school_form_start(organization=request.user.organization, year=year, user=request.user)
        except ValidationError as exc:
            flash_errors(request, exc)
            return redirect(f"{request.path}?year={year}")
        messages.success(request, f"已创建{year}年度报告表，并按本校记录预填了数据，请核对补充。")
        return redirect("reports:school_form_edit", pk=current.pk)
    return render(request, "reports/school_form_mine.html", {"year": year, "current": current, "forms": forms})


def _roster(request, year):
    return selectors.school_form_roster(
        year,
        status=request.GET.get("status", ""),
        q=request.GET.get("q", ""),
        kind=request.GET.get("kind", ""),
        ordering=request.GET.get("ordering", ""),
        counsel=request.GET.get("counsel", ""),
    )


@access(DISTRICT_ROLES)
def school_form_list(request):
    """Who has submitted: every school that owes a form, with the state of its form."""
    year = reporting_year(request)
    rows = _roster(request, year)
    page = paginate(request, rows)
    return render(
        request,
        "reports/school_form_list.html",
        {
            "year": year,
            "page": page,
            "query": query_without_page(request),
            "status_choices": ROSTER_STATUS,
            "kind_choices": [(k.value, k.label) for k in OrgKind if k in SCHOOL_KINDS],
            "status_labels": dict(SchoolFormStatus.choices),
            "params": request.GET,
            "orderings": ORDERINGS,
            "summary": school_form_summary(year),
            "totals": selectors.roster_totals(rows, year),
        },
    )


@access(DISTRICT_ROLES)
def school_form_export(request):
    year = reporting_year(request)
    labels = dict(SchoolFormStatus.choices)
    rows = [
        [
            year,
            org.name,
            org.get_kind_display(),
            str(org.township),
            labels.get(org.form_status, "未开始填报"),
            timezone.localtime(org.form_submitted_at).strftime("%Y-%m-%d %H:%M") if org.form_submitted_at else "",
        ]
        for org in _roster(request, year)
    ]
    headers = ["年度", "学校", "类型", "乡镇（街道）", "填报状态", "提交时间"]
    return xlsx_export(label=f"{year}年度依法治校年度报告表填报情况", headers=headers, rows=rows).response()


def _shown(value) -> str:
    """是/否 for yes/no, 0 as 0, and — only for what is really empty."""
    if isinstance(value, bool):
        return "是" if value else "否"
    return "—" if value is None or value == "" else str(value)


def detail_sections(form) -> list[tuple[str, list[dict]]]:
    """The form's parts as rows: label, value, and for prefilled fields the source and whether corrected."""
    corrected = set(form.corrected_fields())
    sections = []
    for title, names in SCHOOL_FORM_SECTIONS:
        rows = []
        for name in names:
            entry = form.prefilled.get(name) if isinstance(form.prefilled.get(name), dict) else {}
            rows.append(
                {
                    "label": form._meta.get_field(name).verbose_name,
                    "value": _shown(getattr(form, name)),
                    "source": entry.get("source", ""),
                    "url": entry.get("url", ""),
                    "corrected": name in corrected,
                    "recorded": _shown(form.prefilled_value(name)) if entry else None,
                }
            )
        sections.append((title, rows))
    return sections


@access(ANY_SIGNED_IN)
def school_form_detail(request, pk):
    form = selectors.get_school_form_for_user(request.user, pk)
    return render(
        request,
        "reports/school_form_detail.html",
        {
            "form": form,
            "sections": detail_sections(form),
            "return_form": ReturnForm(),
            "history": history_rows(form),
        },
    )


@access(SCHOOLS)
def school_form_edit(request, pk):
    instance = selectors.get_school_form_for_user(request.user, pk, write=True)
    if not instance.editable:
        messages.error(request, "报告表已提交，不能修改；如需修改请联系教育局退回。")
        return redirect(instance)
    form = SchoolFormForm(request.POST or None, instance=instance)
    done = save_form(
        request,
        form,
        lambda: services.school_form_update(
            form=instance, data=form.model_data(), user=request.user, expected_version=form.loaded_version
        ),
        success="已保存。确认无误后请点击“提交”。",
        next_url=instance,
    )
    return done or render(
        request, "reports/school_form_edit.html", {"form": form, "object": instance}, status=form_status(form)
    )


@access(SCHOOLS)
def school_form_submit(request, pk):
    instance = selectors.get_school_form_for_user(request.user, pk, write=True)  # scope first: 404 for others
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.school_form_submit(form=instance, user=request.user)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            names = "、".join(str(instance._meta.get_field(n).verbose_name) for n in exc.error_dict)
            messages.error(request, f"提交前请填写：{names}。")
        else:
            flash_errors(request, exc)
        return redirect("reports:school_form_edit", pk=instance.pk)
    messages.success(request, "已提交教育局。")
    return redirect(instance)


@access(BUREAU_WRITERS)
@require_POST
def school_form_return(request, pk):
    instance = selectors.get_school_form_for_user(request.user, pk)
    try:
        services.school_form_return(form=instance, user=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, f"已退回{instance.organization.name}。")
    return redirect(instance)


@access(BUREAU_WRITERS)
@require_POST
def school_form_accept(request, pk):
    instance = selectors.get_school_form_for_user(request.user, pk)
    try:
        services.school_form_accept(form=instance, user=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, f"已确认{instance.organization.name}的报告表。")
    return redirect(instance)
