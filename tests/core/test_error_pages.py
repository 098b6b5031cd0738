"""Error pages in Chinese; a refused request is logged as one line."""

import logging

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from core.views import error_500

pytestmark = pytest.mark.django_db


def test_a_form_without_its_csrf_token_gets_a_chinese_page(bureau_staff):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(bureau_staff)
    response = browser.post(reverse("accounts:password_change"), {"old_password": "x"})
    page = response.content.decode()
    assert response.status_code == 403 and "页面已过期" in page and "CSRF" not in page and "Forbidden" not in page


def test_403_is_chinese_and_logged_as_one_line(staff_client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = staff_client.get(reverse("accounts:user_list"))
    assert response.status_code == 403 and "无权访问" in response.content.decode()
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1 and records[0].exc_info is None
    line = logging.Formatter("{levelname} {name}: {message}", style="{").format(records[0])
    assert "\n" not in line and "/accounts/users/" in line and "user=staff" in line


def test_404_is_chinese(staff_client):
    response = staff_client.get("/directory/999999999/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


def test_500_is_chinese_and_needs_nothing():
    response = error_500(RequestFactory().get("/"))
    assert response.status_code == 500 and "系统暂时出现错误" in response.content.decode()
