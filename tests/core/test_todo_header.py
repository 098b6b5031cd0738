"""The 待办 count in the header of every signed-in page: from the records, cached until they change."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import context_processors
from inspections.models import HazardStatus
from tests.inspections.factories import HazardFactory

TODAY = timezone.localdate()


def badge(page: bytes) -> str | None:
    text = page.decode()
    if 'class="todo-link"' not in text:
        return None
    link = text.split('class="todo-link"', 1)[1].split("</a>", 1)[0]
    return link.split('<span class="badge">', 1)[1].split("</span>", 1)[0] if "badge" in link else ""


@pytest.mark.django_db
def test_count_on_unrelated_pages_drops_when_done(school_a_client, school_admin_a):
    before = int(badge(school_a_client.get(reverse("accounts:password_change")).content) or 0)
    hazard = HazardFactory(organization=school_admin_a.organization, deadline=TODAY - timedelta(days=3))
    assert hazard.status != HazardStatus.CLOSED
    for url in (reverse("inspections:hazard_list"), reverse("accounts:password_change")):
        assert badge(school_a_client.get(url).content) == str(before + 1)
    hazard.status = HazardStatus.CLOSED
    hazard.save()
    assert badge(school_a_client.get(reverse("inspections:hazard_list")).content) == (str(before) if before else "")


@pytest.mark.django_db
def test_public_page_has_no_count(client, school_admin_a):
    HazardFactory(organization=school_admin_a.organization, deadline=TODAY - timedelta(days=3))
    assert badge(client.get(reverse("public:index")).content) is None


@pytest.mark.django_db
def test_list_page_pays_no_query_for_the_count_once_computed(school_a_client, school_admin_a, monkeypatch):
    HazardFactory(organization=school_admin_a.organization, deadline=TODAY - timedelta(days=3))
    url = reverse("inspections:hazard_list")
    monkeypatch.setattr(context_processors, "_todo_count", lambda request, user: None)
    school_a_client.get(url)  # the session and the page's own caches warm
    with CaptureQueriesContext(connection) as without:
        assert badge(school_a_client.get(url).content) is None
    monkeypatch.undo()
    with CaptureQueriesContext(connection) as cold:
        assert badge(school_a_client.get(url).content)
    with CaptureQueriesContext(connection) as warm:
        assert badge(school_a_client.get(url).content)
    assert len(warm) == len(without)
    # Computing it (first page, or after a change to its records) costs the school's 待办 queries.
    assert len(cold) - len(without) <= 4
