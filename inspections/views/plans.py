"""检查行动 pages (their 双随机 draws are in views/draws.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import access
from accounts.roles import BUREAU_WRITERS, DISTRICT_ROLES
from core.forms import form_status, save_form
from core.listing import list_page

from .. import selectors, services
from ..combined_selectors import plan_inspections_q
from ..exports import plan_rows
from ..filters import PlanFilter
from ..forms import PlanForm
from ..models import Inspection
from .common import Table, export_response


def _plans(request):
    return PlanFilter(request.GET, queryset=selectors.plans_for_user(request.user))


@access(DISTRICT_ROLES)
def plan_list(request):
    # 计划检查数 summed with the count: the denominator of the report's 计划检查完成率.
    return list_page(request, "inspections/plan_list.html", _plans(request), totals={"planned": Sum("planned_count")})


@access(DISTRICT_ROLES)
def plan_export(request):
    return export_response(request, label="检查行动", table=plan_table)


def plan_table(request) -> Table:
    return Table.from_queryset(_plans(request).qs, plan_rows)


@access(DISTRICT_ROLES)
def plan_detail(request, pk):
    plan = selectors.get_plan_for_user(request.user, pk)
    inspections = Inspection.objects.filter(plan_inspections_q(plan.pk))
    by_conclusion = inspections.values("conclusion").annotate(n=Count("id")).order_by("conclusion")
    draws = plan.draws.select_related("created_by").order_by("-sequence")
    return render(
        request,
        "inspections/plan_detail.html",
        {
            "plan": plan,
            "draws": draws,
            "by_conclusion": by_conclusion,
            "recent": selectors.inspections_for_user(request.user).filter(plan_inspections_q(plan.pk))[:10],
            "changes": services.changes_of(plan),
        },
    )


def _plan_data(form) -> tuple[dict, list]:
    data = form.model_data()
    data["target_kinds"] = list(form.cleaned_data["target_kinds"])
    return data, list(form.cleaned_data["partners"])


@access(BUREAU_WRITERS)
def plan_create(request):
    form = PlanForm(request.POST or None)

    def save():
        data, partners = _plan_data(form)
        return services.plan_create(data=data, partners=partners, user=request.user)

    done = save_form(request, form, save, success=lambda plan: f"已创建检查行动“{plan.name}”。")
    return done or render(
        request, "inspections/form.html", {"form": form, "title": "新建检查行动"}, status=form_status(form)
    )


@access(BUREAU_WRITERS)
def plan_edit(request, pk):
    plan = selectors.get_plan_for_user(request.user, pk, write=True)
    form = PlanForm(request.POST or None, instance=plan)

    def save():
        data, partners = _plan_data(form)
        return services.plan_update(
            plan=plan, data=data, partners=partners, user=request.user, expected_version=form.loaded_version
        )

    done = save_form(request, form, save, success="已保存。")
    return done or render(
        request,
        "inspections/form.html",
        {"form": form, "title": f"编辑检查行动：{plan.name}", "back": plan.get_absolute_url()},
        status=form_status(form),
    )


@access(BUREAU_WRITERS)
@require_POST
def plan_publish(request, pk):
    plan = selectors.get_plan_for_user(request.user, pk, write=True)
    try:
        services.plan_publish_results(plan=plan, user=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "检查结论已在“一公开”页面公开。")
    return redirect(plan)
