"""directory 0005: organizations registered before the pinyin keys get them, and sort and search by them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from directory.models import Organization

BEFORE = [("directory", "0004_merge_bounds_and_history")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps(transactional_db):
    target = [("directory", MigrationExecutor(connection).loader.graph.leaf_nodes("directory")[0][1])]
    apps = migrate(BEFORE)
    yield apps
    migrate(target)


def test_existing_organizations_get_their_pinyin_keys(old_apps):
    Township = old_apps.get_model("directory", "Township")
    OldOrganization = old_apps.get_model("directory", "Organization")
    township = Township.objects.create(name="琅琊镇")
    for name, code in (("婺城区第十一小学", "123307020000000011"), ("婺城区第二小学", "123307020000000022")):
        OldOrganization.objects.create(
            name=name, kind="public_primary", ownership="public", credit_code=code, township=township
        )
    migrate([("directory", "0006_organization_search_indexes")])
    rows = Organization.objects.order_by("name_key")
    assert [o.name for o in rows] == ["婺城区第二小学", "婺城区第十一小学"]
    assert rows[0].name_pinyin == "wcqdexx wuchengqudierxiaoxue"
