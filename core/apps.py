from django.apps import AppConfig
from django.core import checks


class CoreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "公共组件"

    def ready(self) -> None:
        from . import caching, stats  # noqa: F401 (caching: its hook on every database connection)

        stats.autodiscover()
        checks.register(check_shared_cache, checks.Tags.caches, deploy=True)
        checks.register(check_cache_database, checks.Tags.caches)


def check_cache_database(app_configs=None, **kwargs):
    """A database cache on SQLite loses writes: the version a write renews is stored by a second
    statement on the same connection while SQLite is still returning the first one's row, and the
    cache's failed write rolls both back."""
    from django.conf import settings
    from django.db import connections

    if (
        settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
        and connections["default"].vendor == "sqlite"
    ):
        return [
            checks.Error(
                "SQLite 数据库不能使用 dbcache 缓存（CACHE_URL=dbcache://…）：写入的数据会丢失。",
                hint="单机内置数据库请用 CACHE_URL=filecache:///路径（make run 的默认做法）"
                "或 Redis，见 docs/deploy.md。",
                id="core.E001",
            )
        ]
    return []


def check_shared_cache(app_configs=None, **kwargs):
    """Cached figures are invalidated through version tokens in the cache (core.caching): a write made
    by one process must reach the cache every other process reads, or they show old figures."""
    from django.conf import settings

    if settings.CACHES["default"]["BACKEND"] != "django.core.cache.backends.locmem.LocMemCache":
        return []
    return [
        checks.Warning(
            "缓存为各进程内存（未设置 CACHE_URL）：一个进程（其他 gunicorn worker、导入任务的 worker）写入的数据，"
            "其他进程的缓存统计数字看不到。",
            hint="生产环境设置所有应用服务器和 worker 共用的 CACHE_URL，例如 redis://10.0.0.22:6379/1 "
            "或（PostgreSQL）dbcache://portal_cache（先运行 manage.py createcachetable），见 docs/deploy.md。",
            id="core.W001",
        )
    ]
