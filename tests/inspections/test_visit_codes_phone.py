"""扫码入企 on phones (390 × 844): the officer shows the code, the organization opens its address without
signing in, reads the visit and rates it; the rating reaches the legal section and not the officer."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.browser.axe import axe_violations

# The browser fixtures (tests/browser/conftest.py) for this module, which lives beside the other 扫码入企 tests.
from tests.browser.conftest import _sync_orm_beside_playwright, browser, new_page, page, shot, sign_in  # noqa: F401
from tests.browser.journeys import PASSWORD, expect_text, main_text
from tests.browser.test_phone import OVERFLOW
from tests.factories import UserFactory

from .test_visit_codes import visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_officer_shows_the_code_and_the_organization_rates_the_visit(new_page, sign_in, shot, school_a):  # noqa: F811
    code, inspection, officers = visit(school_a)
    UserFactory(username="officer_a", full_name=officers[0].name, role=Role.BUREAU_STAFF, officer=officers[0])
    UserFactory(username="legal", full_name="法制审核员", role=Role.LEGAL_REVIEWER)

    officer = sign_in("officer_a", PASSWORD, on=new_page(phone=True))
    officer.goto(inspection.get_absolute_url())
    officer.get_by_role("link", name="扫码入企").click()
    officer.locator(".visit-qr svg").wait_for()
    assert officer.locator(".visit-qr svg").bounding_box()["width"] >= 280  # large enough to scan
    assert officer.evaluate(OVERFLOW) == {"page": 0, "lists": []}
    assert axe_violations(officer) == []
    address = officer.locator(".visit-url .mono").inner_text()
    assert address.endswith(f"/v/{code.token}/")
    shot(officer, "officer-code")

    organization = new_page(phone=True)  # nobody signed in
    organization.goto(code.get_absolute_url())
    text = main_text(organization)
    assert school_a.name in text and all(o.certificate_no in text for o in officers) and "合格" in text
    assert organization.evaluate(OVERFLOW) == {"page": 0, "lists": []}
    assert axe_violations(organization) == []
    organization.get_by_role("button", name="提交评价").click()
    expect_text(organization, "评价未提交")
    assert "请选择1至5分" in main_text(organization)
    organization.get_by_label("2分").check()
    for question in ("执法人员是否出示了执法证件", "是否按公布的检查事项清单检查", "检查是否未干扰正常经营（办学）"):
        organization.get_by_role("group", name=question).get_by_label("是").check()
    organization.get_by_label("意见建议（选填）").fill("检查用时过长")
    organization.get_by_role("button", name="提交评价").click()
    expect_text(organization, "感谢您的评价")
    shot(organization, "rated")

    officer.goto(reverse("inspections:visit_ratings"))
    assert "检查用时过长" not in officer.content()
    legal = sign_in("legal", PASSWORD, on=new_page())
    legal.goto(reverse("inspections:visit_ratings"))
    assert "检查用时过长" in main_text(legal) and school_a.name in main_text(legal)
    assert axe_violations(legal) == []
