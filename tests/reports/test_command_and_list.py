import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document as WordDocument

from reports.models import Report

from .factories import SMALL, bureau, make_report

pytestmark = pytest.mark.django_db


def test_annual_report_command_writes_pdf_docx_and_html(tmp_path, bureau_staff):
    make_report(user=bureau_staff, blocks=SMALL)
    out = io.StringIO()
    call_command("annual_report", "--year", "2021", "--output", str(tmp_path / "r.pdf"), stdout=out)
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-") and "草稿水印" in out.getvalue()
    call_command("annual_report", "--year", "2021", "--output", str(tmp_path / "r.docx"), "--docx", stdout=out)
    assert WordDocument(str(tmp_path / "r.docx")).paragraphs[0].text == "2021年法治政府建设年度报告"
    call_command("annual_report", "--year", "2021", "--output", str(tmp_path / "r.html"), "--html", stdout=out)
    assert "一、主要举措和成效" in (tmp_path / "r.html").read_text()


def test_annual_report_command_drafts_in_memory_for_a_year_not_started(tmp_path):
    bureau()
    out = io.StringIO()
    call_command("annual_report", "--year", "2020", "--output", str(tmp_path / "r.html"), "--html", stdout=out)
    assert "临时初稿" in out.getvalue() and "缺少数据" in out.getvalue()
    assert "二、存在的不足和原因" in (tmp_path / "r.html").read_text()
    assert not Report.objects.exists()


def test_annual_report_command_needs_a_known_issuer(tmp_path):
    with pytest.raises(CommandError, match="发文机关"):
        call_command("annual_report", "--year", "2021", "--output", str(tmp_path / "x.pdf"), stdout=io.StringIO())


def test_report_list_filters_searches_paginates_and_exports(staff_client, bureau_staff, django_assert_max_num_queries):
    for year in range(2010, 2020):
        make_report(year=year, user=bureau_staff, blocks=SMALL)
    url = reverse("reports:index")
    assert staff_client.get(url, {"year": 2015}).context["page"].paginator.count == 1
    assert staff_client.get(url, {"q": "2012年"}).context["page"].paginator.count == 1
    assert staff_client.get(url, {"status": "published"}).context["page"].paginator.count == 0
    years = [r.year for r in staff_client.get(url, {"ordering": "year"}).context["page"]]
    assert years == sorted(years)
    with django_assert_max_num_queries(10) as few:
        staff_client.get(url)
    for year in range(2000, 2010):
        make_report(year=year, user=bureau_staff, blocks=SMALL)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = staff_client.get(url)
    assert len(response.context["page"].object_list) == 20
    export = staff_client.get(reverse("reports:report_export"), {"status": "draft"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_home_panels(login_as, bureau_staff, school_admin_a):
    make_report(user=bureau_staff, blocks=SMALL)
    assert "2021年法治政府建设年度报告" in login_as(bureau_staff).get("/").content.decode()
    assert "本校尚未填报" in login_as(school_admin_a).get("/").content.decode()


def test_demo_says_why_it_cannot_publish_before_the_other_modules_land(demo):
    report = Report.objects.get(year=2021)
    assert report.index_number == "11330702732038549W/2022-00444"
    if report.is_published:  # the other modules have landed: nothing to explain
        return
    assert "已审核通过但暂未发布" in demo and "尚未注册" in demo
    assert report.status == "approved"
    call_command("load_demo", stdout=io.StringIO())  # idempotent: no second report, still approved
    assert Report.objects.count() == 1 and Report.objects.get().status == "approved"
