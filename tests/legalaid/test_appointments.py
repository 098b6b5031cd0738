from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from legalaid.models import Appointment
from tests.legalaid.factories import AppointmentFactory, LawyerFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% demo contract\n"


def data(lawyer, **overrides):
    values = {
        "lawyer": lawyer.pk,
        "start_date": "2022-01-01",
        "end_date": "2024-12-31",
        "fee": "6000",
        "scope": "法律咨询、合同审查",
    }
    values.update(overrides)
    return values


def test_school_admin_registers_own_counsel_with_contract_and_downloads_it(
    school_a_client, school_a, school_b, school_admin_a
):
    lawyer = LawyerFactory(name="张律师")
    contract = SimpleUploadedFile("聘用合同.pdf", PDF, content_type="application/pdf")
    # A school cannot register a counsel for another school, even by posting its id.
    response = school_a_client.post(
        reverse("legalaid:appointment_create"), {**data(lawyer), "organization": school_b.pk, "contract_file": contract}
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.organization == school_a and appointment.created_by == school_admin_a
    assert appointment.contract_name == "聘用合同.pdf"
    download = school_a_client.get(reverse("legalaid:appointment_contract", args=[appointment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert set(download["Cache-Control"].split(", ")) == {"no-store", "private"}


def test_another_school_and_anonymous_cannot_reach_the_contract(client, school_b_client, school_a):
    appointment = AppointmentFactory(organization=school_a)
    url = reverse("legalaid:appointment_contract", args=[appointment.pk])
    assert school_b_client.get(url).status_code == 404
    assert school_b_client.get(reverse("legalaid:appointment_detail", args=[appointment.pk])).status_code == 404
    assert school_b_client.get(reverse("legalaid:school_counsel", args=[school_a.pk])).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_overlapping_appointment_of_the_same_lawyer_is_refused_and_nothing_saved(staff_client, school_a):
    existing = AppointmentFactory(organization=school_a, start_date=date(2021, 1, 1), end_date=date(2022, 12, 31))
    response = staff_client.post(
        reverse("legalaid:appointment_create"),
        {**data(existing.lawyer, start_date="2022-06-01", end_date="2025-05-31"), "organization": school_a.pk},
    )
    assert response.status_code == 400
    assert "聘期不能重叠" in response.content.decode()
    assert Appointment.objects.count() == 1
    # The day after the old term ends is fine, and so is a second counsel for the same period.
    for values in (data(existing.lawyer, start_date="2023-01-01"), data(LawyerFactory(), start_date="2022-06-01")):
        response = staff_client.post(reverse("legalaid:appointment_create"), {**values, "organization": school_a.pk})
        assert response.status_code == 302
    assert Appointment.objects.filter(organization=school_a).count() == 3


def test_end_before_start_negative_fee_and_bad_contract_are_refused(school_a_client, settings):
    lawyer = LawyerFactory()
    url = reverse("legalaid:appointment_create")
    response = school_a_client.post(url, data(lawyer, end_date="2021-12-31", fee="-1"))
    body = response.content.decode()
    assert response.status_code == 400 and "聘期结束日期不能早于开始日期" in body and "不能小于0元" in body
    fake = SimpleUploadedFile("合同.pdf", b"MZ not a pdf")
    response = school_a_client.post(url, {**data(lawyer), "contract_file": fake})
    assert response.status_code == 400 and "内容与扩展名不符" in response.content.decode()
    settings.UPLOAD_MAX_BYTES = 1024
    big = SimpleUploadedFile("合同.pdf", PDF + b"0" * 2048)
    response = school_a_client.post(url, {**data(lawyer), "contract_file": big})
    assert response.status_code == 400 and "过大" in response.content.decode()
    wrong = SimpleUploadedFile("合同.exe", PDF)
    response = school_a_client.post(url, {**data(lawyer), "contract_file": wrong})
    assert response.status_code == 400 and "类型不允许" in response.content.decode()
    assert not Appointment.objects.exists()


def test_second_stale_edit_is_refused(school_a_client, counsel_a):
    url = reverse("legalaid:appointment_edit", args=[counsel_a.pk])
    base = data(counsel_a.lawyer, start_date="2021-01-01", end_date="2030-12-31", expected_version=counsel_a.version)
    assert school_a_client.post(url, {**base, "fee": "7000"}).status_code == 302
    response = school_a_client.post(url, {**base, "fee": "9000"})
    assert response.status_code == 400 and "未被保存" in response.content.decode()
    counsel_a.refresh_from_db()
    assert counsel_a.fee == 7000 and counsel_a.version == 2


def test_early_termination_ends_the_counsel_and_keeps_the_reason(school_a_client, counsel_a):
    today = timezone.localdate()
    url = reverse("legalaid:appointment_terminate", args=[counsel_a.pk])
    response = school_a_client.post(url, {"on": today - timedelta(days=1), "reason": ""})
    assert response.status_code == 400 and "必填" in response.content.decode()
    school_a_client.post(url, {"on": today - timedelta(days=1), "reason": "律师调离本所"})
    counsel_a.refresh_from_db()
    assert counsel_a.ends_on == today - timedelta(days=1) and counsel_a.state == "terminated"
    history = school_a_client.get(reverse("legalaid:appointment_history", args=[counsel_a.pk])).content.decode()
    assert "提前解聘" in history and "律师调离本所" in history


def test_leader_reads_but_cannot_register(leader_client, counsel_a):
    assert leader_client.get(reverse("legalaid:appointment_detail", args=[counsel_a.pk])).status_code == 200
    assert leader_client.get(reverse("legalaid:appointment_create")).status_code == 403
    assert leader_client.get(reverse("legalaid:appointment_edit", args=[counsel_a.pk])).status_code == 403


def test_school_lands_on_its_counsel_page(school_a_client, school_a, counsel_a):
    response = school_a_client.get(reverse("legalaid:index"), follow=True)
    assert response.request["PATH_INFO"] == reverse("legalaid:school_counsel", args=[school_a.pk])
    body = response.content.decode()
    assert counsel_a.lawyer.name in body and counsel_a.lawyer.license_no in body and "在聘" in body


def test_school_without_counsel_is_told_so(school_a_client, school_a):
    response = school_a_client.get(reverse("legalaid:school_counsel", args=[school_a.pk]))
    assert "没有在聘的法律顾问" in response.content.decode()


def test_appointment_list_is_scoped_and_query_count_constant(
    school_a_client, school_a, school_b, django_assert_max_num_queries
):
    AppointmentFactory(organization=school_a)
    AppointmentFactory(organization=school_b)
    url = reverse("legalaid:appointment_list")
    page = school_a_client.get(url).context["page"]
    assert [a.organization for a in page] == [school_a]
    cache.clear()  # both measured requests fill the menus' cache
    with django_assert_max_num_queries(12) as small:
        school_a_client.get(url)
    AppointmentFactory.create_batch(15, organization=school_a, start_date=date(2000, 1, 1), end_date=date(2000, 1, 2))
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        school_a_client.get(url)
