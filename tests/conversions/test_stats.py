import io
from datetime import date

import pytest
from django.core.management import call_command

from accounts.models import User
from conversions import services
from conversions.models import CaseKind, CaseStatus, ConversionCase
from core import stats
from directory.models import Organization, OrgKind, ProfitStatus
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def value(name, year):
    return stats.get(name).value(year)


def test_figures_of_a_year_from_cases_and_registry(open_case, finish_tracks, bureau_staff, days_ago):
    year = days_ago(2).year
    if days_ago(6).year != year:
        pytest.skip("the cases of this test must fall in one calendar year")
    orgs = [OrganizationFactory(training=True, established_on=date(year - 3, 9, 1)) for _ in range(3)]
    for org, kind in zip(orgs, [CaseKind.CONVERT, CaseKind.CHANGE, CaseKind.CLOSE], strict=False):
        case = open_case(kind, organization=org, opened=5)
        finish_tracks(case)
        services.visit_record(
            case=case, data={"visited_on": days_ago(4), "visitor": "负责人", "purpose": "提交"}, user=bureau_staff
        )
        services.step_record(case=case, data={"done_on": days_ago(4), "name": "一窗受理"}, user=bureau_staff)
        services.case_complete(case=case, user=bureau_staff, expected_version=None)
    open_case()  # the fixture institution: still open, not reduced
    assert (value("conversions.converted", year), value("conversions.changed", year)) == (1, 1)
    assert value("conversions.closed", year) == 1
    assert value("conversions.reduction_rate", year) == pytest.approx(3 / 4)
    assert value("conversions.avg_visits", year) == 1.0 and value("conversions.avg_steps", year) == 1.0
    assert value("conversions.avg_days", year) == 3.0
    assert value("conversions.staff", year) == 1
    assert [row["value"] for row in value("conversions.by_kind", year)] == [1, 1, 1]
    assert value("conversions.converted", year - 1) == 0
    assert value("conversions.reduction_rate", year - 1) == 0.0  # all four were for-profit, none reduced yet
    assert stats.get("conversions.converted").url(year).endswith(f"completed_year={year}&kind=convert")


def test_reduction_rate_is_not_typed_but_read_from_the_registry(bureau_staff):
    """An institution taken off the for-profit list by a registry edit (no case) still counts as reduced."""
    year = date.today().year
    org = OrganizationFactory(training=True, established_on=date(2015, 1, 1))
    OrganizationFactory(training=True, established_on=date(2015, 1, 1))
    assert value("conversions.reduction_rate", year) == 0.0
    org.profit_status = ProfitStatus.NON_PROFIT
    org.status_date = date.today()
    org.save()
    assert value("conversions.reduction_rate", year) == 0.5
    assert value("conversions.reduction_rate", year + 1) == 0.0  # next year's baseline is the one still for-profit


def test_registered_names_and_baselines():
    names = {n for n in stats.all_statistics() if n.startswith("conversions.")}
    assert names >= {
        "conversions.converted",
        "conversions.changed",
        "conversions.closed",
        "conversions.reduction_rate",
        "conversions.staff",
        "conversions.avg_visits",
        "conversions.avg_steps",
        "conversions.baseline_visits",
        "conversions.baseline_steps",
        "conversions.avg_days",
        "conversions.by_kind",
    }
    assert value("conversions.baseline_visits", 2021) == 3 and value("conversions.baseline_steps", 2021) == 3
    assert stats.get("conversions.reduction_rate").kind == "rate"
    assert stats.get("conversions.by_kind").kind == "table"


@pytest.fixture
def demo(demo_district):
    return demo_district


def test_demo_reproduces_the_seed(demo):
    assert value("conversions.converted", 2021) == 88
    assert value("conversions.reduction_rate", 2021) == 1.0
    assert value("conversions.staff", 2021) == 11
    assert value("conversions.avg_visits", 2021) == 1.0 and value("conversions.avg_steps", 2021) == 1.0
    assert (value("conversions.changed", 2021), value("conversions.closed", 2021)) == (0, 0)
    assert value("conversions.avg_days", 2021) is not None
    per_staff = {u.username: u.conversion_cases.count() for u in User.objects.filter(username__startswith="yzf")}
    assert len(per_staff) == 11 and set(per_staff.values()) == {8}
    assert all("演示" in u.full_name for u in User.objects.filter(username__startswith="yzf"))
    assert not Organization.objects.filter(
        kind=OrgKind.SUBJECT_TRAINING, profit_status=ProfitStatus.FOR_PROFIT
    ).exists()
    assert Organization.objects.filter(kind=OrgKind.NONSUBJECT_TRAINING).count() == 377


def test_demo_pilot_is_the_first_in_the_province_in_2021(demo):
    pilot = ConversionCase.objects.order_by("completed_on", "number").first()
    assert pilot.completed_on.year == 2021 and pilot.status == CaseStatus.COMPLETED
    assert "全省首家" in pilot.note and "变更登记" in pilot.note
    history = pilot.organization.history.order_by("-history_date").first()
    assert pilot.number in history.history_change_reason and history.profit_status == ProfitStatus.NON_PROFIT
    assert pilot.events.order_by("at").first().at.year == 2021


def test_demo_is_idempotent(demo):
    before = ConversionCase.objects.count(), Organization.history.count(), User.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert (ConversionCase.objects.count(), Organization.history.count(), User.objects.count()) == before
