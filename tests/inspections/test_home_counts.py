"""The hazard figures of the module's landing page and of the portal home page: one selector, one query."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections.models import HazardStatus

from .factories import HazardFactory

pytestmark = pytest.mark.django_db

HOME = reverse("core:home")
MODULE = reverse("inspections:index")


@pytest.fixture
def hazards(school_a, school_b):
    yesterday = timezone.localdate() - timedelta(days=1)
    long_ago = yesterday - timedelta(days=60)
    HazardFactory(organization=school_a, found_on=long_ago, deadline=yesterday)  # overdue
    HazardFactory(organization=school_a, status=HazardStatus.RECTIFYING)
    HazardFactory(organization=school_a, found_on=long_ago, deadline=yesterday, status=HazardStatus.SUBMITTED)
    HazardFactory(organization=school_a, found_on=long_ago, deadline=yesterday, status=HazardStatus.CLOSED)
    HazardFactory(organization=school_b, found_on=long_ago, deadline=yesterday, status=HazardStatus.RETURNED)


def panel_counts(response) -> dict:
    [panel] = [p for p in response.context["panels"] if p.template.startswith("inspections/panels/")]
    return panel.context["counts"]


def hazard_figure_queries(captured) -> int:
    return sum(1 for q in captured if 'FROM "inspections_hazard"' in q["sql"] and "COUNT(" in q["sql"])


def test_the_bureau_sees_the_district_s_figures_on_both_pages(staff_client, hazards):
    district = {"unresolved": 4, "overdue": 2, "submitted": 1}
    assert staff_client.get(MODULE).context["counts"] == {**district, "selfchecks": 0}
    assert panel_counts(staff_client.get(HOME)) == {**district, "selfchecks": 0}


def test_a_school_sees_its_own_figures_on_both_pages(school_a_client, hazards):
    own = {"unresolved": 3, "overdue": 1, "submitted": 1}
    assert school_a_client.get(MODULE).context["counts"] == own
    assert panel_counts(school_a_client.get(HOME)) == own
    assert "本校未销号隐患 <b>3</b> 条" in school_a_client.get(HOME).content.decode()


@pytest.mark.parametrize("persona", ["staff_client", "school_a_client"])
@pytest.mark.parametrize("url", [MODULE, HOME])
@pytest.mark.usefixtures("header_count_off")
def test_hazard_figures_are_one_query_and_the_query_count_is_constant(
    request, persona, url, school_a, django_assert_max_num_queries
):
    client = request.getfixturevalue(persona)
    HazardFactory(organization=school_a)
    client.get(url)
    with django_assert_max_num_queries(30) as small:
        assert client.get(url).status_code == 200
    assert hazard_figure_queries(small.captured_queries) == 1
    HazardFactory.create_batch(25, organization=school_a, status=HazardStatus.SUBMITTED)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_every_status_but_closed_is_unresolved():
    """`unresolved()` names its statuses (for the index): a new status must be placed on one side."""
    from inspections.models.hazards import UNRESOLVED_STATUSES, HazardStatus

    assert set(UNRESOLVED_STATUSES) | {HazardStatus.CLOSED} == set(HazardStatus)
    assert HazardStatus.CLOSED not in UNRESOLVED_STATUSES
