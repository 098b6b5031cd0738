"""综合查一次 recorded once for all: one form with the union of items, one record, counted once a year
and once per plan, in 待办 instead of each plan's visit."""

import re
from datetime import date

import pytest
from django.urls import reverse

from accounts.roles import Role
from core import stats
from inspections import combined_selectors, selectors, services, todo
from inspections.models import CombinedVisit, FrequencyRule, Hazard, Inspection
from tests.factories import UserFactory

from .combined_setup import KG, two_plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawn(bureau_staff):
    return two_plans(bureau_staff)


def combine(drawn, user, *, year=2025):
    return services.combined_visit_create(
        organization=drawn.kindergarten,
        plans=[drawn.first, drawn.second],
        planned_on=date(year, 4, 15),
        year=year,
        user=user,
    )


def record_data(drawn, *, fail=(), **overrides):
    """One answer per item of the union (the form's fields), item texts in `fail` failed."""
    data = {
        "inspected_on": "2025-04-15",
        "officers": [o.pk for o in drawn.officers],
        "conclusion": "rectify" if fail else "passed",
        "rectify_deadline": "2025-05-15" if fail else "",
    }
    for group in combined_selectors.union_items([drawn.first, drawn.second]):
        data[f"answer_{group.item.pk}"] = "fail" if group.item.text in fail else "pass"
    data.update(overrides)
    return data


def record_url(visit):
    return reverse("inspections:combined_visit_record", args=[visit.pk])


def test_the_form_asks_each_item_once_and_ticks_every_drawn_officer(staff_client, drawn, bureau_staff):
    visit = combine(drawn, bureau_staff)
    page = staff_client.get(record_url(visit)).content.decode()

    answered = re.findall(r'name="answer_(\d+)" value="pass"', page)
    assert len(answered) == 11 == len(set(answered))
    assert page.count("适用：春季安全检查、民办园联合检查") == 10 and "消防演练每学期不少于一次" in page
    ticked = set(re.findall(r'name="officers" value="(\d+)"[^>]*checked', page))
    assert ticked == {str(o.pk) for o in drawn.officers}


def test_one_record_counts_once_a_year_and_once_for_each_plan(staff_client, drawn, bureau_staff):
    visit = combine(drawn, bureau_staff)
    total = stats.get("inspections.total").value(2025)
    shared = "消防安全检查项"  # an item both checklists have (ChecklistFactory names items after their area)

    response = staff_client.post(record_url(visit), record_data(drawn, fail=(shared,)))

    inspection = Inspection.objects.get()
    assert response.status_code == 302 and response["Location"] == inspection.get_absolute_url()
    visit.refresh_from_db()
    assert visit.inspection == inspection and inspection.plan == drawn.first
    assert stats.get("inspections.total").value(2025) == total + 1
    # every item of both checklists answered, the shared failed item one hazard
    items = {i.pk for p in (drawn.first, drawn.second) for i in p.checklist.items.all()}
    assert set(map(int, inspection.answers)) == items and len(items) == 21
    assert Hazard.objects.filter(inspection=inspection).count() == 1
    for plan in (drawn.first, drawn.second):
        assert selectors.plans_for_user(bureau_staff).get(pk=plan.pk).done == 1
        page = staff_client.get(plan.get_absolute_url()).content.decode()
        assert "已检查1家" in page and inspection.number in page
        [entity] = selectors.draw_results(plan.draws.get())
        assert entity.result == inspection and not entity.substituted
    detail = staff_client.get(inspection.get_absolute_url()).content.decode()
    assert "一次检查同时计入" in detail and "消防演练每学期不少于一次" in detail


def test_the_public_result_of_each_draw_shows_the_kindergarten_inspected(client, drawn, bureau_staff):
    visit = combine(drawn, bureau_staff)
    services.combined_inspection_create(
        visit=visit,
        inspected_on=date(2025, 4, 15),
        answers={k.removeprefix("answer_"): {"r": v} for k, v in record_data(drawn).items() if k.startswith("answer_")},
        officers=drawn.officers,
        conclusion="passed",
        user=bureau_staff,
    )
    for plan in (drawn.first, drawn.second):
        services.plan_publish_results(plan=plan, user=bureau_staff)
        page = client.get(reverse("inspections:public_draw", args=[plan.draws.get().pk])).content.decode()
        assert "2025年4月15日" in page and "合格" in page and "未说明调整原因" not in page


