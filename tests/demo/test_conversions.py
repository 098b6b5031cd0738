import io
from datetime import date

import pytest
from django.core.management import call_command

from accounts.models import User
from conversions.models import CaseStatus, ConversionCase
from directory.models import Organization, OrgKind, ProfitStatus
from tests.conversions.test_stats import value

pytestmark = pytest.mark.django_db


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
    assert {event.happened_on for event in pilot.events.all()} == {date(2021, 9, 28)}  # the timeline's 办理日期


def test_demo_is_idempotent(demo):
    before = ConversionCase.objects.count(), Organization.history.count(), User.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert (ConversionCase.objects.count(), Organization.history.count(), User.objects.count()) == before
