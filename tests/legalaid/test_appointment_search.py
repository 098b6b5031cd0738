"""The service log's 法律顾问 menu searches the appointments the user may read."""

import pytest
from django.urls import reverse

from tests.factories import OrganizationFactory
from tests.legalaid.factories import AppointmentFactory, LawyerFactory

pytestmark = pytest.mark.django_db
URL = reverse("legalaid:appointment_search")


def texts(client, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


def test_found_by_school_pinyin_school_name_or_lawyer(staff_client):
    AppointmentFactory(organization=OrganizationFactory(name="汤溪镇中心小学"), lawyer=LawyerFactory(name="周律师"))
    AppointmentFactory(organization=OrganizationFactory(name="安地小学"), lawyer=LawyerFactory(name="吴律师"))
    assert texts(staff_client, "txz") == ["汤溪镇中心小学 · 周律师（2021.01.01—2030.12.31）"]
    assert texts(staff_client, "安地") == ["安地小学 · 吴律师（2021.01.01—2030.12.31）"]
    assert texts(staff_client, "周律师") == ["汤溪镇中心小学 · 周律师（2021.01.01—2030.12.31）"]
    assert [t.split(" ")[0] for t in texts(staff_client, "")] == ["安地小学", "汤溪镇中心小学"]  # pinyin order


def test_a_school_finds_only_its_own_counsel(school_a_client, school_a, school_b):
    AppointmentFactory(organization=school_a)
    AppointmentFactory(organization=school_b)
    assert [t.split(" ")[0] for t in texts(school_a_client, "")] == [school_a.name]
    assert texts(school_a_client, "乙") == []


def test_at_most_20(staff_client):
    school = OrganizationFactory(name="婺城区第一小学")
    AppointmentFactory.create_batch(25, organization=school)
    assert len(texts(staff_client, "wcq")) == 20


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302


def test_accounts_outside_the_business_roles_are_refused(admin_client_):
    assert admin_client_.get(URL).status_code == 403


def test_service_form_menu_is_searchable(school_a_client, school_a):
    AppointmentFactory(organization=school_a)
    page = school_a_client.get(reverse("legalaid:service_create")).content.decode()
    assert f'data-search-url="{URL}"' in page


def test_lawyer_menu_reads_in_pinyin_order(staff_client):
    for name in ("周律师", "安律师", "李律师"):
        LawyerFactory(name=name)
    page = staff_client.get(reverse("legalaid:appointment_create")).content.decode()
    positions = [page.index(f">{name}（") for name in ("安律师", "李律师", "周律师")]
    assert positions == sorted(positions)
