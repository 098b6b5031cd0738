"""Behaviour that the province-scale performance fixes changed (docs/performance.md)."""

from datetime import date

import pytest
from django.urls import reverse

from inspections.dashboard import MAX_PLAN_BARS

from .factories import HazardFactory, InspectionFactory, PlanFactory

pytestmark = pytest.mark.django_db


def figure(page, label):
    return next(f["display"] for f in page.context["figures"] if f["label"] == label)


def test_dashboard_is_served_from_cache_until_an_inspection_is_added(staff_client, inspection_a):
    url = reverse("inspections:dashboard")
    first = staff_client.get(url, {"year": 2021})
    assert figure(first, "行政检查总数") == "1件"

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as cached:
        again = staff_client.get(url, {"year": 2021})
    assert figure(again, "行政检查总数") == "1件"
    assert len(cached.captured_queries) < 6  # session, user, the data version: no statistics recomputed

    InspectionFactory(plan=inspection_a.plan, organization=inspection_a.organization, inspected_on=date(2021, 6, 1))
    assert figure(staff_client.get(url, {"year": 2021}), "行政检查总数") == "2件"


def test_dashboard_counts_a_hazard_closed_after_the_page_was_cached(staff_client, inspection_a):
    hazard = HazardFactory(organization=inspection_a.organization, inspection=inspection_a)
    url = reverse("inspections:dashboard")
    assert figure(staff_client.get(url, {"year": 2021}), "已整改销号隐患") == "0条"
    hazard.status = "closed"
    hazard.save()
    assert figure(staff_client.get(url, {"year": 2021}), "已整改销号隐患") == "1条"


def test_dashboard_sums_up_plans_beyond_the_largest(staff_client, school_a, officers, checklist):
    plans = PlanFactory.create_batch(MAX_PLAN_BARS + 5, checklist=checklist)
    for n, plan in enumerate(plans):
        for _ in range(1 if n else 3):
            InspectionFactory(plan=plan, organization=school_a, officers=officers[:2])
    rows = staff_client.get(reverse("inspections:dashboard"), {"year": 2021}).context["by_plan"]["rows"]
    assert len(rows) == MAX_PLAN_BARS
    assert rows[0]["label"] == plans[0].name and rows[0]["value"] == 3
    assert rows[-1]["label"] == "其余6项检查行动" and rows[-1]["value"] == 6
    # The summed bar (6) does not set the scale: the largest plan (3) is full width, a plan with one
    # inspection a third of it, and the sum is drawn at full width, in a lighter colour.
    assert (rows[0]["width"], rows[1]["width"], rows[-1]["width"]) == (100, 33.3, 100)
    page = staff_client.get(reverse("inspections:dashboard"), {"year": 2021}).content.decode()
    assert 'fill="#8fa8c8"' in page


def test_plan_menu_of_the_inspection_list_follows_the_year(staff_client, checklist):
    old = PlanFactory(checklist=checklist, name="二〇一九年专项检查", starts_on=date(2019, 3, 1))
    recent = PlanFactory(checklist=checklist, name="今年日常巡查", starts_on=date.today().replace(month=1, day=1))
    url = reverse("inspections:inspection_list")

    def menu(**params):
        return list(staff_client.get(url, params).context["filter"].form.fields["plan"].queryset)

    assert recent in menu() and old not in menu()
    assert menu(year="2019") == [old]
    assert old in menu(plan=str(old.pk))  # a link to an old plan's inspections keeps it chosen


def test_inspection_list_of_an_old_plan_lists_its_inspections(staff_client, school_a, officers, checklist):
    old = PlanFactory(checklist=checklist, starts_on=date(2019, 3, 1))
    InspectionFactory(plan=old, organization=school_a, officers=officers[:2], inspected_on=date(2019, 3, 5))
    InspectionFactory(organization=school_a, officers=officers[:2])
    page = staff_client.get(reverse("inspections:inspection_list"), {"plan": old.pk}).context["page"]
    assert [i.plan for i in page] == [old]


@pytest.mark.usefixtures("header_count_off")  # the list's own budget; the header's in test_todo_header
def test_plan_list_counts_inspections_in_a_constant_number_of_queries(
    staff_client, school_a, officers, checklist, django_assert_max_num_queries
):
    plans = PlanFactory.create_batch(3, checklist=checklist)
    InspectionFactory(plan=plans[0], organization=school_a, officers=officers[:2])
    InspectionFactory(plan=plans[0], organization=school_a, officers=officers[:2])
    with django_assert_max_num_queries(8) as captured:
        page = staff_client.get(reverse("inspections:plan_list")).context["page"]
    assert {p.pk: p.done for p in page} == {plans[0].pk: 2, plans[1].pk: 0, plans[2].pk: 0}
    before = len(captured.captured_queries)
    PlanFactory.create_batch(10, checklist=checklist)
    with django_assert_max_num_queries(before):
        staff_client.get(reverse("inspections:plan_list"))
