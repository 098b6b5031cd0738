"""The page of a large export being prepared by the task worker, and its download."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from accounts.access import ANY_SIGNED_IN, access

from .downloads import content_disposition
from .exports import XLSX
from .models import ExportJob
from .tasks import export_path


def get_export_job_for_user(user, pk) -> ExportJob:
    """Only the person who asked for an export sees its job and downloads its file."""
    return get_object_or_404(ExportJob.objects.filter(created_by=user), pk=pk)


@access(ANY_SIGNED_IN)
def export_job(request, pk):
    job = get_export_job_for_user(request.user, pk)
    if request.method == "POST" and request.POST.get("action") == "cancel":
        if job.cancel():
            messages.success(request, "已取消导出。")
        else:
            messages.error(request, "文件已生成或已结束，不能再取消。")
        return redirect("core:export_job", pk=job.pk)
    return render(request, "core/export_job.html", {"job": job, "title": job.label})


@access(ANY_SIGNED_IN)
def export_download(request, pk):
    job = get_export_job_for_user(request.user, pk)
    if job.status != ExportJob.Status.DONE or not job.file_name:
        raise Http404("文件尚未生成。")
    try:
        handle = export_path(job).open("rb")
    except FileNotFoundError:
        raise Http404("文件已清理，请重新导出。") from None
    response = FileResponse(handle, content_type=XLSX)
    response["Content-Disposition"] = content_disposition(job.download_name)
    response["Cache-Control"] = "no-store, private"
    return response
