import errno
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from unittest.mock import patch

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document as WordDocument

from reports.models import Report

from .factories import PLAIN, SMALL, SchoolReportFormFactory, bureau, make_report

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
    SchoolReportFormFactory(year=2020)  # a record of the year: the year has data
    out = io.StringIO()
    call_command("annual_report", "--year", "2020", "--output", str(tmp_path / "r.html"), "--html", stdout=out)
    assert "临时初稿" in out.getvalue() and "缺少数据" in out.getvalue()
    assert "二、存在的不足和原因" in (tmp_path / "r.html").read_text()
    assert not Report.objects.exists()


@pytest.mark.parametrize("year", ["2019", "2020"])
def test_annual_report_command_refuses_a_year_without_report_or_data(tmp_path, bureau_staff, year):
    make_report(user=bureau_staff, blocks=SMALL)
    with pytest.raises(CommandError, match="^报告年度“0”无效") as exc:
        call_command("annual_report", "--year", "0", "--output", str(tmp_path / "r.pdf"), stdout=io.StringIO())
    assert exc.value.returncode == 2
    with pytest.raises(
        CommandError, match=f"^{year}年度既没有年度报告，也没有任何业务记录，无法导出。已有报告的年度：2021年。$"
    ) as exc:
        call_command("annual_report", "--year", year, "--output", str(tmp_path / "r.pdf"), stdout=io.StringIO())
    assert exc.value.returncode == 2 and not (tmp_path / "r.pdf").exists()


def test_annual_report_command_output_folder_missing_or_unwritable_is_one_line_exit_2(tmp_path, bureau_staff):
    make_report(user=bureau_staff, blocks=SMALL)
    missing = tmp_path / "nowhere" / "r.pdf"
    with pytest.raises(CommandError, match="^输出文件夹“.*nowhere”不存在，请先创建该文件夹。$") as exc:
        call_command("annual_report", "--year", "2021", "--output", str(missing), stdout=io.StringIO())
    assert exc.value.returncode == 2
    with pytest.raises(CommandError, match="是一个文件夹"):
        call_command("annual_report", "--year", "2021", "--output", str(tmp_path), stdout=io.StringIO())
    # A write the system refuses (a folder without permission — root may write anywhere, so the refusal is
    # made here — or a full disk): its reason in Chinese, never the system's English message.
    target = str(tmp_path / "r.pdf")
    for code, says in ((errno.EACCES, "没有写入"), (errno.ENOSPC, "磁盘空间不足"), (errno.EIO, "系统错误代码5")):
        refused = patch.object(Path, "write_bytes", side_effect=OSError(code, os.strerror(code)))
        with refused, pytest.raises(CommandError, match=says) as exc:
            call_command("annual_report", "--year", "2021", "--output", target, stdout=io.StringIO())
        assert exc.value.returncode == 2 and not re.search(r"[A-Za-z]{4,}", str(exc.value).replace(target, ""))


@pytest.mark.parametrize(
    ("year", "output", "says"),
    [("0", "r.pdf", "报告年度“0”无效"), ("2021", "nowhere/r.pdf", "不存在，请先创建该文件夹")],
)
def test_annual_report_command_line_prints_one_line_without_traceback(tmp_path, year, output, says):
    """The real command line, in its own process: one Chinese line on stderr, exit code 2."""
    env = {**os.environ, "DJANGO_SECURE": "false"}
    run = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "annual_report", "--year", year, "--output", str(tmp_path / output)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert says in run.stderr


def test_annual_report_command_says_a_published_report_returns_its_frozen_bytes(
    tmp_path, bureau_staff, leader, seed_statistics
):
    import datetime

    from reports import services

    report = make_report(user=bureau_staff, blocks=PLAIN)
    services.report_submit(report=report, user=bureau_staff)
    services.report_approve(report=report, user=leader, written_on=datetime.date(2022, 1, 13))
    services.report_publish(report=report, user=leader, published_on=datetime.date(2022, 1, 14))
    out = io.StringIO()
    call_command("annual_report", "--year", "2021", "--output", str(tmp_path / "r.pdf"), stdout=out)
    report.refresh_from_db()
    assert (tmp_path / "r.pdf").read_bytes() == bytes(report.snapshot.pdf)
    assert f"返回发布时冻结的PDF原件，不重新生成（SHA-256 {report.snapshot.sha256}）" in out.getvalue()


def test_annual_report_command_needs_a_known_issuer(tmp_path):
    with pytest.raises(CommandError, match="发文机关"):
        call_command("annual_report", "--year", "2021", "--output", str(tmp_path / "x.pdf"), stdout=io.StringIO())


@pytest.mark.usefixtures("header_count_off")
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
