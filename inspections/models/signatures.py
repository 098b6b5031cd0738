"""Signatures on the 现场检查笔录 (officers and the organization's representative) and the dated
supplements that correct a signed record."""

import base64

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from core.uploads import PrivateUploadTo


class SignerRole(models.TextChoices):
    OFFICER = "officer", "执法人员"
    REPRESENTATIVE = "representative", "被检查单位负责人或在场人员"


class Signature(models.Model):
    """One required signer's signature (an image with its SHA-256), or the representative's refusal."""

    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name="检查记录", on_delete=models.PROTECT, related_name="signatures"
    )
    role = models.CharField("签名人身份", max_length=16, choices=SignerRole.choices)
    officer = models.ForeignKey(
        "inspections.Officer", verbose_name="执法人员", on_delete=models.PROTECT, null=True, blank=True
    )
    signer_name = models.CharField("签名人姓名", max_length=50)
    signer_title = models.CharField("职务", max_length=50, blank=True)
    image = models.FileField("签名图片", upload_to=PrivateUploadTo("inspections/signatures"), blank=True)
    sha256 = models.CharField("签名图片SHA-256", max_length=64, blank=True)
    refused = models.BooleanField("拒绝签名", default=False)
    refusal_reason = models.CharField("拒签情况说明", max_length=300, blank=True)
    signed_at = models.DateTimeField("签名时间")
    # The representative signs on the officer's phone: the session is the officer's.
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录账号", on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "笔录签名"
        verbose_name_plural = "笔录签名"
        ordering = ["role", "signed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "officer"],
                condition=models.Q(role="officer"),
                name="insp_signature_officer_once",
            ),
            models.UniqueConstraint(
                fields=["inspection"],
                condition=models.Q(role="representative"),
                name="insp_signature_representative_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.signer_name}（{self.get_role_display()}）"

    def data_url(self) -> str:
        """The stored image as a data: URL, for the PDF renderer (which fetches no file outside static/)."""
        if not self.image:
            return ""
        with self.image.open("rb") as handle:
            return "data:image/png;base64," + base64.b64encode(handle.read()).decode()


class RecordSupplement(models.Model):
    """补充说明: a correction to a signed record, dated and kept; the record itself is not changed."""

    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name="检查记录", on_delete=models.PROTECT, related_name="supplements"
    )
    text = models.TextField("补充说明", max_length=2000)
    written_on = models.DateField("日期")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="填写人", on_delete=models.PROTECT)
    created_at = models.DateTimeField("填写时间", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "笔录补充说明"
        verbose_name_plural = "笔录补充说明"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"补充说明 {self.written_on:%Y-%m-%d}"
