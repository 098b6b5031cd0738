"""Accessible to everyone (GB/T 37668-2019, WCAG 2.1 AA): axe-core finds no violation on any page of
each persona's crawl — the public pages and the login page, bureau staff and a leader here at desktop
width; a school administrator's pages in test_phone.py, where the same crawl runs axe at phone width."""

import pytest

from .axe import axe_violations
from .crawl import crawl
from .journeys import PASSWORD
from .world import build_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_STARTS = ["/public/", "/inspections/public/", "/accounts/login/"]


@pytest.fixture
def year(school_a, school_b, school_admin_a, school_admin_b, bureau_staff, leader):
    return build_year(school_a=school_a, school_b=school_b, staff=bureau_staff, leader=leader)


def menu_of(page) -> list[str]:
    return page.eval_on_selector_all("#sidenav a", "els => els.map(e => e.getAttribute('href'))")


def crawl_with_axe(page, live_server, starts) -> tuple[list[str], list[str]]:
    found = []

    def check(page, path):
        found.extend(f"{path}: {line}" for line in axe_violations(page))

    return crawl(page, live_server.url, starts, check), found


def test_public_pages_and_login_have_no_violations(page, live_server, year):
    opened, violations = crawl_with_axe(page, live_server, PUBLIC_STARTS)
    assert {"/public/", "/inspections/public/", "/accounts/login/"} <= set(opened)
    assert any(path.startswith("/public/reports/") for path in opened)  # the published report's page
    assert violations == []


@pytest.mark.parametrize("username", ["staff", "leader"])
def test_bureau_pages_have_no_violations(page, sign_in, live_server, year, username):
    sign_in(username, PASSWORD)
    opened, violations = crawl_with_axe(page, live_server, ["/", *menu_of(page)])
    assert len(opened) >= 20, opened  # the crawl really walked the persona's pages
    assert violations == []
