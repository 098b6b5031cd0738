"""检查行动 pages, with their 双随机 draws."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import access
from accounts.roles import BUREAU_WRITERS, DISTRICT_ROLES
from core.forms import form_status, save_form
from core.listing import list_page
from directory.models import Organization, OrgKind

from .. import selectors, services
from ..exports import plan_rows
from ..filters import PlanFilter
from ..forms import DrawForm, PlanForm
from ..models import Inspection, Officer
from .common import Table, export_response


def _plans(request):
    return PlanFilter(request.GET, queryset=selectors.plans_for_user(request.user))


@access(DISTRICT_ROLES)
def plan_list(request):
    return list_page(request, "inspections/plan_list.html", _plans(request))


@access(DISTRICT_ROLES)
def plan_export(request):
    return export_response(request, label="检查行动", table=plan_table)


def plan_table(request) -> Table:
    return Table.from_queryset(_plans(request).qs, plan_rows)


@access(DISTRICT_ROLES)
def plan_detail(request, pk):
    plan = selectors.get_plan_for_user(request.user, pk)
    by_conclusion = plan.inspections.values("conclusion").annotate(n=Count("id")).order_by("conclusion")
    draws = plan.draws.select_related("created_by").order_by("-sequence")
    return render(
        request,
        "inspections/plan_detail.html",
        {
            "plan": plan,
            "draws": draws,
            "by_conclusion": by_conclusion,
            "recent": selectors.inspections_for_user(request.user).filter(plan=plan)[:10],
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
        messages.success(request, "抽查结果已在“一公开”页面公开。")
    return redirect(plan)


@access(BUREAU_WRITERS)
def draw_create(request, pk):
    plan = selectors.get_plan_for_user(request.user, pk, write=True)
    form = DrawForm(request.POST or None, plan=plan)
    done = save_form(
        request,
        form,
        lambda: services.draw_commit(
            plan=plan,
            quotas=form.quotas(),
            user=request.user,
            officers_per_entity=form.cleaned_data["officers_per_entity"],
            township=form.cleaned_data["township"],
            exclude_recent_months=form.cleaned_data["exclude_recent_months"] or 0,
            officers=list(form.cleaned_data["officers"]) or None,
            redraw_reason=form.cleaned_data["redraw_reason"] or "",
        ),
        success="检查对象库和执法人员库已冻结，种子承诺值已记录。请核对后执行抽取。",
    )
    if done:
        return done
    has_draw = plan.draws.exists()
    return render(
        request,
        "inspections/draw_form.html",
        {
            "form": form,
            "plan": plan,
            "has_draw": has_draw,
            "certified": Officer.objects.certified_on(timezone.localdate()).count(),
        },
        status=form_status(form),
    )


def _draw_context(draw) -> dict:
    labels = dict(OrgKind.choices)
    ids = [pk for pool in draw.entity_pool.values() for pk in pool]
    names = dict(Organization.objects.filter(pk__in=ids).values_list("id", "name"))
    officer_names = dict(Officer.objects.filter(pk__in=draw.officer_pool).values_list("id", "name"))
    pools = [
        {
            "kind": labels.get(kind, kind),
            "quota": draw.quotas.get(kind, 0),
            "members": [(pk, names.get(pk, f"#{pk}")) for pk in pool],
        }
        for kind, pool in sorted(draw.entity_pool.items())
    ]
    entities = list(draw.entities.select_related("organization").prefetch_related("officers"))
    drawn = [e.organization_id for e in entities]
    # Oldest first, so that an organization inspected twice under the plan shows its latest result.
    inspected = {
        i.organization_id: i
        for i in Inspection.objects.filter(plan_id=draw.plan_id, organization_id__in=drawn).order_by(
            "inspected_on", "id"
        )
    }
    for entity in entities:
        entity.result = inspected.get(entity.organization_id)
    return {
        "draw": draw,
        "pools": pools,
        "entities": entities,
        "officer_pool": [(pk, officer_names.get(pk, f"#{pk}")) for pk in draw.officer_pool],
    }


@access(DISTRICT_ROLES)
def draw_detail(request, pk):
    draw = selectors.get_draw_for_user(request.user, pk)
    context = _draw_context(draw)
    if draw.status != "committed":
        context["verification"] = services.draw_verify(draw)
    context["changes"] = services.changes_of(draw)
    return render(request, "inspections/draw_detail.html", context)


@access(BUREAU_WRITERS)
@require_POST
def draw_perform(request, pk):
    draw = selectors.get_draw_for_user(request.user, pk, write=True)
    try:
        services.draw_perform(draw=draw, user=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "抽取完成，随机种子已公开，任何人可据此复核。")
    return redirect(draw)
