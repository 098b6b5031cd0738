"""A data version changes with every added, changed or deleted row; it is read from audit history, so a
model without history is refused instead of being cached stale."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.caching import cached_until_changed, data_version
from inspections.models import Checklist, ChecklistItem, ChecklistStatus
from tests.factories import OrganizationFactory
from tests.inspections.factories import ChecklistFactory

pytestmark = pytest.mark.django_db


def test_a_change_to_a_model_with_history_changes_the_version():
    from directory.models import Organization

    school = OrganizationFactory()
    OrganizationFactory()  # the newest row is not the one changed
    before = data_version(Organization)
    school.name = "改名后的学校"
    school.save()
    assert data_version(Organization) != before


def test_publishing_a_checklist_changes_the_version():
    checklist = ChecklistFactory(status=ChecklistStatus.DRAFT)
    ChecklistFactory()
    before = data_version(Checklist)
    checklist.status = ChecklistStatus.PUBLISHED
    checklist.save()
    assert data_version(Checklist) != before


def test_deleting_an_item_that_is_not_the_newest_changes_the_version():
    checklist = ChecklistFactory()
    before = data_version(ChecklistItem)
    checklist.items.order_by("id").first().delete()  # not the newest row: MAX(id) stays
    assert data_version(ChecklistItem) != before


def test_a_cached_value_is_computed_again_after_a_change():
    checklist = ChecklistFactory(status=ChecklistStatus.DRAFT)

    def published():
        return cached_until_changed("test-published", (Checklist,), Checklist.objects.filter(status="published").count)

    assert published() == 0
    checklist.status = ChecklistStatus.PUBLISHED
    checklist.save()
    assert published() == 1


def test_a_model_without_history_is_refused():
    from core.models import ImportJob

    with pytest.raises(ImproperlyConfigured, match="core.ImportJob keeps no audit history"):
        data_version(ImportJob)
