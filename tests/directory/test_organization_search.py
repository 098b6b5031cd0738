"""The searchable organization menus' endpoint: scope, matching, order, at most 20."""

import pytest
from django.urls import reverse

from directory.models import OrgKind, OrgStatus
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
URL = reverse("directory:organization_search")


def names(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return [row["text"] for row in response.json()["results"]]


def test_finds_by_name_initials_full_pinyin_and_credit_code(staff_client):
    school = OrganizationFactory(name="婺城区第二幼儿园", kind=OrgKind.PUBLIC_KINDERGARTEN)
    OrganizationFactory(name="汤溪镇中心小学")
    assert names(staff_client, q="第二幼") == ["婺城区第二幼儿园"]
    assert names(staff_client, q="wcqdeyey") == ["婺城区第二幼儿园"]
    assert names(staff_client, q="WCQ") == ["婺城区第二幼儿园"]
    assert names(staff_client, q="eyey") == ["婺城区第二幼儿园"]  # initials of a part of the name
    assert names(staff_client, q="wuchengqu") == ["婺城区第二幼儿园"]
    assert names(staff_client, q=school.credit_code[:-1].lower()) == ["婺城区第二幼儿园"]
    assert names(staff_client, q="不存在的学校") == []


def test_answer_shape(staff_client):
    school = OrganizationFactory(name="汤溪镇中心小学")
    [row] = staff_client.get(URL, {"q": "txz"}).json()["results"]
    assert row == {
        "id": school.pk,
        "text": "汤溪镇中心小学",
        "pinyin": "txzzxxx tangxizhenzhongxinxiaoxue",
        "code": school.credit_code,
        "key": school.name_key,
    }


def test_at_most_20_in_pinyin_order_numbers_by_value(staff_client):
    for n in range(1, 26):
        OrganizationFactory(name=f"婺城区第{n}小学")
    found = names(staff_client, q="wcq")
    assert len(found) == 20
    assert found[:3] == ["婺城区第1小学", "婺城区第2小学", "婺城区第3小学"]
    assert found[-1] == "婺城区第20小学"


def test_limits_passed_by_the_menu(staff_client):
    OrganizationFactory(name="阳光幼儿园", kind=OrgKind.PUBLIC_KINDERGARTEN)
    OrganizationFactory(name="阳光培训学校", training=True)
    OrganizationFactory(name="阳光小学", status=OrgStatus.DEREGISTERED, status_date="2024-01-01")
    assert names(staff_client, q="阳光") == ["阳光培训学校", "阳光小学", "阳光幼儿园"]
    assert names(staff_client, q="阳光", kind=[OrgKind.PUBLIC_KINDERGARTEN, OrgKind.PUBLIC_PRIMARY]) == [
        "阳光小学",
        "阳光幼儿园",
    ]
    assert names(staff_client, q="阳光", active="1") == ["阳光培训学校", "阳光幼儿园"]
    assert names(staff_client, q="阳光", open_on="2023-12-31") == ["阳光培训学校", "阳光小学", "阳光幼儿园"]
    assert names(staff_client, q="阳光", open_on="2024-01-02") == ["阳光培训学校", "阳光幼儿园"]
    assert names(staff_client, q="阳光", kind="nonsense", open_on="2024-13-45") == [
        "阳光培训学校",
        "阳光小学",
        "阳光幼儿园",
    ]


def test_a_school_finds_only_itself(school_a_client, school_a, school_b):
    assert names(school_a_client, q="测试") == [school_a.name]
    assert names(school_a_client, q=school_b.credit_code) == []


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL, {"q": "测试"})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_accounts_outside_the_business_roles_are_refused(admin_client_, audit_client):
    OrganizationFactory(name="测试小学")
    assert admin_client_.get(URL, {"q": "测试"}).status_code == 403
    assert audit_client.get(URL, {"q": "测试"}).status_code == 403
