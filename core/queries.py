"""Query expressions the apps share."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce


def related_count(model, fk: str):
    """How many `model` rows point at the outer row through `fk`: a correlated subquery, so it is
    computed for the rows a page fetches only (a JOIN + GROUP BY counted every row of a province)."""
    per_row = model.objects.filter(**{fk: OuterRef("pk")}).order_by().values(fk).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(per_row[:1], output_field=IntegerField()), 0)
