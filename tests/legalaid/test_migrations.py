"""legalaid 0002/0003: activity photos become core.models.UploadedFile rows without losing any."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from legalaid.models import ActivityPhoto
from tests.factories import UserFactory

BEFORE = [("legalaid", "0001_initial")]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return [("legalaid", MigrationExecutor(connection).loader.graph.leaf_nodes("legalaid")[0][1])]


@pytest.fixture
def at_0001(transactional_db):
    """The database with legalaid at 0001 (the old photo table); back at the latest afterwards."""
    target = latest()
    old_apps = migrate(BEFORE)
    yield old_apps
    migrate(target)


def old_activity(old_apps, **fields):
    return old_apps.get_model("legalaid", "Activity").objects.create(
        title="禁毒主题班会", date="2021-06-26", kind="anti_drug", **fields
    )


def test_every_photo_keeps_its_file_and_gains_size_and_uploader(at_0001):
    uploader, creator = UserFactory(username="uploader"), UserFactory(username="creator")
    Photo = at_0001.get_model("legalaid", "ActivityPhoto")
    activity = old_activity(at_0001, created_by_id=creator.pk)
    name = default_storage.save("legalaid/photos/2021/a.png", ContentFile(PNG))
    kept = Photo.objects.create(activity=activity, image=name, original_name="现场.png", created_by_id=uploader.pk)
    orphan = Photo.objects.create(activity=activity, image=name, original_name="合影.png", created_by_id=None)
    missing = Photo.objects.create(
        activity=activity, image="legalaid/photos/2021/gone.png", original_name="丢失.png", created_by_id=uploader.pk
    )

    migrate(latest())

    rows = {p.pk: p for p in ActivityPhoto.objects.all()}
    assert set(rows) == {kept.pk, orphan.pk, missing.pk}
    assert (rows[kept.pk].file.name, rows[kept.pk].original_name) == (name, "现场.png")
    assert (rows[kept.pk].size, rows[kept.pk].uploaded_by) == (len(PNG), uploader)
    assert rows[kept.pk].uploaded_at == kept.created_at
    assert rows[orphan.pk].uploaded_by == creator  # no uploader recorded: the activity's creator
    assert rows[missing.pk].size == 0 and rows[missing.pk].file.name == "legalaid/photos/2021/gone.png"


def test_a_photo_whose_uploader_cannot_be_found_stops_the_migration_until_one_is_set(at_0001):
    Photo = at_0001.get_model("legalaid", "ActivityPhoto")
    photo = Photo.objects.create(activity=old_activity(at_0001), image="legalaid/photos/x.png", original_name="x.png")

    with pytest.raises(RuntimeError, match=f"id: {photo.pk}"):
        migrate(latest())

    ActivityPhoto.objects.filter(pk=photo.pk).update(uploaded_by=UserFactory(username="fixer"))
    migrate(latest())
    assert ActivityPhoto.objects.get().uploaded_by.username == "fixer"
