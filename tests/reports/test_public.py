import datetime
import hashlib

import pytest
from django.urls import reverse

from reports import services

from .factories import PLAIN, SMALL, make_report

pytestmark = pytest.mark.django_db


def publish(staff, leader, **metadata):
    report = make_report(user=staff, blocks=PLAIN)
    if metadata:
        report = services.report_update_metadata(
            report=report, data=metadata, user=staff, expected_version=report.version
        )
    services.report_submit(report=report, user=staff)
    services.report_approve(report=report, user=leader, written_on=datetime.date(2022, 1, 13))
    return services.report_publish(report=report, user=leader, published_on=datetime.date(2022, 1, 14))


def test_catalogue_lists_published_reports_with_metadata_and_checksum(client, bureau_staff, leader):
    report = publish(bureau_staff, leader)
    page = client.get(reverse("public:index")).content.decode()
    for text in ["11330702732038549W/2022-00001", "2021年法治政府建设年度报告", "金华市婺城区教育局", "2022年1月13日"]:
        assert text in page
    detail = client.get(reverse("public:report_detail", args=[report.pk])).content.decode()
    assert report.snapshot.sha256 in detail and "主动公开" in detail and "一、主要举措和成效" in detail
    pdf = client.get(reverse("public:report_pdf", args=[report.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert hashlib.sha256(pdf.content).hexdigest() == report.snapshot.sha256


def test_drafts_are_not_public(client, bureau_staff):
    report = make_report(user=bureau_staff, blocks=SMALL)
    assert client.get(reverse("public:report_detail", args=[report.pk])).status_code == 404
    assert client.get(reverse("public:report_pdf", args=[report.pk])).status_code == 404
    assert "暂无已公开的报告" in client.get(reverse("public:index")).content.decode()


def test_withheld_reports_are_not_listed_and_on_request_ones_have_no_pdf(client, bureau_staff, leader):
    withheld = publish(bureau_staff, leader, disclosure="withheld", disclosure_reason="涉及国家秘密")
    assert client.get(reverse("public:report_detail", args=[withheld.pk])).status_code == 404
    other = make_report(year=2020, user=bureau_staff, blocks=PLAIN)
    other = services.report_update_metadata(
        report=other, data={"disclosure": "on_request"}, user=bureau_staff, expected_version=other.version
    )
    services.report_submit(report=other, user=bureau_staff)
    services.report_approve(report=other, user=leader)
    services.report_publish(report=other, user=leader)
    page = client.get(reverse("public:index")).content.decode()
    assert "依申请提供" in page and "2022-00001" not in page
    assert client.get(reverse("public:report_pdf", args=[other.pk])).status_code == 403


def test_schools_see_published_reports_only(login_as, school_admin_a, bureau_staff, leader):
    draft = make_report(year=2020, user=bureau_staff, blocks=SMALL)
    published = publish(bureau_staff, leader)
    school = login_as(school_admin_a)
    listing = school.get(reverse("reports:index")).content.decode()
    assert published.title in listing and draft.title not in listing
    assert school.get(reverse("reports:report_pdf", args=[draft.pk])).status_code == 404
    assert school.get(reverse("reports:report_pdf", args=[published.pk])).status_code == 200
    assert school.get(reverse("reports:report_detail", args=[published.pk])).status_code == 302


def test_catalogue_links_the_draw_results_only_when_inspections_provides_them(client):
    from django.urls import NoReverseMatch

    page = client.get(reverse("public:index")).content.decode()
    try:
        url = reverse("inspections:public_draws")
    except NoReverseMatch:
        assert "行政检查模块上线后" in page
    else:
        assert url in page
