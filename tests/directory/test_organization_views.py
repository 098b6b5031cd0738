import pytest
from django.urls import reverse

from core import pinyin
from directory.models import Organization, OrgKind
from tests.factories import OrganizationFactory, TownshipFactory, valid_credit_code

pytestmark = pytest.mark.django_db


def form_data(org=None, **overrides):
    township = org.township if org else TownshipFactory()
    data = {
        "name": org.name if org else "新登记测试幼儿园",
        "kind": org.kind if org else OrgKind.PUBLIC_KINDERGARTEN,
        "ownership": org.ownership if org else "public",
        "profit_status": org.profit_status if org else "non_profit",
        "credit_code": org.credit_code if org else valid_credit_code(),
        "township": township.pk,
        "sites": 1,
        "status": "active",
        "expected_version": org.version if org else "",
    }
    data.update(overrides)
    return data


def test_list_filters_search_sort_and_paginate(staff_client):
    kindergarten = OrganizationFactory(kindergarten=True, name="向阳幼儿园")
    OrganizationFactory.create_batch(25)
    url = reverse("directory:organization_list")

    page1 = staff_client.get(url)
    assert page1.status_code == 200
    assert page1.context["page"].paginator.count == 26
    assert len(page1.context["page"].object_list) == 20
    assert staff_client.get(url, {"page": 2}).context["page"].object_list.__len__() == 6

    filtered = staff_client.get(url, {"kind": OrgKind.PUBLIC_KINDERGARTEN})
    assert list(filtered.context["page"].object_list) == [kindergarten]
    assert staff_client.get(url, {"q": "向阳"}).context["page"].paginator.count == 1
    assert staff_client.get(url, {"q": kindergarten.credit_code.lower()}).context["page"].paginator.count == 1
    ordered = staff_client.get(url, {"ordering": "-name"}).context["page"].object_list
    names = [o.name for o in ordered]
    # By pinyin (向阳 xiang after 测试 ce) and numbers by value, not by code point.
    assert names == sorted(names, key=pinyin.sort_key, reverse=True)
    assert names[0] == "向阳幼儿园"


@pytest.mark.usefixtures("header_count_off")
def test_list_query_count_does_not_grow_with_rows(staff_client, django_assert_max_num_queries):
    OrganizationFactory.create_batch(5)
    url = reverse("directory:organization_list")
    staff_client.get(url)  # warm the session
    with django_assert_max_num_queries(8) as small:
        staff_client.get(url)
    OrganizationFactory.create_batch(40)
    with django_assert_max_num_queries(len(small.captured_queries)):
        staff_client.get(url)


def test_create_organization_with_invalid_credit_code_shows_chinese_error_and_keeps_input(staff_client):
    data = form_data(name="输错代码的幼儿园", credit_code="11330702732038549X")
    response = staff_client.post(reverse("directory:organization_create"), data)
    assert response.status_code == 400
    assert "校验位错误" in response.content.decode()
    assert "输错代码的幼儿园" in response.content.decode()
    assert not Organization.objects.filter(name="输错代码的幼儿园").exists()


def test_create_organization_refuses_inconsistent_ownership(staff_client):
    response = staff_client.post(reverse("directory:organization_create"), form_data(ownership="private"))
    assert response.status_code == 400
    assert "办学性质应为公办" in response.content.decode()


def test_create_and_edit_record_who_and_history(staff_client, bureau_staff):
    response = staff_client.post(
        reverse("directory:organization_create"), form_data(credit_code=" " + valid_credit_code().lower())
    )
    org = Organization.objects.get(name="新登记测试幼儿园")
    assert response.status_code == 302
    assert org.created_by == bureau_staff and org.credit_code.isupper()
    staff_client.post(reverse("directory:organization_edit", args=[org.pk]), form_data(org, name="改名后的幼儿园"))
    org.refresh_from_db()
    assert org.name == "改名后的幼儿园" and org.version == 2 and org.updated_by == bureau_staff
    history = staff_client.get(reverse("directory:organization_history", args=[org.pk]))
    assert "新登记测试幼儿园 → 改名后的幼儿园" in history.content.decode()


def test_second_editor_with_stale_version_is_refused(staff_client):
    org = OrganizationFactory()
    stale = form_data(org)
    staff_client.post(reverse("directory:organization_edit", args=[org.pk]), form_data(org, address="第一次保存"))
    response = staff_client.post(reverse("directory:organization_edit", args=[org.pk]), {**stale, "address": "第二次"})
    assert response.status_code == 400
    assert "已被" in response.content.decode() and "未被保存" in response.content.decode()
    org.refresh_from_db()
    assert org.address == "第一次保存"


def test_school_admin_sees_only_own_organization(school_a_client, school_a, school_b):
    assert school_a_client.get(reverse("directory:organization_detail", args=[school_a.pk])).status_code == 200
    assert school_a_client.get(reverse("directory:organization_detail", args=[school_b.pk])).status_code == 404
    assert school_a_client.get(reverse("directory:organization_history", args=[school_b.pk])).status_code == 404
    assert school_a_client.get(reverse("directory:organization_list")).status_code == 403
    assert school_a_client.get(reverse("directory:organization_export")).status_code == 403
    assert school_a_client.get(reverse("directory:organization_edit", args=[school_a.pk])).status_code == 403
    assert school_a_client.get(reverse("directory:organization_edit", args=[school_b.pk])).status_code == 403


def test_leader_reads_but_cannot_edit(leader_client, school_a):
    assert leader_client.get(reverse("directory:organization_detail", args=[school_a.pk])).status_code == 200
    assert leader_client.get(reverse("directory:organization_edit", args=[school_a.pk])).status_code == 403
    assert leader_client.post(reverse("directory:organization_create"), form_data()).status_code == 403


def test_anonymous_is_sent_to_login(client, school_a):
    for url in [reverse("directory:organization_list"), reverse("directory:organization_detail", args=[school_a.pk])]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_list_reads_in_pinyin_order_numbers_by_value(staff_client):
    # By code point: 婺城区第二… < 婺城区第十一… < 安地… < 汤溪…; as a Chinese list is read: 安 < 汤 < 婺, 二 < 十一.
    for name in ("婺城区第十一小学", "汤溪镇中心小学", "婺城区第二小学", "安地小学", "婺城区第3小学"):
        OrganizationFactory(name=name)
    page = staff_client.get(reverse("directory:organization_list"))
    names = [o.name for o in page.context["page"].object_list]
    assert names == ["安地小学", "汤溪镇中心小学", "婺城区第二小学", "婺城区第3小学", "婺城区第十一小学"]
