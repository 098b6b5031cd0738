from django.apps import AppConfig


class LegalaidConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "legalaid"
    verbose_name = "法律顾问与普法"
