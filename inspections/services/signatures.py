"""现场检查笔录: its on-site fields, signatures (or a refusal), the lock once signed, and supplements.

A record of a visit from RULES_FROM is signed by each of its officers and by the organization's
representative (or the officers record the representative's refusal with a reason). When the last
one is in, `Inspection.signed_at` is set and the record is locked: `ensure_editable` refuses every
write to it, and corrections are added as dated 补充说明.
"""

import base64
import binascii
import hashlib
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from ..models import RULES_FROM, Inspection, Officer, RecordSupplement, Signature, SignerRole

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
DATA_URL_PREFIX = "data:image/png;base64,"
MAX_SIGNATURE_BYTES = 200 * 1024
MIN_SIZE, MAX_SIZE = (60, 30), (4000, 2000)
LOCKED = "该检查笔录已签署，不能再修改；如需更正，请在记录页添加补充说明。"
REPRESENTATIVE = "rep"


def uses_site_record(inspection: Inspection) -> bool:
    """The 现场检查笔录 and its signatures apply to visits from RULES_FROM; older records keep the 检查记录表."""
    return inspection.inspected_on >= RULES_FROM


def ensure_editable(inspection: Inspection) -> None:
    if inspection.signed_at:
        raise ValidationError(LOCKED, code="locked")


@dataclass(frozen=True)
class Signer:
    key: str  # the officer's id, or REPRESENTATIVE
    role: str
    name: str
    officer: Officer | None
    signature: Signature | None

    @property
    def role_label(self) -> str:
        return SignerRole(self.role).label

    @property
    def done(self) -> bool:
        return self.signature is not None


def signers_of(inspection: Inspection) -> list[Signer]:
    """Every required signer of the record: each officer, then the organization's representative."""
    stored = list(inspection.signatures.all())
    by_officer = {s.officer_id: s for s in stored if s.role == SignerRole.OFFICER}
    representative = next((s for s in stored if s.role == SignerRole.REPRESENTATIVE), None)
    signers = [
        Signer(str(o.pk), SignerRole.OFFICER, o.name, o, by_officer.get(o.pk))
        for o in inspection.officers.order_by("name", "pk")
    ]
    name = representative.signer_name if representative else "被检查单位负责人或在场人员"
    signers.append(Signer(REPRESENTATIVE, SignerRole.REPRESENTATIVE, name, None, representative))
    return signers


def signer_of(inspection: Inspection, key: str) -> Signer | None:
    return next((s for s in signers_of(inspection) if s.key == key), None)


def decode_signature(data_url: str) -> bytes:
    """The PNG bytes of a signature pad's data URL; refused unless a sane, non-blank PNG under the limit."""
    data_url = (data_url or "").strip()
    if not data_url:
        raise ValidationError("请先在签名框内签名。", code="blank")
    if not data_url.startswith(DATA_URL_PREFIX):
        raise ValidationError("签名格式不正确，请重新签名。", code="format")
    encoded = data_url.removeprefix(DATA_URL_PREFIX)
    if len(encoded) > MAX_SIGNATURE_BYTES * 4 // 3 + 4:
        raise ValidationError(f"签名图片过大（不得超过{MAX_SIGNATURE_BYTES // 1024}KB），请清除后重新签名。")
    try:
        content = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError("签名格式不正确，请重新签名。", code="format") from None
    if not content.startswith(PNG_MAGIC):
        raise ValidationError("签名不是PNG图片，请重新签名。", code="format")
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.load()
            width, height = image.size
            ink = _ink_box(image)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError("签名图片无法读取，请重新签名。", code="format") from None
    if not (MIN_SIZE[0] <= width <= MAX_SIZE[0] and MIN_SIZE[1] <= height <= MAX_SIZE[1]):
        raise ValidationError("签名图片尺寸异常，请在签名框内重新签名。", code="size")
    if ink is None:
        raise ValidationError("签名为空白，请在签名框内签名后再提交。", code="blank")
    return content


