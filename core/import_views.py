"""The upload → preview → confirm view used by every import of the portal.

Files of up to IMPORT_SYNC_ROWS rows are checked while the user waits; larger files become an
ImportJob run by the task worker, with a page that follows its progress.

The confirm button carries a signed token naming the stashed file and its checksum (for this user and
this import), so confirming writes exactly the file that was previewed: a second upload in another
tab, an altered token or a replaced file is refused (docs/imports.md).
"""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from accounts.access import ANY_SIGNED_IN, access

from .imports import (
    ImportFileError,
    checksum,
    confirm_token,
    drop_stash,
    keep_checked,
    load_stash,
    open_confirm_token,
    preview_import,
    read_dataset,
    run_import,
    stash_upload,
)
from .models import ImportJob


def make_import_view(*, resource_class, title: str, roles, done_url: str, template_hint: str = ""):
    """Build an import view for `resource_class`, allowed to `roles`, redirecting to `done_url` after."""

    @access(roles)
    def view(request):
        context = {"title": title, "template_hint": template_hint, "done_url": done_url}
        resource = resource_class()
        if request.method == "POST" and request.POST.get("step") == "confirm":
            try:
                name, digest = open_confirm_token(request.POST.get("token", ""), user=request.user, path=request.path)
                content = load_stash(name, digest)
                if content is None:
                    raise ImportFileError("导入文件已失效，请重新上传。")
                dataset = read_dataset(name, content)
                preview = run_import(resource=resource, dataset=dataset, user=request.user, stash=name)
            except ImportFileError as exc:
                context["file_error"] = str(exc)
                return render(request, "core/import.html", context, status=400)
            if not preview.ok:
                context["preview"] = preview
                messages.error(request, "数据已变化，部分行不再有效，未写入任何数据。")
                return render(request, "core/import.html", context, status=400)
            drop_stash(name)
            messages.success(request, f"导入完成：{preview.summary()}。")
            return redirect(done_url)
        if request.method == "POST":
            upload = request.FILES.get("file")
            if upload is None:
                context["file_error"] = "请选择要导入的文件。"
                return render(request, "core/import.html", context, status=400)
            content = upload.read()
            try:
                dataset = read_dataset(upload.name, content)
                if len(dataset) > getattr(settings, "IMPORT_SYNC_ROWS", 2000):
                    return _start_job(request, resource_class, title, done_url, upload.name, content, len(dataset))
                preview = preview_import(resource=resource, dataset=dataset, user=request.user)
            except ImportFileError as exc:
                context["file_error"] = str(exc)
                return render(request, "core/import.html", context, status=400)
            context["preview"] = preview
            context["filename"] = upload.name
            if preview.ok:
                stash = stash_upload(content, Path(upload.name).suffix.lower())
                keep_checked(stash, preview)
                context["token"] = confirm_token(stash=stash, content=content, user=request.user, path=request.path)
            return render(request, "core/import.html", context, status=200 if preview.ok else 400)
        return render(request, "core/import.html", context)

    return view


def _start_job(request, resource_class, title, done_url, filename, content, rows):
    from .tasks import validate_import

    job = ImportJob.objects.create(
        title=title,
        resource_path=f"{resource_class.__module__}.{resource_class.__qualname__}",
        filename=filename,
        stash=stash_upload(content, Path(filename).suffix.lower()),
        checksum=checksum(content),
        done_url=str(done_url),
        total_rows=rows,
        created_by=request.user,
    )
    transaction.on_commit(lambda: validate_import.enqueue(job.pk))
    return redirect("core:import_job", pk=job.pk)


def get_import_job_for_user(user, pk) -> ImportJob:
    """Only the person who uploaded a file sees its job."""
    return get_object_or_404(ImportJob.objects.filter(created_by=user), pk=pk)


@access(ANY_SIGNED_IN)
def import_job(request, pk):
    from .tasks import apply_import

    job = get_import_job_for_user(request.user, pk)
    if request.method == "POST" and request.POST.get("action") == "cancel":
        if job.cancel():
            messages.success(request, "已取消导入，未写入任何数据。")
        else:
            messages.error(request, "导入已开始写入或已结束，不能再取消。")
        return redirect("core:import_job", pk=job.pk)
    if request.method == "POST" and job.status == ImportJob.Status.READY:
        job.status = ImportJob.Status.IMPORTING
        job.save(update_fields=["status"])
        transaction.on_commit(lambda: apply_import.enqueue(job.pk))
        return redirect("core:import_job", pk=job.pk)
    if job.status == ImportJob.Status.DONE and not job.running:
        drop_stash(job.stash)
    return render(request, "core/import_job.html", {"job": job, "title": job.title})
