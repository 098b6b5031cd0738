"""Shared fixtures: the personas every view is tested against.

bureau_staff, leader and portal_admin see the district; school_admin_a runs school A; school_admin_b
runs school B and is the outsider for everything of school A; anonymous is the public.
"""

import pytest

from accounts.roles import Role
from tests.clients import PortalClient
from tests.factories import OrganizationFactory, UserFactory


@pytest.fixture
def client():
    return PortalClient()


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path, monkeypatch):
    from django.core.cache import cache

    from core import listing

    cache.clear()
    # A count slowed by a busy test machine would be cached and a test's next count stale: tests
    # that want the slow-count cache set this themselves.
    monkeypatch.setattr(listing, "SLOW_COUNT_SECONDS", float("inf"))
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def school_a(db):
    return OrganizationFactory(name="测试甲小学")


@pytest.fixture
def school_b(db):
    return OrganizationFactory(name="测试乙小学")


@pytest.fixture
def bureau_staff(db):
    return UserFactory(username="staff", full_name="局工作人员", role=Role.BUREAU_STAFF)


@pytest.fixture
def colleague(db):
    """A second bureau user (the one who changed a record meanwhile)."""
    return UserFactory(username="staff2", full_name="另一工作人员", role=Role.BUREAU_STAFF)


@pytest.fixture
def leader(db):
    return UserFactory(username="leader", full_name="局领导", role=Role.LEADER)


@pytest.fixture
def portal_admin(db):
    return UserFactory(username="sysadmin", full_name="系统管理员", role=Role.ADMIN)


@pytest.fixture
def security_admin(db):
    return UserFactory(username="secadmin", full_name="安全管理员", role=Role.SECURITY_ADMIN)


@pytest.fixture
def audit_admin(db):
    return UserFactory(username="auditor", full_name="审计管理员", role=Role.AUDIT_ADMIN)


@pytest.fixture
def legal_reviewer(db):
    """The bureau's legal section (法制审核人员): reads the anonymous ratings of visits, inspects nothing."""
    return UserFactory(username="legal", full_name="法制审核人员", role=Role.LEGAL_REVIEWER)


@pytest.fixture
def school_admin_a(school_a):
    return UserFactory(username="school_a", full_name="甲校管理员", role=Role.SCHOOL_ADMIN, organization=school_a)


@pytest.fixture
def school_admin_b(school_b):
    return UserFactory(username="school_b", full_name="乙校管理员", role=Role.SCHOOL_ADMIN, organization=school_b)


def _client_for(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def staff_client(client, bureau_staff):
    return _client_for(client, bureau_staff)


@pytest.fixture
def leader_client(client, leader):
    return _client_for(client, leader)


@pytest.fixture
def admin_client_(client, portal_admin):
    return _client_for(client, portal_admin)


@pytest.fixture
def security_client(client, security_admin):
    return _client_for(client, security_admin)


@pytest.fixture
def audit_client(client, audit_admin):
    return _client_for(client, audit_admin)


@pytest.fixture
def school_a_client(client, school_admin_a):
    return _client_for(client, school_admin_a)


@pytest.fixture
def school_b_client(client, school_admin_b):
    return _client_for(client, school_admin_b)


@pytest.fixture
def login_as(client):
    """login_as(user) → a test client signed in as that user."""
    return lambda user: _client_for(client, user)


@pytest.fixture
def header_count_off(monkeypatch):
    """No 待办 count in the header: for tests pinning a page's own query budget across writes. The count
    is cached until its records change, so a write between two measurements would add its computation
    to the second; tests/core/test_todo_header.py pins what the count costs."""
    from core import context_processors

    monkeypatch.setattr(context_processors, "_todo_count", lambda request, user: None)
