"""Journey 1: a 双随机 plan from creation to a hazard in the register, verified by the public on the way.

Bureau staff create a plan (双随机抽查), commit and perform a draw; an anonymous visitor checks it on the
一公开 page (the seed hashes to the commitment published before the draw, the server's recomputation
says ✓); the staff record an inspection of a drawn organization with one failed item, and the hazard
is in the register; once the staff publish the conclusions, the visitor sees them too.
"""

import hashlib
from datetime import date, timedelta

import pytest
from django.utils import timezone

from directory.models import OrgKind
from inspections.models import CheckMatter, Draw, DrawStatus, Hazard, HazardStatus, Inspection, Plan, PlanKind
from tests.factories import DepartmentFactory, OrganizationFactory
from tests.inspections.factories import ChecklistFactory, OfficerFactory, SectionFactory, approve_visits

from .journeys import PASSWORD, expect_text, scripts_ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KINDERGARTENS = ["星星民办幼儿园", "月亮民办幼儿园", "太阳民办幼儿园", "彩虹民办幼儿园"]

PUBLISHED = date(2025, 1, 1)


@pytest.fixture
def district(bureau_staff):
    """What exists before the journey: sections, a partner, a published checklist, officers, kindergartens."""
    section = SectionFactory(name="政策法规科")
    DepartmentFactory(name="区民政局")
    checklist = ChecklistFactory(name="民办幼儿园检查表")
    for item in checklist.items.all():  # the 检查事项清单 a plan from 2025 on may use (国办发〔2024〕54号)
        CheckMatter.objects.create(item=item, body=section, org_kinds=["private_kindergarten"], published_on=PUBLISHED)
    for name in ("王建国", "李秀英", "张伟"):
        OfficerFactory(name=name)
    for name in KINDERGARTENS:
        OrganizationFactory(name=name, private_kindergarten=True)
    OrganizationFactory(name="不在抽查范围的小学")  # a public primary school: not a target of the plan
    return bureau_staff