def test_a_date_outside_the_common_window_is_refused(staff_client, drawn, bureau_staff):
    visit = combine(drawn, bureau_staff)
    response = staff_client.post(record_url(visit), record_data(drawn, inspected_on="2025-03-20"))
    assert response.status_code == 400 and "共同期间（2025年4月1日至2025年4月30日）" in response.content.decode()
    assert not Inspection.objects.exists()


def test_the_frequency_cap_counts_the_combined_visit_once(staff_client, drawn, bureau_staff):
    FrequencyRule.objects.create(year=2025, org_kind=KG, max_visits=1)
    visit = combine(drawn, bureau_staff)

    staff_client.post(record_url(visit), record_data(drawn))

    inspection = Inspection.objects.get()
    assert not inspection.exceeds_cap and inspection.repeat_of is None
    assert services.frequency_of(organization=drawn.kindergarten, inspected_on=date(2025, 4, 20)).exceeds_cap


def test_the_statistic_traces_to_the_recorded_combined_visits(staff_client, drawn, bureau_staff):
    visit = combine(drawn, bureau_staff)
    statistic = stats.get("inspections.combined_visits")
    assert statistic.value(2025) == 0
    staff_client.post(record_url(visit), record_data(drawn))

    assert statistic.value(2025) == 1
    listed = staff_client.get(statistic.url(2025))
    assert listed.context["page"].paginator.count == 1 and Inspection.objects.get().number in listed.content.decode()


def test_staff_todo_counts_the_open_proposals(bureau_staff):
    drawn = two_plans(bureau_staff, year=2026)
    [item] = [i for i in todo.items(bureau_staff) if i.kind == todo.COMBINE]
    assert item.title == "可合并检查 1 项" and item.url.startswith(reverse("inspections:combined_proposals"))

    combine(drawn, bureau_staff, year=2026)
    assert [i for i in todo.items(bureau_staff) if i.kind == todo.COMBINE] == []


def test_a_drawn_officer_owes_the_combined_visit_instead_of_each_plan(bureau_staff, drawn):
    officer = UserFactory(role=Role.BUREAU_STAFF, officer=drawn.officers[2])  # drawn for the second plan
    assert [i.title for i in todo.items(officer) if i.kind == todo.DRAWN] == ["春蕾民办幼儿园"]

    visit = combine(drawn, bureau_staff)

    [item] = [i for i in todo.items(officer) if i.kind == todo.DRAWN]
    assert item.title == "春蕾民办幼儿园（综合查一次）" and item.url == record_url(visit)
    assert item.due == date(2025, 4, 30)


def test_a_school_cannot_open_a_combined_visit(school_a_client, drawn, bureau_staff):
    visit = combine(drawn, bureau_staff)
    assert school_a_client.get(visit.get_absolute_url()).status_code == 403
    assert school_a_client.get(record_url(visit)).status_code == 403
    assert CombinedVisit.objects.count() == 1


def test_a_plan_inspected_separately_since_cannot_be_recorded_again_as_combined(staff_client, drawn, bureau_staff):
    from .factories import InspectionFactory

    visit = combine(drawn, bureau_staff)
    separate = InspectionFactory(plan=drawn.second, organization=drawn.kindergarten, inspected_on=date(2025, 4, 10))

    response = staff_client.post(record_url(visit), record_data(drawn))

    assert response.status_code == 400 and f"单独检查（{separate.number}）" in response.content.decode()
    assert Inspection.objects.count() == 1


def test_the_combined_record_keeps_the_site_record_fields(staff_client, drawn, bureau_staff):
    """The 现场检查笔录's place, times and people present are kept for a combined visit as for any other."""
    visit = combine(drawn, bureau_staff)
    data = record_data(
        drawn, location="春蕾民办幼儿园门卫室", started_at="09:00", ended_at="10:30", present_persons="王园长（园长）"
    )
    response = staff_client.post(record_url(visit), data)
    inspection = Inspection.objects.get()
    assert response.status_code == 302
    assert (inspection.location, inspection.present_persons) == ("春蕾民办幼儿园门卫室", "王园长（园长）")
    assert (f"{inspection.started_at:%H:%M}", f"{inspection.ended_at:%H:%M}") == ("09:00", "10:30")
