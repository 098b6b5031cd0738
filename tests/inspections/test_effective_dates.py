"""Back-entry of a year nobody scripted: every step of a hazard carries the day it happened (办理日期).

The year Y is two years back, so that Y and Y + 1 are wholly past, and everything is typed today, the
way a bureau enters a year's paper records months later. The district's calendar (second-year.md): a
hazard found at the November check, rectified late in January and accepted in February; one returned
once before acceptance; one extended with a reason; dates in the future or before the record refused
in Chinese beside the field.
"""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspections import selectors
from inspections.models import Hazard, HazardStatus, StatusChange

from .factories import PNG, HazardFactory

pytestmark = pytest.mark.django_db

Y = timezone.localdate().year - 2


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def url(name: str, hazard) -> str:
    return reverse(f"inspections:hazard_{name}", args=[hazard.pk])


def five_in_place(hazard, on: str, **extra) -> dict:
    return {
        "measures": "更换过期灭火器，疏散通道清障",
        "responsible_person": "总务主任 周明",
        "funds": "1800",
        "prevention": "安全员每月检查并登记",
        "expected_version": hazard.version,
        "on": on,
        **extra,
    }


def hand_in(hazard, on: str, note: str = "已更换灭火器8具，登记表上墙。") -> dict:
    return {
        "completion_note": note,
        "expected_version": hazard.version,
        "evidence": SimpleUploadedFile("整改后.png", PNG),
        "on": on,
    }


def decide(hazard, decision: str, on: str, reason: str = "") -> dict:
    return {"decision": decision, "reason": reason, "expected_version": hazard.version, "on": on}


@pytest.fixture
def clients(school_admin_a, bureau_staff):
    return signed_in(school_admin_a), signed_in(bureau_staff)


@pytest.fixture
def november_hazard(clients, school_a):
    """Entered by bureau staff today: found at the November check of year Y, due on 30 November."""
    _, staff = clients
    response = staff.post(
        reverse("inspections:hazard_create"),
        {
            "organization": school_a.pk,
            "area": "fire",
            "severity": "general",
            "description": "教学楼二楼灭火器过期",
            "found_on": f"{Y}-11-10",
            "deadline": f"{Y}-11-30",
        },
    )
    assert response.status_code == 302
    return Hazard.objects.get(description="教学楼二楼灭火器过期")


def test_found_in_november_rectified_late_in_january_is_overdue_at_the_year_end_and_closed_next_year(
    clients, november_hazard, school_admin_a
):
    school, staff = clients
    hazard = november_hazard
    assert school.post(url("plan", hazard), five_in_place(hazard, f"{Y}-11-15")).status_code == 302
    hazard.refresh_from_db()
    assert school.post(url("submit", hazard), hand_in(hazard, f"{Y + 1}-01-08")).status_code == 302
    hazard.refresh_from_db()
    assert staff.post(url("verify", hazard), decide(hazard, "accept", f"{Y + 1}-02-20")).status_code == 302
    hazard.refresh_from_db()

    assert (hazard.status, hazard.planned_on, hazard.submitted_on, hazard.closed_on) == (
        HazardStatus.CLOSED,
        date(Y, 11, 15),
        date(Y + 1, 1, 8),
        date(Y + 1, 2, 20),
    )
    overdue_on = lambda day: Hazard.objects.overdue(today=day).filter(pk=hazard.pk).exists()  # noqa: E731
    assert not overdue_on(date(Y, 11, 30))  # the deadline day itself
    assert overdue_on(date(Y, 12, 1)) and overdue_on(date(Y, 12, 31)) and overdue_on(date(Y + 1, 1, 7))
    assert not overdue_on(date(Y + 1, 1, 8))  # handed in that day
    assert not overdue_on(date(Y + 1, 12, 31)) and not hazard.is_overdue
    assert hazard.overdue_on(date(Y, 12, 31)) and not hazard.overdue_on(date(Y + 1, 12, 31))
    assert Hazard.objects.not_overdue(today=date(Y, 12, 31)).filter(pk=hazard.pk).count() == 0
    # The year-end figures of each year, as the report asks for them.
    found_in = lambda year: Hazard.objects.filter(found_on__year=year)  # noqa: E731
    assert found_in(Y).overdue(today=date(Y, 12, 31)).count() == 1
    assert found_in(Y).overdue(today=date(Y + 1, 12, 31)).count() == 0
    assert selectors.hazard_counts_for_user(school_admin_a) == {"unresolved": 0, "overdue": 0, "submitted": 0}

    # The record of steps reads in the order things happened; when they were typed stays beside it.
    page = school.get(url("detail", hazard)).content.decode()
    days = [f"{Y}年11月10日", f"{Y}年11月15日", f"{Y + 1}年1月8日", f"{Y + 1}年2月20日"]
    table = page[page.index("办理记录") :]
    assert [table.index(d) for d in reversed(days)] == sorted(table.index(d) for d in days)  # latest first
    assert "超过整改时限提交" in page and f"{Y + 1}年2月20日，核验人局工作人员" in page
    log = StatusChange.objects.filter(object_id=hazard.pk).order_by("happened_on")
    assert [c.happened_on for c in log] == [date(Y, 11, 10), date(Y, 11, 15), date(Y + 1, 1, 8), date(Y + 1, 2, 20)]
    assert {c.at.date() for c in log} == {timezone.now().date()}
    assert hazard.history.latest().history_date.date() == timezone.now().date()


