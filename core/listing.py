"""List pages: filter, sort, paginate, keep the query string for export and page links.

A count of a large list, or a slow one, is cached for a minute (the number shown is exact, at most a
minute old): counting a million inspections is a scan of the whole index. The registers of the
million-row tables ask for `keys_first`: on PostgreSQL the page's primary keys are read first (the
ORDER BY … LIMIT/OFFSET runs on an index alone) and then only the page's rows, so joins and wide rows
cost the same on page 25,000 or under a filter matching 50,000 rows as on page one. A list whose
order is costly to compute (the coverage page sorts every school by its counsel state) passes its
ordered `keys`, cached by the caller: a page is then a slice of them and one query for its rows.
"""

import hashlib
import time

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import Count
from django.shortcuts import render
from django.utils.functional import cached_property

PER_PAGE = 20
LARGE_COUNT = 10_000
SLOW_COUNT_SECONDS = 0.02  # a count this slow (a name search) is cached too, however small
COUNT_CACHE_SECONDS = 60


def count_key(request) -> str:
    """What decides a list's count: the page's path, the user (their scope) and the filters (not the
    page number or the sort order)."""
    params = sorted((k, v) for k, values in request.GET.lists() if k not in ("page", "ordering") for v in values)
    user = getattr(getattr(request, "user", None), "pk", None)
    return "listing-count:" + hashlib.sha256(f"{request.path}|{user}|{params!r}".encode()).hexdigest()


class ListPaginator(Paginator):
    """`count_key`: where the count is cached; `totals`: aggregates of every matching row
    ({"sessions": Sum("sessions")}) read in the count's query and cached with it; `keys_first` and
    `keys`: see the module's docstring."""

    def __init__(self, object_list, per_page, *, count_key: str, totals=None, keys_first=False, keys=None):
        super().__init__(object_list, per_page)
        self.count_key, self.total_expressions = count_key, totals or {}
        self.keys_first, self.keys = keys_first, keys

    @cached_property
    def _figures(self) -> dict:
        figures = {"_count": len(self.keys)} if self.keys is not None else cache.get(self.count_key)
        if figures is None:
            started = time.monotonic()
            figures = self.object_list.order_by().aggregate(_count=Count("*"), **self.total_expressions)
            if figures["_count"] > LARGE_COUNT or time.monotonic() - started > SLOW_COUNT_SECONDS:
                cache.set(self.count_key, figures, COUNT_CACHE_SECONDS)
        return figures

    @cached_property
    def count(self) -> int:
        return self._figures["_count"]

    @property
    def totals(self) -> dict:
        return {name: self._figures[name] for name in self.total_expressions}

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = self.object_list[bottom : bottom + self.per_page]
        if self.keys is not None:
            pks = self.keys[bottom : bottom + self.per_page]
        elif self.keys_first and connections[rows.db].vendor == "postgresql":
            pks = list(rows.values_list("pk", flat=True))
        else:
            return self._get_page(rows, number, self)
        by_pk = self.object_list.order_by().in_bulk(pks)
        return self._get_page([by_pk[pk] for pk in pks if pk in by_pk], number, self)


def paginate(request, queryset, *, per_page: int = PER_PAGE, **options) -> Page:
    """The requested page of `queryset` (out-of-range page numbers give the last page); `options`:
    `totals`, `keys_first`, `keys` (ListPaginator)."""
    return ListPaginator(queryset, per_page, count_key=count_key(request), **options).get_page(request.GET.get("page"))


def query_without_page(request) -> str:
    """The current filters as a query string, without the page number (for page and export links)."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def list_page(request, template: str, filterset, *, totals=None, keys_first=False, keys=None, **context):
    """A register's list page: the filter form, the requested page of what it matches, and the query
    string for page and export links (`filter`, `page`, `query` in the template), plus `context`;
    with `totals` (aggregates over every matching row), their values as `totals` too."""
    page = paginate(request, filterset.qs, totals=totals, keys_first=keys_first, keys=keys)
    if totals:
        context["totals"] = page.paginator.totals
    return render(
        request, template, {"filter": filterset, "page": page, "query": query_without_page(request), **context}
    )
