"""Building blocks shared by the domain models: audit fields and optimistic locking."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .uploads import PrivateUploadTo


class OrganizationScopedQuerySet(models.QuerySet):
    """Records that belong to one organization: bureau users read all, a school administrator only
    their own organization's, anyone else nothing. Subclasses may point `organization_field` elsewhere."""

    organization_field = "organization_id"

    def visible_to(self, user):
        scope = visibility_key(user)
        if scope == "district":
            return self
        if scope == "none":
            return self.none()
        return self.filter(**{self.organization_field: user.organization_id})


def visibility_key(user) -> str:
    """Whose records `user` sees — "district", "org<id>" (one school's) or "none" — the one rule
    `OrganizationScopedQuerySet.visible_to` applies, and a cache key for figures computed from it."""
    if getattr(user, "sees_district", False):
        return "district"
    if getattr(user, "is_school_admin", False) and user.organization_id:
        return f"org{user.organization_id}"
    return "none"


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


class ImportJob(models.Model):
    """A large Excel import run by the task worker: validated first, written only after confirmation.

    The job row is the unit of idempotency: the write and `status = done` commit in one transaction,
    so a worker killed midway leaves nothing written and a re-run (after the task is requeued) writes
    exactly once.
    """

    class Status(models.TextChoices):
        VALIDATING = "validating", "正在校验"
        READY = "ready", "校验通过，待确认"
        INVALID = "invalid", "有错误行，未导入"
        IMPORTING = "importing", "正在导入"
        DONE = "done", "已导入"
        FAILED = "failed", "导入失败"
        CANCELLED = "cancelled", "已取消"

    title = models.CharField("导入内容", max_length=50)
    resource_path = models.CharField("导入定义", max_length=200)
    filename = models.CharField("文件名", max_length=200)
    stash = models.CharField("暂存文件", max_length=100)
    checksum = models.CharField("文件SHA-256", max_length=64, blank=True)
    done_url = models.CharField("完成后返回", max_length=200)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.VALIDATING)
    total_rows = models.PositiveIntegerField("行数", default=0)
    result = models.JSONField("校验结果", default=dict, blank=True)
    error = models.TextField("错误", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导入人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "导入任务"
        verbose_name_plural = "导入任务"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title}（{self.filename}）"

    @property
    def running(self) -> bool:
        return self.status in {self.Status.VALIDATING, self.Status.IMPORTING}

    def cancel(self) -> bool:
        """Give the import up, if its confirmed rows are not being written yet (False otherwise). The
        stash goes, so a worker still checking stops at its next progress report; nothing is written."""
        from .imports import drop_stash

        cancellable = [self.Status.VALIDATING, self.Status.READY]
        if not ImportJob.objects.filter(pk=self.pk, status__in=cancellable).update(
            status=self.Status.CANCELLED, finished_at=timezone.now()
        ):
            return False
        drop_stash(self.stash)
        return True

    @property
    def rows_done(self) -> int:
        from .imports import read_progress

        return min(read_progress(self.stash), self.total_rows) if self.running else 0

    @property
    def percent(self) -> int:
        return int(100 * self.rows_done / self.total_rows) if self.total_rows else 0


class ExportJob(models.Model):
    """A large Excel export written by the task worker; only the person who asked downloads it.

    `rows_done` of `total_rows` is updated while the file is written (a progress bar reads it)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "正在生成"
        DONE = "done", "已生成"
        FAILED = "failed", "生成失败"
        CANCELLED = "cancelled", "已取消"

    label = models.CharField("导出内容", max_length=100)
    table_path = models.CharField("导出定义", max_length=200)
    params = models.JSONField("筛选条件", default=dict, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField("预计行数", default=0)
    rows_done = models.PositiveIntegerField("已写入行数", default=0)
    file_name = models.CharField("文件", max_length=100, blank=True)
    error = models.TextField("错误", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导出人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("申请时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "导出任务"
        verbose_name_plural = "导出任务"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label

    @property
    def running(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    def cancel(self) -> bool:
        """Stop the export, if its file is not written yet (False otherwise): the worker stops at its
        next progress report and removes what it had written."""
        running = [self.Status.QUEUED, self.Status.RUNNING]
        return bool(
            ExportJob.objects.filter(pk=self.pk, status__in=running).update(
                status=self.Status.CANCELLED, finished_at=timezone.now()
            )
        )

    @property
    def percent(self) -> int:
        return int(100 * self.rows_done / self.total_rows) if self.total_rows else 0

    @property
    def download_name(self) -> str:
        stamp = timezone.localtime(self.created_at).strftime("%Y%m%d")
        return f"{self.label}_{stamp}.xlsx"


class TodoDigest(models.Model):
    """A daily 待办 e-mail sent to a user: at most one a day (the unique day), kept as the record of it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="收件人", on_delete=models.CASCADE, related_name="todo_digests"
    )
    day = models.DateField("日期")
    items = models.PositiveIntegerField("待办事项数", default=0)
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)

    class Meta:
        verbose_name = "每日待办邮件"
        verbose_name_plural = "每日待办邮件"
        ordering = ["-day", "user_id"]
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="todo_digest_once_a_day")]

    def __str__(self) -> str:
        return f"{self.user} {self.day}"


class UploadedFile(models.Model):
    """A file a user attached to a record. The subclass declares the record it belongs to and the
    `file` field with its folder (core.uploads.PrivateUploadTo); who uploaded what, when, is common."""

    original_name = models.CharField("原文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class PendingUpload(models.Model):
    """A file a user chose in a form that was not saved (a validation error, or the idle sign-out):
    kept for that user alone and offered on the form again, until it is used, removed or a day old
    (core.pending_uploads)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="pending_uploads"
    )
    page = models.CharField("表单页面", max_length=300)
    field_name = models.CharField("字段", max_length=100)
    file = models.FileField("文件", upload_to=PrivateUploadTo("pending"))
    original_name = models.CharField("原文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    created_at = models.DateTimeField("保存时间", auto_now_add=True)

    class Meta:
        verbose_name = "待提交的上传文件"
        verbose_name_plural = "待提交的上传文件"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["user", "page"], name="pending_upload_user_page")]

    def __str__(self) -> str:
        return self.original_name


class KeptSubmission(models.Model):
    """What a form carried when it arrived after its user's idle sign-out: restored into the same page
    for the same user after signing in again, once (accounts.middleware, core.pending_uploads)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="kept_submissions"
    )
    page = models.CharField("表单页面", max_length=300)
    data = models.JSONField("填写内容")
    created_at = models.DateTimeField("保存时间", auto_now_add=True)

    class Meta:
        verbose_name = "超时后保存的填写内容"
        verbose_name_plural = "超时后保存的填写内容"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} {self.page}"
