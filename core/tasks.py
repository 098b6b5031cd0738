"""Background jobs on django-tasks (database backend, `manage.py db_worker`)."""

import logging
import uuid
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from .exports import write_xlsx
from .imports import (
    ImportFileError,
    Preview,
    keep_checked,
    load_stash,
    preview_import,
    read_dataset,
    run_import,
    stash_exists,
    write_progress,
)
from .models import ExportJob, ImportJob

logger = logging.getLogger(__name__)
EXPORT_DIR = "private/exports"


def _summary(preview: Preview) -> dict:
    return {
        "headers": preview.headers,
        "rows": len(preview.rows),
        "new": preview.new_count,
        "update": preview.update_count,
        "unchanged": preview.unchanged_count,
        "bad": [{"line": r.line, "errors": r.errors} for r in preview.bad_rows[:1000]],
        "bad_total": len(preview.bad_rows),
    }


def _dataset(job: ImportJob):
    content = load_stash(job.stash, job.checksum)
    if content is None:
        raise ImportFileError("导入文件已失效，请重新上传。")
    return read_dataset(job.stash, content)


class Cancelled(Exception):
    """The person who asked gave the job up while it ran."""


def _import_progress(job: ImportJob):
    def report(rows: int) -> None:
        if not stash_exists(job.stash):  # dropped by 取消导入
            raise Cancelled
        write_progress(job.stash, rows)

    return report


@task()
def validate_import(job_id: int) -> str:
    """Dry-run the whole file and store every bad row; writes nothing but the job's result."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status != ImportJob.Status.VALIDATING:
        return job.status  # already validated by an earlier run of this task, or cancelled
    try:
        preview = preview_import(
            resource=import_string(job.resource_path)(),
            dataset=_dataset(job),
            user=job.created_by,
            progress=_import_progress(job),
        )
    except Cancelled:
        return ImportJob.Status.CANCELLED
    except ImportFileError as exc:
        job.status, job.error = ImportJob.Status.FAILED, str(exc)
    else:
        job.result = _summary(preview)
        job.status = ImportJob.Status.READY if preview.ok else ImportJob.Status.INVALID
        keep_checked(job.stash, preview)
    # Only a job still being validated takes the result: one cancelled meanwhile stays cancelled.
    ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.VALIDATING).update(
        status=job.status, error=job.error, result=job.result, finished_at=timezone.now()
    )
    return job.status


@task()
def apply_import(job_id: int) -> str:
    """Write the confirmed file; the rows and `status = done` commit together (exactly once)."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().select_related("created_by").get(pk=job_id)
        if job.status != ImportJob.Status.IMPORTING:
            return job.status  # done already (a re-run after a crash) or never confirmed
        try:
            preview = run_import(
                resource=import_string(job.resource_path)(),
                dataset=_dataset(job),
                user=job.created_by,
                progress=lambda rows: write_progress(job.stash, rows),
                stash=job.stash,
            )
        except ImportFileError as exc:
            job.status, job.error = ImportJob.Status.FAILED, str(exc)
        else:
            job.result = _summary(preview)
            job.status = ImportJob.Status.DONE if preview.ok else ImportJob.Status.INVALID
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "result", "finished_at"])
    return job.status


def export_path(job: ExportJob) -> Path:
    return Path(settings.MEDIA_ROOT) / EXPORT_DIR / job.file_name


@task()
def build_export(job_id: int) -> str:
    """Write a large export to a file the asker downloads from the job's page; rows done are stored as
    they are written (ExportJob.rows_done), for the page to show."""
    job = ExportJob.objects.select_related("created_by").get(pk=job_id)
    # A run cut short (the worker killed, the task requeued) simply writes the file again; a job done
    # (a second delivery of this task) or cancelled is left as it is.
    if not ExportJob.objects.filter(pk=job.pk, status__in=[ExportJob.Status.QUEUED, ExportJob.Status.RUNNING]).update(
        status=ExportJob.Status.RUNNING, rows_done=0
    ):
        return ExportJob.objects.get(pk=job.pk).status
    query = QueryDict(mutable=True)
    for key, values in job.params.items():
        query.setlist(key, values)
    # The register's table function reads who asked and the list's filters, as in the page's request.
    request = SimpleNamespace(user=job.created_by, GET=query)
    job.file_name = f"{uuid.uuid4().hex}.xlsx"
    path = export_path(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        table = import_string(job.table_path)(request)
        rows = write_xlsx(
            str(path),
            title=job.label,
            headers=table.headers,
            rows=table.rows,
            progress=lambda done: _export_progress(job, done),
        )
    except Cancelled:
        path.unlink(missing_ok=True)
        return ExportJob.Status.CANCELLED
    except Exception:
        logger.exception("export job %s failed", job.pk)
        path.unlink(missing_ok=True)
        job.status, job.error, job.file_name = (
            ExportJob.Status.FAILED,
            "生成文件时出错，请稍后重试或联系系统管理员。",
            "",
        )
        job.rows_done = 0
    else:
        job.status, job.rows_done, job.total_rows = ExportJob.Status.DONE, rows, rows
    job.finished_at = timezone.now()
    fields = ("status", "error", "file_name", "rows_done", "total_rows", "finished_at")
    if not ExportJob.objects.filter(pk=job.pk, status=ExportJob.Status.RUNNING).update(
        **{name: getattr(job, name) for name in fields}
    ):
        path.unlink(missing_ok=True)  # cancelled after its last row
        return ExportJob.Status.CANCELLED
    return job.status


def _export_progress(job: ExportJob, done: int) -> None:
    if not ExportJob.objects.filter(pk=job.pk, status=ExportJob.Status.RUNNING).update(rows_done=done):
        raise Cancelled  # 取消导出 was pressed


@task()
def send_todo_digest() -> int:
    """The daily 待办 e-mails (core.digest): enqueued every morning by `manage.py send_todo_digest`."""
    from .digest import send_digests

    return send_digests()
