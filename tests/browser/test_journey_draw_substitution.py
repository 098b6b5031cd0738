"""Journey: a drawn officer is 回避 and replaced, and the public sees the drawn and the actual inspectors.

The autumn 双随机 of 2022, typed in later: the draw assigned two officers to a kindergarten; one of them is
a relative of its founder. From the draw's page the staff open 录入检查 for the kindergarten (the drawn
officers come ticked), swap the recused officer for a colleague, are told a reason is needed, give it,
and an anonymous visitor finds both the drawn and the actual officers, with the reason, on the 一公开 page.
"""

import pytest
from django.urls import reverse

from inspections.models import Inspection
from tests.inspections.factories import AUTUMN_OFFICERS as NAMES
from tests.inspections.factories import ChecklistFactory, autumn_random_check

from .journeys import PASSWORD, choose, expect_text, main_text, scripts_ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def autumn_draw(bureau_staff):
    return autumn_random_check(bureau_staff, checklist=ChecklistFactory(name="民办幼儿园检查表"))


def test_a_recused_officer_is_replaced_with_a_reason_the_public_can_read(page, new_page, sign_in, shot, autumn_draw):
    draw = autumn_draw
    first, second = draw.entities.order_by("rank").select_related("organization")
    drawn = sorted(o.name for o in first.officers.all())
    recused, stays = drawn
    substitute = next(n for n in NAMES if n not in drawn)
    sign_in("staff", PASSWORD)

    # 1. From the draw's page, 录入检查 for the first drawn kindergarten: its drawn officers come ticked.
    page.goto(draw.get_absolute_url())
    page.locator("table tbody tr", has_text=first.organization.name).get_by_role("link", name="录入检查").click()
    scripts_ready(page)
    officers = page.locator("#id_officers")
    assert {n for n in NAMES if officers.get_by_label(n, exact=False).is_checked()} == set(drawn)
    notice = page.locator("[data-drawn-notice]").inner_text()
    assert "该机构为双随机抽中对象" in notice and all(name in notice for name in drawn)
    shot(page, "drawn-officers-ticked")

    # Choosing the other drawn kindergarten ticks its officers; choosing the first again restores them.
    choose(page, "#id_organization", second.organization.name)
    second_drawn = {o.name for o in second.officers.all()}
    for name in NAMES:
        assert officers.get_by_label(name, exact=False).is_checked() == (name in second_drawn)
    choose(page, "#id_organization", first.organization.name)

    # 2. The recused officer is swapped for a colleague: without a reason the record is refused.
    officers.get_by_label(recused, exact=False).uncheck()
    officers.get_by_label(substitute, exact=False).check()
    page.fill("#id_inspected_on", "2022-10-18")
    page.get_by_role("button", name="未填项全部标为合格").click()
    page.locator("#id_conclusion_0").check()  # 合格
    page.get_by_role("button", name="保存检查记录").click()
    expect_text(page, "请选择人员调整原因")
    shot(page, "reason-required")
    assert not Inspection.objects.exists()
    assert officers.get_by_label(substitute, exact=False).is_checked()  # nothing typed is lost

    # 3. With the reason (回避) and a note, it is saved.
    page.select_option("#id_substitution_reason", label="回避")
    note = f"{recused}与该园举办者系近亲属，依法回避，由{substitute}替补"
    page.fill("#id_substitution_note", note)
    page.get_by_role("button", name="保存检查记录").click()
    expect_text(page, "已保存检查记录")
    inspection = Inspection.objects.get()
    assert sorted(o.name for o in inspection.officers.all()) == sorted([stays, substitute])
    assert inspection.substitution_reason == "recusal"
    assert "回避" in main_text(page) and note in main_text(page)

    # 4. An anonymous visitor reads the drawn and the actual inspectors, with the reason.
    visitor = new_page()
    visitor.goto(reverse("inspections:public_draw", args=[draw.pk]))
    row = visitor.locator("table tbody tr", has_text=first.organization.name)
    cells = row.locator("td")
    shot(visitor, "public-drawn-and-actual")
    assert sorted(cells.nth(3).inner_text().split("、")) == drawn
    actual = cells.nth(4).inner_text()
    names, reason = actual.split("\n", 1)
    assert sorted(names.split("、")) == sorted([stays, substitute])
    assert reason == f"回避 {note}"
    assert "实际检查人员" in visitor.locator("table thead").inner_text()
    assert "2022年10月18日" in row.inner_text()
    # The refused save answered 400 (the form shown again with its errors); nothing else went wrong.
    assert [e for e in page.console_errors if "status of 400" not in e] == [] and visitor.console_errors == []
