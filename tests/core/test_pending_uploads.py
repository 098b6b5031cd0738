"""Files chosen before a validation error are kept for their user and used on the next submit."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.models import PendingUpload
from inspections.models import Inspection
from tests.clients import PortalClient
from tests.factories import UserFactory
from tests.inspections.conftest import checklist, officers, plan  # noqa: F401 (fixtures)
from tests.inspections.factories import PNG
from tests.inspections.test_records import post, record_data, signed_in

pytestmark = pytest.mark.django_db


def photo(name="现场.png", content=PNG):
    return SimpleUploadedFile(name, content, content_type="image/png")


def failed_post(client, plan, school, officers, **files):  # noqa: F811
    """A record form refused for its missing date, carrying files."""
    response = post(client, record_data(plan, school, officers[:2], inspected_on="", **files))
    assert response.status_code == 400 and "检查日期" in response.content.decode()
    return response


def test_file_is_kept_after_an_error_and_saved_on_the_next_submit(staff_client, plan, school_a, officers):  # noqa: F811
    page = failed_post(staff_client, plan, school_a, officers, attachments=[photo()]).content.decode()
    kept = PendingUpload.objects.get()
    assert "现场.png" in page and "移除" in page and f'value="{kept.pk}"' in page
    response = post(staff_client, record_data(plan, school_a, officers[:2], pending_upload=[kept.pk]))
    assert response.status_code == 302
    assert Inspection.objects.get().attachments.get().original_name == "现场.png"
    assert not PendingUpload.objects.exists()


def test_kept_file_survives_a_second_error_beside_a_new_one(staff_client, plan, school_a, officers):  # noqa: F811
    failed_post(staff_client, plan, school_a, officers, attachments=[photo()])
    kept = PendingUpload.objects.get()
    second = post(
        staff_client,
        record_data(
            plan, school_a, officers[:2], inspected_on="", pending_upload=[kept.pk], attachments=[photo("二.png")]
        ),
    ).content.decode()
    assert "现场.png" in second and "二.png" in second
    ids = list(PendingUpload.objects.values_list("pk", flat=True))
    assert post(staff_client, record_data(plan, school_a, officers[:2], pending_upload=ids)).status_code == 302
    assert sorted(a.original_name for a in Inspection.objects.get().attachments.all()) == ["二.png", "现场.png"]


def test_remove_drops_the_kept_file(staff_client, plan, school_a, officers):  # noqa: F811
    failed_post(staff_client, plan, school_a, officers, attachments=[photo()])
    kept = PendingUpload.objects.get()
    data = record_data(plan, school_a, officers[:2], pending_upload=[kept.pk], pending_upload_remove=[kept.pk])
    assert post(staff_client, data).status_code == 302
    assert not Inspection.objects.get().attachments.exists() and not PendingUpload.objects.exists()


def test_a_file_failing_the_upload_checks_is_not_kept(staff_client, plan, school_a, officers):  # noqa: F811
    post(staff_client, record_data(plan, school_a, officers[:2], attachments=[photo("假图片.png", b"MZ not a png")]))
    assert not PendingUpload.objects.exists()


def test_only_the_owner_sees_or_uses_a_kept_file(staff_client, plan, school_a, officers, bureau_staff, school_admin_a):  # noqa: F811
    failed_post(staff_client, plan, school_a, officers, attachments=[photo()])
    kept = PendingUpload.objects.get()
    url = reverse("core:pending_upload", args=[kept.pk])
    assert staff_client.get(url).status_code == 200
    colleague = UserFactory(role=bureau_staff.role, username="colleague")
    assert signed_in(colleague).get(url).status_code == 404
    assert signed_in(school_admin_a).get(url).status_code == 404
    anonymous = PortalClient().get(url)
    assert anonymous.status_code == 302 and reverse("accounts:login") in anonymous["Location"]
    # A colleague who posts its number gets no file, and the owner keeps it.
    response = post(signed_in(colleague), record_data(plan, school_a, officers[:2], pending_upload=[kept.pk]))
    assert response.status_code == 302
    assert not Inspection.objects.get().attachments.exists() and PendingUpload.objects.filter(pk=kept.pk).exists()


def test_cleanup_deletes_what_is_older_than_a_day(staff_client, plan, school_a, officers):  # noqa: F811
    failed_post(staff_client, plan, school_a, officers, attachments=[photo("旧.png")])
    failed_post(staff_client, plan, school_a, officers, attachments=[photo("新.png")])
    old, new = PendingUpload.objects.order_by("id")
    PendingUpload.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    storage, name = old.file.storage, old.file.name
    assert storage.exists(name)
    call_command("clear_pending_uploads")
    assert list(PendingUpload.objects.all()) == [new] and not storage.exists(name)
