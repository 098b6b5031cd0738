"""Journey: on a 390-px phone a school administrator finds the hazard the bureau returned in 待办, with the
reason, fixes it and hands it in again; the item leaves 待办."""

from datetime import timedelta

import pytest
from django.utils import timezone

from inspections.models import Area, Hazard, HazardStatus
from tests.inspections.factories import PNG, HazardFactory

from .journeys import PASSWORD, expect_text, main_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHOTO = {"name": "清理后的通道.png", "mimeType": "image/png", "buffer": PNG}


@pytest.fixture
def returned(school_admin_a, school_admin_b):
    today = timezone.localdate()
    HazardFactory(
        organization=school_admin_b.organization,
        description="乙校退回的隐患",
        status=HazardStatus.RETURNED,
        return_reason="乙校理由",
    )
    return HazardFactory(
        organization=school_admin_a.organization,
        area=Area.FIRE,
        description="消防通道堆放杂物",
        found_on=today - timedelta(days=20),
        deadline=today + timedelta(days=10),
        status=HazardStatus.RETURNED,
        measures="清理杂物，设置禁止堆放标识。",
        responsible_person="总务主任 周明",
        planned_on=today - timedelta(days=15),
        returned_on=today - timedelta(days=1),
        return_reason="照片未显示通道已清理",
    )


def test_school_on_a_phone_resubmits_a_returned_hazard_from_todo(new_page, sign_in, shot, returned):
    school = sign_in("school_a", PASSWORD, on=new_page(phone=True))
    badge = school.locator(".todo-link .badge")
    before = int(badge.inner_text())
    school.locator(".todo-link").click()
    assert school.locator("h1").inner_text() == "待办"
    text = main_text(school)
    assert "整改被退回" in text and "照片未显示通道已清理" in text and "乙校" not in text
    assert school.evaluate("document.documentElement.scrollWidth <= innerWidth")
    shot(school, "todo-phone")

    school.get_by_role("link", name="消防安全：消防通道堆放杂物").click()
    assert "照片未显示通道已清理" in main_text(school)
    school.fill("#id_completion_note", "杂物已全部清理，通道畅通，附清理后照片。")
    school.set_input_files("#id_evidence", [PHOTO])
    school.get_by_role("button", name="提交核验").click()
    expect_text(school, "已提交核验，等待局机关核验。")
    assert Hazard.objects.get(pk=returned.pk).status == HazardStatus.SUBMITTED

    school.locator(".todo-link").click()
    assert "消防通道堆放杂物" not in main_text(school)
    remaining = school.locator(".todo-link .badge")
    assert (int(remaining.inner_text()) if remaining.count() else 0) == before - 1
    assert school.console_errors == []
