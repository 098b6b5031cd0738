"""The page warns before the idle sign-out, and typing keeps the session (static/js/idle.js)."""

import time
from importlib import import_module

import pytest
from django.conf import settings

from accounts.middleware import IDLE_TIMEOUT_KEY, SESSION_KEY

from .journeys import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shorten_idle_timeout(page, seconds: int) -> None:
    """Give the browser's session a timeout of `seconds` from now (a policy allows no less than 5 minutes)."""
    key = next(c["value"] for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    session = import_module(settings.SESSION_ENGINE).SessionStore(key)
    session[IDLE_TIMEOUT_KEY] = seconds
    session[SESSION_KEY] = int(time.time())
    session.save()


def test_warning_before_the_timeout_and_typing_keeps_the_session(sign_in, school_admin_a):
    page = sign_in("school_a", PASSWORD)
    shorten_idle_timeout(page, 8)
    page.goto("/accounts/password/")
    warning = page.locator("#idle-warning")
    warning.wait_for(state="visible", timeout=15_000)  # two seconds before the 8-second timeout
    assert "后将自动退出" in warning.inner_text()
    page.fill("#id_old_password", "正在输入")  # activity: the keep-alive ping restarts the idle timer
    warning.wait_for(state="hidden", timeout=5_000)
    assert page.evaluate("fetch('/accounts/session/keepalive/', {redirect: 'manual'}).then(r => r.status)") == 200
