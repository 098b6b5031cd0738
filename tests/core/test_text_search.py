"""Text search in the registers (core.queries.contains): case-insensitive where letters have a case,
and a plain LIKE the planner can estimate for a Chinese name."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.queries import contains
from directory.models import Organization
from tests.factories import OrganizationFactory
from tests.inspections.factories import InspectionFactory

pytestmark = pytest.mark.django_db


def names(condition) -> set[str]:
    return set(Organization.objects.filter(condition).values_list("name", flat=True))


def test_letters_match_in_any_case_and_chinese_matches_as_typed():
    OrganizationFactory(name="ABC英语培训学校")
    OrganizationFactory(name="阳光幼儿园")
    OrganizationFactory(name="城北小学")
    assert names(contains("name", "abc")) == {"ABC英语培训学校"}
    assert names(contains("name", "Abc英语")) == {"ABC英语培训学校"}
    assert names(contains("name", "阳光")) == {"阳光幼儿园"}
    assert names(contains("name", "学")) == {"ABC英语培训学校", "城北小学"}
    assert names(contains("name", "100%")) == set()  # LIKE wildcards typed are matched literally


def test_a_chinese_search_does_not_wrap_the_column_in_upper(staff_client):
    """UPPER(name) LIKE … hid how many institutions match from PostgreSQL's planner: a search for 阳光
    sorted 52,640 inspections (65 ms) instead of reading the newest until a page was full (3 ms).
    Only PostgreSQL wraps icontains in UPPER(), so this fails there if the plain LIKE is lost."""
    sunny = InspectionFactory(organization__name="阳光小学")
    InspectionFactory(organization__name="城北小学")
    with CaptureQueriesContext(connection) as queries:
        page = staff_client.get(reverse("inspections:inspection_list"), {"q": "阳光"})
    assert list(page.context["page"]) == [sunny]
    sql = " ".join(q["sql"] for q in queries.captured_queries if "directory_organization" in q["sql"])
    assert "LIKE" in sql and "UPPER(" not in sql
    latin = staff_client.get(reverse("inspections:inspection_list"), {"q": "yangguang"})
    assert list(latin.context["page"]) == []
