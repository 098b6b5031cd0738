"""Load the window's material checklist (材料清单) with its reference texts."""

from django.db import migrations

from conversions.catalogue import template_rows


def load(apps, schema_editor):
    MaterialTemplate = apps.get_model("conversions", "MaterialTemplate")
    for row in template_rows():
        MaterialTemplate.objects.get_or_create(department=row["department"], name=row["name"], defaults=row)


def unload(apps, schema_editor):
    apps.get_model("conversions", "MaterialTemplate").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("conversions", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
