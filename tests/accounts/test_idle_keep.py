"""A form sent after the idle sign-out is kept for its user and restored after signing in again."""

import json
import re
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.middleware import IDLE_TIMEOUT_KEY, SESSION_KEY
from core.models import KeptSubmission, PendingUpload
from inspections.models import Inspection
from tests.clients import PortalClient
from tests.factories import UserFactory
from tests.inspections.conftest import checklist, officers, plan  # noqa: F401 (fixtures)
from tests.inspections.factories import PNG
from tests.inspections.test_records import record_data

pytestmark = pytest.mark.django_db
KEPT = "您已超时退出，填写的内容已保存，登录后将恢复"


def browser(user) -> PortalClient:
    """A signed-in browser whose CSRF tokens are checked, with a one-minute idle timeout."""
    client = PortalClient(enforce_csrf_checks=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[IDLE_TIMEOUT_KEY] = 60
    session.save()
    return client


def expire(client) -> None:
    session = client.session
    session[SESSION_KEY] = int(time.time()) - 61
    session.save()


def form_url(plan) -> str:  # noqa: F811
    return reverse("inspections:inspection_create") + f"?plan={plan.pk}"


def filled(client, plan, school, officers, **extra) -> dict:  # noqa: F811
    data = record_data(plan, school, officers[:2], notes="二楼灭火器已更换", **extra)
    return {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value}


def kept_form(page: str) -> dict | None:
    match = re.search(r'<script id="kept-form" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(match.group(1)) if match else None


def test_fill_expire_submit_sign_in_and_find_it_there(bureau_staff, plan, school_a, officers):  # noqa: F811
    client = browser(bureau_staff)
    assert client.get(form_url(plan)).status_code == 200
    expire(client)
    photo = SimpleUploadedFile("现场.png", PNG, content_type="image/png")
    data = filled(client, plan, school_a, officers, attachments=[photo])
    response = client.post(form_url(plan), data, HTTP_REFERER="http://testserver" + form_url(plan))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert KEPT in client.get(response["Location"]).content.decode()
    assert not Inspection.objects.exists()

    client.force_login(bureau_staff, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(form_url(plan)).content.decode()
    restored = kept_form(page)
    assert restored["notes"] == ["二楼灭火器已更换"] and restored["inspected_on"] == ["2021-05-10"]
    assert "csrfmiddlewaretoken" not in restored
    kept = PendingUpload.objects.get(user=bureau_staff)
    assert "现场.png" in page and f'name="pending_upload" value="{kept.pk}"' in page
    assert kept_form(client.get(form_url(plan)).content.decode()) is None  # restored once

    # The user checks the form and presses 提交 (static/js/kept_form.js filled the fields in).
    data = {**filled(client, plan, school_a, officers), "pending_upload": [kept.pk]}
    assert client.post(form_url(plan), data).status_code == 302
    inspection = Inspection.objects.get()
    assert inspection.notes == "二楼灭火器已更换"
    assert inspection.attachments.get().original_name == "现场.png"
    assert not PendingUpload.objects.exists()


def test_another_user_on_the_same_browser_gets_nothing(bureau_staff, plan, school_a, officers):  # noqa: F811
    client = browser(bureau_staff)
    client.get(form_url(plan))
    expire(client)
    photo = SimpleUploadedFile("现场.png", PNG, content_type="image/png")
    client.post(form_url(plan), filled(client, plan, school_a, officers, attachments=[photo]))
    colleague = UserFactory(role=bureau_staff.role, username="colleague")
    client.force_login(colleague, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(form_url(plan)).content.decode()
    assert kept_form(page) is None and "现场.png" not in page and "二楼灭火器已更换" not in page
    assert KeptSubmission.objects.get().user == bureau_staff


def test_a_post_without_a_valid_token_is_not_kept(bureau_staff, plan, school_a, officers):  # noqa: F811
    """A forged form (another site posting into the expired session) plants nothing in the user's form."""
    client = browser(bureau_staff)
    client.get(form_url(plan))
    expire(client)
    data = {**filled(client, plan, school_a, officers), "csrfmiddlewaretoken": "x" * 64}
    response = client.post(form_url(plan), data)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert not KeptSubmission.objects.exists()
    assert KEPT not in client.get(response["Location"]).content.decode()


def test_page_carries_the_timeout_for_the_warning_and_keepalive_answers(bureau_staff):
    client = browser(bureau_staff)
    page = client.get(reverse("accounts:password_change")).content.decode()
    assert 'data-idle-timeout="60"' in page and 'id="idle-warning"' in page and "js/idle.js" in page
    session = client.session
    session[SESSION_KEY] = int(time.time()) - 50  # ten seconds before the sign-out
    session.save()
    assert client.get(reverse("accounts:keepalive")).status_code == 200
    assert client.session[SESSION_KEY] >= int(time.time()) - 1  # the idle timer starts again
    expire(client)
    assert client.get(reverse("accounts:keepalive")).status_code == 302
    assert PortalClient().get(reverse("accounts:keepalive")).status_code == 302
    anonymous = PortalClient().get(reverse("public:index")).content.decode()
    assert "idle-warning" not in anonymous


def test_passwords_are_never_kept(bureau_staff):
    client = browser(bureau_staff)
    client.get(reverse("accounts:password_change"))
    expire(client)
    data = {"old_password": "秘密1", "new_password1": "秘密2", "new_password2": "秘密2"}
    client.post(reverse("accounts:password_change"), {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    assert KeptSubmission.objects.get().data == {}
