"""三员分立: three administrators, one role each, none with another's powers (the Django admin included)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from accounts.models import AuditEvent, User
from accounts.roles import Role
from directory.models import Township
from tests.clients import PortalClient
from tests.factories import PASSWORD, UserFactory

from .helpers import sign_in

pytestmark = pytest.mark.django_db


def signed_in(user) -> PortalClient:
    client = PortalClient()
    client.force_login(user)
    return client


def new_user(**overrides):
    return {"username": "newbie", "full_name": "新同事", "password1": "Jinhua2021Edu", "is_active": "on", **overrides}


def test_a_new_account_has_no_role_and_sees_no_records(admin_client_, login_as):
    response = admin_client_.post(reverse("accounts:user_create"), new_user(role=""))
    assert response.status_code == 302
    user = User.objects.get(username="newbie")
    assert user.role == "" and not user.sees_district
    client = signed_in(user)
    home = client.get(reverse("core:home")).content.decode()
    assert "尚未分配角色" in home
    assert client.get(reverse("directory:organization_list")).status_code == 403
    assert client.get(reverse("inspections:index")).status_code == 403
    assert User().role == ""  # the model's default too


@pytest.mark.parametrize("role", [Role.ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN])
def test_the_system_administrator_cannot_grant_an_administrator_role(admin_client_, role, bureau_staff):
    response = admin_client_.post(reverse("accounts:user_create"), new_user(role=role))
    assert response.status_code == 400 and not User.objects.filter(username="newbie").exists()
    data = {"username": "staff", "full_name": "局工作人员", "role": role, "is_active": "on"}
    assert admin_client_.post(reverse("accounts:user_edit", args=[bureau_staff.pk]), data).status_code == 400
    assert User.objects.get(pk=bureau_staff.pk).role == Role.BUREAU_STAFF


def test_administrator_accounts_cannot_be_edited_in_the_portal(admin_client_, portal_admin, audit_admin):
    """Resetting the auditor's password would let the system administrator act as the auditor."""
    page = admin_client_.get(reverse("accounts:user_list")).content.decode()
    assert "命令行管理" in page
    data = {
        "username": "auditor",
        "full_name": "x",
        "role": Role.BUREAU_STAFF,
        "password1": "Takeover2021!",
        "is_active": "on",
    }
    assert admin_client_.post(reverse("accounts:user_edit", args=[audit_admin.pk]), data).status_code == 404
    assert admin_client_.get(reverse("accounts:user_edit", args=[portal_admin.pk])).status_code == 404
    assert User.objects.get(pk=audit_admin.pk).check_password(PASSWORD)


def test_administrators_do_not_read_or_write_enforcement_records(portal_admin, security_admin, audit_admin):
    for user in (portal_admin, security_admin, audit_admin):
        client = signed_in(user)
        for name in ("directory:organization_list", "inspections:hazard_list", "legalaid:index", "reports:index"):
            assert client.get(reverse(name)).status_code == 403, (user.role, name)


def test_each_administrator_only_reaches_their_own_pages(portal_admin, security_admin, audit_admin):
    admin, security, audit = signed_in(portal_admin), signed_in(security_admin), signed_in(audit_admin)
    assert admin.get(reverse("accounts:user_list")).status_code == 200
    assert admin.get(reverse("accounts:security")).status_code == 403
    assert admin.get(reverse("accounts:audit_log")).status_code == 403
    assert security.get(reverse("accounts:security")).status_code == 200
    assert security.get(reverse("accounts:audit_log")).status_code == 403
    assert security.get(reverse("accounts:user_list")).status_code == 403
    assert audit.get(reverse("accounts:audit_log")).status_code == 200
    assert audit.get(reverse("accounts:audit_changes")).status_code == 200
    assert audit.post(reverse("accounts:security"), {"failure_limit": 10}).status_code == 403
    assert audit.post(reverse("accounts:user_create"), new_user(role="")).status_code == 403
    assert audit.post(reverse("accounts:unlock"), {"username": "x"}).status_code == 403


