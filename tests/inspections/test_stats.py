"""The seed's figures come out of the demo data through the registered statistics."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from core import stats
from inspections.models import Area, Draw, HazardStatus, Inspection, Plan
from inspections.services import draw_verify

from .factories import HazardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def value(name, year=2021):
    return stats.get(name).value(year)


def test_seed_figures_of_2021(demo):
    assert value("inspections.total") == 1019
    assert value("inspections.officers_certified") == 9
    assert value("inspections.exam_cadres") == 5
    assert value("inspections.exam_civil_servants") == 2
    assert value("inspections.checklist_items") >= 100
    assert value("inspections.random_checks") == 21
    assert value("inspections.smart_campus_schools") == 58
    assert value("inspections.smart_campus_sites") == 68
    assert value("inspections.smart_campus_rate") == 1.0
    assert value("inspections.safety_below_full", 2020) == 21
    assert round(value("inspections.joint_share"), 3) == round(516 / 1019, 3)
    found, closed, still_open = (value(f"inspections.hazards_{n}") for n in ("found", "closed", "open"))
    assert found == closed + still_open and closed > 0 and still_open > 0
    assert value("inspections.hazards_overdue") > 0


def test_the_seven_plans_of_the_seed(demo):
    by_plan = {row["label"]: row["value"] for row in value("inspections.by_plan")}
    assert sorted(by_plan.values()) == [15, 15, 21, 118, 173, 212, 465]
    assert sum(by_plan.values()) == 1019
    kinds = {row["label"]: row["value"] for row in value("inspections.by_kind")}
    assert kinds["双随机抽查"] == 21 and kinds["年检"] == 118 and kinds["疫情防控"] == 173
    org_kinds = {row["label"]: row["value"] for row in value("inspections.by_org_kind")}
    # 118 kindergartens in the spring, 12+6 in random and special checks, 118 annual, 109 in November.
    assert org_kinds["公办幼儿园"] + org_kinds["民办幼儿园"] == 118 + 12 + 6 + 118 + 109
    assert stats.get("inspections.total").url(2021) == "/inspections/records/?year=2021"


def test_demo_draws_verify_and_the_data_loads_once(demo):
    draws = list(Draw.objects.all())
    assert len(draws) == 2 and all(draw_verify(d)["ok"] for d in draws)
    assert all(Inspection.objects.filter(plan=d.plan).count() == d.entities.count() for d in draws)
    call_command("load_demo", stdout=io.StringIO())
    assert Inspection.objects.count() == 1019 and Plan.objects.count() == 7
    assert all(len(i.officers.all()) >= 2 for i in Inspection.objects.prefetch_related("officers")[:50])


def test_every_statistic_of_the_contract_is_registered():
    names = [
        "total",
        "by_plan",
        "by_kind",
        "joint_share",
        "random_checks",
        "officers_certified",
        "exam_cadres",
        "exam_civil_servants",
        "checklist_items",
        "hazards_found",
        "hazards_closed",
        "hazards_open",
        "smart_campus_schools",
        "smart_campus_sites",
        "smart_campus_rate",
        "safety_below_full",
    ]
    registered = stats.all_statistics()
    assert all(f"inspections.{n}" in registered for n in names)
    assert registered["inspections.by_plan"].kind == "table" and registered["inspections.joint_share"].kind == "rate"


def test_hazards_by_area_counts_unresolved_and_overdue_by_the_register_rule(db):
    past = date(2021, 6, 1)
    HazardFactory(area=Area.FIRE, deadline=past)  # 待整改, past its deadline: overdue
    HazardFactory(area=Area.FIRE, deadline=past, status=HazardStatus.RETURNED)  # returned: owes work again
    # handed in before the deadline (its stored 办理日期): not overdue on 31 December
    HazardFactory(area=Area.FIRE, deadline=past, status=HazardStatus.SUBMITTED, submitted_on=date(2021, 5, 30))
    HazardFactory(area=Area.FIRE)  # deadline ahead
    HazardFactory(area=Area.FIRE, deadline=past, status=HazardStatus.CLOSED)  # 已销号: not counted at all
    rows = {row["label"]: row for row in value("inspections.hazards_by_area")}
    fire = rows[str(Area.FIRE.label)]
    assert (fire["value"], fire["overdue"]) == (4, 2)
    assert fire["overdue"] == value("inspections.hazards_overdue")
