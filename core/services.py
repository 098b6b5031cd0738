"""Generic write helpers used by every app's services."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

STALE_MESSAGE = "该记录已被{who}于{when}修改，您看到的是旧版本。请刷新页面后重新编辑，您填写的内容未被保存。"


class StaleVersionError(ValidationError):
    """Raised when a save is based on an older version of the record than the one stored."""


def stale_message(instance: models.Model) -> str:
    from django.utils import timezone
    from django.utils.formats import date_format

    who = getattr(instance, "updated_by", None)
    when = getattr(instance, "updated_at", None)
    return STALE_MESSAGE.format(
        who=(who.get_full_name() or who.username) if who else "其他用户",
        when=date_format(timezone.localtime(when), "DATETIME_FORMAT") if when else "刚才",
    )


def check_version(current: models.Model, expected_version: int) -> None:
    """Refuse a write based on a version of the record other than the stored one.

    `current` is the row as stored, read by the caller under select_for_update; `expected_version` is
    the version the user saw. A mismatch raises StaleVersionError with the portal's stale message,
    before the caller writes anything.
    """
    if current.version != expected_version:
        raise StaleVersionError(stale_message(current), code="stale")


@transaction.atomic
def model_update(
    *,
    instance: models.Model,
    data: dict[str, Any],
    user,
    expected_version: int | None = None,
    fields: Iterable[str] | None = None,
) -> models.Model:
    """Apply `data` to `instance`, validate, and save with an optimistic-lock check.

    The row is updated only if its stored version still equals `expected_version` (the version the
    editor loaded); otherwise StaleVersionError is raised and nothing is written.
    """
    model = type(instance)
    allowed = set(fields) if fields is not None else set(data)
    for name, value in data.items():
        if name in allowed:
            setattr(instance, name, value)
    if hasattr(instance, "updated_by"):
        instance.updated_by = user
    instance._history_user = user  # the audit history names the service's user, in a request or not
    instance.full_clean()
    if hasattr(instance, "version"):
        locked = model._default_manager.select_for_update().filter(pk=instance.pk)
        current = locked.values_list("version", flat=True).first()
        if expected_version is not None and current != expected_version:
            raise StaleVersionError(stale_message(model._default_manager.get(pk=instance.pk)), code="stale")
        instance.version = (current or 0) + 1
    instance.save()
    return instance


@transaction.atomic
def model_create(*, model: type[models.Model], data: dict[str, Any], user) -> models.Model:
    """Create a validated record attributed to `user`."""
    instance = model(**data)
    if hasattr(instance, "created_by"):
        instance.created_by = user
        instance.updated_by = user
    instance._history_user = user
    instance.full_clean()
    instance.save()
    return instance
