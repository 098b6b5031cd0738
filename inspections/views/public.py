"""双随机一公开: the public pages (no login): plans, draws with verification data, conclusions."""

from django.db.models import Prefetch
from django.shortcuts import render

from accounts.access import public
from core.listing import paginate

from .. import selectors, services
from .plans import _draw_context


@public
def public_draws(request):
    plans = selectors.published_plans().prefetch_related(
        Prefetch("draws", queryset=selectors.public_draws()), "partners"
    )
    return render(request, "inspections/public_draws.html", {"page": paginate(request, plans), "query": ""})


@public
def public_draw(request, pk):
    draw = selectors.get_published_draw(pk)
    context = _draw_context(draw)
    context["verification"] = services.draw_verify(draw)
    context["results"] = [(e, e.result) for e in context["entities"]]
    context["other_draws"] = selectors.public_draws().filter(plan=draw.plan).exclude(pk=draw.pk)
    return render(request, "inspections/public_draw.html", context)
