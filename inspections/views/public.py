"""双随机一公开: the public pages (no login). Every draw is public from its commit (pools, quotas,
commitment; seed and selection once performed); the conclusions of the inspections once the bureau
has published them (公开检查结论)."""

from django.db.models import Prefetch
from django.shortcuts import render

from accounts.access import public
from core.listing import paginate

from .. import selectors
from .draws import draw_context


@public
def public_draws(request):
    plans = selectors.public_plans().prefetch_related(Prefetch("draws", queryset=selectors.public_draws()), "partners")
    return render(request, "inspections/public_draws.html", {"page": paginate(request, plans), "query": ""})


@public
def public_draw(request, pk):
    draw = selectors.get_public_draw(pk)
    context = draw_context(draw, conclusions_public=bool(draw.plan.results_published_at))
    context["other_draws"] = selectors.public_draws().filter(plan=draw.plan).exclude(pk=draw.pk)
    return render(request, "inspections/public_draw.html", context)
