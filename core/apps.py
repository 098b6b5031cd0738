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
            "或 dbcache://portal_cache（先运行 manage.py createcachetable），见 docs/deploy.md。",
            id="core.W001",
        )
    ]
