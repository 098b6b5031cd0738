from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from legalaid.models import Activity, ActivityPhoto
from tests.factories import OrganizationFactory
from tests.legalaid.factories import ActivityFactory

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def activity(**overrides):
    values = {
        "title": "禁毒主题班会",
        "date": "2021-06-26",
        "kind": "anti_drug",
        "audience": "students",
        "sessions": "1",
        "participants": "320",
        "description": "观看禁毒教育片",
    }
    values.update(overrides)
    return values


def test_school_logs_its_own_activity(school_a_client, school_a, school_b, school_admin_a):
    response = school_a_client.post(
        reverse("legalaid:activity_create"), activity(organizations=[school_b.pk])
    )  # the school's form has no organization field: it is always the school itself
    assert response.status_code == 302
    created = Activity.objects.get()
    assert list(created.organizations.all()) == [school_a] and created.created_by == school_admin_a


def test_negative_participants_and_winners_where_none_apply_are_refused(school_a_client):
    response = school_a_client.post(reverse("legalaid:activity_create"), activity(participants="-5", winners="3"))
    body = response.content.decode()
    assert response.status_code == 400 and "应在0至100,000之间" in body
    response = school_a_client.post(reverse("legalaid:activity_create"), activity(winners="3"))
    assert response.status_code == 400 and "类活动不评奖" in response.content.decode()
    response = school_a_client.post(
        reverse("legalaid:activity_create"), activity(kind="contest", participants="10", winners="30")
    )
    assert response.status_code == 400 and "获奖人数不能多于参加人数" in response.content.decode()
    assert not Activity.objects.exists()


def test_bureau_logs_an_activity_of_several_schools(staff_client, school_a, school_b):
    url = reverse("legalaid:activity_create")
    response = staff_client.post(url, activity(kind="wulao", title="五老宣讲"))
    assert response.status_code == 400 and "组织单位" in response.content.decode()
    staff_client.post(url, activity(kind="wulao", title="五老宣讲", organizations=[school_a.pk, school_b.pk]))
    assert set(Activity.objects.get().organizations.all()) == {school_a, school_b}


def test_school_reads_joint_activities_but_keeps_only_its_own(school_a_client, school_a, school_b):
    own = ActivityFactory(organizations=[school_a])
    joint = ActivityFactory(organizations=[school_a, school_b])
    other = ActivityFactory(organizations=[school_b])
    listed = {a.pk for a in school_a_client.get(reverse("legalaid:activity_list")).context["page"]}
    assert listed == {own.pk, joint.pk}
    assert school_a_client.get(reverse("legalaid:activity_detail", args=[other.pk])).status_code == 404
    assert school_a_client.get(reverse("legalaid:activity_edit", args=[own.pk])).status_code == 200
    assert school_a_client.get(reverse("legalaid:activity_edit", args=[joint.pk])).status_code == 403


def test_photos_are_checked_and_served_only_to_those_who_may_see_the_activity(
    client, login_as, school_admin_a, school_admin_b, school_a
):
    own = ActivityFactory(organizations=[school_a])
    login_as(school_admin_a)
    url = reverse("legalaid:activity_photo_add", args=[own.pk])
    response = client.post(url, {"image": SimpleUploadedFile("现场.pdf", b"%PDF-1.4")})
    assert response.status_code == 400 and "类型不允许" in response.content.decode()
    assert client.post(url, {"image": SimpleUploadedFile("现场.png", PNG)}).status_code == 302
    photo = ActivityPhoto.objects.get()
    assert (photo.original_name, photo.size, photo.uploaded_by) == ("现场.png", len(PNG), school_admin_a)
    photo_url = reverse("legalaid:activity_photo", args=[photo.pk])
    served = client.get(photo_url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert photo_url in client.get(own.get_absolute_url()).content.decode()
    login_as(school_admin_b)
    assert client.get(photo_url).status_code == 404
    assert client.post(reverse("legalaid:activity_photo_delete", args=[photo.pk])).status_code == 404
    assert ActivityPhoto.objects.exists()


def test_list_filters_and_totals(staff_client, school_a):
    ActivityFactory(organizations=[school_a], kind="fire", date=date(2021, 11, 9), participants=200)
    ActivityFactory(organizations=[school_a], kind="traffic", date=date(2021, 12, 2), participants=100)
    ActivityFactory(organizations=[school_a], kind="fire", date=date(2022, 11, 9), participants=50)
    url = reverse("legalaid:activity_list")
    response = staff_client.get(url, {"year": 2021})
    assert response.context["totals"] == {"sessions": 2, "participants": 300, "winners": None}
    assert [a.kind for a in staff_client.get(url, {"year": 2021, "month": 11}).context["page"]] == ["fire"]
    assert staff_client.get(url, {"q": school_a.name}).context["page"].paginator.count == 3


def test_summary_by_kind_month_and_audience(staff_client, school_a):
    ActivityFactory(organizations=[school_a], kind="fire", date=date(2021, 11, 9), participants=200)
    ActivityFactory(organizations=[school_a], kind="fire", date=date(2021, 11, 20), participants=150, sessions=2)
    ActivityFactory(organizations=[school_a], kind="parent_school", audience="parents", date=date(2021, 4, 1))
    response = staff_client.get(reverse("legalaid:activity_summary"), {"year": 2021})
    by_kind = {kind.label: (row["sessions"], row["participants"]) for kind, row in response.context["by_kind"]}
    assert by_kind == {"消防安全": (3, 350), "家长学校": (1, 300)}
    by_month = {m: (row or {}).get("sessions", 0) for m, row, _ in response.context["by_month"]}
    assert by_month[11] == 3 and by_month[4] == 1 and by_month[1] == 0
    by_audience = {a.label: row["participants"] for a, row in response.context["by_audience"]}
    assert by_audience == {"学生": 350, "家长": 300}


@pytest.mark.usefixtures("header_count_off")
def test_activity_list_query_count_is_constant(staff_client, django_assert_max_num_queries):
    ActivityFactory.create_batch(3)
    url = reverse("legalaid:activity_list")
    staff_client.get(url)
    with django_assert_max_num_queries(12) as small:
        staff_client.get(url)
    for _ in range(15):
        ActivityFactory(organizations=[OrganizationFactory(), OrganizationFactory()])
    with django_assert_max_num_queries(len(small.captured_queries)):
        staff_client.get(url)