def test_a_rectification_returned_once_counts_from_the_resubmission(clients, school_a):
    school, staff = clients
    hazard = HazardFactory(organization=school_a, found_on=date(Y + 1, 3, 3), deadline=date(Y + 1, 3, 31))
    school.post(url("plan", hazard), five_in_place(hazard, f"{Y + 1}-03-05"))
    hazard.refresh_from_db()
    school.post(url("submit", hazard), hand_in(hazard, f"{Y + 1}-03-25", "已更换"))
    hazard.refresh_from_db()
    again = school.post(url("submit", hazard), hand_in(hazard, f"{Y + 1}-03-26"))
    assert again.status_code == 400 and "不能提交核验" in again.content.decode()  # already handed in
    staff.post(url("verify", hazard), decide(hazard, "return", f"{Y + 1}-03-28", "照片看不清灭火器压力表"))
    hazard.refresh_from_db()
    assert (hazard.status, hazard.returned_on, hazard.submitted_on) == (HazardStatus.RETURNED, date(Y + 1, 3, 28), None)

    too_early = school.post(url("submit", hazard), hand_in(hazard, f"{Y + 1}-03-27", "补拍照片"))
    assert too_early.status_code == 400
    assert f"办理日期不能早于核验退回日期（{Y + 1}年3月28日）" in too_early.content.decode()
    school.post(url("submit", hazard), hand_in(hazard, f"{Y + 1}-04-10", "补拍压力表照片"))
    hazard.refresh_from_db()
    early_verdict = staff.post(url("verify", hazard), decide(hazard, "accept", f"{Y + 1}-04-09"))
    assert early_verdict.status_code == 400
    assert f"办理日期不能早于提交核验日期（{Y + 1}年4月10日）" in early_verdict.content.decode()
    staff.post(url("verify", hazard), decide(hazard, "accept", f"{Y + 1}-04-15"))
    hazard.refresh_from_db()

    assert (hazard.status, hazard.submitted_on, hazard.closed_on) == (
        HazardStatus.CLOSED,
        date(Y + 1, 4, 10),
        date(Y + 1, 4, 15),
    )
    # The returned hand-in does not count: past the deadline and not (acceptably) handed in until 10 April.
    assert hazard.overdue_on(date(Y + 1, 4, 5)) and not hazard.overdue_on(date(Y + 1, 4, 10))
    log = StatusChange.objects.filter(object_id=hazard.pk).order_by("happened_on", "at")
    steps = list(log.values_list("to_status", "happened_on"))
    assert steps == [
        ("rectifying", date(Y + 1, 3, 5)),
        ("submitted", date(Y + 1, 3, 25)),
        ("returned", date(Y + 1, 3, 28)),
        ("submitted", date(Y + 1, 4, 10)),
        ("closed", date(Y + 1, 4, 15)),
    ]


