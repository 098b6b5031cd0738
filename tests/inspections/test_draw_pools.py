"""A second year's draws: the pools are the registry and the certificates as of each plan's start date."""

from datetime import date

import pytest
from django.urls import reverse

from directory.models import OrgKind, OrgStatus
from inspections import services
from tests.factories import OrganizationFactory

from .factories import OfficerFactory, PlanFactory

pytestmark = pytest.mark.django_db


def private_kindergarten(name, **kwargs):
    return OrganizationFactory(name=name, private_kindergarten=True, **kwargs)


@pytest.fixture
def year_2022(db):
    """Officers and kindergartens whose dates fall between a March and an October draw of 2022."""
    officers = {
        "steady": OfficerFactory(name="周建军", valid_from=date(2020, 1, 1), valid_until=date(2025, 12, 31)),
        "steady2": OfficerFactory(name="吴晓燕", valid_from=date(2020, 1, 1), valid_until=date(2025, 12, 31)),
        "expires_june": OfficerFactory(name="郑国强", valid_from=date(2017, 6, 30), valid_until=date(2022, 6, 29)),
        "certified_september": OfficerFactory(name="冯雪", valid_from=date(2022, 9, 5), valid_until=date(2027, 9, 4)),
    }
    orgs = {
        "open": private_kindergarten("春蕾民办幼儿园"),
        "closed_may": private_kindergarten(
            "童乐民办幼儿园", status=OrgStatus.DEREGISTERED, status_date=date(2022, 5, 20)
        ),
        "suspended_before": private_kindergarten(
            "小太阳民办幼儿园", status=OrgStatus.SUSPENDED, status_date=date(2021, 12, 31)
        ),
        "opened_august": private_kindergarten("新苗民办幼儿园", established_on=date(2022, 8, 15)),
    }
    march = PlanFactory(
        name="2022年春季民办幼儿园双随机抽查",
        starts_on=date(2022, 3, 7),
        ends_on=date(2022, 4, 30),
        target_kinds=[OrgKind.PRIVATE_KINDERGARTEN],
    )
    october = PlanFactory(
        name="2022年秋季民办幼儿园双随机抽查",
        starts_on=date(2022, 10, 10),
        ends_on=date(2022, 11, 30),
        target_kinds=[OrgKind.PRIVATE_KINDERGARTEN],
    )
    return officers, orgs, march, october


def test_march_and_october_draws_take_their_pools_on_their_plans_start(bureau_staff, year_2022):
    officers, orgs, march, october = year_2022
    quotas = {OrgKind.PRIVATE_KINDERGARTEN: 1}
    spring = services.draw_commit(plan=march, quotas=quotas, user=bureau_staff)
    autumn = services.draw_commit(plan=october, quotas=quotas, user=bureau_staff)

    assert set(spring.officer_pool) == {o.pk for k, o in officers.items() if k != "certified_september"}
    assert set(autumn.officer_pool) == {o.pk for k, o in officers.items() if k != "expires_june"}
    assert spring.entity_pool[OrgKind.PRIVATE_KINDERGARTEN] == sorted([orgs["open"].pk, orgs["closed_may"].pk])
    assert autumn.entity_pool[OrgKind.PRIVATE_KINDERGARTEN] == sorted([orgs["open"].pk, orgs["opened_august"].pk])
    assert (spring.pool_date, autumn.pool_date) == (date(2022, 3, 7), date(2022, 10, 10))


def test_the_draw_form_counts_and_offers_what_the_plans_start_holds(staff_client, year_2022):
    officers, orgs, march, october = year_2022
    page = staff_client.get(reverse("inspections:draw_create", args=[october.pk]))
    text = page.content.decode()
    offered = {o.pk for o in page.context["form"].fields["officers"].queryset}
    assert offered == {o.pk for k, o in officers.items() if k != "expires_june"}
    assert "行动开始日名录中在办2家" in text and "2022年10月10日" in text
    assert "（3人）" in text  # certified on the plan's start


def test_the_public_page_states_the_day_the_pools_describe(client, bureau_staff, year_2022):
    _, orgs, march, _ = year_2022
    draw = services.draw_commit(plan=march, quotas={OrgKind.PRIVATE_KINDERGARTEN: 1}, user=bureau_staff)
    page = client.get(reverse("inspections:public_draw", args=[draw.pk])).content.decode()
    assert "2022年3月7日" in page and "童乐民办幼儿园" in page and "小太阳民办幼儿园" not in page
