"""Cache a computed value until the rows it was computed from change.

The key includes a data version: the newest row of each given model's audit-history table
(django-simple-history writes one for every create, change and delete, even through bulk helpers)
and the newest primary key of the models themselves (rows loaded without history). Every model a
data version reads must keep history (`history = HistoricalRecords()`): a model without it is refused,
because an edit or a delete would leave both numbers as they were. One cheap query per use; a cached
value is never stale, and expires after `seconds` anyway. Writes that bypass save() and the history
helpers (QuerySet.update) are not seen.
"""

import hashlib
from functools import lru_cache

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils.functional import cached_property


@lru_cache(maxsize=256)
def _version_sql(models: tuple) -> str:
    """The data version's query for `models`, built once per process: reading `Model.history` makes
    django-simple-history build a manager class, 0.3 ms a model on every request before."""
    q = connection.ops.quote_name
    parts = []
    for model in models:
        history = getattr(model, "history", None)
        if history is None:
            raise ImproperlyConfigured(
                f"{model._meta.label} keeps no audit history: a data version would not see its edits and "
                "deletes. Give it `history = HistoricalRecords()` (docs/decisions/0008-statistic-sources.md)."
            )
        # Table and column names from the models, nothing from the request.
        parts.append(f"(SELECT MAX(id) FROM {q(model._meta.db_table)})")  # noqa: S608
        parts.append(f"(SELECT MAX(history_id) FROM {q(history.model._meta.db_table)})")  # noqa: S608
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
    # Hashed: a version of many models is long.
    full_key = f"{key}:{hashlib.sha256(version.encode()).hexdigest()[:32]}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, seconds)
    return value
