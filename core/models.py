"""Building blocks shared by the domain models: audit fields and optimistic locking."""

from django.conf import settings
from django.db import models


class AuditedModel(models.Model):
    """Who created and last changed a record, and when. Set by the services, never by forms."""

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="最后修改人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Incremented on every save through core.services.model_update; a form carries the version it
    # was loaded with, so a second editor's stale save is refused instead of overwriting.
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    class Meta:
        abstract = True
