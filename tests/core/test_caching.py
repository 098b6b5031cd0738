"""A cached value is computed again after any committed write to the rows it was computed from,
whatever the write (save, delete, QuerySet.update, bulk helpers, raw SQL) and whatever order
transactions commit in; its own transaction sees its writes; a rolled-back write changes nothing."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from simple_history.utils import bulk_create_with_history

from core.caching import DataVersion, cached_until_changed, data_version, touch, written_tables
from directory.models import OrgKind, Township
from inspections.models import Checklist, ChecklistItem, ChecklistStatus
from inspections.stats import inspected_by_kind
from tests.factories import OrganizationFactory
from tests.inspections.factories import ChecklistFactory, InspectionFactory

pytestmark = pytest.mark.django_db


def townships() -> int:
    return cached_until_changed("test-townships", (Township,), Township.objects.count)


def test_a_change_to_a_row_that_is_not_the_newest_changes_the_version():
    from directory.models import Organization

    school = OrganizationFactory()
    OrganizationFactory()
    before = data_version(Organization)
    school.name = "改名后的学校"
    school.save()
    assert data_version(Organization) != before


def test_deleting_an_item_that_is_not_the_newest_changes_the_version():
    checklist = ChecklistFactory()
    before = data_version(ChecklistItem)
    checklist.items.order_by("id").first().delete()
    assert data_version(ChecklistItem) != before


def test_a_cached_value_is_computed_again_after_a_change():
    checklist = ChecklistFactory(status=ChecklistStatus.DRAFT)

    def published():
        return cached_until_changed("test-published", (Checklist,), Checklist.objects.filter(status="published").count)

    assert published() == 0
    checklist.status = ChecklistStatus.PUBLISHED
    checklist.save()
    assert published() == 1


def test_a_queryset_update_in_the_project_is_seen_by_the_figure_it_changes():
    """inspections.resources (the import) moves an inspection with QuerySet.update, which bypasses
    save() and the audit history: the report's inspected-by-kind figure must still change."""
    inspection = InspectionFactory()
    kindergarten = OrganizationFactory(kindergarten=True)
    year = inspection.plan.starts_on.year
    assert inspected_by_kind(year) == {OrgKind.PUBLIC_PRIMARY: 1}
    type(inspection).objects.filter(pk=inspection.pk).update(
        organization=kindergarten, organization_kind=kindergarten.kind
    )
    assert inspected_by_kind(year) == {OrgKind.PUBLIC_KINDERGARTEN: 1}


@pytest.mark.parametrize(
    "write",
    [
        lambda: Township.objects.bulk_create([Township(name="新乡镇")]),
        lambda: bulk_create_with_history([Township(name="新乡镇")], Township),
        lambda: Township.objects.filter(name="城东街道").delete(),
        lambda: connection.cursor().execute("DELETE FROM directory_township"),
    ],
    ids=["bulk_create", "bulk_create_with_history", "queryset delete", "raw SQL"],
)
def test_writes_that_bypass_save_are_seen(write):
    Township.objects.create(name="城东街道")
    before = townships()
    write()
    assert townships() != before


def test_a_bulk_update_is_seen():
    township = Township.objects.create(name="城东街道")
    version = data_version(Township)
    township.sort_order = 9
    Township.objects.bulk_update([township], ["sort_order"])
    assert data_version(Township) != version


def test_a_rolled_back_write_leaves_the_cached_value():
    Township.objects.create(name="城东街道")
    assert townships() == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        Township.objects.create(name="城西街道")
        assert townships() == 2  # its own transaction sees it
        raise RuntimeError
    assert townships() == 1


def test_savepoints_released_and_rolled_back_in_turn():
    Township.objects.create(name="城东街道")
    assert townships() == 1
    with transaction.atomic():
        Township.objects.create(name="城西街道")
        assert townships() == 2
    assert townships() == 2
    with pytest.raises(RuntimeError), transaction.atomic():
        Township.objects.create(name="城北街道")
        assert townships() == 3
        raise RuntimeError
    assert townships() == 2
    Township.objects.filter(name="城西街道").delete()
    assert townships() == 1


def test_a_model_without_audit_history_is_a_source_like_any_other():
    from core.models import ImportJob

    before = data_version(ImportJob)
    ImportJob.objects.update(status=ImportJob.Status.FAILED)  # no row: still a statement on the table
    assert data_version(ImportJob) != before


def test_touch_is_for_writes_outside_django():
    version = DataVersion(Township).token
    touch(Township)
    assert data_version(Township) != version


def test_touch_takes_every_model_as_seed_scale_does_after_its_copy():
    from django.apps import apps

    from inspections.models import Inspection

    version = data_version(Inspection)
    touch(*apps.get_models(include_auto_created=True))  # history tables of many-to-many fields included
    assert data_version(Inspection) != version


def test_the_statements_that_write_a_table_are_recognised():
    assert written_tables('INSERT INTO "directory_township" ("name") VALUES (%s)') == {"directory_township"}
    assert written_tables('INSERT OR IGNORE INTO "directory_township" ("name") VALUES (%s)') == {"directory_township"}
    assert written_tables("UPDATE directory_organization SET profit_status='non_profit' WHERE id=%s") == {
        "directory_organization"
    }
    assert written_tables('TRUNCATE "directory_township", "django_session" RESTART IDENTITY;') == {
        "directory_township",
        "django_session",
    }
    assert written_tables('SELECT COUNT(*) FROM "directory_township"') == set()
    assert written_tables('INSERT INTO "portal_cache" VALUES (%s)') == set()  # not a model's table


# Code that talks to PostgreSQL past Django's cursors, where core.caching cannot see a write, and why
# each is safe.
RAW_DATABASE_ACCESS = re.compile(r"cursor\.cursor\b|copy_expert|psycopg2?\.connect|\.connection\.cursor\(")
OUTSIDE_DJANGO = {
    "benchmarks/scale_data.py": "COPY for seed_scale, which touches every model afterwards",
    "core/backup.py": "connects to the maintenance database and a scratch copy, never writes the portal's tables",
}


def test_every_write_past_djangos_cursors_is_known():
    root = Path(settings.BASE_DIR)
    found = {
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if not {".venv", "tests", "node_modules"} & set(path.relative_to(root).parts)
        and RAW_DATABASE_ACCESS.search(path.read_text(encoding="utf-8"))
    }
    assert found == set(OUTSIDE_DJANGO)
    assert "caching.touch(" in (root / "core/management/commands/seed_scale.py").read_text(encoding="utf-8")
