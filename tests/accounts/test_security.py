import time

import pytest
from django.urls import reverse

from accounts.middleware import SESSION_KEY
from accounts.models import User
from accounts.roles import Role
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def login(client, username, password, **extra):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, **extra)


def test_login_page_is_chinese_and_login_lands_on_home(client, bureau_staff):
    page = client.get(reverse("accounts:login"))
    assert "用户登录" in page.content.decode()
    response = login(client, "staff", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    assert "局工作人员" in client.get(reverse("core:home")).content.decode()


def test_wrong_password_message_is_chinese(client, bureau_staff):
    response = login(client, "staff", "wrong")
    assert "用户名或密码不正确" in response.content.decode()


def test_five_failures_lock_the_account_even_for_the_right_password(client, bureau_staff, caplog):
    for _ in range(5):
        login(client, "staff", "wrong-password")
    response = login(client, "staff", PASSWORD)
    assert response.status_code == 429
    assert "账号已暂时锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert any("lock" in r.getMessage().lower() for r in caplog.records)


def test_four_failures_do_not_lock(client, bureau_staff):
    for _ in range(4):
        login(client, "staff", "wrong-password")
    assert login(client, "staff", PASSWORD).status_code == 302


def test_lockout_lasts_at_least_five_minutes():
    from accounts.models import SecurityPolicy

    policy = SecurityPolicy.current()
    assert policy.failure_limit == 5 and policy.lockout_minutes == 15
    policy.lockout_minutes = 4
    with pytest.raises(Exception, match="5"):
        policy.full_clean()


def test_a_spread_attack_from_many_addresses_locks_the_username(client, bureau_staff):
    for n in range(5):
        login(client, "staff", "wrong-password", REMOTE_ADDR=f"10.0.0.{n + 1}")
    response = client.post(
        reverse("accounts:login"), {"username": "staff", "password": PASSWORD}, REMOTE_ADDR="192.168.9.9"
    )
    assert response.status_code == 429
    page = response.content.decode()
    assert "请15分钟后再试" in page and "PT15M" not in page
    assert "_auth_user_id" not in client.session


def test_security_admin_sees_and_lifts_a_lockout(client, bureau_staff, security_admin, login_as):
    for _ in range(5):
        login(client, "staff", "wrong-password")
    assert login(client, "staff", PASSWORD).status_code == 429
    from tests.clients import PortalClient

    security = PortalClient()
    security.force_login(security_admin)
    page = security.get(reverse("accounts:security")).content.decode()
    assert "当前被锁定的账号" in page and ">staff" in page
    response = security.post(reverse("accounts:unlock"), {"username": "staff"})
    assert response.status_code == 302
    assert login(client, "staff", PASSWORD).status_code == 302
    from accounts.models import AuditEvent

    assert AuditEvent.objects.filter(action="unlocked", username="staff", actor_name="secadmin").exists()


def test_security_admin_tightens_the_policy_and_it_applies(security_client, portal_admin):
    from tests.clients import PortalClient

    admin_client_ = PortalClient()
    admin_client_.force_login(portal_admin)
    form = {
        "failure_limit": 3,
        "lockout_minutes": 30,
        "password_min_length": 12,
        "password_min_classes": 4,
        "idle_timeout_minutes": 10,
    }
    assert security_client.post(reverse("accounts:security"), form).status_code == 302
    weak = {
        "username": "newbie",
        "full_name": "新人",
        "role": "bureau_staff",
        "password1": "Jinhua2021Edu",
        "is_active": "on",
    }
    response = admin_client_.post(reverse("accounts:user_create"), weak)
    assert response.status_code == 400 and "至少为12个字符" in response.content.decode()
    loose = {**form, "password_min_length": 6}
    refused = security_client.post(reverse("accounts:security"), loose)
    assert refused.status_code == 400 and "8" in refused.content.decode()
    from accounts.models import AuditEvent

    event = AuditEvent.objects.get(action="policy_changed")
    assert "密码最短长度：8 → 12" in event.detail


def test_idle_session_is_logged_out(client, bureau_staff):
    login(client, "staff", PASSWORD)
    assert client.get(reverse("core:home")).status_code == 200
    session = client.session
    session[SESSION_KEY] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(reverse("core:home"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert client.get(reverse("core:home")).status_code == 302


def test_active_session_within_timeout_stays(client, bureau_staff):
    login(client, "staff", PASSWORD)
    session = client.session
    session[SESSION_KEY] = int(time.time()) - 29 * 60
    session.save()
    assert client.get(reverse("core:home")).status_code == 200


@pytest.mark.parametrize(
    "password, ok",
    [
        ("short1A", False),
        ("alllowercaseletters", False),
        ("12345678901", False),
        ("Abcdefg123", False),
        ("Jinhua2021Edu", True),
        ("wu!cheng2021", True),
    ],
)
def test_password_rules(admin_client_, school_a, password, ok):
    data = {
        "username": "newuser",
        "full_name": "新用户",
        "role": Role.BUREAU_STAFF,
        "password1": password,
        "is_active": "on",
    }
    response = admin_client_.post(reverse("accounts:user_create"), data)
    if ok:
        assert response.status_code == 302, response.context["form"].errors
    assert User.objects.filter(username="newuser").exists() is ok
    if not ok:
        assert response.status_code == 400
    else:
        assert response.status_code == 302, response.context["form"].errors


def test_security_headers_and_csp(client):
    response = client.get(reverse("accounts:login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_login_form_requires_csrf(bureau_staff):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("accounts:login"), {"username": "staff", "password": PASSWORD})
    assert response.status_code == 403


def test_healthz_answers_when_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_favicon_points_an_anonymous_browser_at_the_emblem(client):
    """A PDF opened in a tab makes the browser ask /favicon.ico; it must not answer 404."""
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("img/emblem.svg")
    from django.contrib.staticfiles import finders

    assert finders.find("img/emblem.svg")


def test_check_deploy_is_clean_under_production_settings():
    """`manage.py check --deploy` under production environment variables (run in a subprocess)."""
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECURE": "true",
        "DJANGO_SECRET_KEY": "prod-" + "x9Kq2mZ7vL4pR8tW1yB6nC3dF5gH0jS" * 2,
        "DJANGO_ALLOWED_HOSTS": "edu.example.gov.cn",
        "CACHE_URL": "redis://127.0.0.1:6379/1",  # shared by every process (core.W001)
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_settings_refuse_to_start_without_a_secret_key():
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env["DJANGO_READ_DOT_ENV"] = "false"
    result = subprocess.run(
        [sys.executable, "-c", "import wucheng_edu.settings"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr


def test_a_shared_cache_is_configured_by_cache_url():
    """Several app servers must see one cache: CACHE_URL selects it, per-process memory otherwise."""
    import os
    import subprocess
    import sys

    def backend(env):
        code = "from wucheng_edu import settings; print(settings.CACHES['default']['BACKEND'])"
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)  # noqa: S603
        return result.stdout.strip() or result.stderr

    env = {k: v for k, v in os.environ.items() if k != "CACHE_URL"}
    assert backend({**env, "CACHE_URL": "redis://127.0.0.1:6379/1"}) == "django.core.cache.backends.redis.RedisCache"
    assert backend(env) == "django.core.cache.backends.locmem.LocMemCache"


def test_check_deploy_warns_when_each_process_keeps_its_own_cache(settings):
    from core.apps import check_shared_cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [warning.id for warning in check_shared_cache()] == ["core.W001"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://x"}}
    assert check_shared_cache() == []


def test_role_changes_are_kept_in_history(admin_client_, school_a, audit_admin, login_as):
    user = UserFactory(username="mover", role=Role.BUREAU_STAFF)
    data = {
        "username": "mover",
        "full_name": "调岗人员",
        "role": Role.SCHOOL_ADMIN,
        "organization": school_a.pk,
        "is_active": "on",
    }
    response = admin_client_.post(reverse("accounts:user_edit", args=[user.pk]), data)
    assert response.status_code == 302
    # The system administrator does not read audit data; the audit administrator does.
    assert admin_client_.get(reverse("accounts:user_history", args=[user.pk])).status_code == 403
    history = login_as(audit_admin).get(reverse("accounts:user_history", args=[user.pk])).content.decode()
    assert "局机关工作人员 → 学校/幼儿园管理员" in history
    assert "测试甲小学" in history


def test_school_admin_must_be_bound_to_an_organization(admin_client_):
    data = {
        "username": "lonely",
        "full_name": "无校管理员",
        "role": Role.SCHOOL_ADMIN,
        "password1": "Abcdefg123!",
        "is_active": "on",
    }
    response = admin_client_.post(reverse("accounts:user_create"), data)
    assert response.status_code == 400 and "必须绑定一个机构" in response.content.decode()


def test_user_management_is_for_the_system_administrator_only(
    staff_client, leader, school_admin_a, security_admin, audit_admin, login_as
):
    assert staff_client.get(reverse("accounts:user_list")).status_code == 403
    assert login_as(leader).get(reverse("accounts:user_list")).status_code == 403
    assert login_as(school_admin_a).get(reverse("accounts:user_edit", args=[leader.pk])).status_code == 403
    assert login_as(security_admin).get(reverse("accounts:user_list")).status_code == 403
    assert login_as(audit_admin).get(reverse("accounts:user_edit", args=[leader.pk])).status_code == 403