def _ink_box(image: Image.Image):
    """The box of the pixels that are drawn (not transparent, not white), None when there are none."""
    rgba = image.convert("RGBA")
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    gray = Image.alpha_composite(white, rgba).convert("L")
    return gray.point(lambda v: 255 if v < 200 else 0).getbbox()


def _lock_if_complete(inspection: Inspection) -> None:
    if all(s.done for s in signers_of(inspection)):
        inspection.signed_at = timezone.now()
        inspection.save(update_fields=["signed_at"])


def _signable(inspection: Inspection, key: str) -> Signer:
    if not uses_site_record(inspection):
        raise ValidationError("2025年1月1日前的检查记录使用纸质检查记录表签名，不在平台签名。")
    ensure_editable(inspection)
    signer = signer_of(inspection, key)
    if signer is None:
        raise ValidationError("该人员不是本次检查的签名人。")
    if signer.done:
        raise ValidationError(f"{signer.name}已签名，不能重复签名。")
    return signer


@transaction.atomic
def signature_add(
    *, inspection: Inspection, key: str, data_url: str, user, name: str = "", title: str = ""
) -> Signature:
    """Store one signer's signature (PNG, its SHA-256, the time); lock the record when it is the last."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    signer = _signable(inspection, key)
    name, title = name.strip(), title.strip()
    if signer.role == SignerRole.REPRESENTATIVE and not name:
        raise ValidationError({"name": "请填写签名人姓名。"})
    content = decode_signature(data_url)
    signature = Signature(
        inspection=inspection,
        role=signer.role,
        officer=signer.officer,
        signer_name=signer.name if signer.officer else name[:50],
        signer_title=title[:50],
        sha256=hashlib.sha256(content).hexdigest(),
        signed_at=timezone.now(),
        captured_by=user,
    )
    signature.image.save("signature.png", ContentFile(content), save=False)
    signature.full_clean()
    signature.save()
    _lock_if_complete(inspection)
    return signature


@transaction.atomic
def signature_refuse(*, inspection: Inspection, reason: str, user, name: str = "", title: str = "") -> Signature:
    """The representative refuses to sign: the officer records it with the reason instead of a signature."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    signer = _signable(inspection, REPRESENTATIVE)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "请写明被检查单位拒绝签名的情况。"})
    signature = Signature(
        inspection=inspection,
        role=signer.role,
        signer_name=name.strip()[:50] or "（未留姓名）",
        signer_title=title.strip()[:50],
        refused=True,
        refusal_reason=reason[:300],
        signed_at=timezone.now(),
        captured_by=user,
    )
    signature.full_clean()
    signature.save()
    _lock_if_complete(inspection)
    return signature


SITE_FIELDS = ("location", "started_at", "ended_at", "present_persons", "recorder", "site_contact", "notes")


@transaction.atomic
def site_record_update(*, inspection: Inspection, user, **values) -> Inspection:
    """Change the on-site fields of an unsigned record (a signed one is refused: add a supplement)."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    ensure_editable(inspection)
    recorder = values.get("recorder")
    if recorder is not None and not inspection.officers.filter(pk=recorder.pk).exists():
        raise ValidationError({"recorder": "记录人应为本次检查的执法人员之一。"})
    for field in SITE_FIELDS:
        if field in values:
            setattr(inspection, field, values[field])
    inspection.updated_by = user
    inspection.full_clean(exclude=["serial"])
    inspection.save()
    return inspection


@transaction.atomic
def supplement_add(*, inspection: Inspection, text: str, user) -> RecordSupplement:
    """A dated 补充说明 to a record (the way to correct a signed one); earlier ones are kept."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "请填写补充说明的内容。"})
    supplement = RecordSupplement(inspection=inspection, text=text, written_on=timezone.localdate(), author=user)
    supplement.full_clean()
    supplement.save()
    return supplement
