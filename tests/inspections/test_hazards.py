import io
from datetime import timedelta

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inspections import services
from inspections.models import Hazard, HazardStatus, StatusChange
from tests.clients import PortalClient

from .factories import DEADLINE, LATER, PNG, HazardFactory

pytestmark = pytest.mark.django_db


def signed_in(user) -> PortalClient:
    client = PortalClient()  # the second factor too, for the roles that need one
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def five(hazard, **overrides):
    data = {
        "measures": "更换灭火器",
        "responsible_person": "后勤主任",
        "funds": "1200",
        "prevention": "每月检查",
        "expected_version": hazard.version,
    }
    data.update(overrides)
    return data


def test_school_rectifies_bureau_returns_then_closes(school_admin_a, bureau_staff, hazard_a):
    school, bureau = signed_in(school_admin_a), signed_in(bureau_staff)
    url = lambda name: reverse(f"inspections:hazard_{name}", args=[hazard_a.pk])  # noqa: E731

    assert school.post(url("plan"), five(hazard_a)).status_code == 302
    hazard_a.refresh_from_db()
    assert hazard_a.status == HazardStatus.RECTIFYING and hazard_a.funds == 1200

    no_evidence = school.post(url("submit"), {"completion_note": "已更换", "expected_version": hazard_a.version})
    hazard_a.refresh_from_db()
    assert no_evidence.status_code == 400 and hazard_a.status == HazardStatus.RECTIFYING  # refused: no evidence
    assert "请上传整改佐证材料" in no_evidence.content.decode()

    photo = SimpleUploadedFile("整改后.png", PNG)
    school.post(url("submit"), {"completion_note": "已更换", "expected_version": hazard_a.version, "evidence": photo})
    hazard_a.refresh_from_db()
    assert hazard_a.status == HazardStatus.SUBMITTED and hazard_a.evidence.count() == 1

    assert school.post(url("verify"), {"decision": "accept"}).status_code == 403  # schools cannot verify
    bureau.post(url("verify"), {"decision": "return", "reason": "照片不清晰", "expected_version": hazard_a.version})
    hazard_a.refresh_from_db()
    assert hazard_a.status == HazardStatus.RETURNED and hazard_a.return_reason == "照片不清晰"
    assert "照片不清晰" in school.get(url("detail")).content.decode()

    school.post(url("submit"), {"completion_note": "补充清晰照片", "expected_version": hazard_a.version})
    hazard_a.refresh_from_db()
    bureau.post(url("verify"), {"decision": "accept", "expected_version": hazard_a.version})
    hazard_a.refresh_from_db()
    assert hazard_a.status == HazardStatus.CLOSED and hazard_a.closed_on == timezone.localdate()
    changes = list(
        StatusChange.objects.filter(object_id=hazard_a.pk)
        .order_by("at", "id")
        .values_list("from_status", "to_status", "by__username")
    )
    assert changes == [
        ("open", "rectifying", "school_a"),
        ("rectifying", "submitted", "school_a"),
        ("submitted", "returned", "staff"),
        ("returned", "submitted", "school_a"),
        ("submitted", "closed", "staff"),
    ]


def test_a_closed_hazard_cannot_be_edited(bureau_staff, school_admin_a, hazard_a):
    Hazard.objects.filter(pk=hazard_a.pk).update(status=HazardStatus.CLOSED)
    hazard_a.refresh_from_db()
    for call in (
        lambda: services.hazard_update(
            hazard=hazard_a, data={"description": "改"}, user=bureau_staff, expected_version=hazard_a.version
        ),
        lambda: services.hazard_plan(
            hazard=hazard_a, data=five(hazard_a), user=school_admin_a, expected_version=hazard_a.version
        ),
        lambda: services.hazard_extend(
            hazard=hazard_a,
            new_deadline=LATER,
            reason="x",
            user=bureau_staff,
            expected_version=hazard_a.version,
        ),
    ):
        with pytest.raises(ValidationError, match="已销号"):
            call()
    response = signed_in(bureau_staff).post(
        reverse("inspections:hazard_edit", args=[hazard_a.pk]),
        {"description": "改", "expected_version": hazard_a.version},
    )
    hazard_a.refresh_from_db()
    assert response.status_code == 302 and hazard_a.description != "改"


def test_deadline_before_found_date_is_refused(staff_client, school_a):
    response = staff_client.post(
        reverse("inspections:hazard_create"),
        {
            "organization": school_a.pk,
            "area": "fire",
            "severity": "general",
            "description": "疏散通道堵塞",
            "found_on": "2021-05-10",
            "deadline": "2021-05-01",
        },
    )
    assert response.status_code == 400 and "整改时限不能早于发现日期" in response.content.decode()
    assert not Hazard.objects.exists()


