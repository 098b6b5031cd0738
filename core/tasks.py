"""Background jobs on django-tasks (database backend, `manage.py db_worker`)."""

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from .imports import ImportFileError, Preview, load_stash, preview_import, read_dataset, run_import
from .models import ImportJob


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


@task()
def validate_import(job_id: int) -> str:
    """Dry-run the whole file and store every bad row; writes nothing but the job's result."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status != ImportJob.Status.VALIDATING:
        return job.status  # already validated by an earlier run of this task
    try:
        preview = preview_import(
            resource=import_string(job.resource_path)(), dataset=_dataset(job), user=job.created_by
        )
    except ImportFileError as exc:
        job.status, job.error = ImportJob.Status.FAILED, str(exc)
    else:
        job.result = _summary(preview)
        job.status = ImportJob.Status.READY if preview.ok else ImportJob.Status.INVALID
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "result", "finished_at"])
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
                resource=import_string(job.resource_path)(), dataset=_dataset(job), user=job.created_by
            )
        except ImportFileError as exc:
            job.status, job.error = ImportJob.Status.FAILED, str(exc)
        else:
            job.result = _summary(preview)
            job.status = ImportJob.Status.DONE if preview.ok else ImportJob.Status.INVALID
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "result", "finished_at"])
    return job.status
