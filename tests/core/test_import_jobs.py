"""Large imports run on the task worker: validated, confirmed, written exactly once."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from core.models import ImportJob
from core.tasks import apply_import
from directory.models import Organization
from tests.clients import PortalClient
from tests.directory.test_import_export import good_row, xlsx
from tests.factories import TownshipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def big(settings):
    settings.IMPORT_SYNC_ROWS = 1
    TownshipFactory(name="琅琊镇")


def upload(client, rows, capture):
    with capture(execute=True):
        response = client.post(reverse("directory:organization_import"), {"file": xlsx(rows)})
    assert response.status_code == 302
    return ImportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def test_large_file_is_validated_in_the_background_then_imported_on_confirm(
    staff_client, big, django_capture_on_commit_callbacks
):
    job = upload(staff_client, [good_row("后台甲园"), good_row("后台乙园")], django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY and job.result["new"] == 2
    assert not Organization.objects.filter(name__startswith="后台").exists()
    page = staff_client.get(reverse("core:import_job", args=[job.pk]))
    assert "校验通过" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("core:import_job", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Organization.objects.filter(name__startswith="后台").count() == 2


def test_large_file_with_bad_rows_lists_them_and_cannot_be_confirmed(
    staff_client, big, django_capture_on_commit_callbacks
):
    job = upload(
        staff_client, [good_row("后台甲园"), good_row("后台乙园", code="123")], django_capture_on_commit_callbacks
    )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.INVALID and job.result["bad"][0]["line"] == 3
    staff_client.post(reverse("core:import_job", args=[job.pk]))
    assert not Organization.objects.filter(name__startswith="后台").exists()
    assert "第3行" in staff_client.get(reverse("core:import_job", args=[job.pk])).content.decode()


def test_only_the_uploader_sees_the_job(staff_client, big, django_capture_on_commit_callbacks, login_as, leader):
    job = upload(staff_client, [good_row("后台甲园"), good_row("后台乙园")], django_capture_on_commit_callbacks)
    assert login_as(leader).get(reverse("core:import_job", args=[job.pk])).status_code == 404


def test_a_crash_mid_import_writes_nothing_and_the_rerun_writes_exactly_once(
    staff_client, big, django_capture_on_commit_callbacks, monkeypatch
):
    job = upload(staff_client, [good_row("后台甲园"), good_row("后台乙园")], django_capture_on_commit_callbacks)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.IMPORTING)

    from core.resources import PortalResource

    original = PortalResource.after_import

    def killed(self, *args, **kwargs):
        original(self, *args, **kwargs)  # rows written inside the transaction …
        raise KeyboardInterrupt  # … then the worker dies before committing

    monkeypatch.setattr(PortalResource, "after_import", killed)
    with pytest.raises(KeyboardInterrupt):
        apply_import.call(job.pk)
    assert not Organization.objects.filter(name__startswith="后台").exists()
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.IMPORTING  # not lost

    monkeypatch.setattr(PortalResource, "after_import", original)
    assert apply_import.call(job.pk) == ImportJob.Status.DONE
    assert apply_import.call(job.pk) == ImportJob.Status.DONE  # a second delivery does nothing
    assert Organization.objects.filter(name__startswith="后台").count() == 2


def test_tasks_left_running_by_a_killed_worker_are_requeued(settings):
    from django_tasks_db.models import DBTaskResult

    from core.tasks import validate_import

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    result = validate_import.using(backend="default").enqueue(12345)
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim("worker-that-died")
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=timezone.now() - timedelta(minutes=30))
    out = io.StringIO()
    call_command("requeue_stale_tasks", stdout=out)
    row.refresh_from_db()
    assert row.status == "READY" and "1" in out.getvalue()


def test_the_job_page_shows_rows_checked_and_a_cancelled_check_writes_nothing(
    staff_client, big, django_capture_on_commit_callbacks, monkeypatch
):
    from core import resources
    from core.imports import write_progress

    monkeypatch.setattr(resources, "PROGRESS_EVERY", 1)
    with django_capture_on_commit_callbacks(execute=False):
        response = staff_client.post(
            reverse("directory:organization_import"),
            {"file": xlsx([good_row("取消甲园"), good_row("取消乙园"), good_row("取消丙园")])},
        )
    job = ImportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    write_progress(job.stash, 2)  # as the worker reports it
    page = staff_client.get(reverse("core:import_job", args=[job.pk])).content.decode()
    assert (
        'value="2"' in page
        and "已校验" in page
        and "<span data-rows-done>2</span> / 3 行（66%）" in page
        and "取消导入" in page
    )

    staff_client.post(reverse("core:import_job", args=[job.pk]), {"action": "cancel"})
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED
    # The worker, arriving late, stops at its first progress report and leaves the job cancelled.
    from core.tasks import validate_import

    assert validate_import.call(job.pk) == ImportJob.Status.CANCELLED
    job.status = ImportJob.Status.VALIDATING  # even mid-check: the dropped stash stops it
    job.save()
    assert validate_import.call(job.pk) in (ImportJob.Status.CANCELLED, ImportJob.Status.FAILED)
    job.refresh_from_db()
    assert not Organization.objects.filter(name__startswith="取消").exists()
    assert "已取消" in staff_client.get(reverse("core:import_job", args=[job.pk])).content.decode()


def test_a_checked_import_can_be_given_up_but_not_once_it_is_being_written(
    staff_client, big, django_capture_on_commit_callbacks, school_admin_a
):
    job = upload(staff_client, [good_row("放弃甲园"), good_row("放弃乙园")], django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY
    # Nobody but the uploader can give it up: a colleague, a school, an anonymous visitor.
    colleague = PortalClient()
    colleague.force_login(UserFactory(username="colleague", role=Role.BUREAU_STAFF))
    school = PortalClient()
    school.force_login(school_admin_a)
    for client in (colleague, school):
        assert client.post(reverse("core:import_job", args=[job.pk]), {"action": "cancel"}).status_code == 404
    anonymous = PortalClient().post(reverse("core:import_job", args=[job.pk]), {"action": "cancel"})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.READY
    assert "放弃导入" in staff_client.get(reverse("core:import_job", args=[job.pk])).content.decode()
    staff_client.post(reverse("core:import_job", args=[job.pk]), {"action": "cancel"})
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED
    staff_client.post(reverse("core:import_job", args=[job.pk]))  # 确认导入 after giving up: nothing
    assert not Organization.objects.filter(name__startswith="放弃").exists()

    writing = upload(staff_client, [good_row("写入甲园"), good_row("写入乙园")], django_capture_on_commit_callbacks)
    ImportJob.objects.filter(pk=writing.pk).update(status=ImportJob.Status.IMPORTING)
    response = staff_client.post(reverse("core:import_job", args=[writing.pk]), {"action": "cancel"}, follow=True)
    assert "不能再取消" in response.content.decode()
    assert ImportJob.objects.get(pk=writing.pk).status == ImportJob.Status.IMPORTING
