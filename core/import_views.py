"""The upload → preview → confirm view used by every import of the portal.

Files of up to IMPORT_SYNC_ROWS rows are checked while the user waits; larger files become an
ImportJob run by the task worker, with a page that follows its progress.
"""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from accounts.access import ANY_SIGNED_IN, access

from .imports import ImportFileError, drop_stash, load_stash, preview_import, read_dataset, run_import, stash_upload
from .models import ImportJob


def make_import_view(*, resource_class, title: str, roles, done_url: str, template_hint: str = ""):
    """Build an import view for `resource_class`, allowed to `roles`, redirecting to `done_url` after."""

    @access(roles)
    def view(request):
        session_key = f"import:{request.path}"
        context = {"title": title, "template_hint": template_hint, "done_url": done_url}
        resource = resource_class()
        if request.method == "POST" and request.POST.get("step") == "confirm":
            name = request.session.get(session_key, "")
            content = load_stash(name)
            if content is None:
                messages.error(request, "导入文件已失效，请重新上传。")
                return redirect(request.path)
            try:
                dataset = read_dataset(name, content)
                preview = run_import(resource=resource, dataset=dataset, user=request.user)
            except ImportFileError as exc:
                context["file_error"] = str(exc)
                return render(request, "core/import.html", context, status=400)
            if not preview.ok:
                context["preview"] = preview
                messages.error(request, "数据已变化，部分行不再有效，未写入任何数据。")
                return render(request, "core/import.html", context, status=400)
            drop_stash(name)
            del request.session[session_key]
            messages.success(request, f"导入完成：新增{preview.new_count}条，更新{preview.update_count}条。")
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
                request.session[session_key] = stash_upload(content, Path(upload.name).suffix.lower())
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
    if request.method == "POST" and job.status == ImportJob.Status.READY:
        job.status = ImportJob.Status.IMPORTING
        job.save(update_fields=["status"])
        transaction.on_commit(lambda: apply_import.enqueue(job.pk))
        return redirect("core:import_job", pk=job.pk)
    if job.status == ImportJob.Status.DONE and not job.running:
        drop_stash(job.stash)
    return render(request, "core/import_job.html", {"job": job, "title": job.title})
