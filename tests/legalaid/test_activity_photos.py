"""A 普法 activity's photos: recorded like every uploaded file, and a deleted photo's file is removed only
once the deletion has committed."""

import pytest
from django.db import transaction
from django.urls import reverse

from legalaid import services
from legalaid.models import ActivityPhoto
from tests.legalaid.factories import ActivityFactory, ActivityPhotoFactory

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


@pytest.fixture
def photo(school_a, school_admin_a):
    return ActivityPhotoFactory(activity=ActivityFactory(organizations=[school_a]), uploaded_by=school_admin_a)


def stored(photo) -> bool:
    return photo.file.storage.exists(photo.file.name)


def test_a_rolled_back_deletion_keeps_the_photo_and_its_file(photo, school_admin_a, django_capture_on_commit_callbacks):
    pk = photo.pk
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Rollback),
        transaction.atomic(),
    ):
        services.activity_photo_delete(photo=photo, user=school_admin_a)
        raise Rollback
    assert callbacks == []
    assert ActivityPhoto.objects.filter(pk=pk).exists() and stored(photo)


def test_a_committed_deletion_removes_the_file_after_the_row(photo, school_admin_a, django_capture_on_commit_callbacks):
    pk = photo.pk
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.activity_photo_delete(photo=photo, user=school_admin_a)
        assert stored(photo)  # not before the commit
    from core.caching import _Written

    assert len([c for c in callbacks if not isinstance(c, _Written)]) == 1  # the cache's is not a file's
    assert not ActivityPhoto.objects.filter(pk=pk).exists() and not stored(photo)


def test_the_school_deletes_its_photo_from_the_activity_page(
    photo, school_a_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = school_a_client.post(reverse("legalaid:activity_photo_delete", args=[photo.pk]))
    assert response.status_code == 302
    assert not ActivityPhoto.objects.exists() and not stored(photo)
