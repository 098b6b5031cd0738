"""规范涉企行政检查 (国办发〔2024〕54号): the 检查事项清单 (kept by the bureau, published to everyone), the
frequency rules, the leader's approvals of over-cap and repeat visits, and the frequency dashboard."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import access, public
from accounts.roles import BUREAU_WRITERS, DISTRICT_ROLES, Role
from core.dates import parse_year
from core.exports import xlsx_export
from core.forms import form_status, save_form
from core.listing import paginate, query_without_page

from .. import regulation_selectors as selectors
from .. import services
from ..regulation_forms import CheckMatterForm, FrequencyRuleForm, MatterPublishForm, VisitApprovalForm
from ..stats_2025 import approved_frequency_visits, cap_breaches, repeat_visits


# 检查事项清单 (bureau) ------------------------------------------------------------------------------
@access(DISTRICT_ROLES)
def matter_list(request):
    items = selectors.matter_items_for_user(request.user)
    state = request.GET.get("state", "")
    if state == "published":
        items = items.filter(matter__published_on__isnull=False)
    elif state == "unpublished":
        items = items.exclude(matter__published_on__isnull=False)
    return render(
        request,
        "inspections/matter_list.html",
        {"page": paginate(request, items), "query": query_without_page(request), "state": state},
    )


@access(BUREAU_WRITERS)
def matter_edit(request, pk):
    item = selectors.get_matter_item_for_user(request.user, pk, write=True)
    matter = getattr(item, "matter", None)
    form = CheckMatterForm(request.POST or None, instance=matter)
    done = save_form(
        request,
        form,
        lambda: services.matter_save(
            item=item, data=form.model_data(), user=request.user, expected_version=form.loaded_version
        ),
        success="已保存检查事项。",
        next_url="inspections:matter_list",
    )
    return done or render(
        request,
        "inspections/matter_form.html",
        {"form": form, "item": item, "matter": matter, "publish_form": MatterPublishForm(initial=_version(matter))},
        status=form_status(form),
    )


def _version(matter) -> dict:
    return {"expected_version": matter.version} if matter else {}


@access(BUREAU_WRITERS)
@require_POST
def matter_publish(request, pk):
    item = selectors.get_matter_item_for_user(request.user, pk, write=True)
    matter = getattr(item, "matter", None)
    if matter is None:
        messages.error(request, "请先填写该事项的实施主体、适用对象和检查方式。")
        return redirect("inspections:matter_edit", pk=item.pk)
    form = MatterPublishForm(request.POST)
    return save_form(
        request,
        form,
        lambda: services.matter_publish(matter=matter, user=request.user, on=form.cleaned_data["published_on"]),
        success=f"已在检查事项清单中公布“{item.text}”。",
        next_url="inspections:matter_list",
        failure="公布失败：",
    )


# 检查事项清单 and officers (public) -------------------------------------------------------------------
def _matter_rows(matters):
    for m in matters:
        yield [
            m.item.checklist.name,
            m.item.number,
            m.item.get_area_display(),
            m.item.text,
            m.item.legal_basis,
            m.body.name,
            "、".join(m.org_kind_labels()),
            m.get_method_display(),
            m.published_on.strftime("%Y-%m-%d"),
        ]


MATTER_HEADERS = ["检查表", "序号", "检查领域", "检查事项", "法律依据", "实施主体", "适用对象", "检查方式", "公布日期"]


@public
def public_matters(request):
    year = timezone.localdate().year
    return render(
        request,
        "inspections/public_matters.html",
        {
            "page": paginate(request, selectors.public_matters()),
            "query": "",
            "year": year,
            "rules": selectors.public_rules(year),
        },
    )


@public
def public_matters_export(request):
    export = xlsx_export(label="检查事项清单", headers=MATTER_HEADERS, rows=_matter_rows(selectors.public_matters()))
    return export.response()


@public
def public_officers(request):
    return render(
        request,
        "inspections/public_officers.html",
        {"page": paginate(request, selectors.public_officers()), "query": "", "today": timezone.localdate()},
    )


# Frequency rules -----------------------------------------------------------------------------------
@access(DISTRICT_ROLES)
def rule_list(request):
    return render(
        request,
        "inspections/rule_list.html",
        {"page": paginate(request, selectors.rules_for_user(request.user)), "query": query_without_page(request)},
    )


@access(BUREAU_WRITERS)
def rule_create(request):
    form = FrequencyRuleForm(request.POST or None, initial={"year": timezone.localdate().year})
    done = save_form(
        request,
        form,
        lambda: services.rule_create(data=form.model_data(), user=request.user),
        success=lambda rule: f"已设定：{rule}。",
        next_url="inspections:rule_list",
    )
    return done or render(
        request,
        "inspections/form.html",
        {"form": form, "title": "设定检查频次上限", "back": reverse("inspections:rule_list")},
        status=form_status(form),
    )


@access(BUREAU_WRITERS)
def rule_edit(request, pk):
    rule = selectors.get_rule_for_user(request.user, pk, write=True)
    form = FrequencyRuleForm(request.POST or None, instance=rule)
    done = save_form(
        request,
        form,
        lambda: services.rule_update(
            rule=rule, data=form.model_data(), user=request.user, expected_version=form.loaded_version
        ),
        success="已保存。",
        next_url="inspections:rule_list",
    )
    return done or render(
        request,
        "inspections/form.html",
        {"form": form, "title": f"编辑检查频次上限：{rule}", "back": reverse("inspections:rule_list")},
        status=form_status(form),
    )


# Leader's approvals --------------------------------------------------------------------------------
@access(DISTRICT_ROLES)
def approval_list(request):
    return render(
        request,
        "inspections/approval_list.html",
        {"page": paginate(request, selectors.approvals_for_user(request.user)), "query": query_without_page(request)},
    )


@access({Role.LEADER})
def approval_create(request):
    form = VisitApprovalForm(request.POST or None)
    done = save_form(
        request,
        form,
        lambda: services.approval_create(
            organization=form.cleaned_data["organization"],
            visit_on=form.cleaned_data["visit_on"],
            reason=form.cleaned_data["reason"],
            on=form.cleaned_data["approved_on"],
            user=request.user,
        ),
        success=lambda a: f"已审批同意{a}的检查。",
        next_url="inspections:approval_list",
    )
    return done or render(
        request,
        "inspections/form.html",
        {
            "form": form,
            "title": "审批超频或重复检查",
            "back": reverse("inspections:approval_list"),
            "submit_label": "审批同意",
        },
        status=form_status(form),
    )


# The frequency dashboard ---------------------------------------------------------------------------
@access(DISTRICT_ROLES)
def frequency_dashboard(request):
    year = parse_year(request.GET.get("year"))
    figures = [
        (stat.__name__, label, stat(year), url)
        for stat, label, url in (
            (repeat_visits, "重复检查", selectors.inspection_list_url(year=year, flag="repeat")),
            (cap_breaches, "超出年度上限", selectors.inspection_list_url(year=year, flag="cap")),
            (approved_frequency_visits, "经领导审批", selectors.inspection_list_url(year=year, flag="approved")),
        )
    ]
    return render(
        request,
        "inspections/frequency_dashboard.html",
        {
            "year": year,
            "years": range(timezone.localdate().year, 2020, -1),
            "figures": figures,
            "top": selectors.most_inspected(year),
            "rules": selectors.public_rules(year),
        },
    )
