"""改革前基数: the steps and visits before the joint window, recorded once by the bureau (the annual
report's “办事环节由3个减少到1个” compares the year's cases with it)."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from accounts.access import access
from accounts.roles import BUREAU_WRITERS, DISTRICT_ROLES
from core.forms import form_status, save_form

from .. import services
from ..forms import BaselineForm
from ..models import ProcedureBaseline


@access(DISTRICT_ROLES)
def baseline_list(request):
    """Every recorded baseline; with `?year=Y`, the one the figures of Y compare with (none or one row)."""
    year = request.GET.get("year", "")
    if year.isdigit():
        baseline = ProcedureBaseline.objects.for_year(int(year))
        rows = [baseline] if baseline else []
    else:
        year, rows = "", list(ProcedureBaseline.objects.all())
    return render(request, "conversions/baseline_list.html", {"rows": rows, "year": year, "count": len(rows)})


def _form_page(request, form, title):
    return render(
        request,
        "conversions/baseline_form.html",
        {"form": form, "title": title, "back": reverse("conversions:baseline_list")},
        status=form_status(form),
    )


@access(BUREAU_WRITERS)
def baseline_create(request):
    form = BaselineForm(request.POST or None)
    done = save_form(
        request,
        form,
        lambda: services.baseline_create(data=form.model_data(), user=request.user),
        success="已登记改革前基数。",
        next_url=reverse("conversions:baseline_list"),
    )
    return done or _form_page(request, form, "登记营转非改革前基数")


@access(BUREAU_WRITERS)
def baseline_edit(request, pk):
    baseline = get_object_or_404(ProcedureBaseline, pk=pk)
    form = BaselineForm(request.POST or None, instance=baseline)
    done = save_form(
        request,
        form,
        lambda: services.baseline_update(
            baseline=baseline, data=form.model_data(), user=request.user, expected_version=form.loaded_version
        ),
        success="已保存。",
        next_url=reverse("conversions:baseline_list"),
    )
    return done or _form_page(request, form, f"编辑{baseline.year}年改革前基数")
