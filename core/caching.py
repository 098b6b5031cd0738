"""Cache a computed value until the rows it was computed from change.

The key includes a data version: the newest row of each given model's audit-history table
(django-simple-history writes one for every create, change and delete, even through bulk helpers)
and the newest primary key of the models themselves (rows loaded without history). A model without
history adds its row count (a delete) and its newest `updated_at` (an edit through save()): those
read the whole table, so keep such models small or give them history. One cheap query per use; a
cached value is never stale, and expires after `seconds` anyway. Writes that bypass save() and the
history helpers (QuerySet.update) are not seen.
"""

import hashlib
from functools import lru_cache

from django.core.cache import cache
from django.db import connection
from django.utils.functional import cached_property


@lru_cache(maxsize=256)
def _version_sql(models: tuple) -> str:
    """The data version's query for `models`, built once per process: reading `Model.history` makes
    django-simple-history build a manager class, 0.3 ms a model on every request before."""
    q = connection.ops.quote_name
    parts = []
    for model in models:
        # Table and column names from the models, nothing from the request.
        table = q(model._meta.db_table)
        parts.append(f"(SELECT MAX(id) FROM {table})")  # noqa: S608
        history = getattr(model, "history", None)
        if history is not None:
            parts.append(f"(SELECT MAX(history_id) FROM {q(history.model._meta.db_table)})")  # noqa: S608
            continue
        # Without history an edit or a delete leaves MAX(id) as it was.
        parts.append(f"(SELECT COUNT(*) FROM {table})")  # noqa: S608
        updated_at = next((f for f in model._meta.concrete_fields if f.name == "updated_at"), None)
        if updated_at is not None:
            parts.append(f"(SELECT MAX({q(updated_at.column)}) FROM {table})")  # noqa: S608
    return "SELECT " + ", ".join(parts)


def data_version(*models) -> str:
    """A token that changes whenever a row of one of `models` is added, changed or deleted."""
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(models))
        return "-".join(str(v) for v in cursor.fetchone())


class DataVersion:
    """The data version of `models`, read once: a view that caches several things computed from the
    same models (a summary, a list's order, a rendered fragment) passes one DataVersion to each
    instead of asking the database again for every one. Make one per request, for reading only."""

    def __init__(self, *models):
        self.models = models

    @cached_property
    def token(self) -> str:
        return data_version(*self.models)

    def __str__(self) -> str:  # as a {% cache %} fragment key
        return self.token


def cached_until_changed(key: str, models, compute, *, seconds: int = 600):
    """`compute()`, cached under `key` until a row of `models` (or of a DataVersion's models) changes,
    or `seconds` pass."""
    version = models.token if isinstance(models, DataVersion) else data_version(*models)
    # Hashed: a version of many models is long, and a change time holds a space (not a valid key for
    # every backend).
    full_key = f"{key}:{hashlib.sha256(version.encode()).hexdigest()[:32]}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, seconds)
    return value