def test_an_extension_granted_in_time_moves_the_deadline_of_every_day(clients, school_a):
    school, staff = clients
    hazard = HazardFactory(organization=school_a, found_on=date(Y + 1, 5, 10), deadline=date(Y + 1, 5, 31))
    extend = url("extend", hazard)
    no_reason = staff.post(
        extend, {"new_deadline": f"{Y + 1}-06-30", "reason": "", "on": f"{Y + 1}-05-28", "expected_version": 1}
    )
    assert no_reason.status_code == 400 and "这个字段是必填项" in no_reason.content.decode()
    late = staff.post(
        extend,
        {"new_deadline": f"{Y + 1}-06-30", "reason": "消防器材供货延迟", "on": f"{Y + 1}-06-02", "expected_version": 1},
    )
    assert late.status_code == 400
    assert f"办理日期不能晚于原整改时限（{Y + 1}年5月31日）" in late.content.decode()
    assert "已逾期的隐患不能再延期" in late.content.decode()
    ok = staff.post(
        extend,
        {"new_deadline": f"{Y + 1}-06-30", "reason": "消防器材供货延迟", "on": f"{Y + 1}-05-28", "expected_version": 1},
    )
    assert ok.status_code == 302
    hazard.refresh_from_db()
    extension = hazard.extensions.get()
    assert (extension.granted_on, extension.old_deadline, hazard.deadline) == (
        date(Y + 1, 5, 28),
        date(Y + 1, 5, 31),
        date(Y + 1, 6, 30),
    )
    assert f"{Y + 1}年5月28日 局工作人员批准延期" in school.get(url("detail", hazard)).content.decode()
    school.post(url("plan", hazard), five_in_place(hazard, f"{Y + 1}-05-12"))
    hazard.refresh_from_db()
    school.post(url("submit", hazard), hand_in(hazard, f"{Y + 1}-06-20"))
    assert not Hazard.objects.overdue(today=date(Y + 1, 6, 10)).filter(pk=hazard.pk).exists()
    assert not Hazard.objects.overdue(today=date(Y + 1, 12, 31)).filter(pk=hazard.pk).exists()


def test_a_future_day_or_a_day_before_the_record_is_refused_beside_the_field(clients, school_a):
    school, staff = clients
    hazard = HazardFactory(organization=school_a, found_on=date(Y, 9, 3), deadline=date(Y, 9, 30))
    tomorrow = timezone.localdate() + timedelta(days=1)

    before = school.post(url("plan", hazard), five_in_place(hazard, f"{Y}-09-01"))
    page = before.content.decode()
    assert before.status_code == 400 and f"办理日期不能早于发现日期（{Y}年9月3日）" in page
    assert '<div class="field-error" role="alert">办理日期不能早于发现日期' in page
    future = school.post(url("plan", hazard), five_in_place(hazard, f"{tomorrow:%Y-%m-%d}"))
    assert future.status_code == 400 and "不能晚于今天" in future.content.decode()
    nonsense = school.post(url("plan", hazard), five_in_place(hazard, "2021-02-30"))
    assert nonsense.status_code == 400 and "日期无法识别，请写成2021-05-01的格式" in nonsense.content.decode()
    hazard.refresh_from_db()
    assert hazard.status == HazardStatus.OPEN and not hazard.measures  # nothing was saved
    assert not StatusChange.objects.filter(object_id=hazard.pk, to_status="rectifying").exists()

    school.post(url("plan", hazard), five_in_place(hazard, f"{Y}-09-05"))
    hazard.refresh_from_db()
    future_hand_in = school.post(url("submit", hazard), hand_in(hazard, f"{tomorrow:%Y-%m-%d}"))
    assert future_hand_in.status_code == 400 and "提交核验的日期不能晚于今天" in future_hand_in.content.decode()
    hazard.refresh_from_db()
    assert hazard.status == HazardStatus.RECTIFYING and not hazard.evidence.exists()

    notice = staff.post(
        url("notice", hazard), {"title": "灭火器过期问题通报", "body": "请各校对照检查。", "on": f"{Y}-09-02"}
    )
    assert notice.status_code == 400 and f"发布日期不能早于隐患发现日期（{Y}年9月3日）" in notice.content.decode()
    staff.post(url("notice", hazard), {"title": "灭火器过期问题通报", "body": "请各校对照检查。", "on": f"{Y}-09-08"})
    assert hazard.notices.get().issued_on == date(Y, 9, 8)


