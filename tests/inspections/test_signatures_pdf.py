"""The 现场检查笔录 PDF: the Ministry's fields, the signatures as images with time and SHA-256, the
supplements; the Excel import cannot overwrite a signed record; records before 2025 keep 检查记录表."""

import io
import subprocess
from datetime import date, time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections.models import Conclusion, Inspection
from inspections.services import signatures as service

from .factories import InspectionFactory, OfficerFactory
from .test_signatures import DAY, data_url, png

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    """The PDF's text without spaces and line breaks (a table cell wraps where the page is narrow)."""
    result = subprocess.run(["/usr/bin/pdftotext", "-", "-"], input=content, capture_output=True, check=True)
    return "".join(result.stdout.decode().split())


@pytest.fixture
def signed(school_a, bureau_staff):
    officers = [OfficerFactory(name="甲执法"), OfficerFactory(name="乙执法")]
    record = InspectionFactory(
        organization=school_a,
        inspected_on=DAY,
        officers=officers,
        conclusion=Conclusion.RECTIFY,
        rectify_deadline=date(2025, 6, 12),
        notice_serial=3,
    )
    service.site_record_update(
        inspection=record,
        user=bureau_staff,
        location="学校行政楼会议室",
        started_at=time(9, 30),
        ended_at=time(11, 0),
        present_persons="张三（校长）",
        recorder=officers[0],
    )
    for stroke, officer in enumerate(officers):
        content = data_url(png(stroke=stroke))
        service.signature_add(inspection=record, key=str(officer.pk), data_url=content, user=bureau_staff)
    service.signature_add(
        inspection=record, key="rep", data_url=data_url(png(stroke=2)), user=bureau_staff, name="张三", title="校长"
    )
    service.supplement_add(inspection=record, text="检查结束时间更正为11时05分", user=bureau_staff)
    record.refresh_from_db()
    return record


def test_the_signed_record_pdf_has_the_fields_signatures_and_supplement(staff_client, signed):
    response = staff_client.get(reverse("inspections:inspection_record_pdf", args=[signed.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    for expected in ("现场检查笔录", "检查地点", "学校行政楼会议室", "9时30分至11时00分", "记录人", "甲执法"):
        assert expected in text, expected
    assert "张三（校长）" in text and "申请回避" in text and "陈述和申辩" in text
    assert "检查结束时间更正为11时05分" in text
    hashes = list(signed.signatures.values_list("sha256", flat=True))
    assert len(hashes) == 3 and all(h in text for h in hashes)
    listing = subprocess.run(
        ["/usr/bin/pdfimages", "-list", "-"], input=response.content, capture_output=True, check=True
    )
    kinds = [line.split()[2] for line in listing.stdout.decode().splitlines()[2:]]
    assert kinds.count("image") == 3  # each with its transparency ("smask")
    # the 责令整改通知书 keeps its 签收 block
    notice = staff_client.get(reverse("inspections:inspection_notice_pdf", args=[signed.pk]))
    assert "签收人" in pdf_text(notice.content)


def test_a_record_before_2025_keeps_the_inspection_record_table(staff_client, school_a):
    old = InspectionFactory(organization=school_a, inspected_on=date(2024, 6, 1))
    response = staff_client.get(reverse("inspections:inspection_record_pdf", args=[old.pk]))
    text = pdf_text(response.content)
    assert "行政检查记录表" in text and "现场检查笔录" not in text


def test_the_import_does_not_overwrite_a_signed_record(staff_client, signed):
    import openpyxl

    exported = staff_client.get(reverse("inspections:inspection_export")).content
    book = openpyxl.load_workbook(io.BytesIO(exported))
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=headers.index("检查情况记录") + 1, value="导入改写的检查情况")
    buffer = io.BytesIO()
    book.save(buffer)
    file = SimpleUploadedFile("检查记录.xlsx", buffer.getvalue())
    response = staff_client.post(reverse("inspections:inspection_import"), {"file": file})
    assert response.status_code == 400 and "已签署" in response.content.decode()
    assert Inspection.objects.get().notes == signed.notes
