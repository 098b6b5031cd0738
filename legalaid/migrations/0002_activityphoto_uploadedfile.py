"""ActivityPhoto becomes a core.models.UploadedFile like the inspection attachments.

Renames keep every row and stored file: image → file, created_at → uploaded_at, created_by →
uploaded_by. The new `size` is read from storage (0 when the file is missing). A photo without an
uploader (never through the portal's service, which always records one) takes the activity's creator,
else its last editor; 0003 then makes the uploader required and refuses to run if one is still unknown.
"""

from django.db import migrations, models

BATCH = 500


def fill_size_and_uploader(apps, schema_editor):
    ActivityPhoto = apps.get_model("legalaid", "ActivityPhoto")
    manager = ActivityPhoto.objects.db_manager(schema_editor.connection.alias)
    photos = manager.select_related("activity")
    changed = []
    for photo in photos.iterator(chunk_size=BATCH):
        try:
            photo.size = photo.file.size if photo.file else 0
        except OSError:
            photo.size = 0
        if photo.uploaded_by_id is None:
            photo.uploaded_by_id = photo.activity.created_by_id or photo.activity.updated_by_id
        changed.append(photo)
        if len(changed) >= BATCH:
            manager.bulk_update(changed, ["size", "uploaded_by"])
            changed = []
    if changed:
        manager.bulk_update(changed, ["size", "uploaded_by"])


class Migration(migrations.Migration):
    dependencies = [("legalaid", "0001_initial")]

    operations = [
        migrations.RenameField(model_name="activityphoto", old_name="image", new_name="file"),
        migrations.RenameField(model_name="activityphoto", old_name="created_at", new_name="uploaded_at"),
        migrations.RenameField(model_name="activityphoto", old_name="created_by", new_name="uploaded_by"),
        migrations.AddField(
            model_name="activityphoto",
            name="size",
            field=models.PositiveIntegerField(default=0, verbose_name="大小（字节）"),
            preserve_default=False,
        ),
        migrations.AlterModelOptions(
            name="activityphoto",
            options={"ordering": ["uploaded_at", "id"], "verbose_name": "活动照片", "verbose_name_plural": "活动照片"},
        ),
        # Last, and alone in its transaction before 0003: PostgreSQL refuses to alter a table that has
        # pending deferred foreign-key checks from rows updated in the same transaction.
        migrations.RunPython(fill_size_and_uploader, migrations.RunPython.noop),
    ]
