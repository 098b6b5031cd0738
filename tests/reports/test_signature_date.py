"""The 落款日期 under the 署名: its own field (the seed signs 2022年1月10日; its 成文日期 is 2022年1月13日)."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document as WordDocument

from reports.models import Report
from tests.documents.pdf_layout import needs_poppler

from .factories import SMALL, make_report
from .test_pdf import joined, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(bureau_staff):
    return make_report(user=bureau_staff, blocks=SMALL)


def metadata(report, **changes) -> dict:
    return {
        "title": report.title,
        "file_name": "2021年法治政府建设年度报告",
        "publisher": "金华市婺城区教育局",
        "written_on": "2022-01-13",
        "signed_on": "",
        "disclosure": "active",
        "disclosure_reason": "",
        "expected_version": Report.objects.get(pk=report.pk).version,
        **changes,
    }


def signature(staff_client, report) -> tuple[str, list[str]]:
    pdf = joined(pdf_text(staff_client.get(reverse("reports:report_pdf", args=[report.pk])).content))
    doc = WordDocument(io.BytesIO(staff_client.get(reverse("reports:report_docx", args=[report.pk])).content))
    return pdf, [p.text for p in doc.paragraphs]


@needs_poppler
def test_the_signature_date_is_edited_with_the_metadata_and_printed(staff_client, report):
    url = reverse("reports:report_metadata", args=[report.pk])
    form = staff_client.get(url).content.decode()
    assert "落款日期" in form and "不填则与成文日期相同" in form

    assert staff_client.post(url, metadata(report)).status_code == 302
    pdf, docx = signature(staff_client, report)
    assert "金华市婺城区教育局2022年1月13日" in pdf and "2022年1月13日" in docx  # blank: the 成文日期

    assert staff_client.post(url, metadata(report, signed_on="2022-01-10")).status_code == 302
    saved = Report.objects.get(pk=report.pk)
    assert (str(saved.written_on), str(saved.signed_on)) == ("2022-01-13", "2022-01-10")
    pdf, docx = signature(staff_client, report)
    assert "金华市婺城区教育局2022年1月10日" in pdf and "2022年1月10日" in docx
    assert "2022年1月13日" not in pdf and "2022年1月13日" not in docx
    assert saved.events.filter(note__contains="落款日期").exists()


def test_a_signature_date_before_the_report_year_is_refused(staff_client, report):
    url = reverse("reports:report_metadata", args=[report.pk])
    response = staff_client.post(url, metadata(report, signed_on="2020-12-31"))
    assert response.status_code == 400
    assert "落款日期不能早于报告年度（2021年）。" in response.content.decode()
    assert Report.objects.get(pk=report.pk).signed_on is None


def test_an_outsider_cannot_edit_the_signature_date(login_as, school_admin_a, report):
    url = reverse("reports:report_metadata", args=[report.pk])
    assert login_as(school_admin_a).post(url, metadata(report, signed_on="2022-01-10")).status_code in (403, 404)
    anonymous = Client().post(url, metadata(report, signed_on="2022-01-10"))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    assert Report.objects.get(pk=report.pk).signed_on is None
