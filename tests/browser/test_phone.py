"""Phone-first school screens (390 × 844): nothing scrolls sideways on any page a school administrator
can open, lists are cards, filters fold behind 筛选, and the header carries the account menu."""

import pytest

from .axe import axe_violations
from .crawl import crawl, view_of
from .journeys import PASSWORD, main_text
from .world import build_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# How far the page, and each list inside it, scrolls sideways (0 when everything fits).
OVERFLOW = """() => ({
  page: document.documentElement.scrollWidth - window.innerWidth,
  lists: Array.from(document.querySelectorAll(".table-wrap"))
    .filter((wrap) => wrap.scrollWidth > wrap.clientWidth + 1)
    .map((wrap) => wrap.scrollWidth - wrap.clientWidth),
})"""


@pytest.fixture
def year(school_a, school_b, school_admin_a, school_admin_b, bureau_staff, leader):
    return build_year(school_a=school_a, school_b=school_b, staff=bureau_staff, leader=leader)


@pytest.fixture
def phone(new_page, sign_in, year):
    phone = new_page(phone=True)
    sign_in("school_a", PASSWORD, on=phone)
    return phone


def test_no_school_page_scrolls_sideways_on_a_phone(phone, live_server, year):
    problems = []

    def check(page, path):
        overflow = page.evaluate(OVERFLOW)
        if overflow["page"] > 0 or overflow["lists"]:
            problems.append(f"{path}: page {overflow['page']} px, lists {overflow['lists']}")
        problems.extend(f"{path}: {line}" for line in axe_violations(page))

    menu = phone.eval_on_selector_all("#sidenav a", "els => els.map(e => e.getAttribute('href'))")
    own = year.own_detail_paths()
    opened = crawl(phone, live_server.url, ["/", *menu, *own], check)
    assert {view_of(path) for path in own} <= {view_of(path) for path in opened}
    assert len(opened) >= 20, opened
    assert problems == []


def test_a_school_list_on_a_phone_is_cards_with_folded_filters(phone, year):
    phone.goto("/inspections/hazards/")
    # The filters wait behind one button; opening it shows them.
    assert phone.locator("form.filters").is_hidden()
    phone.get_by_role("button", name="筛选").click()
    assert phone.get_by_label("状态").is_visible()
    # Each hazard is a card: its description as the title, its status beside it, the deadline labelled.
    assert phone.locator("table thead").is_hidden()
    card = phone.locator("tbody tr", has_text="灭火器压力不足")
    title = card.locator("[data-card-title] a")
    assert title.is_visible() and card.locator("[data-card-status]").inner_text().startswith("核验退回")
    deadline = year.returned.deadline
    cell = card.locator('[data-label="整改时限"]')
    assert cell.inner_text() == f"{deadline.year}年{deadline.month}月{deadline.day}日"
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"整改时限："'  # the column's heading shows inside the card
    box, row = title.bounding_box(), card.bounding_box()
    assert row["width"] <= 390 and box["y"] - row["y"] < 30  # the title opens the card
    title.click()
    phone.wait_for_url(f"**{year.returned.get_absolute_url()}")
    assert "佐证照片看不清灭火器有效期标签" in main_text(phone)


def test_the_phone_header_has_the_menu_and_the_account_menu(new_page, sign_in, year, school_admin_a):
    phone = new_page(phone=True)
    phone.goto("/accounts/login/")
    # No main menu before signing in, so no 菜单 button that would do nothing.
    assert phone.get_by_role("button", name="菜单").count() == 0
    sign_in("school_a", PASSWORD, on=phone)

    phone.get_by_role("button", name="菜单").click()
    assert phone.get_by_role("navigation", name="主菜单").get_by_role("link", name="行政检查").is_visible()

    account = phone.get_by_role("button", name=school_admin_a.get_full_name())
    assert account.is_visible() and phone.get_by_role("link", name="修改密码").is_hidden()
    account.click()
    assert account.get_attribute("aria-expanded") == "true"
    assert phone.get_by_role("link", name="修改密码").is_visible()
    phone.get_by_role("button", name="退出").click()
    phone.wait_for_url("**/accounts/login/**")
    assert phone.get_by_role("button", name="菜单").count() == 0
