"""现场检查笔录 signatures: what is refused, what is stored, the lock once signed, supplements, scope."""

import base64
import hashlib
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageDraw

from inspections.models import Inspection, RecordSupplement, Signature
from inspections.services import signatures as service
from tests.clients import PortalClient

from .factories import InspectionFactory, OfficerFactory

pytestmark = pytest.mark.django_db
DAY = date(2025, 5, 12)


def png(*, drawn=True, size=(600, 200), stroke=0) -> bytes:
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    if drawn:
        line = [(40, 150 - stroke * 20), (200, 40), (360, 160), (560, 50 + stroke * 20)]
        ImageDraw.Draw(image).line(line, fill=(0, 0, 0, 255), width=5)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def data_url(content: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(content).decode()


@pytest.fixture
def record(school_a):
    return InspectionFactory(organization=school_a, inspected_on=DAY, officers=OfficerFactory.create_batch(2))


def sign_url(record, key):
    return reverse("inspections:sign", args=[record.pk, key])


def stored_files():
    try:
        return default_storage.listdir(f"inspections/signatures/{timezone.now():%Y}")[1]
    except FileNotFoundError:
        return []


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("", "请先在签名框内签名"),
        (data_url(png(drawn=False)), "签名为空白"),
        ("data:image/jpeg;base64,/9j/4AAQ", "签名格式不正确"),
        (data_url(b"GIF89a" + b"\x00" * 40), "签名不是PNG图片"),
        (data_url(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40), "签名图片无法读取"),
        (data_url(png(size=(20, 10))), "尺寸异常"),
        ("data:image/png;base64," + "A" * 300_000, "签名图片过大"),
    ],
)
def test_a_bad_signature_is_refused_and_nothing_is_stored(staff_client, record, image, message):
    officer = record.officers.first()
    response = staff_client.post(sign_url(record, officer.pk), {"image": image, "action": "sign"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Signature.objects.exists() and stored_files() == []


def test_signing_stores_the_image_its_sha256_and_time_and_the_last_one_locks(staff_client, record, bureau_staff):
    first, second = record.officers.order_by("name", "pk")
    content = png()
    response = staff_client.post(sign_url(record, first.pk), {"image": data_url(content), "action": "sign"})
    assert response.status_code == 302
    signature = Signature.objects.get()
    with signature.image.open("rb") as handle:
        stored = handle.read()
    assert stored == content and signature.sha256 == hashlib.sha256(stored).hexdigest()
    assert signature.signer_name == first.name and signature.captured_by == bureau_staff and signature.signed_at
    page = staff_client.get(reverse("inspections:sign_index", args=[record.pk])).content.decode()
    assert "已签名" in page and "未签名" in page
    # the same officer cannot sign twice
    again = staff_client.post(sign_url(record, first.pk), {"image": data_url(png()), "action": "sign"})
    assert again.status_code == 302 and Signature.objects.count() == 1
    staff_client.post(sign_url(record, second.pk), {"image": data_url(png()), "action": "sign"})
    record.refresh_from_db()
    assert record.signed_at is None  # the representative has not signed yet
    blank_name = staff_client.post(sign_url(record, "rep"), {"image": data_url(png()), "action": "sign"})
    assert blank_name.status_code == 400 and "请填写签名人姓名" in blank_name.content.decode()
    staff_client.post(sign_url(record, "rep"), {"image": data_url(png()), "name": "张校长", "title": "校长"})
    record.refresh_from_db()
    assert record.signed_at is not None
    detail = staff_client.get(record.get_absolute_url()).content.decode()
    assert "已签署" in detail and "张校长" in detail


def sign_all(record, user, *, refuse=False):
    for officer in record.officers.all():
        service.signature_add(inspection=record, key=str(officer.pk), data_url=data_url(png()), user=user)
    if refuse:
        return service.signature_refuse(inspection=record, reason="负责人拒绝在笔录上签字", user=user, name="王某")
    return service.signature_add(inspection=record, key="rep", data_url=data_url(png()), user=user, name="王某")


def test_a_refusal_is_recorded_with_its_reason_and_completes_the_record(staff_client, record, bureau_staff):
    for officer in record.officers.all():
        service.signature_add(inspection=record, key=str(officer.pk), data_url=data_url(png()), user=bureau_staff)
    no_reason = staff_client.post(sign_url(record, "rep"), {"action": "refuse", "reason": " "})
    assert no_reason.status_code == 400 and "请写明被检查单位拒绝签名的情况" in no_reason.content.decode()
    response = staff_client.post(
        sign_url(record, "rep"), {"action": "refuse", "reason": "负责人拒绝签字", "name": "王某"}
    )
    assert response.status_code == 302
    refusal = Signature.objects.get(role="representative")
    assert refusal.refused and refusal.refusal_reason == "负责人拒绝签字" and not refusal.image
    record.refresh_from_db()
    assert record.signed_at is not None
    assert "拒绝签名（负责人拒绝签字）" in staff_client.get(record.get_absolute_url()).content.decode()


def test_a_signed_record_cannot_be_edited_by_form_or_service(staff_client, record, bureau_staff):
    edit = reverse("inspections:site_record_edit", args=[record.pk])
    assert staff_client.post(edit, {"location": "学校门卫室", "notes": "查看台账"}).status_code == 302
    record.refresh_from_db()
    assert record.location == "学校门卫室"
    sign_all(record, bureau_staff)
    response = staff_client.post(edit, {"location": "改过的地点", "notes": "改过"}, follow=True)
    assert service.LOCKED in response.content.decode()
    record.refresh_from_db()
    assert record.location == "学校门卫室" and record.notes == "查看台账"
    with pytest.raises(ValidationError, match="已签署"):
        service.site_record_update(inspection=record, user=bureau_staff, notes="改过")
    with pytest.raises(ValidationError, match="已签署"):
        service.signature_add(inspection=record, key="rep", data_url=data_url(png()), user=bureau_staff, name="x")


def test_supplements_are_dated_kept_and_escaped(staff_client, record, bureau_staff):
    sign_all(record, bureau_staff, refuse=True)
    url = reverse("inspections:supplement_add", args=[record.pk])
    staff_client.post(url, {"text": "检查地点更正为教学楼<script>alert(1)</script>"})
    staff_client.post(url, {"text": "第二条补充"})
    assert list(RecordSupplement.objects.values_list("text", flat=True)) == [
        "检查地点更正为教学楼<script>alert(1)</script>",
        "第二条补充",
    ]
    page = staff_client.get(record.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "第二条补充" in page


def signed_in(user) -> PortalClient:
    client = PortalClient()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_scope_officers_sign_the_school_sees_others_do_not(
    bureau_staff, school_admin_a, school_admin_b, leader, record
):
    signature = sign_all(record, bureau_staff)
    staff, own, other, boss = (signed_in(u) for u in (bureau_staff, school_admin_a, school_admin_b, leader))
    image = reverse("inspections:signature_image", args=[signature.pk])
    pdf = reverse("inspections:inspection_record_pdf", args=[record.pk])
    assert staff.get(image).status_code == 200 and own.get(image).status_code == 200
    assert own.get(record.get_absolute_url()).status_code == 200 and own.get(pdf).status_code == 200
    assert image in own.get(record.get_absolute_url()).content.decode()  # the school sees the signed record
    assert own.get(reverse("inspections:sign_index", args=[record.pk])).status_code == 403
    assert own.post(sign_url(record, "rep"), {"image": data_url(png()), "name": "冒名"}).status_code == 403
    assert boss.get(reverse("inspections:sign_index", args=[record.pk])).status_code == 403
    assert boss.get(image).status_code == 200
    for url in (image, record.get_absolute_url(), pdf):
        assert other.get(url).status_code == 404, url


def test_records_before_2025_keep_the_paper_record_and_have_no_signing(staff_client, school_a):
    old = InspectionFactory(organization=school_a, inspected_on=date(2024, 12, 31))
    response = staff_client.get(reverse("inspections:sign_index", args=[old.pk]))
    assert response.status_code == 302 and response.url == old.get_absolute_url()
    edit = staff_client.post(reverse("inspections:site_record_edit", args=[old.pk]), {"location": "改"})
    assert edit.status_code == 302 and Inspection.objects.get(pk=old.pk).location == ""
    with pytest.raises(ValidationError, match="纸质检查记录表"):
        service.signature_add(inspection=old, key=str(old.officers.first().pk), data_url=data_url(png()), user=None)
    assert not Inspection.objects.filter(signed_at__isnull=False).exists()
