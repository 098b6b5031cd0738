"""Journey: on a phone (390 × 844) an officer opens the record's 签名 page, signs with a finger (mouse
moves on the canvas), and the page shows 已签名; an empty pad is refused first."""

from datetime import date

import pytest

from inspections.models import Signature
from tests.inspections.factories import InspectionFactory, OfficerFactory

from .journeys import PASSWORD, expect_text, main_text, scripts_ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def record(school_a, bureau_staff):
    officers = [OfficerFactory(name="甲执法"), OfficerFactory(name="乙执法")]
    return InspectionFactory(organization=school_a, inspected_on=date(2025, 5, 12), officers=officers)


def draw(page, canvas) -> None:
    box = canvas.bounding_box()
    x, y = box["x"], box["y"]
    page.mouse.move(x + 40, y + 150)
    page.mouse.down()
    for step in range(1, 16):
        page.mouse.move(x + 40 + step * 18, y + 150 - (step % 4) * 30)
    page.mouse.up()


def test_an_officer_signs_the_record_on_a_phone(new_page, sign_in, shot, record):
    phone = sign_in("staff", PASSWORD, on=new_page(phone=True))
    phone.goto(record.get_absolute_url())
    phone.get_by_role("link", name="签名", exact=True).click()
    expect_text(phone, "现场检查笔录签名")
    assert "未签名" in main_text(phone)
    officer = record.officers.get(name="甲执法")
    phone.locator(f"[data-signer='{officer.pk}'] a").click()
    scripts_ready(phone)
    canvas = phone.locator("canvas[data-signature-pad]")
    assert canvas.bounding_box()["width"] > 300

    phone.get_by_role("button", name="确认签名").click()
    expect_text(phone, "请先在签名框内签名")
    assert not Signature.objects.exists()

    scripts_ready(phone)
    draw(phone, phone.locator("canvas[data-signature-pad]"))
    shot(phone, "signature-pad")
    phone.get_by_role("button", name="确认签名").click()
    expect_text(phone, "甲执法已签名")
    signed = phone.locator(f"[data-signer='{officer.pk}']")
    assert "已签名" in signed.inner_text()
    signature = Signature.objects.get()
    assert signature.signer_name == "甲执法" and len(signature.sha256) == 64
    shot(phone, "signed")
