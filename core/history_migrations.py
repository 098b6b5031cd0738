"""Migrations that switch on audit history for a model with rows already in it.

django-simple-history writes a history row on every later change; the rows that existed before
history was switched on would have none, so the first later change would show no "from" value.
`populate_history` gives each existing row one
baseline "新建" entry, attributed to nobody ("系统"), with the reason saying what it is.
"""

from itertools import islice

from django.db import migrations
from django.utils import timezone

BASELINE_REASON = "启用变更记录时已有的数据"


def populate_history(app_label: str, *model_names: str, batch_size: int = 2000) -> migrations.RunPython:
    def forward(apps, schema_editor):
        now = timezone.now()
        for name in model_names:
            model = apps.get_model(app_label, name)
            historical = apps.get_model(app_label, f"Historical{name}")
            fields = [f.attname for f in historical._meta.concrete_fields if not f.name.startswith("history_")]
            rows = model._base_manager.order_by("pk").values(*fields).iterator(chunk_size=batch_size)
            while batch := list(islice(rows, batch_size)):
                historical._base_manager.bulk_create(
                    historical(**row, history_date=now, history_type="+", history_change_reason=BASELINE_REASON)
                    for row in batch
                )

    return migrations.RunPython(forward, migrations.RunPython.noop, elidable=False)
