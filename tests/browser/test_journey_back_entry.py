"""Journey 4: back-entry of an earlier year's hazard, with that year's dates (办理日期).

Bureau staff enter a hazard found at the November check two years ago from the paper file; the school
fills its 五到位 and hands the rectification in with the days they happened that November; staff accept
it with the day of the verification that December. The home page's overdue count counts it only while
it stands unrectified in the portal, and ends where it began: a hazard closed in its year is never
overdue later.
"""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from inspections.models import Hazard, HazardStatus, StatusChange
from tests.inspections.factories import PNG, HazardFactory

from .journeys import PASSWORD, choose, expect_text, main_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Y = timezone.localdate().year - 2
PHOTO = {"name": "整改后的疏散通道.png", "mimeType": "image/png", "buffer": PNG}


@pytest.fixture
def district(school_admin_a, school_admin_b, bureau_staff):
    """One hazard of school B is overdue today: the home page's count starts at 1."""
    long_ago = timezone.localdate() - timedelta(days=60)
    HazardFactory(
        organization=school_admin_b.organization,
        description="乙校食堂排烟罩油污",
        found_on=long_ago,
        deadline=long_ago + timedelta(days=30),
    )
    return school_admin_a.organization


def overdue_on_home(page) -> int:
    page.goto("/")
    tile = page.locator("main").get_by_text(re.compile(r"\d+ 条隐患已逾期")).first
    return int(re.match(r"(\d+)", tile.inner_text()).group(1))


def test_an_earlier_year_s_hazard_entered_rectified_and_accepted_with_its_own_days(
    page, new_page, sign_in, shot, district
):
    staff = sign_in("staff", PASSWORD)
    before = overdue_on_home(staff)
    assert before == 1

    # 1. Staff enter the hazard from the paper record of the November check.
    staff.goto("/inspections/hazards/")
    staff.get_by_role("link", name="登记隐患").click()
    choose(staff, "#id_organization", district.name)
    staff.select_option("#id_area", label="消防安全")
    staff.fill("#id_description", "二楼东侧疏散通道堆放课桌椅")
    staff.fill("#id_found_on", f"{Y}-11-10")
    staff.fill("#id_deadline", f"{Y}-11-30")
    shot(staff, "enter-hazard")
    staff.get_by_role("button", name="保存").click()
    expect_text(staff, "已登记隐患。")
    hazard = Hazard.objects.get(description="二楼东侧疏散通道堆放课桌椅")
    # Entered but not yet rectified in the portal: past its deadline, so overdue today, and counted.
    assert overdue_on_home(staff) == before + 1

    # 2. The school fills the 五到位 and hands the rectification in, with the days of that November.
    school = sign_in("school_a", PASSWORD, on=new_page())
    school.goto(f"/inspections/hazards/{hazard.pk}/")
    school.get_by_role("link", name="填报五到位").click()
    assert school.input_value("#id_on") == f"{timezone.localdate():%Y-%m-%d}"  # starts at today
    school.fill("#id_measures", "清理疏散通道，课桌椅移入储藏室。")
    school.fill("#id_responsible_person", "总务主任 周明")
    school.fill("#id_funds", "0")
    school.fill("#id_prevention", "每周巡查疏散通道并登记。")
    school.fill("#id_on", f"{Y}-11-12")
    school.get_by_role("button", name="保存五到位").click()
    expect_text(school, "五到位已保存")
    school.fill("#id_completion_note", "疏散通道已清理，储藏室已上锁。")
    school.set_input_files("#id_evidence", [PHOTO])
    school.fill("#id_on", f"{Y}-11-25")
    shot(school, "hand-in")
    school.get_by_role("button", name="提交核验").click()
    expect_text(school, "已提交核验，等待局机关核验。")

    # 3. Staff accept it with the day of that December's verification; first a slip of the year.
    staff.goto(f"/inspections/hazards/{hazard.pk}/")
    staff.get_by_label("通过").check()
    staff.fill("#id_reason", "现场复查，通道畅通。")
    staff.fill("#id_on", f"{Y}-11-20")
    staff.get_by_role("button", name="提交核验结论").click()
    expect_text(staff, f"办理日期不能早于提交核验日期（{Y}年11月25日）")
    assert staff.locator(".field-error", has_text="办理日期不能早于提交核验日期").count() == 1
    staff.get_by_label("通过").check()
    staff.fill("#id_reason", "现场复查，通道畅通。")
    staff.fill("#id_on", f"{Y}-12-05")
    shot(staff, "verify")
    staff.get_by_role("button", name="提交核验结论").click()
    expect_text(staff, "已销号。")
    main = main_text(staff)
    assert f"{Y}年12月5日，核验人局工作人员" in main and f"{Y}年11月25日提交核验" in main
    assert "超过整改时限提交" not in main

    # 4. The home page's overdue count is where it began.
    assert overdue_on_home(staff) == before
    shot(staff, "home")
    hazard.refresh_from_db()
    assert (hazard.status, hazard.planned_on, hazard.submitted_on, hazard.closed_on) == (
        HazardStatus.CLOSED,
        date(Y, 11, 12),
        date(Y, 11, 25),
        date(Y, 12, 5),
    )
    assert not Hazard.objects.overdue(today=date(Y, 12, 31)).filter(pk=hazard.pk).exists()
    assert {c.at.date() for c in StatusChange.objects.filter(object_id=hazard.pk)} == {timezone.now().date()}
    # The refused verification answered 400, which Chromium logs; nothing else may go wrong.
    assert [e for e in staff.console_errors if "status of 400" not in e] == [] and school.console_errors == []
