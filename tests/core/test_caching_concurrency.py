"""Cached values against real concurrency, on PostgreSQL: transactions that commit out of id order
(an Excel import still running while staff save), and two app processes sharing one Redis.

PostgreSQL only: SQLite lets one writer at a time, and its test database is in memory, out of reach
of a second process."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections, transaction

from core.caching import cached_until_changed
from directory.models import Township

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers and a shared database"),
]

REDIS = "redis://127.0.0.1:6379/15"


def townships() -> list[str]:
    return cached_until_changed(
        "test-township-names", (Township,), lambda: sorted(Township.objects.values_list("name", flat=True))
    )


def test_a_transaction_committing_after_a_newer_one_is_seen():
    inserted, release, done = threading.Event(), threading.Event(), threading.Event()

    def slow_import():
        try:
            with transaction.atomic():
                Township.objects.create(name="先开始后提交")  # the lower id
                inserted.set()
                release.wait(10)
        finally:
            connections.close_all()
            done.set()

    worker = threading.Thread(target=slow_import)
    worker.start()
    assert inserted.wait(10)
    Township.objects.create(name="后开始先提交")  # the higher id, committed first
    assert townships() == ["后开始先提交"]
    release.set()
    assert done.wait(10)
    worker.join()
    first, second = Township.objects.order_by("id")
    assert first.name == "先开始后提交" and first.id < second.id
    assert townships() == ["先开始后提交", "后开始先提交"]


SCRIPT = """
import sys, django
django.setup()
from directory.models import Township
from tests.core.test_caching_concurrency import townships
print(",".join(townships()))
if len(sys.argv) > 1:
    Township.objects.filter(name=sys.argv[1]).update(name=sys.argv[2])
"""


@pytest.fixture
def shared_redis(settings):
    import redis

    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip(f"no Redis at {REDIS}")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}}
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def other_app_server(*rename) -> str:
    """One request's worth of work in another process against the same database and Redis."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wucheng_edu.settings",
        "DATABASE_URL": f"postgres://{connection.settings_dict['USER']}@{connection.settings_dict['HOST']}:"
        f"{connection.settings_dict['PORT']}/{connection.settings_dict['NAME']}",
        "CACHE_URL": REDIS,
    }
    result = subprocess.run(  # noqa: S603 (this interpreter, a fixed script)
        [sys.executable, "-c", SCRIPT, *rename],
        env=env,
        cwd=Path(settings.BASE_DIR),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_two_app_servers_sharing_one_redis_see_each_others_edits(shared_redis):
    Township.objects.create(name="城东街道")
    assert townships() == ["城东街道"]
    # The other server reads the same cache, then renames through QuerySet.update.
    assert other_app_server("城东街道", "城东街道（新）") == "城东街道"
    assert townships() == ["城东街道（新）"]
    Township.objects.create(name="城西街道")
    assert other_app_server() == "城东街道（新）,城西街道"