def test_overdue_appears_by_itself_when_the_deadline_passes(staff_client, school_a):
    yesterday = timezone.localdate() - timedelta(days=1)
    late = HazardFactory(organization=school_a, found_on=yesterday - timedelta(days=30), deadline=yesterday)
    on_time = HazardFactory(organization=school_a, deadline=timezone.localdate())
    handed_in = HazardFactory(organization=school_a, deadline=yesterday, status=HazardStatus.SUBMITTED)
    assert late.is_overdue and not on_time.is_overdue and not handed_in.is_overdue
    overdue = staff_client.get(reverse("inspections:hazard_list"), {"overdue": "yes"}).context["page"].object_list
    assert list(overdue) == [late]
    assert late.status == HazardStatus.OPEN  # nobody set a status
    not_overdue = staff_client.get(reverse("inspections:hazard_list"), {"overdue": "no"}).context["page"]
    assert {h.pk for h in not_overdue} == {on_time.pk, handed_in.pk}


def test_extension_needs_a_reason_and_keeps_the_old_deadline(staff_client, hazard_a):
    url = reverse("inspections:hazard_extend", args=[hazard_a.pk])
    version = hazard_a.version
    staff_client.post(url, {"new_deadline": LATER.isoformat(), "reason": "", "expected_version": version})
    hazard_a.refresh_from_db()
    assert hazard_a.deadline == DEADLINE
    staff_client.post(
        url,
        {
            "new_deadline": (DEADLINE - timedelta(days=30)).isoformat(),
            "reason": "材料未到",
            "expected_version": version,
        },
    )  # earlier
    staff_client.post(
        url, {"new_deadline": LATER.isoformat(), "reason": "消防器材供货延迟", "expected_version": version}
    )
    hazard_a.refresh_from_db()
    extension = hazard_a.extensions.get()
    assert hazard_a.deadline == LATER
    assert extension.old_deadline == DEADLINE and extension.reason == "消防器材供货延迟"


def test_second_stale_save_is_refused(school_admin_a, bureau_staff, hazard_a):
    first, second = signed_in(school_admin_a), signed_in(bureau_staff)
    stale = five(hazard_a)
    first.post(reverse("inspections:hazard_plan", args=[hazard_a.pk]), five(hazard_a, measures="第一次"))
    response = second.post(reverse("inspections:hazard_plan", args=[hazard_a.pk]), {**stale, "measures": "第二次"})
    hazard_a.refresh_from_db()
    assert response.status_code == 400 and "未被保存" in response.content.decode()
    assert hazard_a.measures == "第一次"


def test_incomplete_five_in_place_is_refused(school_a_client, hazard_a):
    response = school_a_client.post(
        reverse("inspections:hazard_plan", args=[hazard_a.pk]), five(hazard_a, prevention="")
    )
    hazard_a.refresh_from_db()
    assert response.status_code == 400 and hazard_a.status == HazardStatus.OPEN


def test_another_school_cannot_see_or_touch_the_hazard(school_admin_b, hazard_a, bureau_staff):
    from .conftest import attach_hazard_file

    other = signed_in(school_admin_b)
    evidence = attach_hazard_file(hazard_a, bureau_staff)
    for name in ("detail", "plan", "submit", "history"):
        assert other.get(reverse(f"inspections:hazard_{name}", args=[hazard_a.pk])).status_code == 404
    assert other.post(reverse("inspections:hazard_plan", args=[hazard_a.pk]), five(hazard_a)).status_code == 404
    assert other.get(reverse("inspections:hazard_evidence", args=[evidence.pk])).status_code == 404
    assert list(other.get(reverse("inspections:hazard_list")).context["page"].object_list) == []
    sheet = openpyxl.load_workbook(io.BytesIO(other.get(reverse("inspections:hazard_export")).content)).active
    assert sheet.max_row == 1  # headers only