def test_the_form_starts_at_today_and_an_empty_day_means_today(clients, school_a):
    school, _ = clients
    hazard = HazardFactory(organization=school_a, found_on=timezone.localdate() - timedelta(days=3))
    page = school.get(url("plan", hazard)).content.decode()
    assert f'name="on" value="{timezone.localdate():%Y-%m-%d}"' in page and "五到位落实日期" in page
    school.post(url("plan", hazard), five_in_place(hazard, ""))
    hazard.refresh_from_db()
    assert hazard.planned_on == timezone.localdate()
    # Once in place, a correction of the 五到位 does not ask for (or change) that day again.
    assert 'name="on"' not in school.get(url("plan", hazard)).content.decode()


def test_editing_the_found_date_past_the_deadline_is_an_error_on_the_form_not_a_500(staff_client, school_a):
    """Issue 13 item 6: "'HazardEditForm' has no field named 'deadline'"."""
    hazard = HazardFactory(organization=school_a, found_on=date(Y, 11, 10), deadline=date(Y, 11, 30))
    response = staff_client.post(
        url("edit", hazard),
        {
            "area": "fire",
            "severity": "general",
            "description": hazard.description,
            "found_on": f"{Y}-12-05",
            "expected_version": hazard.version,
        },
    )
    assert response.status_code == 400
    assert "整改时限不能早于发现日期" in response.content.decode()
    hazard.refresh_from_db()
    assert hazard.found_on == date(Y, 11, 10) and hazard.version == 1


def test_a_spring_self_check_entered_later_keeps_its_days_and_its_hazards_follow_the_acceptance(
    clients, school_a, checklist
):
    school, staff = clients
    assert school.post(reverse("inspections:selfcheck_create"), {"year": Y + 1, "term": "spring"}).status_code == 302
    self_check = school_a.self_checks.get()
    page = self_check.get_absolute_url()
    data = {"expected_version": self_check.version, "summary": "逐项自查，消防通道有杂物", "action": "submit"}
    for item in self_check.checklist.items.all():
        data[f"answer_{item.pk}"] = "fail" if item.area == "fire" else "pass"

    last_year = school.post(page, {**data, "on": f"{Y}-12-28"})
    assert last_year.status_code == 400
    assert f"提交日期不能早于{Y + 1}年春季学期自查的开始日期（{Y + 1}年1月1日）" in last_year.content.decode()
    assert school.post(page, {**data, "on": f"{Y + 1}-03-20"}).status_code == 302
    self_check.refresh_from_db()
    assert self_check.submitted_on == date(Y + 1, 3, 20)

    review = reverse("inspections:selfcheck_review", args=[self_check.pk])
    decision = {"decision": "accept", "expected_version": self_check.version}
    early = staff.post(review, {**decision, "on": f"{Y + 1}-03-19"})
    assert early.status_code == 400 and f"办理日期不能早于自查提交日期（{Y + 1}年3月20日）" in early.content.decode()
    assert staff.post(review, {**decision, "on": f"{Y + 1}-03-25"}).status_code == 302
    self_check.refresh_from_db()
    assert (self_check.status, self_check.reviewed_on) == ("accepted", date(Y + 1, 3, 25))
    hazard = Hazard.objects.get(self_check=self_check)
    assert (hazard.found_on, hazard.deadline) == (date(Y + 1, 3, 25), date(Y + 1, 4, 24))
    listing = staff.get(reverse("inspections:selfcheck_list")).content.decode()
    assert f"{Y + 1}年3月20日" in listing
