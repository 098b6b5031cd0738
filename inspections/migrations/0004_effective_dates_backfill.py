"""Effective dates (办理日期) for the rows written before they existed.

Until now a step was stamped with the moment it was typed; that moment's local date is the best record
of when it happened. Handed-in and closed hazards get their submission's date (or, where none was
kept, their closing date), never before they were found; returned hazards their last return's date
(their returned submission no longer counts as handed in); a hazard's 五到位 date is the day its log
says it started rectifying (left empty where the log has no such entry). Self-checks get the dates of
their submission and review, extensions and status log entries the date they were typed.
"""

from django.db import migrations
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate

HANDED_IN = ("submitted", "closed")


def _log_dates(apps, model_name: str, to_status: str):
    """The date of the latest log entry moving a `model_name` row to `to_status`, per row (a subquery)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    StatusChange = apps.get_model("inspections", "StatusChange")
    content_type = ContentType.objects.filter(app_label="inspections", model=model_name).first()
    if content_type is None:  # a new database: no log yet
        return None
    entries = StatusChange.objects.filter(
        content_type=content_type, object_id=OuterRef("pk"), to_status=to_status
    ).order_by("-at", "-id")
    return Subquery(entries.values("happened_on")[:1])


def backfill(apps, schema_editor):
    StatusChange = apps.get_model("inspections", "StatusChange")
    Hazard = apps.get_model("inspections", "Hazard")
    HistoricalHazard = apps.get_model("inspections", "HistoricalHazard")
    HazardExtension = apps.get_model("inspections", "HazardExtension")
    SelfCheck = apps.get_model("inspections", "SelfCheck")
    HistoricalSelfCheck = apps.get_model("inspections", "HistoricalSelfCheck")

    StatusChange.objects.filter(happened_on__isnull=True).update(happened_on=TruncDate("at"))
    HazardExtension.objects.filter(granted_on__isnull=True).update(granted_on=TruncDate("at"))

    # The history has no updated_at: a row's own moment is its history_date.
    for model, changed in ((Hazard, "updated_at"), (HistoricalHazard, "history_date")):
        handed_in = model.objects.filter(status__in=HANDED_IN)
        handed_in.filter(submitted_at__isnull=False).update(submitted_on=TruncDate("submitted_at"))
        handed_in.filter(submitted_on__isnull=True, closed_on__isnull=False).update(submitted_on=F("closed_on"))
        handed_in.filter(submitted_on__isnull=True).update(submitted_on=TruncDate(changed))
        # In order: not before the hazard was found, not after it was closed.
        handed_in.filter(submitted_on__lt=F("found_on")).update(submitted_on=F("found_on"))
        handed_in.filter(closed_on__lt=F("submitted_on")).update(submitted_on=F("closed_on"))

    returned = _log_dates(apps, "hazard", "returned")
    if returned is not None:
        Hazard.objects.filter(status="returned").update(returned_on=returned)
    Hazard.objects.filter(status="returned", returned_on__isnull=True).update(returned_on=TruncDate("updated_at"))
    Hazard.objects.filter(status="returned", returned_on__lt=F("found_on")).update(returned_on=F("found_on"))

    planned = _log_dates(apps, "hazard", "rectifying")
    if planned is not None:
        Hazard.objects.exclude(status="open").update(planned_on=planned)
        # Never after the submission it led to, never before the hazard was found.
        Hazard.objects.filter(planned_on__lt=F("found_on")).update(planned_on=F("found_on"))
        Hazard.objects.filter(planned_on__gt=F("submitted_on")).update(planned_on=F("submitted_on"))

    for model in (SelfCheck, HistoricalSelfCheck):
        model.objects.filter(submitted_at__isnull=False).update(submitted_on=TruncDate("submitted_at"))
        model.objects.filter(reviewed_at__isnull=False).update(reviewed_on=TruncDate("reviewed_at"))
    SelfCheck.objects.filter(~Q(status="draft"), submitted_on__isnull=True).update(submitted_on=TruncDate("updated_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("inspections", "0003_effective_dates"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
