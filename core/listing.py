"""List pages: filter, sort, paginate, keep the query string for export and page links.

Built for registers of a million rows: counts above LARGE_COUNT, or slower than SLOW_COUNT_SECONDS,
are cached for a minute (the exact number is shown, at most a minute old), and on PostgreSQL the
pages of large lists and every deep page fetch their primary keys first (an index-only scan with
OFFSET) and then only the rows of the page, so the cost of joins and wide rows does not grow with
the offset or with the rows a filter matches.
"""

import hashlib
import time

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import Count
from django.shortcuts import render
from django.utils.functional import cached_property

from .caching import DataVersion, cached_until_changed
from .filters import page_version

PER_PAGE = 20
LARGE_COUNT = 10_000
COUNT_CACHE_SECONDS = 60
SLOW_COUNT_SECONDS = 0.02  # a count this slow is cached too, however small (a name search: 29 ms)
DEEP_OFFSET = 1_000
SMALL_TABLE = 10_000  # rows: a page of a table this small is one query, whatever the count
TABLE_SIZE_SECONDS = 600


def _sql_key(queryset) -> str | None:
    try:
        sql, params = queryset.query.sql_with_params()
    except Exception:  # an empty queryset (`.none()`) has no SQL
        return None
    digest = hashlib.sha256(f"{queryset.db}|{sql}|{params!r}".encode()).hexdigest()
    return f"listing-count:{digest}"


def _request_key(request) -> str:
    """The count's cache key from what decides the rows: the page's path, the user (their scope) and
    the filters (the page number and the sort order do not change the count). Cheaper than compiling
    the query's SQL for the key, which cost 0.6–1.5 ms of a 20–30 ms list page."""
    params = sorted((k, v) for k, values in request.GET.lists() if k not in ("page", "ordering") for v in values)
    user = getattr(getattr(request, "user", None), "pk", None)
    digest = hashlib.sha256(f"{request.path}|{user}|{params!r}".encode()).hexdigest()
    return f"listing-count:request:{digest}"  # the cached figures are the count and the totals


def _table_rows(db: str, table: str) -> int | None:
    """PostgreSQL's estimate of the rows of `table` (pg_class.reltuples, kept by ANALYZE and
    autovacuum), read at most every ten minutes (cached); None where unknown (never analysed)."""
    key = f"listing-table-rows:{db}:{table}"
    rows = cache.get(key)
    if rows is None:
        with connections[db].cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s)", [table])
            row = cursor.fetchone()
        rows = int(row[0]) if row and row[0] is not None and row[0] >= 0 else -1
        cache.set(key, rows, TABLE_SIZE_SECONDS)
    return rows if rows >= 0 else None


def _joined_tables(queryset) -> set[str] | None:
    """The tables a page query reads rows from: the list's own, those its filters join and those
    select_related adds (None for select_related() of every relation)."""
    query = queryset.query
    tables = {join.table_name for join in query.alias_map.values()} | {queryset.model._meta.db_table}

    def follow(model, related: dict):
        for name, deeper in related.items():
            target = model._meta.get_field(name).related_model
            tables.add(target._meta.db_table)
            follow(target, deeper)

    if query.select_related is True:
        return None
    if query.select_related:
        follow(queryset.model, query.select_related)
    return tables


def _small_tables(queryset) -> bool:
    """Whether every table the page query joins is small: then sorting what the filters match is
    cheap, whatever they match. (Conversion cases are few, but their page joins 20,000 organizations:
    keys first there.)"""
    tables = _joined_tables(queryset)
    if not tables:
        return False
    for table in tables:
        rows = _table_rows(queryset.db, table)
        if rows is None or rows > SMALL_TABLE:
            return False
    return True


class FastPaginator(Paginator):
    """`totals`: aggregates of every matching row ({"sessions": Sum("sessions")}), read in the same
    query as the count and cached with it (`paginator.totals`)."""

    def __init__(self, object_list, per_page, *, count_key: str | None = None, totals=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_key = count_key
        self.total_expressions = totals or {}

    @cached_property
    def _figures(self) -> dict:
        key = self.count_key or _sql_key(self.object_list)
        if key is not None:
            cached = cache.get(key)
            if cached is not None:
                return cached
        started = time.monotonic()
        if self.total_expressions:
            figures = self.object_list.order_by().aggregate(_count=Count("*"), **self.total_expressions)
        else:
            figures = {"_count": self.object_list.count()}
        slow = time.monotonic() - started > SLOW_COUNT_SECONDS
        if key is not None and (figures["_count"] > LARGE_COUNT or slow):
            cache.set(key, figures, COUNT_CACHE_SECONDS)
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
        top = min(bottom + self.per_page, self.count)
        queryset = self.object_list
        if connections[queryset.db].vendor != "postgresql" or (
            bottom < DEEP_OFFSET and (self.count <= DEEP_OFFSET or _small_tables(queryset))
        ):
            return self._get_page(queryset[bottom:top], number, self)
        # Keys first on large lists of large tables, page 1 included: the ORDER BY … LIMIT runs on
        # the index alone (a search matching 50,000 inspections sorted them by date from the index,
        # not the table). Over small tables only, the first pages are one query: the keys query cost
        # a round trip and a compile for nothing on the 5,220 plans.
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


def paginate(request, queryset, *, per_page: int = PER_PAGE, order_sources=None, totals=None):
    """The requested page of `queryset` (out-of-range page numbers give the last page).

    `order_sources`: the models (or a core.caching.DataVersion) the list's order is computed from,
    when that order is worth caching (CachedOrderPaginator). `totals`: see FastPaginator.
    """
    if order_sources:
        if totals:
            raise ValueError("totals are not read for a list with a cached order")
        paginator = CachedOrderPaginator(queryset, per_page, sources=order_sources)
    else:
        paginator = FastPaginator(queryset, per_page, count_key=_request_key(request), totals=totals)
    return paginator.get_page(request.GET.get("page"))


def query_without_page(request) -> str:
    """The current filters as a query string, without the page number (for page and export links)."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def list_page(request, template: str, filterset, *, order_sources=None, totals=None, rows=None, **context):
    """A register's list page: the filter form, the requested page of what it matches, and the query
    string for page and export links (`filter`, `page`, `query` in the template), plus `context`;
    with `totals` (aggregates over every matching row), their values as `totals` too; with `rows` (a
    function of the page's objects returning their table rows' markup, for a register that renders
    its rows in Python), that markup as `rows`."""
    if order_sources and not isinstance(order_sources, DataVersion):
        order_sources = page_version(filterset, order_sources)
    page = paginate(request, filterset.qs, order_sources=order_sources, totals=totals)
    if totals:
        context["totals"] = page.paginator.totals
    if rows:
        context["rows"] = rows(page.object_list)
    return render(
        request, template, {"filter": filterset, "page": page, "query": query_without_page(request), **context}
    )
