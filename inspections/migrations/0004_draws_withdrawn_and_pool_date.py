"""Existing draws: a superseded draw that was never performed becomes 已撤回（未抽取）; every replaced draw
points at the draw that replaced it (whose reason explains why); the pools' day is the day they were
frozen (before this change the pools were taken as of the day of the commit)."""

from zoneinfo import ZoneInfo

from django.db import migrations

SHANGHAI = ZoneInfo("Asia/Shanghai")


def forwards(apps, schema_editor):
    Draw = apps.get_model("inspections", "Draw")
    for draw in Draw.objects.order_by("plan_id", "sequence"):
        changed = []
        if draw.pool_date is None:
            draw.pool_date = draw.committed_at.astimezone(SHANGHAI).date()
            changed.append("pool_date")
        if draw.status == "superseded":
            if draw.drawn_at is None:
                draw.status = "withdrawn"
                changed.append("status")
            if draw.superseded_by_id is None:
                later = Draw.objects.filter(plan_id=draw.plan_id, sequence__gt=draw.sequence).order_by("sequence")
                draw.superseded_by = later.first()
                changed.append("superseded_by")
        if changed:
            draw.save(update_fields=changed)
    HistoricalDraw = apps.get_model("inspections", "HistoricalDraw")
    for row in HistoricalDraw.objects.filter(pool_date__isnull=True):
        row.pool_date = row.committed_at.astimezone(SHANGHAI).date()
        row.save(update_fields=["pool_date"])


def backwards(apps, schema_editor):
    Draw = apps.get_model("inspections", "Draw")
    Draw.objects.filter(status="withdrawn").update(status="superseded")


class Migration(migrations.Migration):
    dependencies = [("inspections", "0003_draw_binding_and_substitution")]

    operations = [migrations.RunPython(forwards, backwards)]
