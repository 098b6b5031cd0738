"""双随机 draw pages for the bureau: commit (freeze the pools), the draw's page, perform."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import access
from accounts.roles import BUREAU_WRITERS, DISTRICT_ROLES
from core.forms import form_status, save_form

from .. import selectors, services
from ..models import DrawStatus, Officer
from ..record_forms import DrawForm


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
        success="检查对象库和执法人员库已冻结，种子承诺值已记录并在“一公开”页面公开。请核对后执行抽取。",
    )
    if done:
        return done
    return render(
        request,
        "inspections/draw_form.html",
        {
            "form": form,
            "plan": plan,
            "has_draw": plan.draws.exists(),
            "certified": Officer.objects.certified_on(plan.starts_on).count(),
        },
        status=form_status(form),
    )


def draw_context(draw, *, conclusions_public: bool) -> dict:
    """What the bureau's and the public page of a draw show: pools, selection, actual inspections and,
    once performed or withdrawn, the recomputation from the revealed seed."""
    context = {
        "draw": draw,
        "entities": selectors.draw_results(draw),
        "conclusions_public": conclusions_public,
        **selectors.draw_pools(draw),
    }
    if draw.status != DrawStatus.COMMITTED:
        context["verification"] = services.draw_verify(draw)
    return context


@access(DISTRICT_ROLES)
def draw_detail(request, pk):
    draw = selectors.get_draw_for_user(request.user, pk)
    context = draw_context(draw, conclusions_public=True)
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
