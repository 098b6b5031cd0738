"""Effective dates (办理日期) for the timeline and the withdrawn cases written before they existed.

An event's day is the local date it was typed, except where the case itself records the day: its
opening (受理日期) and its completion (办结日期); never before the case was opened. A withdrawn case's
day is its withdrawal event's.
"""

from django.db import migrations
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import TruncDate


def backfill(apps, schema_editor):
    CaseEvent = apps.get_model("conversions", "CaseEvent")
    ConversionCase = apps.get_model("conversions", "ConversionCase")

    CaseEvent.objects.update(happened_on=TruncDate("at"))
    case = ConversionCase.objects.filter(pk=OuterRef("case_id"))
    CaseEvent.objects.filter(kind="opened").update(happened_on=Subquery(case.values("opened_on")[:1]))
    CaseEvent.objects.filter(kind="completed", case__completed_on__isnull=False).update(
        happened_on=Subquery(case.values("completed_on")[:1])
    )
    too_early = CaseEvent.objects.filter(happened_on__lt=F("case__opened_on")).values_list("pk", flat=True)
    CaseEvent.objects.filter(pk__in=list(too_early)).update(happened_on=Subquery(case.values("opened_on")[:1]))

    withdrawals = CaseEvent.objects.filter(case_id=OuterRef("pk"), kind="withdrawn").order_by("-at", "-id")
    withdrawn = ConversionCase.objects.filter(status="withdrawn")
    withdrawn.update(withdrawn_on=Subquery(withdrawals.values("happened_on")[:1]))
    withdrawn.filter(withdrawn_on__isnull=True).update(withdrawn_on=TruncDate("updated_at"))


class Migration(migrations.Migration):
    dependencies = [("conversions", "0003_effective_dates")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
