from datetime import date

import pytest

from conversions import services
from conversions.models import CaseKind
from core import stats
from directory.models import ProfitStatus
from tests.factories import OrganizationFactory

from .conftest import confirmed

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
        services.case_complete(case=case, user=bureau_staff, expected_version=None, **confirmed(kind))
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
    # Nothing recorded: no figure (the draft marks the sentence 待核实), never a constant.
    assert value("conversions.baseline_visits", 2021) is None and value("conversions.baseline_steps", 2021) is None
    assert stats.get("conversions.reduction_rate").kind == "rate"
    assert stats.get("conversions.by_kind").kind == "table"


def test_baseline_is_the_recorded_one_for_the_year(bureau_staff, staff_client):
    guide = {"year": 2021, "steps": 3, "visits": 4, "source": "改革前办事指南"}
    services.baseline_create(data=guide, user=bureau_staff)
    services.baseline_create(data={"year": 2023, "steps": 2, "visits": 2, "source": "2023年复核"}, user=bureau_staff)
    assert value("conversions.baseline_steps", 2020) is None
    assert (value("conversions.baseline_steps", 2021), value("conversions.baseline_visits", 2021)) == (3, 4)
    assert (value("conversions.baseline_steps", 2022), value("conversions.baseline_visits", 2022)) == (3, 4)
    assert value("conversions.baseline_steps", 2024) == 2
    page = staff_client.get(stats.get("conversions.baseline_steps").url(2022)).content.decode()
    assert "改革前办事指南" in page and "2023年复核" not in page and "共1条" in page


def test_bureau_records_a_baseline_with_errors_beside_the_fields(staff_client):
    from django.urls import reverse

    from conversions.models import ProcedureBaseline

    url = reverse("conversions:baseline_create")
    response = staff_client.post(url, {"year": "2021", "steps": "-1", "visits": "3", "source": ""})
    assert response.status_code == 400 and not ProcedureBaseline.objects.exists()
    response = staff_client.post(url, {"year": "2021", "steps": "3", "visits": "3", "source": "改革前办事指南"})
    assert response.status_code == 302
    baseline = ProcedureBaseline.objects.get()
    assert (baseline.steps, baseline.visits) == (3, 3) and baseline.history.count() == 1
