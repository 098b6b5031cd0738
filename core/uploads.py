"""Uploaded files: checked by type (content, not only the name) and size, stored outside the web
root, and served only through views that check permission first.

A replaced upload is never deleted: the record's audit history keeps the old stored name, who
replaced it and when, and `serve_stored` serves that old version (core.history links it)."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible

from .downloads import content_disposition

# What a user may upload, by kind: allowed suffixes and the magic bytes their content starts with.
KINDS = {
    "pdf": ({".pdf"}, [b"%PDF-"]),
    "image": ({".jpg", ".jpeg", ".png"}, [b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"]),
    "office": ({".docx", ".xlsx"}, [b"PK\x03\x04"]),
}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
KIND_LABELS = {"pdf": "PDF", "image": "JPG/PNG图片", "office": "Word/Excel（.docx/.xlsx）"}


def validate_upload(file, *, kinds=("pdf", "image"), max_bytes: int | None = None) -> None:
    """Refuse a file whose type is not one of `kinds` or that is larger than the limit."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    if file is None:
        return
    if file.size > max_bytes:
        raise ValidationError(
            f"文件“{file.name}”过大（{file.size / 1024 / 1024:.1f}MB），"
            f"单个文件不得超过{max_bytes // 1024 // 1024}MB。",
            code="file_too_large",
        )
    suffix = Path(file.name).suffix.lower()
    allowed = "、".join(KIND_LABELS[k] for k in kinds)
    matching = [k for k in kinds if suffix in KINDS[k][0]]
    if not matching:
        raise ValidationError(f"文件“{file.name}”类型不允许，只能上传{allowed}。", code="file_type")
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if not any(head.startswith(magic) for k in matching for magic in KINDS[k][1]):
        raise ValidationError(
            f"文件“{file.name}”的内容与扩展名不符（不是真正的{KIND_LABELS[matching[0]]}文件）。", code="file_content"
        )


@deconstructible
class PrivateUploadTo:
    """upload_to: <prefix>/<year>/<random name><suffix>. Keep the user's file name in a model field."""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def __call__(self, instance, filename: str) -> str:
        return f"{self.prefix}/{timezone.now():%Y}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"

    def __eq__(self, other) -> bool:
        return isinstance(other, PrivateUploadTo) and other.prefix == self.prefix


def serve_file(field_file, *, download_name: str) -> FileResponse:
    """Stream a stored file to a user whose permission the caller has already checked."""
    if not field_file:
        raise Http404("文件不存在。")
    return serve_stored(field_file.name, download_name=download_name, storage=field_file.storage)


def serve_stored(name: str, *, download_name: str, storage=None) -> FileResponse:
    """Stream the stored file `name` (e.g. an earlier version of an upload, as its audit history
    records it) to a user whose permission the caller has already checked."""
    storage = storage or default_storage
    if not name:
        raise Http404("文件不存在。")
    try:
        handle = storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404("文件不存在。") from None
    suffix = Path(name).suffix.lower()
    response = FileResponse(handle, content_type=CONTENT_TYPES.get(suffix, "application/octet-stream"))
    response["Content-Disposition"] = content_disposition(
        download_name, attachment=suffix not in {".pdf", ".jpg", ".jpeg", ".png"}
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    return response


def delete_file_on_commit(field_file) -> None:
    """Remove a stored file once the transaction deleting its record commits: a rolled-back deletion
    keeps its file, and a failure to remove the file is logged, not raised into a committed request."""
    if not field_file:
        return
    storage, name = field_file.storage, field_file.name
    transaction.on_commit(lambda: storage.delete(name), robust=True)