@pytest.mark.usefixtures("header_count_off")
def test_register_filters_export_and_constant_queries(staff_client, school_a, school_b, django_assert_max_num_queries):
    HazardFactory(organization=school_a, area="food", description="留样不足")
    HazardFactory(organization=school_b, area="fire", status=HazardStatus.CLOSED)
    url = reverse("inspections:hazard_list")
    assert [h.description for h in staff_client.get(url, {"area": "food"}).context["page"]] == ["留样不足"]
    assert staff_client.get(url, {"status": "closed"}).context["page"].paginator.count == 1
    assert staff_client.get(url, {"township": school_a.township_id}).context["page"].paginator.count >= 1
    assert staff_client.get(url, {"organization": school_b.pk}).context["page"].paginator.count == 1
    assert staff_client.get(url, {"q": "留样"}).context["page"].paginator.count == 1
    sheet = openpyxl.load_workbook(
        io.BytesIO(staff_client.get(reverse("inspections:hazard_export"), {"area": "food"}).content)
    ).active
    assert [c.value for c in sheet[2]][:3] == [school_a.name, str(school_a.township), "食品安全"]
    staff_client.get(url)
    with django_assert_max_num_queries(20) as small:
        staff_client.get(url)
    HazardFactory.create_batch(30, organization=school_b)
    with django_assert_max_num_queries(len(small.captured_queries)):
        staff_client.get(url)


def test_warning_notice_reaches_every_school_home_page(staff_client, school_admin_b, hazard_a):
    staff_client.post(
        reverse("inspections:hazard_notice", args=[hazard_a.pk]),
        {"title": "灭火器过期问题通报", "body": "请各校对照检查灭火器。"},
    )
    other_school = signed_in(school_admin_b)
    home = other_school.get(reverse("core:home")).content.decode()
    assert "灭火器过期问题通报" in home and "全区警示" in home
    sheet = openpyxl.load_workbook(io.BytesIO(other_school.get(reverse("inspections:notice_export")).content)).active
    assert sheet["B2"].value == "灭火器过期问题通报"


def test_history_shows_who_changed_what(school_admin_a, hazard_a):
    client = signed_in(school_admin_a)
    client.post(reverse("inspections:hazard_plan", args=[hazard_a.pk]), five(hazard_a))
    page = client.get(reverse("inspections:hazard_history", args=[hazard_a.pk])).content.decode()
    assert "甲校管理员" in page and "更换灭火器" in page


def test_the_record_of_steps_names_the_hazard_s_own_statuses(school_admin_a, bureau_staff, hazard_a):
    # "submitted" and "returned" are also self-check statuses (已提交, 已退回): a hazard's page must use its own.
    services.hazard_plan(hazard=hazard_a, data=five(hazard_a), user=school_admin_a, expected_version=hazard_a.version)
    photo = SimpleUploadedFile("整改后.png", PNG)
    services.hazard_submit(
        hazard=hazard_a, completion_note="已更换", files=[photo], user=school_admin_a, expected_version=hazard_a.version
    )
    services.hazard_verify(
        hazard=hazard_a, accept=False, reason="照片不清晰", user=bureau_staff, expected_version=hazard_a.version
    )
    page = signed_in(school_admin_a).get(reverse("inspections:hazard_detail", args=[hazard_a.pk])).content.decode()
    assert "整改中 → 待核验" in page and "待核验 → 核验退回" in page
    assert "已提交" not in page and "已退回" not in page


def submitted(hazard) -> Hazard:
    Hazard.objects.filter(pk=hazard.pk).update(status=HazardStatus.SUBMITTED)
    hazard.refresh_from_db()
    return hazard


def test_detail_page_posts_the_version_with_verify_and_extend(staff_client, hazard_a):
    hazard = submitted(hazard_a)
    form = f'<input type="hidden" name="expected_version" value="{hazard.version}"'
    page = staff_client.get(hazard.get_absolute_url()).content.decode()
    assert page.count(form) == 2  # 核验 and 延期


def test_verify_of_a_hazard_changed_meanwhile_is_refused(staff_client, colleague, hazard_a):
    hazard = submitted(hazard_a)
    seen = hazard.version
    # Another bureau user extends the deadline after the page was loaded: still awaiting verification.
    services.hazard_extend(
        hazard=hazard,
        new_deadline=DEADLINE + timedelta(days=60),
        reason="供货延迟",
        user=colleague,
        expected_version=seen,
    )
    changes = StatusChange.objects.count()
    url = reverse("inspections:hazard_verify", args=[hazard.pk])
    page = staff_client.post(url, {"decision": "accept", "expected_version": seen}, follow=True).content.decode()
    hazard.refresh_from_db()
    assert "核验未完成" in page and "该记录已被另一工作人员于" in page and "您看到的是旧版本" in page
    assert hazard.status == HazardStatus.SUBMITTED and hazard.closed_on is None and hazard.version == seen + 1
    assert StatusChange.objects.count() == changes

    staff_client.post(url, {"decision": "accept", "expected_version": hazard.version})
    hazard.refresh_from_db()
    assert hazard.status == HazardStatus.CLOSED and hazard.verified_by.username == "staff"


