"""Journey: an officer signs in and finds in 待办 the kindergarten a 双随机 draw assigned to them; the item
opens the inspection form for it, with the drawn officers ticked."""

import pytest

from accounts.roles import Role
from tests.factories import UserFactory
from tests.inspections.factories import AUTUMN_OFFICERS as NAMES
from tests.inspections.factories import ChecklistFactory, autumn_random_check

from .journeys import PASSWORD, main_text, scripts_ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def assigned(bureau_staff):
    draw = autumn_random_check(bureau_staff, checklist=ChecklistFactory(name="民办幼儿园检查表"))
    entity = draw.entities.order_by("rank").select_related("organization").first()
    officer = entity.officers.order_by("name").first()
    UserFactory(username="officer_a", full_name=officer.name, role=Role.BUREAU_STAFF, officer=officer)
    return entity, officer


def test_an_officer_opens_the_drawn_inspection_from_todo(new_page, sign_in, shot, assigned):
    entity, officer = assigned
    page = sign_in("officer_a", PASSWORD, on=new_page())
    page.goto("/")
    assert int(page.locator(".todo-link .badge").inner_text()) >= 1
    page.locator(".todo-link").click()
    text = main_text(page)
    assert entity.organization.name in text and "双随机抽中，由您参加检查" in text
    shot(page, "officer-todo")

    page.get_by_role("link", name=entity.organization.name).click()
    scripts_ready(page)
    assert f"organization={entity.organization_id}" in page.url and f"plan={entity.draw.plan_id}" in page.url
    assert page.locator("#id_organization option:checked").inner_text() == entity.organization.name
    officers = page.locator("#id_officers")
    drawn = {o.name for o in entity.officers.all()}
    assert officer.name in drawn
    assert {n for n in NAMES if officers.get_by_label(n, exact=False).is_checked()} == drawn
    shot(page, "inspection-form")