def test_nobody_is_a_superuser(portal_admin):
    portal_admin.is_superuser = True
    portal_admin.save()
    portal_admin.refresh_from_db()
    assert portal_admin.is_superuser is False and portal_admin.is_staff is True
    with pytest.raises(Exception, match="create_administrator"):
        User.objects.create_superuser("root", "root@example.com", "Root@2021x")
    assert not User.objects.filter(username="root").exists()


def test_django_admin_is_reference_data_for_the_system_administrator(portal_admin, security_admin, audit_admin, leader):
    admin = signed_in(portal_admin)
    index = admin.get("/admin/")
    assert index.status_code == 200
    page = index.content.decode()
    assert "乡镇" in page and "/admin/accounts/user/" not in page and "/admin/directory/organization/" not in page
    assert admin.get("/admin/directory/organization/").status_code == 403
    assert admin.get("/admin/axes/accessattempt/").status_code in (403, 404)
    response = admin.post("/admin/directory/township/add/", {"name": "新设街道", "code": "330702999", "sort_order": 99})
    assert response.status_code == 302 and Township.objects.filter(name="新设街道").exists()
    event = AuditEvent.objects.get(action="reference_data")
    assert event.actor_name == "sysadmin" and "新设街道" in event.target
    township = Township.objects.get(name="新设街道")
    assert admin.get(f"/admin/directory/township/{township.pk}/change/").status_code == 200
    assert admin.get(f"/admin/directory/township/{township.pk}/history/").status_code == 403
    for other in (security_admin, audit_admin, leader):
        response = signed_in(other).get("/admin/directory/township/", follow=True)
        assert response.status_code == 403


def test_admin_login_page_is_the_portals_sign_in(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_create_administrator_asks_for_the_role(monkeypatch, capsys):
    answers = iter(["2", "anquan", "安全员甲"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "Anquan@2021x")
    call_command("create_administrator")
    user = User.objects.get(username="anquan")
    assert user.role == Role.SECURITY_ADMIN and user.check_password("Anquan@2021x") and not user.is_superuser
    assert AuditEvent.objects.filter(action="administrator_created", username="anquan").exists()
    assert "首次登录" in capsys.readouterr().out
    # The same person cannot be made a second administrator: the username is taken.
    monkeypatch.setenv("ADMINISTRATOR_PASSWORD", "Shenji@2021x")
    with pytest.raises(CommandError, match="已存在"):
        call_command("create_administrator", "--no-input", "--role", "audit_admin", "--username", "anquan")
    with pytest.raises(CommandError):
        call_command("create_administrator", "--no-input", "--role", "leader", "--username", "x")
    assert not User.objects.filter(username="x").exists()


def test_first_administrator_signs_in_and_binds_an_authenticator(monkeypatch):
    monkeypatch.setenv("ADMINISTRATOR_PASSWORD", "Xitong@2021x")
    call_command("create_administrator", "--no-input", "--role", "admin", "--username", "first")
    browser = PortalClient()
    assert sign_in(browser, "first", "Xitong@2021x")["Location"] == reverse("accounts:login_enrol")


def test_demo_has_one_account_per_administrator_with_a_usable_second_factor(db, capsys):
    from accounts import demo
    from tests.factories import DepartmentFactory, OrganizationFactory

    OrganizationFactory(name="琅琊小学")
    OrganizationFactory(name="天母山小学")
    DepartmentFactory(name="政策法规科")
    DepartmentFactory(name="办公室")
    demo.load(stdout=type("Out", (), {"write": lambda self, s: None})())
    roles = set(User.objects.values_list("role", flat=True))
    assert {Role.ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN} <= roles
    assert "二次验证密钥" in demo.describe()
    call_command("demo_code", "leader")
    code = capsys.readouterr().out[:6]
    browser = PortalClient()
    assert sign_in(browser, "leader", demo.DEMO_PASSWORD)["Location"] == reverse("accounts:login_verify")
    assert browser.post(reverse("accounts:login_verify"), {"code": code}).status_code == 302
    assert browser.get(reverse("core:home")).status_code == 200
    with pytest.raises(CommandError):
        call_command("demo_code", "staff")  # no second factor made by the demo
    UserFactory(username="prod_leader", role=Role.LEADER)
    with pytest.raises(CommandError):
        call_command("demo_code", "prod_leader")
