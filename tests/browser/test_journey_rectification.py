"""Journey 2: a school's self-check and the rectification of one of its hazards, closed by the bureau.

The school administrator submits this term's self-check with evidence, fills the 五到位 of a hazard
found at an earlier inspection and hands it in with a photo; bureau staff look at the evidence,
verify and close the hazard (and accept the self-check); the school sees both closed.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from inspections.models import Area, Conclusion, Hazard, HazardStatus, SelfCheck, SelfCheckStatus
from tests.inspections.factories import PNG, ChecklistFactory, HazardFactory, InspectionFactory

from .journeys import PASSWORD, expect_text, main_text, scripts_ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHOTO = {"name": "更换后的灭火器.png", "mimeType": "image/png", "buffer": PNG}
SCAN = {"name": "自查签字页.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%self-check\n"}


@pytest.fixture
def hazards(school_admin_a, school_admin_b, bureau_staff):
    """A published checklist; a hazard at school A from last month's inspection, and one at school B."""
    checklist = ChecklistFactory(name="中小学安全检查表")
    found = timezone.localdate() - timedelta(days=20)
    inspection = InspectionFactory(
        organization=school_admin_a.organization,
        plan__name="秋季开学安全检查",
        plan__checklist=checklist,
        inspected_on=found,
        conclusion=Conclusion.RECTIFY,
    )
    own = HazardFactory(
        organization=school_admin_a.organization,
        inspection=inspection,
        area=Area.FIRE,
        description="教学楼二楼灭火器过期",
        found_on=found,
        deadline=found + timedelta(days=30),
    )
    HazardFactory(organization=school_admin_b.organization, description="乙校食堂排烟罩油污", area=Area.FOOD)
    return own


def test_self_check_then_rectification_verified_and_closed(page, new_page, sign_in, shot, hazards):
    today = timezone.localdate()
    school = sign_in("school_a", PASSWORD)

    # 1. This term's self-check: every item answered, a signed scan attached, submitted.
    school.get_by_role("navigation", name="主菜单").get_by_role("link", name="行政检查").click()
    assert school.locator("h1").inner_text() == "安全自查与隐患整改"
    school.get_by_role("link", name="开始本学期自查").click()
    school.get_by_role("button", name="开始自查").click()
    scripts_ready(school)
    assert "共10项，已填0项" in main_text(school)
    school.get_by_role("button", name="未填项全部标为合格").click()
    school.fill("#id_summary", "对照检查表逐项自查，未发现新问题。")
    school.set_input_files("#id_attachments", [SCAN])
    shot(school, "self-check-filled")
    school.get_by_role("button", name="提交审核").click()
    expect_text(school, "自查已提交，等待局机关审核。")
    assert school.dialogs == ["提交后不能再修改，确定提交？"]
    assert school.locator(".page-head .tag").inner_text() == "已提交"
    assert school.get_by_role("link", name="自查签字页.pdf").count() == 1
    self_check = SelfCheck.objects.get(organization=hazards.organization)
    assert self_check.status == SelfCheckStatus.SUBMITTED and len(self_check.answers) == 10

    # 2. The register shows the school's own hazard only; the 五到位 are filled.
    school.locator("nav.subnav").get_by_role("link", name="隐患台账").click()
    assert "共 1 条" in main_text(school)
    assert school.get_by_text("乙校食堂排烟罩油污").count() == 0
    school.get_by_role("link", name="教学楼二楼灭火器过期").click()
    school.get_by_role("link", name="填报五到位").click()
    school.fill("#id_measures", "更换二楼全部过期灭火器，建立月度检查登记表。")
    school.fill("#id_responsible_person", "总务主任 周明")
    school.fill("#id_funds", "1200")
    school.fill("#id_prevention", "每月由安全员检查灭火器压力和有效期并登记。")
    school.get_by_role("button", name="保存五到位").click()
    expect_text(school, "五到位已保存")
    assert status_tag(school) == "整改中"

    # 3. Handed in for verification with a photo of the new extinguishers.
    school.fill("#id_completion_note", "已更换灭火器8具，检查登记表已上墙。")
    school.set_input_files("#id_evidence", [PHOTO])
    shot(school, "hazard-submit")
    school.get_by_role("button", name="提交核验").click()
    expect_text(school, "已提交核验，等待局机关核验。")
    assert status_tag(school) == "待核验"
    assert school.get_by_role("link", name="填报五到位").count() == 0  # nothing more to do while it is verified
    hazard = Hazard.objects.get(pk=hazards.pk)
    assert (hazard.status, hazard.responsible_person, hazard.funds) == (HazardStatus.SUBMITTED, "总务主任 周明", 1200)

    # 4. Bureau staff, in their own browser, find it among those waiting, look at the photo, close it.
    staff = sign_in("staff", PASSWORD, on=new_page())
    staff.goto("/inspections/hazards/")
    staff.select_option("#id_status", label="待核验")
    staff.get_by_role("button", name="查询").click()
    assert "共 1 条" in main_text(staff)
    staff.get_by_role("link", name="教学楼二楼灭火器过期").click()
    main = main_text(staff)
    assert "更换二楼全部过期灭火器" in main and "总务主任 周明" in main and "1200.00元" in main
    photo = staff.get_by_role("link", name="更换后的灭火器.png")
    assert staff.request.get(photo.get_attribute("href")).body() == PNG
    staff.get_by_label("通过").check()
    staff.fill("#id_reason", "现场复查，灭火器已全部更换。")
    shot(staff, "verify")
    staff.get_by_role("button", name="提交核验结论").click()
    expect_text(staff, "已销号。")
    assert status_tag(staff) == "已销号"

    # ... and accept the self-check while at it.
    staff.locator("nav.subnav").get_by_role("link", name="学校自查").click()
    row = staff.locator("table tbody tr", has_text=hazards.organization.name)
    assert row.locator(".tag").inner_text() == "待审核"
    row.get_by_role("link", name=hazards.organization.name).click()
    staff.get_by_label("通过").check()
    staff.get_by_role("button", name="提交审核意见").click()
    expect_text(staff, "已通过")

    # 5. The school sees its hazard closed, with who verified it, and its self-check accepted.
    school.reload()
    assert status_tag(school) == "已销号"
    closed_page = main_text(school)
    assert f"{today:%Y年%-m月%-d日}，核验人局工作人员" in closed_page
    assert "待核验 → 已销号" in closed_page and "整改中 → 待核验" in closed_page
    school.locator("nav.subnav").get_by_role("link", name="工作台").click()
    shot(school, "school-home")
    assert "本校没有未销号的隐患。" in main_text(school)
    own_checks = school.locator("section.card", has_text="本校自查").locator("tbody tr")
    assert own_checks.count() == 1 and "已通过" in own_checks.inner_text()
    hazard.refresh_from_db()
    self_check.refresh_from_db()
    assert (hazard.status, hazard.closed_on, hazard.verified_by.username) == (HazardStatus.CLOSED, today, "staff")
    assert hazard.evidence.get().original_name == "更换后的灭火器.png"
    assert self_check.status == SelfCheckStatus.ACCEPTED
    assert school.console_errors == [] and staff.console_errors == []


def status_tag(page) -> str:
    """The status tag on a hazard's page (状态 in its facts)."""
    return page.locator("dl.facts dd .tag").first.inner_text()
