"""Files chosen in a form that was not saved, kept for their user until the form is sent again.

A form that fails validation re-renders without the files its user chose: the browser cannot put them
back into a file input. So when such a page is rendered, `{% pending_uploads field %}` (core_tags) stores
the files the POST carried as `PendingUpload` rows of that user and page, and lists every kept file of
the field with a 移除 checkbox and a hidden `pending_upload` input. When the form comes back,
`PendingUploadMiddleware` puts the kept files the POST names (and that belong to its user) into
`request.FILES` under their field, as if chosen again: the view, its form and the upload checks of
core.uploads see them like any other upload. A redirect (the form was saved) deletes the used ones.
A POST after the idle sign-out keeps its files the same way (accounts.middleware). Rows older than a
day are deleted by `manage.py clear_pending_uploads` (the task `core.tasks.clear_pending_uploads`).
"""

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from .models import KeptSubmission, PendingUpload
from .uploads import CONTENT_TYPES, KINDS, validate_upload

FIELD = "pending_upload"
REMOVE = "pending_upload_remove"
KEEP_FOR = timedelta(days=1)


def keep_files(request, *, user=None, page=None) -> None:
    """Store the files the POST carried (not the kept ones it re-sent) as pending uploads of `user` for
    `page`, once per request; files that fail the upload checks are not kept."""
    if getattr(request, "_pending_kept", False) or request.method != "POST":
        return
    request._pending_kept = True
    user = user or request.user
    reused = getattr(request, "_pending_reused", {})
    for name in request.FILES:
        for upload in request.FILES.getlist(name):
            if id(upload) in reused:
                continue
            try:
                validate_upload(upload, kinds=tuple(KINDS))
            except ValidationError:
                continue
            upload.seek(0)
            PendingUpload.objects.create(
                user=user,
                page=page or request.path,
                field_name=name,
                file=upload,
                original_name=Path(upload.name).name[:200],
                size=upload.size,
            )
            upload.seek(0)


def for_field(request, field_name: str) -> list[PendingUpload]:
    """The kept files of `field_name` on this page for the signed-in user (storing this POST's first)."""
    if not request.user.is_authenticated:
        return []
    keep_files(request)
    if not hasattr(request, "_pending_rows"):
        removed = set(request.POST.getlist(REMOVE)) if request.method == "POST" else set()
        rows = PendingUpload.objects.filter(user=request.user, page=request.path)
        request._pending_rows = [row for row in rows if str(row.pk) not in removed]
    return [row for row in request._pending_rows if row.field_name == field_name]


def delete(rows) -> None:
    for row in rows:
        row.file.delete(save=False)
        row.delete()


def clear_old(now) -> int:
    """Delete the pending uploads (files and rows) and the kept forms older than a day; returns how many files."""
    KeptSubmission.objects.filter(created_at__lt=now - KEEP_FOR).delete()
    rows = list(PendingUpload.objects.filter(created_at__lt=now - KEEP_FOR))
    delete(rows)
    return len(rows)


class PendingUploadMiddleware:
    """Put the kept files a POST names back into `request.FILES`; delete them once the form is saved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reused = self._reuse(request) if self._applies(request) else []
        response = self.get_response(request)
        if reused and 300 <= response.status_code < 400:
            delete(reused)
        return response

    @staticmethod
    def _applies(request) -> bool:
        return (
            request.method == "POST"
            and request.user.is_authenticated
            and request.content_type == "multipart/form-data"
            and (FIELD in request.POST or REMOVE in request.POST)
        )

    @staticmethod
    def _reuse(request) -> list[PendingUpload]:
        removed = {value for value in request.POST.getlist(REMOVE) if value.isdigit()}
        wanted = {value for value in request.POST.getlist(FIELD) if value.isdigit()} - removed
        mine = PendingUpload.objects.filter(user=request.user)  # another user's number finds nothing
        delete(mine.filter(pk__in=removed))
        rows = list(mine.filter(pk__in=wanted))
        request._pending_reused = {}
        for row in rows:
            handle = row.file.open("rb")
            upload = UploadedFile(
                file=handle,
                name=row.original_name,
                content_type=CONTENT_TYPES.get(Path(row.original_name).suffix.lower(), "application/octet-stream"),
                size=row.size,
            )
            request.FILES.appendlist(row.field_name, upload)
            request._pending_reused[id(upload)] = row
        return rows
