"""双随机一公开: the public pages (no login): plans, draws with verification data, conclusions."""

from django.shortcuts import render

from accounts.access import public
from core.listing import paginate

from .. import selectors, services
from ..models import Inspection
from .plans import _draw_context


@public
def public_draws(request):
    plans = selectors.published_plans().prefetch_related("draws", "partners")
    return render(request, "inspections/public_draws.html", {"page": paginate(request, plans), "query": ""})


@public
def public_draw(request, pk):
    draw = selectors.get_published_draw(pk)
    context = _draw_context(draw)
    context["verification"] = services.draw_verify(draw)
    drawn = [e.organization_id for e in context["entities"]]
    results = {
        i.organization_id: i
        for i in Inspection.objects.filter(plan=draw.plan, organization_id__in=drawn).order_by("inspected_on")
    }
    context["results"] = [(e, results.get(e.organization_id)) for e in context["entities"]]
    context["other_draws"] = draw.plan.draws.exclude(pk=draw.pk).order_by("sequence")
    return render(request, "inspections/public_draw.html", context)
