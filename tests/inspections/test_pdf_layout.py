"""The 责令整改通知书 and 检查记录表 as printed: the 署名 never alone on a page, justified text, the 签收 block."""

from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse

from inspections.models import Conclusion, Inspection
from tests.documents.pdf_layout import needs_poppler, pdf_lines, short_inner_lines

from .factories import HazardFactory

pytestmark = [pytest.mark.django_db, needs_poppler]
# A page holds 22 lines of text; one more line of text per document moves the 署名 down one line,
# so 23 consecutive lengths put it at every position of a page, the last one included.
LENGTHS = range(23)


def lines_before_signature(pdf: bytes) -> tuple[int, list[str]]:
    """(pages, texts of the last page's lines before the 署名); the 署名 must be on the last page."""
    pages = pdf_lines(pdf)
    texts = [line.text for line in pages[-1]]
    assert settings.BUREAU_NAME in texts, f"the 署名 is not on the last page: {texts}"
    return len(pages), texts[: texts.index(settings.BUREAU_NAME)]


def rectify(inspection, **fields) -> Inspection:
    Inspection.objects.filter(pk=inspection.pk).update(
        conclusion=Conclusion.RECTIFY, rectify_deadline=date(2021, 6, 1), notice_serial=7, **fields
    )
    return Inspection.objects.get(pk=inspection.pk)


def test_the_notice_keeps_its_signature_with_the_text_at_every_length(staff_client, inspection_a, school_a):
    inspection = rectify(inspection_a)
    url = reverse("inspections:inspection_notice_pdf", args=[inspection.pk])
    page_counts = set()
    for n in LENGTHS:
        if n:
            HazardFactory(organization=school_a, inspection=inspection, description=f"第{n}处消防通道堆放杂物")
        pages, before = lines_before_signature(staff_client.get(url).content)
        page_counts.add(pages)
        assert before, f"{n} problems: the 署名 stands alone on page {pages}"
    assert len(page_counts) > 1, "the lengths never moved the notice across a page break"


def test_the_notice_has_a_receipt_block_and_justified_paragraphs(staff_client, inspection_a, school_a):
    inspection = rectify(inspection_a)
    HazardFactory(
        organization=school_a,
        inspection=inspection,
        description="学校东侧消防通道堆放桌椅杂物，疏散指示标志损坏2处，应急照明灯3盏不亮，微型消防站器材未定期检查。",
    )
    pdf = staff_client.get(reverse("inspections:inspection_notice_pdf", args=[inspection.pk])).content
    pages = pdf_lines(pdf)
    texts = [line.text for page in pages for line in page]
    signature = texts.index(settings.BUREAU_NAME)
    assert texts[signature + 1] == "2021年5月10日"
    assert any(t.startswith("被检查单位签收人") for t in texts[signature:])
    assert any(t.startswith("签收日期") and t.endswith("年月日") for t in texts[signature:])
    assert short_inner_lines(pages, until=settings.BUREAU_NAME) == []
    assert sum(1 for t in texts if t.startswith("根据《中华人民共和国未成年人保护法》")) == 1


def test_the_record_keeps_its_signature_with_the_table_at_every_length(staff_client, inspection_a):
    url = reverse("inspections:inspection_record_pdf", args=[inspection_a.pk])
    page_counts = set()
    for n in range(0, 46, 2):  # the notes cell grows by two lines of 18 pt (about one line of text) each time
        Inspection.objects.filter(pk=inspection_a.pk).update(notes="\n".join(f"现场情况第{i}条" for i in range(n + 1)))
        pages, before = lines_before_signature(staff_client.get(url).content)
        page_counts.add(pages)
        assert before, f"{n + 1} lines of notes: the 署名 stands alone on page {pages}"
    assert len(page_counts) > 1, "the lengths never moved the record across a page break"
