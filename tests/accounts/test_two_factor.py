"""Two-factor sign-in end to end, through the pages: enrol, sign in with a code, refuse wrong and reused codes."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEvent
from accounts.roles import Role
from tests.factories import UserFactory

from .helpers import code_for, code_from_secret, secret_on_page, sign_in, wrong_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser():
    return Client()  # a browser without a forced login: everything goes through the pages


def test_leader_enrols_on_first_sign_in_then_signs_in_with_a_code(browser):
    UserFactory(username="newleader", role=Role.LEADER)
    response = sign_in(browser, "newleader")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login_enrol")
    # Between the password and the second factor, nothing of the portal opens.
    assert browser.get(reverse("core:home")).status_code == 302

    page = browser.get(reverse("accounts:login_enrol"))
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "验证器" in html
    assert "no-store" in page["Cache-Control"]
    secret = secret_on_page(html)

    bad = browser.post(
        reverse("accounts:login_enrol"), {"code": "000000" if code_from_secret(secret) != "000000" else "111111"}
    )
    assert bad.status_code == 400 and "验证码不正确" in bad.content.decode()

    done = browser.post(reverse("accounts:login_enrol"), {"code": code_from_secret(secret)})
    assert done.status_code == 302 and done["Location"] == reverse("accounts:two_factor")
    shown = browser.get(reverse("accounts:two_factor")).content.decode()
    assert "请保存您的恢复码" in shown and shown.count("<li><code>") == 10
    assert "请保存您的恢复码" not in browser.get(reverse("accounts:two_factor")).content.decode()  # shown once
    assert browser.get(reverse("core:home")).status_code == 200

    browser.post(reverse("accounts:logout"))
    assert sign_in(browser, "newleader")["Location"] == reverse("accounts:login_verify")
    device = TOTPDevice.objects.get(user__username="newleader", confirmed=True)
    ok = browser.post(reverse("accounts:login_verify"), {"code": code_for(device, step_offset=1)})
    assert ok.status_code == 302 and browser.get(reverse("core:home")).status_code == 200
    assert AuditEvent.objects.filter(action="otp_enrolled", username="newleader").exists()
    assert AuditEvent.objects.filter(action="login", username="newleader", detail="口令+动态验证码").count() == 2


@pytest.fixture
def enrolled_leader(db):
    user = UserFactory(username="lead2", role=Role.LEADER)
    device = TOTPDevice.objects.create(user=user, name="验证器", confirmed=True)
    return user, device


def test_a_wrong_code_is_refused_and_counted(browser, enrolled_leader):
    user, device = enrolled_leader
    sign_in(browser, "lead2")
    response = browser.post(reverse("accounts:login_verify"), {"code": wrong_code(device)})
    assert response.status_code == 400 and "验证码不正确" in response.content.decode()
    assert browser.get(reverse("core:home")).status_code == 302
    assert AuditEvent.objects.filter(action="otp_failed", username="lead2").count() == 1


def test_a_used_code_is_refused_the_second_time(browser, enrolled_leader):
    user, device = enrolled_leader
    code = code_for(device)
    sign_in(browser, "lead2")
    assert browser.post(reverse("accounts:login_verify"), {"code": code}).status_code == 302
    browser.post(reverse("accounts:logout"))

    other = Client()  # someone who saw the code over the leader's shoulder
    sign_in(other, "lead2")
    reused = other.post(reverse("accounts:login_verify"), {"code": code})
    assert reused.status_code == 400 and "已使用" in reused.content.decode()
    assert other.get(reverse("core:home")).status_code == 302


def test_a_recovery_code_signs_in_once(browser, enrolled_leader, settings):
    user, device = enrolled_leader
    from accounts.two_factor import _new_recovery_codes

    codes = _new_recovery_codes(user)
    sign_in(browser, "lead2")
    assert browser.post(reverse("accounts:login_verify"), {"code": codes[0].upper()}).status_code == 302
    browser.post(reverse("accounts:logout"))
    sign_in(browser, "lead2")
    assert browser.post(reverse("accounts:login_verify"), {"code": codes[0]}).status_code == 400
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_guessing_codes_is_throttled_and_ends_in_the_lockout(browser, enrolled_leader, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 3600  # after a wrong code, even the right one waits
    user, device = enrolled_leader
    sign_in(browser, "lead2")
    browser.post(reverse("accounts:login_verify"), {"code": wrong_code(device)})
    response = browser.post(reverse("accounts:login_verify"), {"code": code_for(device)})
    assert response.status_code == 400 and "次数过多" in response.content.decode()
    for _ in range(3):
        last = browser.post(reverse("accounts:login_verify"), {"code": wrong_code(device)})
    assert last.status_code == 429 and "账号已暂时锁定" in last.content.decode()
    assert AuditEvent.objects.filter(action="locked_out", username="lead2").exists()


def test_a_session_without_the_second_factor_is_not_accepted(enrolled_leader):
    """A leader signed in some other way (here: a login that skipped the second factor) gets no page."""
    user, _ = enrolled_leader
    plain = Client()
    plain.force_login(user)  # Django's own client: no second factor in the session
    response = plain.get(reverse("inspections:index"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_staff_may_enrol_and_then_needs_the_code(browser, bureau_staff):
    assert sign_in(browser, "staff")["Location"] == reverse("core:home")  # optional: not enrolled yet
    page = browser.get(reverse("accounts:two_factor_enrol")).content.decode()
    browser.post(reverse("accounts:two_factor_enrol"), {"code": code_from_secret(secret_on_page(page))})
    assert TOTPDevice.objects.filter(user=bureau_staff, confirmed=True).exists()
    browser.post(reverse("accounts:logout"))
    assert sign_in(browser, "staff")["Location"] == reverse("accounts:login_verify")


def test_leader_cannot_switch_two_factor_off(leader_client, leader):
    device = TOTPDevice.objects.get(user=leader)
    response = leader_client.post(reverse("accounts:two_factor_disable"), {"code": code_for(device)}, follow=True)
    assert "必须使用二次验证" in response.content.decode()
    assert TOTPDevice.objects.filter(user=leader).exists()


def test_security_admin_resets_a_lost_device_and_old_sessions_end(security_client, enrolled_leader, login_as):
    user, _ = enrolled_leader
    leaders_browser = Client()
    from tests.clients import PortalClient

    leaders_browser = PortalClient()
    leaders_browser.force_login(user)
    assert leaders_browser.get(reverse("core:home")).status_code == 200
    response = security_client.post(reverse("accounts:two_factor_reset", args=[user.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert leaders_browser.get(reverse("core:home")).status_code == 302  # the verified session is gone
    assert AuditEvent.objects.filter(action="otp_reset", username="lead2", actor_name="secadmin").exists()
    assert sign_in(Client(), "lead2")["Location"] == reverse("accounts:login_enrol")


def test_others_cannot_reset_a_second_factor(staff_client, enrolled_leader, audit_client):
    user, _ = enrolled_leader
    assert staff_client.post(reverse("accounts:two_factor_reset", args=[user.pk])).status_code == 403
    assert audit_client.post(reverse("accounts:two_factor_reset", args=[user.pk])).status_code == 403
    assert TOTPDevice.objects.filter(user=user).exists()
