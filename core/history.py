"""Readable change history of a record (django-simple-history underneath)."""

from dataclasses import dataclass

ACTIONS = {"+": "新建", "~": "修改", "-": "删除"}


@dataclass
class HistoryRow:
    when: object
    who: str
    action: str
    reason: str
    changes: list[tuple[str, str, str]]


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


def record_changes(record, older) -> list[tuple[str, str, str]]:
    """(field label, old value, new value) for each field a change record altered since `older`."""
    if older is None or record.history_type != "~":
        return []
    changes = []
    for change in record.diff_against(older).changes:
        field = record.instance_type._meta.get_field(change.field)
        changes.append(
            (
                str(field.verbose_name),
                _display(record, change.field, change.old),
                _display(record, change.field, change.new),
            )
        )
    return changes


def history_rows(instance, *, limit: int = 200) -> list[HistoryRow]:
    """Newest first: who changed what, from which value to which."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    rows = []
    for i, record in enumerate(records[:limit]):
        older = records[i + 1] if i + 1 < len(records) else None
        changes = record_changes(record, older)
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
