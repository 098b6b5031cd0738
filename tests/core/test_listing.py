import pytest
from django.db import connection
from django.db.models import Sum
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from core import listing
from directory.models import Organization
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def paginator(queryset, **params):
    return listing.ListPaginator(queryset, 20, count_key=listing.count_key(RequestFactory().get("/", params)))


def test_keys_first_gives_the_same_pages():
    OrganizationFactory.create_batch(45)
    queryset = Organization.objects.select_related("township").order_by("-name", "id")
    for number in (1, 3):
        request = RequestFactory().get("/", {"page": number})
        expected = [o.pk for o in listing.paginate(request, queryset).object_list]
        with CaptureQueriesContext(connection) as ctx:
            page = listing.paginate(request, queryset, keys_first=True)
            assert [o.pk for o in page.object_list] == expected
        if connection.vendor == "postgresql":  # keys, then the rows of the page
            assert 'SELECT "directory_organization"."id" AS "pk"' in ctx.captured_queries[-2]["sql"]
    assert len(expected) == 5


def test_out_of_range_page_gives_the_last_page():
    OrganizationFactory.create_batch(3)
    page = listing.paginate(RequestFactory().get("/", {"page": 99}), Organization.objects.all())
    assert page.number == 1 and len(page.object_list) == 3


def test_large_counts_are_cached_small_ones_are_exact(monkeypatch):
    OrganizationFactory.create_batch(3)
    monkeypatch.setattr(listing, "LARGE_COUNT", 2)
    assert paginator(Organization.objects.all()).count == 3
    OrganizationFactory()
    assert paginator(Organization.objects.all()).count == 3  # cached for a minute
    monkeypatch.setattr(listing, "LARGE_COUNT", 100)
    listing.cache.clear()
    assert paginator(Organization.objects.all()).count == 4
    OrganizationFactory()
    assert paginator(Organization.objects.all()).count == 5  # fast and small: exact


def test_a_slow_count_is_cached_however_small(monkeypatch):
    OrganizationFactory.create_batch(3)
    monkeypatch.setattr(listing, "SLOW_COUNT_SECONDS", -1)  # every count is "slow"
    assert paginator(Organization.objects.all()).count == 3
    OrganizationFactory()
    assert paginator(Organization.objects.all()).count == 3  # cached for a minute


def test_totals_come_with_the_count_in_one_query_and_are_cached_with_it(monkeypatch, django_assert_num_queries):
    orgs = OrganizationFactory.create_batch(3)
    monkeypatch.setattr(listing, "LARGE_COUNT", 2)
    request = RequestFactory().get("/directory/", {"q": "x", "page": "1", "ordering": "name"})
    request.user = orgs[0]  # anything with a pk: the count is per user
    totals = {"ids": Sum("id")}
    with django_assert_num_queries(1):
        first = listing.ListPaginator(
            Organization.objects.all(), 20, count_key=listing.count_key(request), totals=totals
        )
        assert first.count == 3 and first.totals == {"ids": sum(o.pk for o in orgs)}
    OrganizationFactory()
    # Another page or sort order of the same filters: the same figures, from the cache, no query.
    other = RequestFactory().get("/directory/", {"q": "x", "page": "2", "ordering": "-name"})
    other.user = orgs[0]
    with django_assert_num_queries(0):
        again = listing.ListPaginator(Organization.objects.all(), 20, count_key=listing.count_key(other), totals=totals)
        assert again.count == 3 and again.totals == first.totals
    # Other filters or another user: counted afresh.
    assert listing.count_key(RequestFactory().get("/directory/", {"q": "y"})) != listing.count_key(request)
    someone = RequestFactory().get("/directory/", {"q": "x"})
    someone.user = orgs[1]
    assert listing.count_key(someone) != listing.count_key(request)
