"""Reading the audit trail for the 审计管理员: the audit log (AuditEvent) and the change history of
every model that keeps one (django-simple-history), read generically so a model given history later
appears here by itself."""

from dataclasses import dataclass
from datetime import datetime, time

from django.apps import apps
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast
from django.utils import timezone
from simple_history.models import HistoricalChanges

from core.history import ACTIONS, record_changes
from core.queries import contains

from .models import AuditEvent, User


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _day_end(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def audit_events(filters: dict):
    """The audit log, newest first, filtered by the auditor's form (accounts.forms.AuditFilterForm)."""
    events = AuditEvent.objects.all()
    category = filters.get("category")
    if category == "sign_in":
        events = events.filter(action__in=AuditEvent.SIGN_IN_ACTIONS)
    elif category == "admin":
        events = events.exclude(action__in=AuditEvent.SIGN_IN_ACTIONS)
    if filters.get("action"):
        events = events.filter(action=filters["action"])
    if filters.get("q"):
        events = events.filter(contains("username", filters["q"]) | contains("actor_name", filters["q"]))
    if filters.get("ip"):
        events = events.filter(ip_address=filters["ip"])
    if filters.get("since"):
        events = events.filter(at__gte=_day_start(filters["since"]))
    if filters.get("until"):
        events = events.filter(at__lte=_day_end(filters["until"]))
    return events.order_by("-at", "-pk")


def history_models() -> dict[str, type]:
    """label → historical model, for every model with audit history (django-simple-history)."""
    found = {}
    for model in apps.get_models():
        # (a many-to-many field's history rows belong to their record's history, not a list of their own)
        fields = {f.name for f in model._meta.fields}
        if issubclass(model, HistoricalChanges) and hasattr(model, "instance_type") and "history_date" in fields:
            found[model.instance_type._meta.label_lower] = model
    return dict(sorted(found.items(), key=lambda item: str(item[1].instance_type._meta.verbose_name)))


def model_choices() -> list[tuple[str, str]]:
    return [(label, str(model.instance_type._meta.verbose_name)) for label, model in history_models().items()]


def changes(filters: dict):
    """Every history record of the chosen models, newest first, as plain rows of one union query."""
    chosen = history_models()
    if filters.get("model"):
        chosen = {k: v for k, v in chosen.items() if k == filters["model"]}
    user_ids = None
    if filters.get("q"):
        user_ids = list(User.objects.filter(contains("username", filters["q"])).values_list("pk", flat=True))
    parts = []
    for label, model in chosen.items():
        records = model.objects.order_by()  # a compound statement's parts carry no ORDER BY
        if filters.get("kind"):
            records = records.filter(history_type=filters["kind"])
        if user_ids is not None:
            records = records.filter(history_user_id__in=user_ids)
        if filters.get("since"):
            records = records.filter(history_date__gte=_day_start(filters["since"]))
        if filters.get("until"):
            records = records.filter(history_date__lte=_day_end(filters["until"]))
        pk_name = model.instance_type._meta.pk.attname
        parts.append(
            records.annotate(
                model_label=Value(label, output_field=CharField()),
                object_pk=Cast(F(pk_name), output_field=CharField()),
            ).values(
                "history_id",
                "history_date",
                "history_type",
                "history_user_id",
                "history_change_reason",
                "model_label",
                "object_pk",
            )
        )
    if not parts:
        return AuditEvent.objects.none().values("pk")
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return union.order_by("-history_date", "-history_id")


@dataclass
class ChangeRow:
    when: datetime
    who: str
    category: str
    object: str
    action: str
    reason: str
    changes: list[tuple[str, str, str]]


def change_rows(rows) -> list[ChangeRow]:
    """The page's rows with what each record was and what it changed (a few queries per model)."""
    models = history_models()
    users = {u.pk: u for u in User.objects.filter(pk__in={r["history_user_id"] for r in rows} - {None})}
    records = {}
    for label in {r["model_label"] for r in rows}:
        ids = [r["history_id"] for r in rows if r["model_label"] == label]
        for record in models[label].objects.filter(history_id__in=ids):
            records[(label, record.history_id)] = record
    result = []
    for row in rows:
        record = records.get((row["model_label"], row["history_id"]))
        model = models[row["model_label"]]
        user = users.get(row["history_user_id"])
        try:
            shown = str(record.instance) if record else f"#{row['object_pk']}"
        except Exception:  # a record whose related rows are gone still names its key
            shown = f"#{row['object_pk']}"
        result.append(
            ChangeRow(
                when=row["history_date"],
                who=f"{user.get_full_name()}（{user.username}）" if user else "系统",
                category=str(model.instance_type._meta.verbose_name),
                object=shown,
                action=ACTIONS.get(row["history_type"], row["history_type"]),
                reason=row["history_change_reason"] or "",
                changes=record_changes(record, record.prev_record) if record and row["history_type"] == "~" else [],
            )
        )
    return result
