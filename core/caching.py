"""Cache a computed value until the rows it was computed from change.

Every table has a version token kept in the shared cache (`CACHE_URL`, so every app server and
worker reads the same one). A cached value's key holds the tokens of the tables of the models it was
computed from, read in one `get_many`; a committed write to one of those tables gives it a new token,
so the value is computed again on the next read.

Writes are seen where they reach the database, not where the code says "save": every Django
connection runs `_note_write` around each statement (`connection.execute_wrappers`), and an INSERT,
UPDATE, DELETE or TRUNCATE of a model's table marks it written. Save, delete, cascades, m2m, QuerySet.update,
bulk_create/bulk_update, the audit-history bulk helpers and raw SQL through a Django cursor are all
statements, so none needs a signal or a call to remember. The new token is published when the
transaction commits (`transaction.on_commit`), in whatever order transactions commit; until then,
reads in the writing transaction itself use a token of their own, so it sees its own writes and no
other process sees them early. A token missing from the cache (evicted, a fresh Redis) is set to a
new random one: no key computed before can match it. What bypasses Django's cursors (COPY through the
raw psycopg connection, psql, another program) must call `touch(*models)` after committing.
"""

import hashlib
import re
import secrets
from functools import lru_cache

from django.apps import apps
from django.core.cache import cache
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.utils.functional import cached_property

_PREFIX = "data-version:"
# The table a Django-generated (or hand-written) write statement changes; TRUNCATE names several.
_WRITE = re.compile(r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
_TRUNCATE = re.compile(r"\s*TRUNCATE\b([^;]*)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _model_tables() -> frozenset:
    return frozenset(model._meta.db_table for model in apps.get_models(include_auto_created=True))


@lru_cache(maxsize=256)
def _tables(models: tuple) -> tuple:
    """The tables whose changes change a value computed from `models`: each model's own and its
    audit history's, if it keeps one (a statistic may read it)."""
    tables = set()
    for model in models:
        tables.add(model._meta.db_table)
        # django-simple-history's manager; a many-to-many history table has a `history` foreign key instead.
        history = getattr(getattr(model, "history", None), "model", None)
        if history is not None:
            tables.add(history._meta.db_table)
    return tuple(sorted(tables))


def written_tables(sql) -> set:
    """The models' tables that the statement `sql` writes to (none for a read)."""
    if not isinstance(sql, str):
        return set()
    if match := _WRITE.match(sql):
        names = {match.group(1)}
    elif match := _TRUNCATE.match(sql):
        names = set(re.findall(r"\w+", match.group(1)))
    else:
        return set()
    return names & _model_tables()


class _Written:
    """The tables a transaction has written, published when it commits. Registered with on_commit,
    so a rollback of the transaction (or of the savepoint it was registered in) discards it."""

    def __init__(self):
        self.local = {}  # table -> this transaction's own token, new after each write

    def __call__(self):
        _publish(self.local)


def _pending(connection) -> _Written | None:
    """The open transaction's _Written, if it has written a table yet."""
    if not connection.in_atomic_block:
        return None
    if connection.run_on_commit and isinstance(connection.run_on_commit[-1][1], _Written):
        return connection.run_on_commit[-1][1]  # usually the last one: skip the scan
    return next((entry[1] for entry in connection.run_on_commit if isinstance(entry[1], _Written)), None)


def _publish(tables) -> None:
    cache.set_many({_PREFIX + table: secrets.token_hex(8) for table in tables}, None)


def _note_write(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    tables = written_tables(sql)
    if tables:
        connection = context["connection"]
        if not connection.in_atomic_block:  # autocommit: the statement is committed already
            _publish(tables)
        else:
            written = _pending(connection)
            if written is None:
                written = _Written()
                transaction.on_commit(written, using=connection.alias)
            written.local.update({table: secrets.token_hex(8) for table in tables})
    return result


@receiver(connection_created, dispatch_uid="core.caching.note_writes")
def _install(sender, connection, **kwargs):
    if _note_write not in connection.execute_wrappers:
        connection.execute_wrappers.append(_note_write)


def touch(*models) -> None:
    """Give `models` new versions: after a write that bypassed Django's cursors has committed."""
    _publish(_tables(tuple(models)))


def data_version(*models) -> str:
    """A token that changes whenever a committed write adds, changes or deletes a row of `models`."""
    tables = _tables(tuple(models))
    found = cache.get_many([_PREFIX + table for table in tables])
    for table in tables:
        if _PREFIX + table not in found:
            # add(): two processes starting a version at once agree on the first one.
            cache.add(_PREFIX + table, secrets.token_hex(8), None)
            found[_PREFIX + table] = cache.get(_PREFIX + table) or secrets.token_hex(8)
    version = "-".join(found[_PREFIX + table] for table in tables)
    # A transaction that wrote a source reads under tokens only it knows (so it sees its own writes and
    # nobody else sees them), and under its open savepoints (so a value computed inside one that is
    # rolled back is not read after it).
    for connection in connections.all(initialized_only=True):
        written = _pending(connection)
        local = [written.local[table] for table in tables if table in written.local] if written else []
        if local:
            version += f"|{connection.alias}:{'-'.join(local)}:{connection.savepoint_ids}"
    return version


class DataVersion:
    """The data version of `models`, read once: a view that caches several things computed from the
    same models (a summary, a list's order, a rendered fragment) passes one DataVersion to each
    instead of reading the versions again for every one. Make one per request, for reading only."""

    def __init__(self, *models):
        self.models = models

    @cached_property
    def token(self) -> str:
        return data_version(*self.models)

    def __str__(self) -> str:  # as a {% cache %} fragment key
        return self.token


def cached_until_changed(key: str, models, compute, *, seconds: int = 600):
    """`compute()`, cached under `key` until a committed write changes a row of `models` (or of a
    DataVersion's models), or `seconds` pass."""
    version = models.token if isinstance(models, DataVersion) else data_version(*models)
    # Hashed: a version of many models is long.
    full_key = f"{key}:{hashlib.sha256(version.encode()).hexdigest()[:32]}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, seconds)
    return value
