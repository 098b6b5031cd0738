import pytest
from django.urls import reverse

from legalaid.models import LawFirm, Lawyer
from tests.factories import valid_credit_code
from tests.legalaid.factories import AppointmentFactory, LawFirmFactory, LawyerFactory

pytestmark = pytest.mark.django_db


def test_firm_credit_code_is_checked(staff_client):
    url = reverse("legalaid:firm_create")
    response = staff_client.post(url, {"name": "婺州律师事务所", "credit_code": "31330702MA2T00001X"})
    assert response.status_code == 400 and "校验位错误" in response.content.decode()
    code = valid_credit_code("31")
    assert staff_client.post(url, {"name": "婺州律师事务所", "credit_code": " " + code.lower()}).status_code == 302
    assert LawFirm.objects.get().credit_code == code


def test_lawyer_licence_number_is_checked_and_unique(staff_client):
    firm = LawFirmFactory()
    url = reverse("legalaid:lawyer_create")
    values = {"name": "张律师", "firm": firm.pk, "active": "on"}
    response = staff_client.post(url, {**values, "license_no": "13307200611"})
    assert response.status_code == 400 and "应为17位数字" in response.content.decode()
    assert staff_client.post(url, {**values, "license_no": "13307 2006 1100 0100"}).status_code == 302
    assert Lawyer.objects.get().license_no == "13307200611000100"
    response = staff_client.post(url, {**values, "name": "李律师", "license_no": "13307200611000100"})
    assert response.status_code == 400 and "已存在" in response.content.decode()


def test_lawyer_edit_keeps_history_and_refuses_stale_saves(staff_client):
    lawyer = LawyerFactory(name="王律师")
    url = reverse("legalaid:lawyer_edit", args=[lawyer.pk])
    base = {"name": "王律师", "firm": lawyer.firm_id, "license_no": lawyer.license_no, "expected_version": 1}
    assert staff_client.post(url, {**base, "phone": "13800000000"}).status_code == 302
    response = staff_client.post(url, {**base, "phone": "13900000000"})
    assert response.status_code == 400 and "未被保存" in response.content.decode()
    history = staff_client.get(reverse("legalaid:lawyer_history", args=[lawyer.pk])).content.decode()
    assert "13800000000" in history


def test_a_lawyer_off_the_register_cannot_be_newly_appointed(school_a_client, school_a):
    lawyer = LawyerFactory(active=False)
    response = school_a_client.post(
        reverse("legalaid:appointment_create"),
        {"lawyer": lawyer.pk, "start_date": "2022-01-01", "end_date": "2022-12-31", "fee": "0", "scope": "咨询"},
    )
    assert response.status_code == 400


def test_lawyer_page_lists_the_schools_served(staff_client, school_a):
    appointment = AppointmentFactory(organization=school_a)
    page = staff_client.get(appointment.lawyer.get_absolute_url()).content.decode()
    assert school_a.name in page and appointment.lawyer.firm.name in page


def test_lawyer_list_searches_and_filters_by_firm(staff_client):
    firm = LawFirmFactory()
    LawyerFactory(name="专办教育法", firm=firm, specialties="教育法")
    LawyerFactory(name="其他律师")
    url = reverse("legalaid:lawyer_list")
    assert [lawyer.name for lawyer in staff_client.get(url, {"q": "教育法"}).context["page"]] == ["专办教育法"]
    assert [lawyer.name for lawyer in staff_client.get(url, {"firm": firm.pk}).context["page"]] == ["专办教育法"]
