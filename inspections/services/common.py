"""Helpers every inspections service uses: the status log, document numbers, attachments."""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from core.uploads import validate_upload

from ..models import DocumentCounter, StatusChange

ATTACHMENT_KINDS = ("pdf", "image")
MAX_FILES = 10


def log_change(
    *, subject: models.Model, from_status: str, to_status: str, user, reason: str = "", on: date | None = None
) -> StatusChange:
    """Record one transition (who, on which day, from, to, why) and tag the history row with the reason.

    `on` is the day it happened as reported (办理日期, default today); the time it was typed is kept too.
    """
    subject._change_reason = reason or f"{from_status or '—'} → {to_status}"
    return StatusChange.objects.create(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        by=user,
        happened_on=on or timezone.localdate(),
    )


def changes_of(subject: models.Model):
    """The record's transitions, latest first by the day they happened (办理日期), then as typed."""
    return StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
    ).select_related("by")


def take_number(*, kind: str, year: int, count: int = 1) -> int:
    """The first of `count` new consecutive numbers for documents of `kind` in `year` (row-locked)."""
    counter, _ = DocumentCounter.objects.get_or_create(kind=kind, year=year)
    counter = DocumentCounter.objects.select_for_update().get(pk=counter.pk)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return first


def check_files(files, *, field: str = "attachments") -> list:
    """Refuse the whole batch if any file has the wrong type or size (nothing is saved then)."""
    files = [f for f in (files or []) if f]
    if len(files) > MAX_FILES:
        raise ValidationError({field: f"一次最多上传{MAX_FILES}个文件。"})
    errors = []
    for f in files:
        try:
            validate_upload(f, kinds=ATTACHMENT_KINDS)
        except ValidationError as exc:
            errors += exc.messages
    if errors:
        raise ValidationError({field: errors})
    return files


def save_files(*, model, owner_field: str, owner, files, user) -> None:
    for f in files:
        model.objects.create(**{owner_field: owner}, file=f, original_name=f.name[:200], size=f.size, uploaded_by=user)


def months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")
