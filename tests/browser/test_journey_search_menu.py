"""Journey: bureau staff register a hazard by typing a school's pinyin initials in the organization menu.

The menu of every organization (630 in the district) is a search box: typing 汤溪镇中心小学's initials
offers that school among the matches, picking it and submitting saves the hazard for that school.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from inspections.models import Hazard
from tests.factories import OrganizationFactory

from .axe import axe_violations
from .journeys import PASSWORD, expect_text, scripts_ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hazard_registered_for_a_school_found_by_pinyin_initials(page, sign_in, shot, bureau_staff):
    for n in range(1, 31):
        OrganizationFactory(name=f"婺城区第{n}小学")
    school = OrganizationFactory(name="汤溪镇中心小学")
    OrganizationFactory(name="汤溪镇中心幼儿园", kindergarten=True)
    today = timezone.localdate()
    sign_in("staff", PASSWORD)

    page.goto("/inspections/hazards/new/")
    scripts_ready(page)
    assert axe_violations(page) == []
    box = page.get_by_role("combobox", name="所属机构")
    box.click()
    box.press_sequentially("txzzxx")  # 汤溪镇中心小学 (txzzxxx) and not the kindergarten (txzzxyey)
    option = page.locator(".ts-dropdown .option", has_text="汤溪镇中心小学")
    option.wait_for()
    assert page.locator(".ts-dropdown .option").all_inner_texts() == ["汤溪镇中心小学"]
    shot(page, "found-by-initials")
    option.click()
    page.select_option("#id_area", "fire")
    page.select_option("#id_severity", "general")
    page.fill("#id_description", "食堂灭火器压力不足")
    page.fill("#id_found_on", f"{today:%Y-%m-%d}")
    page.fill("#id_deadline", f"{today + timedelta(days=10):%Y-%m-%d}")
    page.get_by_role("button", name="保存").click()
    expect_text(page, "已登记隐患。")

    hazard = Hazard.objects.get(description="食堂灭火器压力不足")
    assert hazard.organization == school
    assert page.console_errors == []  # no script refused by the content security policy


def test_activity_schools_ticked_in_a_searchable_checklist(page, sign_in, shot, bureau_staff):
    from legalaid.models import Activity

    for n in range(1, 31):
        OrganizationFactory(name=f"婺城区第{n}小学")
    sign_in("staff", PASSWORD)
    page.goto("/legalaid/activities/new/")
    scripts_ready(page)
    page.fill("#id_title", "宪法宣传周主题活动")
    page.fill("#id_date", f"{timezone.localdate():%Y-%m-%d}")
    page.select_option("#id_kind", index=1)
    page.select_option("#id_audience", index=1)
    page.fill("#id_sessions", "1")
    page.fill("#id_participants", "200")
    box = page.get_by_role("combobox", name="组织单位")
    box.click()
    box.press_sequentially("wcqd2")  # 第2 and 第20–29
    page.locator(".ts-dropdown .option", has_text="婺城区第29小学").wait_for()
    assert page.locator(".ts-dropdown .option").first.inner_text() == "婺城区第2小学"
    page.locator(".ts-dropdown .option", has_text="婺城区第2小学").click()
    box.fill("")
    box.press_sequentially("第17")
    page.locator(".ts-dropdown .option", has_text="婺城区第17小学").click()
    shot(page, "two-schools-ticked")
    assert axe_violations(page) == []
    page.get_by_role("button", name="保存").click()
    expect_text(page, "已登记普法活动")

    activity = Activity.objects.get(title="宪法宣传周主题活动")
    assert sorted(o.name for o in activity.organizations.all()) == ["婺城区第17小学", "婺城区第2小学"]
    assert page.console_errors == []
