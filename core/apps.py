from django.apps import AppConfig


class CoreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "公共组件"

    def ready(self) -> None:
        from . import stats

        stats.autodiscover()
