"""Every activity photo has an uploader (filled by 0002), as every core.models.UploadedFile does."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def refuse_unknown_uploader(apps, schema_editor):
    ActivityPhoto = apps.get_model("legalaid", "ActivityPhoto")
    unknown = list(
        ActivityPhoto.objects.using(schema_editor.connection.alias)
        .filter(uploaded_by__isnull=True)
        .values_list("pk", flat=True)[:20]
    )
    if unknown:
        raise RuntimeError(
            "活动照片缺少上传人，且所属活动没有创建人或修改人，无法迁移。"
            f"请先为这些照片（id: {', '.join(map(str, unknown))}）指定 uploaded_by_id 后重新执行 migrate。"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("legalaid", "0002_activityphoto_uploadedfile"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(refuse_unknown_uploader, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="activityphoto",
            name="uploaded_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="上传人",
            ),
        ),
    ]
