"""The cache that holds the versions may be any shared one, except a database cache on SQLite."""

import pytest
from django.core.cache import caches

from core.apps import check_cache_database
from core.caching import cached_until_changed
from directory.models import Township


def test_a_database_cache_on_sqlite_is_refused(settings, monkeypatch):
    from django.db import connection

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "c"}}
    monkeypatch.setattr(connection, "vendor", "sqlite")
    assert [error.id for error in check_cache_database()] == ["core.E001"]
    connection.vendor = "postgresql"  # monkeypatch removes the instance attribute afterwards
    assert check_cache_database() == []


@pytest.mark.django_db(transaction=True)
def test_with_the_file_cache_of_make_run_writes_stay_and_figures_follow_them(settings, tmp_path):
    """`make run` shares a folder of files between its processes: an autocommitted write is kept, and a
    cached figure computed before it is computed again after it."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
    }
    assert type(caches["default"]).__name__ == "FileBasedCache"  # Django's test signals rebuilt the handler
    before = cached_until_changed("towns", (Township,), Township.objects.count)
    Township.objects.create(name="白龙桥镇", sort_order=99)  # autocommit: no transaction around it
    assert Township.objects.filter(name="白龙桥镇").exists()
    assert cached_until_changed("towns", (Township,), Township.objects.count) == before + 1
