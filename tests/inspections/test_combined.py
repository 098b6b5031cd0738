"""综合查一次: two plans drawing one kindergarten in one window are proposed as one visit; the bureau decides."""

from datetime import date

import pytest
from django.urls import reverse

from inspections import combined_selectors
from inspections.models import CombinedStatus, CombinedVisit

from .combined_setup import two_plans

pytestmark = pytest.mark.django_db
PAGE = reverse("inspections:combined_proposals") + "?year=2025"


def test_overlapping_plans_make_one_proposal_with_the_union_of_items(bureau_staff):
    drawn = two_plans(bureau_staff)

    [proposal] = combined_selectors.proposals(2025)

    assert proposal.organization == drawn.kindergarten
    assert proposal.plans == [drawn.first, drawn.second]
    assert (proposal.starts_on, proposal.ends_on) == (date(2025, 4, 1), date(2025, 4, 30))
    texts = [g.item.text for g in proposal.items]
    assert len(texts) == 11 == len(set(texts))  # ten shared items once, the extra item once
    shared = next(g for g in proposal.items if g.item.text != "消防演练每学期不少于一次")
    assert shared.plans == ["春季安全检查", "民办园联合检查"] and len(shared.item_ids) == 2


def test_plans_whose_periods_do_not_overlap_make_no_proposal(bureau_staff):
    two_plans(bureau_staff, second_starts=date(2025, 5, 1), second_ends=date(2025, 6, 30))
    assert combined_selectors.proposals(2025) == []


def test_staff_see_the_proposal_and_combine_it_into_one_visit(staff_client, bureau_staff):
    drawn = two_plans(bureau_staff)
    page = staff_client.get(PAGE).content.decode()
    assert "春蕾民办幼儿园" in page and "区市场监管局" in page and "合并为一次检查" in page

    data = {"year": 2025, "organization": drawn.kindergarten.pk, "plans": [drawn.first.pk, drawn.second.pk]}
    refused = staff_client.post(reverse("inspections:combined_combine"), {**data, "planned_on": "2025-05-20"})
    assert refused.status_code == 302 and not CombinedVisit.objects.exists()
    assert "共同期间（2025年4月1日至2025年4月30日）" in staff_client.get(PAGE).content.decode()

    staff_client.post(reverse("inspections:combined_combine"), {**data, "planned_on": "2025-04-15"})

    visit = CombinedVisit.objects.get()
    assert visit.status == CombinedStatus.COMBINED and visit.planned_on == date(2025, 4, 15)
    assert set(visit.plans.all()) == {drawn.first, drawn.second} and visit.created_by == bureau_staff
    assert visit.history.latest().plans.count() == 2  # the history keeps which plans were combined
    assert "data-proposal=" not in staff_client.get(PAGE).content.decode()  # no longer proposed
    # Combining it again (a second tab) is refused.
    staff_client.post(reverse("inspections:combined_combine"), {**data, "planned_on": "2025-04-16"})
    assert CombinedVisit.objects.count() == 1


def test_declining_needs_a_reason_and_hides_the_proposal(staff_client, bureau_staff):
    drawn = two_plans(bureau_staff)
    data = {"year": 2025, "organization": drawn.kindergarten.pk, "plans": [drawn.first.pk, drawn.second.pk]}

    staff_client.post(reverse("inspections:combined_decline"), {**data, "reason": ""})
    assert not CombinedVisit.objects.exists()

    reason = "联合检查须与市场监管局同日，时间无法协调"
    staff_client.post(reverse("inspections:combined_decline"), {**data, "reason": reason})

    visit = CombinedVisit.objects.get()
    assert visit.status == CombinedStatus.DECLINED and visit.reason.startswith("联合检查")
    assert combined_selectors.proposals(2025) == []
    listed = staff_client.get(reverse("inspections:combined_visit_list") + "?status=declined").content.decode()
    assert "时间无法协调" in listed


def test_leader_reads_the_proposals_without_the_buttons(leader_client, bureau_staff):
    drawn = two_plans(bureau_staff)
    page = leader_client.get(PAGE)
    assert page.status_code == 200 and "春蕾民办幼儿园" in page.content.decode()
    assert "合并为一次检查</button>" not in page.content.decode()
    data = {"year": 2025, "organization": drawn.kindergarten.pk, "plans": [drawn.first.pk], "planned_on": "2025-04-15"}
    assert leader_client.post(reverse("inspections:combined_combine"), data).status_code == 403


def test_a_school_is_refused_and_anonymous_is_sent_to_sign_in(client, school_a_client, bureau_staff):
    two_plans(bureau_staff)
    assert school_a_client.get(PAGE).status_code == 403
    assert school_a_client.get(reverse("inspections:combined_visit_list")).status_code == 403
    client.logout()
    response = client.get(PAGE)
    assert response.status_code == 302 and "login" in response["Location"]
