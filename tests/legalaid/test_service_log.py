import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from legalaid.models import Evaluation, ServiceRecord
from tests.legalaid.factories import AppointmentFactory, EvaluationFactory, ServiceRecordFactory

pytestmark = pytest.mark.django_db


def service(appointment, **overrides):
    values = {
        "appointment": appointment.pk,
        "date": "2021-05-10",
        "kind": "contract_review",
        "hours": "2",
        "summary": "审查食堂采购合同",
    }
    values.update(overrides)
    return values


def test_school_logs_a_service_of_its_own_counsel(school_a_client, school_admin_a, counsel_a):
    response = school_a_client.post(reverse("legalaid:service_create"), service(counsel_a))
    assert response.status_code == 302
    record = ServiceRecord.objects.get()
    assert record.appointment == counsel_a and record.created_by == school_admin_a
    assert record.get_kind_display() == "合同审查"


def test_school_cannot_log_on_another_schools_counsel(school_a_client, counsel_b):
    response = school_a_client.post(reverse("legalaid:service_create"), service(counsel_b))
    assert response.status_code == 400 and "选择一个有效的选项" in response.content.decode()
    assert not ServiceRecord.objects.exists()


def test_service_outside_the_period_or_without_hours_is_refused(school_a_client, school_a):
    counsel = AppointmentFactory(organization=school_a, start_date=date(2021, 1, 1), end_date=date(2021, 12, 31))
    url = reverse("legalaid:service_create")
    response = school_a_client.post(url, service(counsel, date="2022-03-01", hours="0"))
    body = response.content.decode()
    assert response.status_code == 400
    assert "服务日期不在该法律顾问的聘期内" in body and "应在0.5至200小时之间" in body
    assert not ServiceRecord.objects.exists()


def test_bureau_reads_every_school_and_a_school_only_its_own(
    client, login_as, staff_client, school_admin_a, counsel_a, counsel_b
):
    ServiceRecordFactory(appointment=counsel_a, summary="甲校的服务")
    ServiceRecordFactory(appointment=counsel_b, summary="乙校的服务")
    url = reverse("legalaid:service_list")
    assert {s.summary for s in staff_client.get(url).context["page"]} == {"甲校的服务", "乙校的服务"}
    login_as(school_admin_a)
    assert [s.summary for s in client.get(url).context["page"]] == ["甲校的服务"]
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(reverse("legalaid:service_export")).content)).active
    assert [row[5] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["甲校的服务"]


def test_another_school_cannot_edit_a_service(school_b_client, school_admin_a, counsel_a):
    record = ServiceRecordFactory(appointment=counsel_a)
    assert school_b_client.get(reverse("legalaid:service_edit", args=[record.pk])).status_code == 404


def test_service_list_filters_by_kind_and_year(staff_client, counsel_a):
    ServiceRecordFactory(appointment=counsel_a, kind="mediation", date=date(2021, 3, 1))
    ServiceRecordFactory(appointment=counsel_a, kind="consultation", date=date(2022, 3, 1))
    url = reverse("legalaid:service_list")
    assert [s.kind for s in staff_client.get(url, {"kind": "mediation"}).context["page"]] == ["mediation"]
    assert [s.date.year for s in staff_client.get(url, {"year": 2022}).context["page"]] == [2022]


def test_counsel_without_service_in_the_year_is_flagged(staff_client, counsel_a, counsel_b):
    ServiceRecordFactory(appointment=counsel_a, date=date(2021, 4, 1))
    url = reverse("legalaid:evaluation_list")
    response = staff_client.get(url, {"year": 2021})
    rows = {a.pk: a.year_services for a in response.context["page"]}
    assert rows == {counsel_a.pk: 1, counsel_b.pk: 0}
    assert response.context["summary"]["no_service"] == 1
    assert "无服务记录" in response.content.decode()
    flagged = staff_client.get(url, {"year": 2021, "flag": "no_service"}).context["page"]
    assert [a.pk for a in flagged] == [counsel_b.pk]


def test_each_counsel_is_evaluated_once_a_year(staff_client, bureau_staff, counsel_a):
    url = reverse("legalaid:evaluation_create", args=[counsel_a.pk, 2021])
    response = staff_client.post(url, {"score": "101", "comment": "好"})
    assert response.status_code == 400 and "0至100分之间" in response.content.decode()
    assert staff_client.post(url, {"score": "92", "comment": "服务及时"}).status_code == 302
    evaluation = Evaluation.objects.get()
    assert (evaluation.score, evaluation.grade, evaluation.created_by) == (92, "优秀", bureau_staff)
    response = staff_client.post(url, {"score": "80", "comment": "再评一次"})
    assert response.status_code == 400 and "每年只考核一次" in response.content.decode()
    assert Evaluation.objects.count() == 1


def test_evaluation_year_must_be_within_the_period(staff_client, counsel_a):
    response = staff_client.post(
        reverse("legalaid:evaluation_create", args=[counsel_a.pk, 2019]), {"score": "80", "comment": "x"}
    )
    assert response.status_code == 400 and "不在该法律顾问的聘期内" in response.content.decode()


def test_schools_and_leaders_do_not_evaluate(school_a_client, counsel_a):
    assert school_a_client.get(reverse("legalaid:evaluation_list")).status_code == 403
    url = reverse("legalaid:evaluation_create", args=[counsel_a.pk, 2021])
    assert school_a_client.post(url, {"score": "99", "comment": "自评"}).status_code == 403
    evaluation = EvaluationFactory(appointment=counsel_a)
    assert school_a_client.get(reverse("legalaid:evaluation_edit", args=[evaluation.pk])).status_code == 403


def test_the_evaluation_summary_follows_services_and_evaluations_at_once(staff_client, counsel_a, counsel_b):
    """The summary is cached until a service, an evaluation or an appointment changes."""
    url = reverse("legalaid:evaluation_list")

    def summary(client):
        return client.get(url, {"year": 2021}).context["summary"]

    assert summary(staff_client) == {"total": 2, "evaluated": 0, "pending": 2, "no_service": 2}
    record = ServiceRecordFactory(appointment=counsel_a, date=date(2020, 4, 1))
    assert summary(staff_client)["no_service"] == 2
    record.date = date(2021, 4, 1)  # moved into the year: a change, not a new row
    record.save()
    assert summary(staff_client)["no_service"] == 1
    EvaluationFactory(appointment=counsel_b, year=2021)
    assert summary(staff_client)["evaluated"] == 1
