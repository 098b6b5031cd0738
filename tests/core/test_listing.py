import pytest
from django.test import RequestFactory

from core import listing
from directory.models import Organization
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_pages_are_the_same_through_the_deep_page_path(monkeypatch):
    OrganizationFactory.create_batch(45)
    queryset = Organization.objects.select_related("township").order_by("-name", "id")
    request = RequestFactory().get("/", {"page": 3})
    expected = [o.pk for o in listing.paginate(request, queryset).object_list]
    monkeypatch.setattr(listing, "DEEP_OFFSET", 0)
    # On PostgreSQL this takes the keys-first path; the page must not change.
    assert [o.pk for o in listing.paginate(request, queryset).object_list] == expected
    assert len(expected) == 5


def test_out_of_range_page_gives_the_last_page():
    OrganizationFactory.create_batch(3)
    page = listing.paginate(RequestFactory().get("/", {"page": 99}), Organization.objects.all())
    assert page.number == 1 and len(page.object_list) == 3


def test_large_counts_are_cached_small_ones_are_exact(monkeypatch):
    OrganizationFactory.create_batch(3)
    queryset = Organization.objects.all()
    monkeypatch.setattr(listing, "LARGE_COUNT", 2)
    assert listing.FastPaginator(queryset, 20).count == 3
    OrganizationFactory()
    assert listing.FastPaginator(Organization.objects.all(), 20).count == 3  # cached for a minute
    monkeypatch.setattr(listing, "LARGE_COUNT", 100)
    listing.cache.clear()
    assert listing.FastPaginator(Organization.objects.all(), 20).count == 4


def test_page_one_of_a_large_list_is_the_same_through_the_keys_first_path(monkeypatch):
    OrganizationFactory.create_batch(25)
    queryset = Organization.objects.select_related("township").filter(name__contains="").order_by("-name", "id")
    request = RequestFactory().get("/")
    expected = [o.pk for o in listing.paginate(request, queryset).object_list]
    monkeypatch.setattr(listing, "DEEP_OFFSET", 10)  # 25 rows count as a large list
    listing.cache.set("listing-table-rows:default:directory_organization", 50_000)  # of a large table
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        page = listing.paginate(request, queryset)
        assert [o.pk for o in page.object_list] == expected and len(expected) == 20
    if connection.vendor == "postgresql":  # keys, then the 20 rows
        assert 'SELECT "directory_organization"."id" AS "pk"' in ctx.captured_queries[-2]["sql"]


def test_totals_come_with_the_count_in_one_query_and_are_cached_with_it(monkeypatch, django_assert_num_queries):
    from django.db.models import Sum

    orgs = OrganizationFactory.create_batch(3)
    monkeypatch.setattr(listing, "LARGE_COUNT", 2)
    request = RequestFactory().get("/directory/", {"q": "x", "page": "1", "ordering": "name"})
    request.user = orgs[0]  # anything with a pk: the count is per user
    totals = {"ids": Sum("id")}
    with django_assert_num_queries(1):
        paginator = listing.FastPaginator(
            Organization.objects.all(), 20, count_key=listing._request_key(request), totals=totals
        )
        assert paginator.count == 3 and paginator.totals == {"ids": sum(o.pk for o in orgs)}
    OrganizationFactory()
    # Another page or sort order of the same filters: the same figures, from the cache, no query.
    other = RequestFactory().get("/directory/", {"q": "x", "page": "2", "ordering": "-name"})
    other.user = orgs[0]
    with django_assert_num_queries(0):
        again = listing.FastPaginator(
            Organization.objects.all(), 20, count_key=listing._request_key(other), totals=totals
        )
        assert again.count == 3 and again.totals == paginator.totals
    # Other filters or another user: counted afresh.
    assert listing._request_key(RequestFactory().get("/directory/", {"q": "y"})) != listing._request_key(request)
    someone = RequestFactory().get("/directory/", {"q": "x"})
    someone.user = orgs[1]
    assert listing._request_key(someone) != listing._request_key(request)


def test_a_small_tables_first_pages_are_one_query(monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    OrganizationFactory.create_batch(25)
    queryset = Organization.objects.select_related("township").order_by("-name", "id")
    monkeypatch.setattr(listing, "DEEP_OFFSET", 10)  # 25 rows count as a large list
    request = RequestFactory().get("/")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE directory_organization")
            cursor.execute("ANALYZE directory_township")
        listing.cache.clear()
        assert listing._table_rows("default", "directory_organization") == 25
    with CaptureQueriesContext(connection) as ctx:
        page = listing.paginate(request, queryset)
        assert len(page.object_list) == 20
    if connection.vendor == "postgresql":  # no keys query: the count, the table sizes, the page
        sqls = [q["sql"] for q in ctx.captured_queries]
        assert not any('"directory_organization"."id" AS "pk"' in sql for sql in sqls)
        assert sqls[-1].startswith('SELECT "directory_organization"."id", ')
        # The townships it joins are large now: keys first.
        listing.cache.set("listing-table-rows:default:directory_township", 50_000)
        with CaptureQueriesContext(connection) as ctx:
            assert len(listing.paginate(RequestFactory().get("/", {"q": "other"}), queryset).object_list) == 20
        assert 'SELECT "directory_organization"."id" AS "pk"' in ctx.captured_queries[-2]["sql"]


def test_the_tables_a_page_query_joins():
    from conversions.models import ConversionCase

    assert listing._joined_tables(Organization.objects.select_related("township")) == {
        "directory_organization",
        "directory_township",
    }
    cases = ConversionCase.objects.select_related("organization__township").filter(assignee__username="x")
    assert listing._joined_tables(cases) == {
        "conversions_conversioncase",
        "directory_organization",
        "directory_township",
        "accounts_user",
    }
    assert listing._joined_tables(Organization.objects.select_related()) is None


def test_a_slow_count_is_cached_however_small(monkeypatch):
    OrganizationFactory.create_batch(3)
    monkeypatch.setattr(listing, "SLOW_COUNT_SECONDS", -1)  # every count is "slow"
    assert listing.FastPaginator(Organization.objects.all(), 20).count == 3
    OrganizationFactory()
    assert listing.FastPaginator(Organization.objects.all(), 20).count == 3  # cached for a minute
    monkeypatch.setattr(listing, "SLOW_COUNT_SECONDS", 60)
    listing.cache.clear()
    assert listing.FastPaginator(Organization.objects.all(), 20).count == 4
    OrganizationFactory()
    assert listing.FastPaginator(Organization.objects.all(), 20).count == 5  # fast and small: exact