def test_plan_draw_public_verification_inspection_and_hazard(page, new_page, sign_in, shot, district):
    today = timezone.localdate()
    sign_in("staff", PASSWORD)

    # 1. A new plan of kind 双随机抽查.
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="行政检查").click()
    page.locator("nav.subnav").get_by_role("link", name="检查行动").click()
    page.get_by_role("link", name="新建检查行动").click()
    page.fill("#id_name", "本学期民办幼儿园双随机抽查")
    page.select_option("#id_kind", label="双随机抽查")
    page.select_option("#id_lead_section", label="政策法规科")
    page.fill("#id_starts_on", f"{today - timedelta(days=7):%Y-%m-%d}")
    page.fill("#id_ends_on", f"{today + timedelta(days=60):%Y-%m-%d}")
    page.get_by_label("民办幼儿园", exact=True).check()
    page.get_by_label("区民政局").check()
    page.select_option("#id_checklist", label="民办幼儿园检查表（第1版）")
    page.fill("#id_planned_count", "2")
    page.get_by_role("button", name="保存").click()
    expect_text(page, "已创建检查行动“本学期民办幼儿园双随机抽查”。")
    assert page.locator("h1").inner_text() == "本学期民办幼儿园双随机抽查"
    shot(page, "plan-created")
    assert "本行动未进行双随机抽取。" in page.locator("main").inner_text()
    plan = Plan.objects.get(name="本学期民办幼儿园双随机抽查")
    assert plan.kind == PlanKind.RANDOM and plan.target_kinds == [OrgKind.PRIVATE_KINDERGARTEN]
    assert [d.name for d in plan.partners.all()] == ["区民政局"]

    # 2. Commit: the pools are frozen and the seed's commitment published before anything is drawn.
    page.get_by_role("link", name="双随机抽取").click()
    page.get_by_label("抽取民办幼儿园（家）").fill("2")
    page.get_by_role("button", name="冻结两库并记录承诺值").click()
    expect_text(page, "检查对象库和执法人员库已冻结，种子承诺值已记录并在“一公开”页面公开。")
    shot(page, "draw-committed")
    draw = Draw.objects.get(plan=plan)
    commitment = page.locator("dd.hash").first.inner_text()
    assert commitment == draw.commitment and len(commitment) == 64
    assert page.locator("dd.hash").nth(1).inner_text() == "抽取完成后公开"
    assert "民办幼儿园：库内4家，抽取2家" in page.locator("main").inner_text()  # the primary school is not in the pool

    # 3. Perform: the selection is made from the committed seed, which becomes public.
    scripts_ready(page)
    page.get_by_role("button", name="执行抽取").click()
    expect_text(page, "抽取完成，随机种子已公开，任何人可据此复核。")
    assert page.dialogs == ["执行后结果即确定，不能撤回，确定执行抽取？"]
    shot(page, "draw-performed")
    assert page.locator("h2", has_text="抽取结果及实际检查：2家").count() == 1
    assert "✓ 抽取结果一致" in page.locator(".verdict-ok").inner_text()
    draw.refresh_from_db()
    assert draw.status == DrawStatus.DRAWN and draw.entities.count() == 2
    drawn_rows = page.locator("table tbody tr")
    first_drawn = drawn_rows.first.locator("td").nth(1).inner_text()
    assigned = drawn_rows.first.locator("td").nth(3).inner_text().split("、")
    assert first_drawn in KINDERGARTENS and len(assigned) == 2

    # 4. An anonymous visitor, in another browser, checks the draw on the public page (public from the commit).
    visitor = new_page()
    visitor.goto("/public/")
    visitor.get_by_role("link", name="“双随机、一公开”抽查结果").click()
    section = visitor.locator("section.card", has_text="本学期民办幼儿园双随机抽查")
    assert "区民政局" in section.inner_text()
    section.get_by_role("link", name="第1次抽取（已抽取）").click()
    shot(visitor, "public-draw")
    assert "✓ 抽取结果一致" in visitor.locator(".verdict-ok").inner_text()
    published_commitment = visitor.locator("dd.hash").first.inner_text()
    seed = visitor.locator("dd.hash").nth(1).inner_text()
    assert published_commitment == commitment
    assert hashlib.sha256(seed.encode()).hexdigest() == commitment  # the visitor's own check of the seed
    public_rows = visitor.locator("table tbody tr")
    assert public_rows.count() == 2 and first_drawn in public_rows.first.inner_text()
    assert "尚未检查" in public_rows.first.inner_text()
    assert visitor.locator("a", has_text="录入检查").count() == 0

    # 5. Staff record the inspection of the first drawn kindergarten (its drawn officers come ticked),
    #    with one failed item; a leader approved the plan's 行政检查审批表 beforehand (国办发〔2024〕54号).
    approve_visits(list(draw.entities.values_list("organization", flat=True)), plan=plan, starts_on=today)
    page.locator("table tbody tr").first.get_by_role("link", name="录入检查").click()
    assert page.locator("#id_organization option:checked").inner_text() == first_drawn
    scripts_ready(page)
    page.fill("#id_inspected_on", f"{today:%Y-%m-%d}")
    for name in assigned:
        assert page.locator("#id_officers").get_by_label(name, exact=False).is_checked()
    page.locator("details.area summary", has_text="消防安全").click()
    fire = page.locator("li.answer", has_text="消防安全检查项")
    fire.get_by_label("不合格").check()
    shot(page, "failed-item")
    fire.locator("input.answer-note").fill("灭火器压力不足")
    page.get_by_role("button", name="未填项全部标为合格").click()
    page.get_by_label("责令整改").check()
    page.fill("#id_rectify_deadline", f"{today + timedelta(days=30):%Y-%m-%d}")
    page.fill("#id_site_contact", "园长 陈丽")
    page.get_by_role("button", name="保存检查记录").click()
    expect_text(page, "1个不合格项已列入隐患台账。")
    shot(page, "inspection-saved")
    inspection = Inspection.objects.get(plan=plan)
    assert inspection.organization.name == first_drawn
    assert sorted(o.name for o in inspection.officers.all()) == sorted(assigned)
    assert page.locator("h1").inner_text() == f"检查记录 {inspection.number}"

    # 6. The hazard is in the register, waiting for rectification.
    page.locator("nav.subnav").get_by_role("link", name="隐患台账").click()
    shot(page, "hazard-register")
    row = page.locator("table tbody tr", has_text=first_drawn)
    assert row.count() == 1
    assert "消防安全检查项（不符合）：灭火器压力不足" in row.inner_text()
    assert row.locator(".tag").first.inner_text() == "待整改"
    assert f"{today + timedelta(days=30):%Y年%-m月%-d日}" in row.inner_text()
    hazard = Hazard.objects.get()
    assert (hazard.inspection, hazard.status) == (inspection, HazardStatus.OPEN)

    # 7. The public page shows who inspected and when at once; the conclusion once the staff publish it.
    visitor.reload()
    row = visitor.locator("table tbody tr", has_text=first_drawn)
    assert "（与抽取一致）" in row.inner_text() and "结论待公开" in row.inner_text()
    page.goto(plan.get_absolute_url())
    scripts_ready(page)
    page.get_by_role("button", name="公开检查结论").click()
    expect_text(page, "检查结论已在“一公开”页面公开。")
    assert page.dialogs[-1].startswith("抽取情况自冻结两库起已公开。")
    assert "已公开" in page.locator("dl.facts").inner_text()
    visitor.reload()
    shot(visitor, "public-with-conclusion")
    assert "责令整改" in visitor.locator("table tbody tr", has_text=first_drawn).inner_text()
    assert page.console_errors == [] and visitor.console_errors == []
