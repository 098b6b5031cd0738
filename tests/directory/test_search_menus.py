"""The long organization menus are searchable boxes that still work as plain menus without JavaScript."""

import lxml.html
import pytest
from django.urls import reverse

from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def menu(response, name):
    [select] = lxml.html.fromstring(response.content.decode()).xpath(f'//select[@name="{name}"]')
    return select


def labels(select, selected=False):
    return [o.text for o in select.xpath(".//option[@selected]" if selected else ".//option")]


def test_hazard_menu_searches_keeps_every_option_and_the_choice_after_an_error(staff_client, school_a, school_b):
    url = reverse("inspections:hazard_create")
    page = staff_client.get(url)
    select = menu(page, "organization")
    assert select.get("data-search-url").startswith(reverse("directory:organization_search"))
    assert "kind=bureau" not in select.get("data-search-url")  # the form refuses the bureau: so does the search
    assert {"测试甲小学", "测试乙小学"} <= set(labels(select))
    assert "tom-select.complete.min.js" in page.content.decode()

    data = {"organization": school_b.pk, "area": "fire", "severity": "general", "found_on": "2021-05-10"}
    failed = staff_client.post(url, data)  # no description: refused
    assert failed.status_code == 400
    assert labels(menu(failed, "organization"), selected=True) == ["测试乙小学"]


def test_activity_schools_are_a_searchable_checklist_in_pinyin_order(staff_client):
    for name in ("婺城区第十一小学", "婺城区第二小学", "安地小学"):
        OrganizationFactory(name=name)
    select = menu(staff_client.get(reverse("legalaid:activity_create")), "organizations")
    assert select.get("multiple") is not None and select.get("data-checklist") is not None
    assert "active=1" in select.get("data-search-url")
    names = labels(select)
    assert names.index("安地小学") < names.index("婺城区第二小学") < names.index("婺城区第十一小学")
