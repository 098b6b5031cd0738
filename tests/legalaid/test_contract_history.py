"""A replaced counsel contract is kept: the history says who replaced it and when, and both versions
stay downloadable from it, for those who may read the appointment only."""

import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from legalaid.models import Appointment
from tests.legalaid.factories import LawyerFactory

pytestmark = pytest.mark.django_db
FIRST = b"%PDF-1.4\n% contract 2022\n"
SECOND = b"%PDF-1.4\n% contract 2022, signed again\n"


def _fields(lawyer, version=None, **more):
    values = {"lawyer": lawyer.pk, "start_date": "2022-01-01", "end_date": "2024-12-31", "fee": "6000", "scope": "咨询"}
    if version is not None:
        values["expected_version"] = version
    return values | more


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _download(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content)


def test_replacing_the_contract_keeps_the_old_file_with_who_and_when(school_admin_a, school_admin_b, bureau_staff):
    school_a_client, school_b_client, staff_client = map(_signed_in, (school_admin_a, school_admin_b, bureau_staff))
    lawyer = LawyerFactory()
    first = SimpleUploadedFile("2022年聘用合同.pdf", FIRST, content_type="application/pdf")
    school_a_client.post(reverse("legalaid:appointment_create"), _fields(lawyer, contract_file=first))
    appointment = Appointment.objects.get()
    old_name = appointment.contract_file.name

    second = SimpleUploadedFile("重签合同.pdf", SECOND, content_type="application/pdf")
    response = school_a_client.post(
        reverse("legalaid:appointment_edit", args=[appointment.pk]),
        _fields(lawyer, version=appointment.version, contract_file=second),
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.contract_name == "重签合同.pdf"
    assert default_storage.exists(old_name)  # the replaced file is not deleted
    assert _download(school_a_client, reverse("legalaid:appointment_contract", args=[appointment.pk])) == SECOND

    page = staff_client.get(reverse("legalaid:appointment_history", args=[appointment.pk])).content.decode()
    replaced = page.split("<tr>")[2]  # newest entry first
    assert "甲校管理员" in replaced and "更换聘用合同（原文件：2022年聘用合同.pdf）" in replaced
    links = dict(re.findall(r'<a href="([^"]+)">([^<]+)</a>', replaced))
    assert set(links.values()) == {"2022年聘用合同.pdf", "重签合同.pdf"}
    old_url = next(url for url, name in links.items() if name == "2022年聘用合同.pdf")
    assert _download(staff_client, old_url) == FIRST
    assert _download(school_a_client, old_url) == FIRST

    assert school_b_client.get(old_url).status_code == 404
    response = Client().get(old_url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_a_history_entry_without_a_file_or_of_another_appointment_is_not_found(school_a_client):
    lawyer = LawyerFactory()
    school_a_client.post(reverse("legalaid:appointment_create"), _fields(lawyer))  # no contract
    appointment = Appointment.objects.get()
    entry = appointment.history.get()
    url = reverse("legalaid:appointment_contract_version", args=[appointment.pk, entry.history_id])
    assert school_a_client.get(url).status_code == 404
    other = reverse("legalaid:appointment_contract_version", args=[appointment.pk + 1, entry.history_id])
    assert school_a_client.get(other).status_code == 404
