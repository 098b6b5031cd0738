"""List pages: filter, sort, paginate, keep the query string for export and page links.

Built for registers of a million rows: counts above LARGE_COUNT are cached for a minute (the exact
number is shown, at most a minute old), and on PostgreSQL the pages of large lists and every deep page
fetch their primary keys first (an index-only scan with OFFSET) and then only the rows of the page, so
the cost of joins and wide rows does not grow with the offset or with the rows a filter matches.
"""

import hashlib

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connections
from django.shortcuts import render
from django.utils.functional import cached_property

from .caching import cached_until_changed

PER_PAGE = 20
LARGE_COUNT = 10_000
COUNT_CACHE_SECONDS = 60
DEEP_OFFSET = 1_000


def _sql_key(queryset) -> str | None:
    try:
        sql, params = queryset.query.sql_with_params()
    except Exception:  # an empty queryset (`.none()`) has no SQL
        return None
    digest = hashlib.sha256(f"{queryset.db}|{sql}|{params!r}".encode()).hexdigest()
    return f"listing-count:{digest}"


class FastPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        key = _sql_key(self.object_list)
        if key is not None:
            cached = cache.get(key)
            if cached is not None:
                return cached
        count = self.object_list.count()
        if key is not None and count > LARGE_COUNT:
            cache.set(key, count, COUNT_CACHE_SECONDS)
        return count

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        queryset = self.object_list
        if connections[queryset.db].vendor != "postgresql" or (bottom < DEEP_OFFSET and self.count <= DEEP_OFFSET):
            return self._get_page(queryset[bottom:top], number, self)
        # Keys first on large lists, page 1 included: the ORDER BY … LIMIT runs on the index alone
        # (a search matching 50,000 inspections sorted them by date from the index, not the table).
        pks = list(queryset.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in queryset.filter(pk__in=pks).order_by()}
        return self._get_page([rows[pk] for pk in pks if pk in rows], number, self)


class CachedOrderPaginator(FastPaginator):
    """For a list whose order is costly to compute row by row (the coverage page sorts every school by
    its counsel state): the ordered primary keys are cached until a row of `sources` changes, so a
    page is a slice of them and one query for its rows."""

    def __init__(self, object_list, per_page, *, sources, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.sources = sources

    @cached_property
    def keys(self) -> list:
        key = _sql_key(self.object_list)
        compute = lambda: list(self.object_list.values_list("pk", flat=True))  # noqa: E731
        if key is None:
            return compute()
        return cached_until_changed(key.replace("listing-count:", "listing-keys:"), self.sources, compute)

    @cached_property
    def count(self) -> int:
        return len(self.keys)

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        pks = self.keys[bottom : bottom + self.per_page]
        rows = {row.pk: row for row in self.object_list.filter(pk__in=pks).order_by()}
        return self._get_page([rows[pk] for pk in pks if pk in rows], number, self)


def paginate(request, queryset, *, per_page: int = PER_PAGE, order_sources=None):
    """The requested page of `queryset` (out-of-range page numbers give the last page).

    `order_sources`: the models the list's order is computed from, when that order is worth caching
    (CachedOrderPaginator).
    """
    if order_sources:
        paginator = CachedOrderPaginator(queryset, per_page, sources=order_sources)
    else:
        paginator = FastPaginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


def query_without_page(request) -> str:
    """The current filters as a query string, without the page number (for page and export links)."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def list_page(request, template: str, filterset, *, order_sources=None, **context):
    """A register's list page: the filter form, the requested page of what it matches, and the query
    string for page and export links (`filter`, `page`, `query` in the template), plus `context`."""
    page = paginate(request, filterset.qs, order_sources=order_sources)
    return render(
        request, template, {"filter": filterset, "page": page, "query": query_without_page(request), **context}
    )
