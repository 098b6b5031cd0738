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
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        page = listing.paginate(request, queryset)
        assert [o.pk for o in page.object_list] == expected and len(expected) == 20
    if connection.vendor == "postgresql":  # keys, then the 20 rows (after the count)
        assert 'SELECT "directory_organization"."id" AS "pk"' in ctx.captured_queries[1]["sql"]
