"""Change history of a record (django-simple-history underneath): how it reads, and how a bulk
write records it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.html import format_html

ACTIONS = {"+": "新建", "~": "修改", "-": "删除"}


@dataclass
class HistoryRow:
    when: object
    who: str
    action: str
    reason: str
    changes: list[tuple[str, str, str]]


@dataclass(frozen=True)
class FileLink:
    """How the history shows an uploaded file: by the user's file name (`name_field` of the record),
    linked to `url(historical_record)`, a view that checks permission and serves that version.
    Every version stays downloadable: a replaced file is kept (core.uploads)."""

    name_field: str
    url: Callable[[object], str]


def _file(record, field_name: str, link: FileLink) -> str:
    if not getattr(record, field_name):
        return "（空）"
    return format_html('<a href="{}">{}</a>', link.url(record), getattr(record, link.name_field) or "文件")


def _display(record, field_name: str, value) -> str:
    field = record.instance_type._meta.get_field(field_name)
    if value in (None, ""):
        return "（空）"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.many_to_many:  # simple-history's m2m diff: the through rows, as dicts
        target = field.m2m_reverse_field_name()
        ids = [row.get(target) if isinstance(row, dict) else row for row in value]
        return "、".join(str(obj) for obj in field.related_model._default_manager.filter(pk__in=ids)) or "（空）"
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"#{value}"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def record_changes(record, older, files: dict[str, FileLink] | None = None) -> list[tuple[str, str, str]]:
    """(field label, old value, new value) for each field a history record set or altered since `older`.

    `files` maps a file field to how its versions are shown (FileLink); its name field is then not
    listed on its own.
    """
    files = files or {}
    shown_with_file = {link.name_field for link in files.values()}
    label = lambda name: str(record.instance_type._meta.get_field(name).verbose_name)  # noqa: E731
    if record.history_type == "+":
        return [
            (label(name), "（空）", _file(record, name, link)) for name, link in files.items() if getattr(record, name)
        ]
    if older is None or record.history_type != "~":
        return []
    changes = []
    for change in record.diff_against(older).changes:
        if change.field in shown_with_file:
            continue
        if change.field in files:
            link = files[change.field]
            changes.append((label(change.field), _file(older, change.field, link), _file(record, change.field, link)))
        else:
            old, new = (_display(record, change.field, v) for v in (change.old, change.new))
            changes.append((label(change.field), old, new))
    return changes


def history_rows(instance, *, limit: int = 200, files: dict[str, FileLink] | None = None) -> list[HistoryRow]:
    """Newest first: who changed what, from which value to which (see record_changes for `files`)."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    rows = []
    for i, record in enumerate(records[:limit]):
        older = records[i + 1] if i + 1 < len(records) else None
        changes = record_changes(record, older, files)
        user = record.history_user
        rows.append(
            HistoryRow(
                when=record.history_date,
                who=(user.get_full_name() if user else "系统"),
                action=ACTIONS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return rows


HISTORY_COLUMNS = ("history_date", "history_change_reason", "history_type", "history_user_id")
BULK_CHUNK = 500  # ids per statement: within SQLite's limit of bound parameters


def record_bulk(model, pks, *, history_type: str, user=None, reason: str = "") -> None:
    """One history record per row of `model` in `pks`, copied from the stored rows by the database
    (INSERT … SELECT): what simple-history's bulk helpers record, without building a Python object per
    row. Call it after the rows are written, in the same transaction."""
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True) or not pks:
        return
    history = model.history.model
    tracked = [field.column for field in history.tracked_fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in [*tracked, *HISTORY_COLUMNS])
    selected = ", ".join(quote(c) for c in tracked)
    pks, now = list(pks), timezone.now()
    sql = (
        f"INSERT INTO {quote(history._meta.db_table)} ({columns}) "  # noqa: S608 (names from the models)
        f"SELECT {selected}, %s, %s, %s, %s FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} IN "
    )
    with connection.cursor() as cursor:
        for start in range(0, len(pks), BULK_CHUNK):
            chunk = pks[start : start + BULK_CHUNK]
            params = [now, reason, history_type, getattr(user, "pk", None), *chunk]
            cursor.execute(sql + f"({', '.join(['%s'] * len(chunk))})", params)
