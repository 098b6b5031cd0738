"""Confirm writes exactly the file that was previewed: a signed token carries the stash and its checksum."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.roles import Role
from core.imports import PENDING_DIR, open_confirm_token
from directory.models import Organization
from tests.directory.test_import_export import good_row, xlsx
from tests.factories import TownshipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def township(db):
    TownshipFactory(name="琅琊镇")


def preview(client, name):
    response = client.post(reverse("directory:organization_import"), {"file": xlsx([good_row(name)])})
    assert response.status_code == 200
    return response.context["token"]


def confirm(client, token):
    return client.post(reverse("directory:organization_import"), {"step": "confirm", "token": token})


def test_a_second_upload_in_another_tab_does_not_replace_the_first(staff_client):
    first = preview(staff_client, "第一个文件幼儿园")
    second = preview(staff_client, "第二个文件幼儿园")
    assert confirm(staff_client, first).status_code == 302
    assert Organization.objects.filter(name="第一个文件幼儿园").exists()
    assert not Organization.objects.filter(name="第二个文件幼儿园").exists()
    assert confirm(staff_client, second).status_code == 302
    assert Organization.objects.filter(name="第二个文件幼儿园").exists()


def test_an_altered_token_or_another_users_token_writes_nothing(staff_client, login_as):
    token = preview(staff_client, "被篡改幼儿园")
    altered = confirm(staff_client, token[:-3] + ("abc" if not token.endswith("abc") else "xyz"))
    assert altered.status_code == 400 and "确认信息无效" in altered.content.decode()
    colleague = login_as(UserFactory(username="staff2", role=Role.BUREAU_STAFF))
    stolen = confirm(colleague, token)
    assert stolen.status_code == 400 and "确认信息无效" in stolen.content.decode()
    assert not Organization.objects.filter(name="被篡改幼儿园").exists()


def test_a_stashed_file_replaced_after_the_preview_is_refused(staff_client, bureau_staff):
    token = preview(staff_client, "原文件幼儿园")
    stash, _ = open_confirm_token(token, user=bureau_staff, path=reverse("directory:organization_import"))
    other = xlsx([good_row("替换后幼儿园")]).read()
    (Path(settings.MEDIA_ROOT) / PENDING_DIR / stash).write_bytes(other)
    response = confirm(staff_client, token)
    assert response.status_code == 400 and "与预览时校验的文件不一致" in response.content.decode()
    assert not Organization.objects.filter(name__in=["原文件幼儿园", "替换后幼儿园"]).exists()
