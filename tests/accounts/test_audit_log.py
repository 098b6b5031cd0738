"""The audit administrator's pages: every sign-in and administrative action, every record's history."""

import io

import openpyxl
import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.roles import Role
from tests.clients import PortalClient
from tests.factories import PASSWORD, OrganizationFactory, UserFactory

from .helpers import sign_in

pytestmark = pytest.mark.django_db


def test_sign_ins_failures_and_lockouts_are_logged_with_the_address(bureau_staff, audit_client):
    browser = PortalClient()
    sign_in(browser, "staff", REMOTE_ADDR="10.1.2.3")
    browser.post(reverse("accounts:logout"))
    for _ in range(5):
        sign_in(browser, "staff", "wrong", REMOTE_ADDR="10.9.9.9")
    sign_in(browser, "nobody", "wrong")
    actions = list(AuditEvent.objects.exclude(username="auditor").order_by("pk").values_list("action", "username"))
    assert actions[:2] == [("login", "staff"), ("logout", "staff")]
    assert actions.count(("login_failed", "staff")) == 5 and ("locked_out", "staff") in actions
    assert ("login_failed", "nobody") in actions
    assert AuditEvent.objects.filter(action="login", ip_address="10.1.2.3").exists()

    page = audit_client.get(reverse("accounts:audit_log"), {"category": "sign_in", "q": "staff"}).content.decode()
    assert "登录成功" in page and "账号锁定" in page and "10.9.9.9" in page and "nobody" not in page


def test_administrative_actions_are_logged_and_filterable(admin_client_, audit_admin, school_a):
    data = {"username": "teacher", "full_name": "新老师", "role": Role.SCHOOL_ADMIN, "organization": school_a.pk}
    admin_client_.post(reverse("accounts:user_create"), {**data, "password1": "Jinhua2021Edu", "is_active": "on"})
    teacher = UserFactory._meta.model.objects.get(username="teacher")
    admin_client_.post(reverse("accounts:user_edit", args=[teacher.pk]), {**data, "is_active": ""})
    created = AuditEvent.objects.get(action="user_created")
    changed = AuditEvent.objects.get(action="user_changed")
    assert created.actor_name == "sysadmin" and "角色：学校/幼儿园管理员" in created.detail
    assert "状态" not in changed.detail or "启用 → 停用" in changed.detail

    auditor = PortalClient()
    auditor.force_login(audit_admin)
    page = auditor.get(reverse("accounts:audit_log"), {"category": "admin"}).content.decode()
    assert ">新建用户</td>" in page and ">修改用户</td>" in page and ">登录成功</td>" not in page
    only = auditor.get(reverse("accounts:audit_log"), {"action": "user_changed"}).content.decode()
    assert ">修改用户</td>" in only and ">新建用户</td>" not in only
    bad = auditor.get(reverse("accounts:audit_log"), {"since": "2026-02-01", "until": "2026-01-01"})
    assert bad.status_code == 400 and "截止日期不能早于起始日期" in bad.content.decode()


def test_the_audit_log_exports_to_excel_and_the_export_is_logged(audit_client, bureau_staff):
    sign_in(PortalClient(), "staff", "wrong")
    response = audit_client.get(reverse("accounts:audit_log_export"), {"category": "sign_in"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:2] == ("时间", "事件") and any(r[1] == "登录失败" and r[3] == "staff" for r in rows[1:])
    assert AuditEvent.objects.filter(action="audit_exported", actor_name="auditor").exists()


def test_changes_of_every_record_with_history_are_listed_generically(audit_client):
    org = OrganizationFactory(name="审计测试学校")
    org.name = "审计测试学校（更名）"
    org._change_reason = "更名"
    org.save()
    page = audit_client.get(reverse("accounts:audit_changes"), {"model": "directory.organization"}).content.decode()
    assert "审计测试学校（更名）" in page and "审计测试学校 → 审计测试学校（更名）" in page
    everything = audit_client.get(reverse("accounts:audit_changes")).content.decode()
    assert "审计测试学校（更名）" in everything
    export = audit_client.get(reverse("accounts:audit_changes_export"), {"model": "directory.organization"})
    rows = list(openpyxl.load_workbook(io.BytesIO(export.content)).active.values)
    assert any("审计测试学校 → 审计测试学校（更名）" in (r[6] or "") for r in rows[1:])


def test_audit_records_cannot_be_changed():
    event = AuditEvent.objects.create(action="login", username="x")
    event.detail = "tampered"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_only_the_auditor_reads_the_audit_trail(staff_client, leader, portal_admin, security_admin, login_as):
    for user in (leader, portal_admin, security_admin):
        client = login_as(user)
        assert client.get(reverse("accounts:audit_log")).status_code == 403
        assert client.get(reverse("accounts:audit_changes_export")).status_code == 403
    assert staff_client.get(reverse("accounts:audit_changes")).status_code == 403
    assert PASSWORD
