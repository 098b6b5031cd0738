"""The base of every register's filter form."""

import django_filters
from django.db.models import Q

from .queries import contains


class PortalFilterSet(django_filters.FilterSet):
    """The base of every register's filter form (tests check that each speaks Chinese)."""


class StableOrderingFilter(django_filters.OrderingFilter):
    """Sorts by the chosen field, then by primary key in the same direction: rows that tie (cases due
    the same day) keep one order, so paging never shows a row twice or skips one, and the order
    matches the (field, id) indexes."""

    def filter(self, qs, value):
        ordering = [self.get_ordering_value(param) for param in value or () if param]
        if not ordering:
            return qs
        if ordering[-1].lstrip("-") not in ("pk", "id"):
            ordering.append("-pk" if ordering[-1].startswith("-") else "pk")
        return qs.order_by(*ordering)


def ordering(fields: dict, *, empty_label: str = "默认排序") -> django_filters.OrderingFilter:
    """The 排序 menu of a register: `fields` maps a model field to its label, or to (name in the URL,
    label) when the URL keeps a shorter name (`?ordering=-date`)."""
    named = {field: spec if isinstance(spec, tuple) else (field, spec) for field, spec in fields.items()}
    labels = {field: f"{label}（升序）" for field, (_, label) in named.items()}
    # django-filter's own "(descending)" has no zh-hans translation: name both directions here.
    labels |= {f"-{param}": f"{label}（降序）" for param, label in named.values()}
    return StableOrderingFilter(
        label="排序",
        fields=tuple((field, param) for field, (param, _) in named.items()),
        field_labels=labels,
        empty_label=empty_label,
    )


def search(*fields):
    """A filter method (`CharFilter(method=search("name", "lawyer__name"))`): rows where any of
    `fields` contains the value typed (see `contains`); everything when it is blank."""

    def method(queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in fields:
            condition |= contains(field, value)
        return queryset.filter(condition)

    return method