def test_extension_of_a_hazard_changed_meanwhile_is_refused(staff_client, colleague, hazard_a):
    seen = hazard_a.version
    services.hazard_update(hazard=hazard_a, data={"description": "已改"}, user=colleague, expected_version=seen)
    url = reverse("inspections:hazard_extend", args=[hazard_a.pk])
    data = {"new_deadline": LATER.isoformat(), "reason": "消防器材供货延迟"}
    page = staff_client.post(url, {**data, "expected_version": seen}, follow=True).content.decode()
    hazard_a.refresh_from_db()
    assert "延期未保存" in page and "您看到的是旧版本" in page
    assert hazard_a.deadline == DEADLINE and not hazard_a.extensions.exists()
    assert hazard_a.version == seen + 1

    staff_client.post(url, {**data, "expected_version": hazard_a.version})
    hazard_a.refresh_from_db()
    assert hazard_a.deadline == LATER and hazard_a.extensions.get().old_deadline == DEADLINE


def test_verify_or_extend_without_the_version_is_refused(staff_client, hazard_a):
    hazard = submitted(hazard_a)
    verify = staff_client.post(
        reverse("inspections:hazard_verify", args=[hazard.pk]), {"decision": "accept"}, follow=True
    )
    extend = staff_client.post(
        reverse("inspections:hazard_extend", args=[hazard.pk]),
        {"new_deadline": LATER.isoformat(), "reason": "供货延迟"},
        follow=True,
    )
    hazard.refresh_from_db()
    assert "页面已过期" in verify.content.decode() and "页面已过期" in extend.content.decode()
    assert hazard.status == HazardStatus.SUBMITTED and hazard.deadline == DEADLINE


def test_submit_of_a_hazard_changed_meanwhile_is_refused(school_a_client, colleague, hazard_a):
    Hazard.objects.filter(pk=hazard_a.pk).update(status=HazardStatus.RECTIFYING)
    hazard_a.refresh_from_db()
    seen = hazard_a.version
    services.hazard_update(hazard=hazard_a, data={"description": "已改"}, user=colleague, expected_version=seen)
    photo = SimpleUploadedFile("整改后.png", PNG)
    data = {"completion_note": "已更换", "expected_version": seen, "evidence": photo}
    url = reverse("inspections:hazard_submit", args=[hazard_a.pk])
    page = school_a_client.post(url, data, follow=True).content.decode()
    hazard_a.refresh_from_db()
    assert "提交失败" in page and "您看到的是旧版本" in page
    assert hazard_a.status == HazardStatus.RECTIFYING and not hazard_a.evidence.exists()


def test_who_may_fill_the_five_in_place(
    client, hazard_a, school_admin_a, school_admin_b, bureau_staff, portal_admin, leader
):
    """The view's rule is the service's: bureau staff for any school, a school administrator for its own."""
    from django.urls import resolve

    from accounts.roles import Role

    url = reverse("inspections:hazard_plan", args=[hazard_a.pk])
    assert resolve(url).func.access == {Role.BUREAU_STAFF, Role.SCHOOL_ADMIN}
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("accounts:login"))
    # another school; a bureau user who only reads; the system administrator, who is no official
    for user, status in ((school_admin_b, 404), (leader, 403), (portal_admin, 403)):
        assert signed_in(user).get(url).status_code == status
        assert signed_in(user).post(url, five(hazard_a)).status_code == status
    hazard_a.refresh_from_db()
    assert hazard_a.status == HazardStatus.OPEN and not hazard_a.measures
    for user in (school_admin_a, bureau_staff):
        assert signed_in(user).get(url).status_code == 200
    assert signed_in(bureau_staff).post(url, five(hazard_a)).status_code == 302
    hazard_a.refresh_from_db()
    assert hazard_a.status == HazardStatus.RECTIFYING and hazard_a.measures == "更换灭火器"


def test_who_may_hand_a_hazard_in(client, hazard_a, school_admin_b, leader):
    """Handing in for verification has the 五到位 rule: the leader only reads, another school sees nothing."""
    from django.urls import resolve

    from accounts.roles import Role

    url = reverse("inspections:hazard_submit", args=[hazard_a.pk])
    assert resolve(url).func.access == {Role.BUREAU_STAFF, Role.SCHOOL_ADMIN}
    data = {"completion_note": "已更换", "expected_version": hazard_a.version}
    anonymous = client.post(url, data)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("accounts:login"))
    assert signed_in(school_admin_b).post(url, data).status_code == 404
    assert signed_in(leader).post(url, data).status_code == 403
    hazard_a.refresh_from_db()
    assert hazard_a.status == HazardStatus.OPEN and not hazard_a.completion_note
