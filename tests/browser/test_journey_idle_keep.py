"""Journey: a school administrator fills the rectification report, is signed out while idle, presses
提交核验, signs in again and finds the text and the photo back on the hazard's page, then hands it in."""

import time
from datetime import timedelta
from importlib import import_module

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.middleware import IDLE_TIMEOUT_KEY, SESSION_KEY
from inspections.models import Area, Hazard, HazardStatus
from tests.inspections.factories import PNG, HazardFactory

from .conftest import sign_in_on
from .journeys import PASSWORD, expect_text, scripts_ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHOTO = {"name": "清理后的通道.png", "mimeType": "image/png", "buffer": PNG}
NOTE = "杂物已全部清理，通道畅通。"


def sign_out_as_idle(page) -> None:
    """The session's last activity two minutes ago, with a one-minute timeout."""
    key = next(c["value"] for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    session = import_module(settings.SESSION_ENGINE).SessionStore(key)
    session[IDLE_TIMEOUT_KEY] = 60
    session[SESSION_KEY] = int(time.time()) - 120
    session.save()


@pytest.fixture
def hazard(school_admin_a):
    today = timezone.localdate()
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


def test_report_sent_after_the_idle_sign_out_is_restored_after_signing_in(sign_in, hazard):
    page = sign_in("school_a", PASSWORD)
    page.goto(hazard.get_absolute_url())
    page.fill("#id_completion_note", NOTE)
    page.set_input_files("#id_evidence", [PHOTO])
    sign_out_as_idle(page)
    page.get_by_role("button", name="提交核验").click()
    expect_text(page, "您已超时退出，填写的内容已保存，登录后将恢复")
    assert Hazard.objects.get(pk=hazard.pk).status == HazardStatus.RETURNED

    page.fill("input[name=username]", "school_a")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.wait_for_url(f"**{hazard.get_absolute_url()}")
    scripts_ready(page)
    assert page.input_value("#id_completion_note") == NOTE
    assert "清理后的通道.png" in page.locator("main").inner_text()
    page.get_by_role("button", name="提交核验").click()
    expect_text(page, "已提交核验，等待局机关核验。")
    hazard.refresh_from_db()
    assert hazard.status == HazardStatus.SUBMITTED
    assert [e.original_name for e in hazard.evidence.all()] == ["清理后的通道.png"]


def test_another_account_on_the_same_browser_gets_nothing(sign_in, hazard, school_admin_b):
    page = sign_in("school_a", PASSWORD)
    page.goto(hazard.get_absolute_url())
    page.fill("#id_completion_note", NOTE)
    sign_out_as_idle(page)
    page.get_by_role("button", name="提交核验").click()
    expect_text(page, "您已超时退出")
    sign_in_on(page, "school_b", PASSWORD)
    page.goto(hazard.get_absolute_url())
    assert NOTE not in page.content()
