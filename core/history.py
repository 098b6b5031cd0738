"""Readable change history of a record (django-simple-history underneath)."""

from collections.abc import Callable
from dataclasses import dataclass

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
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"#{value}"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def history_rows(instance, *, limit: int = 200, files: dict[str, FileLink] | None = None) -> list[HistoryRow]:
    """Newest first: who changed what, from which value to which. `files` maps a file field to how
    its versions are shown (FileLink); its name field is then not listed on its own."""
    files = files or {}
    shown_with_file = {link.name_field for link in files.values()}
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    rows = []
    for i, record in enumerate(records[:limit]):
        older = records[i + 1] if i + 1 < len(records) else None
        changes = []
        if older is not None and record.history_type == "~":
            delta = record.diff_against(older)
            for change in delta.changes:
                if change.field in shown_with_file:
                    continue
                label = str(record.instance_type._meta.get_field(change.field).verbose_name)
                if change.field in files:
                    link = files[change.field]
                    changes.append((label, _file(older, change.field, link), _file(record, change.field, link)))
                else:
                    changes.append(
                        (label, _display(record, change.field, change.old), _display(record, change.field, change.new))
                    )
        elif record.history_type == "+":
            for name, link in files.items():
                if getattr(record, name):
                    label = str(record.instance_type._meta.get_field(name).verbose_name)
                    changes.append((label, "（空）", _file(record, name, link)))
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
