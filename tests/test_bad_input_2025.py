"""Bad input on the forms added for a real year and the 2025 inspection rules: 400, a Chinese message
beside the field, a summary on top, and nothing written."""

import re

import pytest
from django.urls import reverse

from conversions.models import ProcedureBaseline
from inspections.models import FrequencyRule, VisitApproval
from tests.factories import OrganizationFactory

LEAK = re.compile(r"[A-Za-z_]{6,}Error|Traceback|IntegrityError|NOT NULL|UNIQUE constraint|Enter a|This field")


def field_errors(page: str) -> list[str]:
    """The messages beside the fields and those on top of the form."""
    beside = re.findall(r'<div class="field-error" role="alert">(.*?)</div>', page)
    return beside + re.findall(r'<div class="msg msg-error" role="alert"><p>(.*?)</p>', page)


def refused(response, *fields_said: str) -> str:
    page = response.content.decode()
    assert response.status_code == 400, response.status_code
    errors = field_errors(page)
    assert errors and not LEAK.search(page), errors
    for said in fields_said:
        assert any(said in e for e in errors), (said, errors)
    return page


@pytest.mark.django_db
def test_a_baseline_out_of_bounds_or_twice_for_a_year_is_refused(staff_client, bureau_staff):
    url = reverse("conversions:baseline_create")
    refused(staff_client.post(url, {"year": "1900", "steps": "-1", "visits": "abc", "source": ""}), "应在", "请")
    assert not ProcedureBaseline.objects.exists()
    good = {"year": "2020", "steps": "3", "visits": "3", "source": "改革前办事指南"}
    assert staff_client.post(url, good).status_code == 302
    refused(staff_client.post(url, good), "该年度的改革前基数已经录入")
    assert ProcedureBaseline.objects.count() == 1


@pytest.mark.django_db
def test_a_frequency_rule_out_of_bounds_or_repeated_is_refused(staff_client):
    url = reverse("inspections:rule_create")
    bad = {"year": "2025", "org_kind": "public_primary", "max_visits": "0", "repeat_days": "400"}
    refused(staff_client.post(url, bad), "应在1至99")
    assert not FrequencyRule.objects.exists()
    good = {**bad, "max_visits": "2", "repeat_days": "30"}
    assert staff_client.post(url, good).status_code == 302
    refused(staff_client.post(url, good), "该年度这类机构的检查频次上限已经设定")
    assert FrequencyRule.objects.count() == 1


@pytest.mark.django_db
def test_an_approval_without_reason_or_with_a_future_day_is_refused(leader_client):
    org = OrganizationFactory()
    url = reverse("inspections:approval_create")
    response = leader_client.post(
        url, {"organization": org.pk, "visit_on": "2025-02-30", "reason": "", "approved_on": "2999-01-01"}
    )
    refused(response, "日期无法识别", "不能晚于今天")
    assert not VisitApproval.objects.exists()
