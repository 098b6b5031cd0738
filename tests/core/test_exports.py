"""Every export is streamed by one helper; a large one is prepared by the task worker for its asker."""

import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from core.exports import write_xlsx
from core.models import ExportJob
from tests.legalaid.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_rows_are_read_once_as_they_come_and_formulae_stay_inert_text():
    consumed = []

    def rows():
        for n in range(300):  # more than the rows sampled for column widths
            consumed.append(n)
            yield [f'=HYPERLINK("http://x")第{n}行', date(2021, 5, n % 28 + 1), n, None]

    buffer = io.BytesIO()
    assert write_xlsx(buffer, title="测试", headers=["名称", "日期", "数量", "备注"], rows=rows()) == 300
    assert consumed == list(range(300))
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    first = sheet["A2"]
    assert first.data_type == "s" and first.quotePrefix and first.value == '=HYPERLINK("http://x")第0行'
    assert sheet["B2"].value.date() == date(2021, 5, 1) and sheet["C301"].value == 299
    assert sheet["D2"].value is None and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width > sheet.column_dimensions["C"].width


def test_a_large_export_is_prepared_by_the_worker_and_only_its_asker_downloads_it(
    settings, staff_client, login_as, school_admin_a, school_a, django_capture_on_commit_callbacks
):
    settings.EXPORT_SYNC_ROWS = 2
    ActivityFactory.create_batch(3, organizations=[school_a], participants=120)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.get(reverse("legalaid:activity_export"), {"kind": "anti_drug"})
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("core:export_job", args=[job.pk])
    assert job.status == ExportJob.Status.DONE and (job.rows_done, job.total_rows) == (3, 3)
    assert job.params == {"kind": ["anti_drug"]}
    page = staff_client.get(reverse("core:export_job", args=[job.pk])).content.decode()
    assert "已生成" in page and reverse("core:export_download", args=[job.pk]) in page

    download = staff_client.get(reverse("core:export_download", args=[job.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    sheet = openpyxl.load_workbook(io.BytesIO(download.getvalue())).active
    assert [row[6] for row in sheet.iter_rows(min_row=2, values_only=True)] == [120, 120, 120]

    other = login_as(school_admin_a)  # another user, of the school the activities belong to
    for name in ("core:export_job", "core:export_download"):
        assert other.get(reverse(name, args=[job.pk])).status_code == 404


def test_a_small_export_is_written_while_the_user_waits(staff_client, school_a):
    ActivityFactory(organizations=[school_a])
    response = staff_client.get(reverse("legalaid:activity_export"))
    assert response.status_code == 200 and not ExportJob.objects.exists()
    assert openpyxl.load_workbook(io.BytesIO(response.content)).active.max_row == 2


def test_a_job_still_being_written_shows_its_progress_and_has_no_file_yet(staff_client, bureau_staff):
    job = ExportJob.objects.create(
        label="检查记录",
        table_path="inspections.views.records.inspection_table",
        status=ExportJob.Status.RUNNING,
        total_rows=100_000,
        rows_done=42_000,
        created_by=bureau_staff,
    )
    page = staff_client.get(reverse("core:export_job", args=[job.pk])).content.decode()
    assert "正在生成" in page and "42,000" in page and 'http-equiv="refresh"' in page
    assert staff_client.get(reverse("core:export_download", args=[job.pk])).status_code == 404


def test_any_text_reads_back_exactly_as_it_was_written():
    texts = [
        "A&B <c> \"q\" 'a'",
        " 前后有空格 ",
        "第一行\n第二行",
        "控制\x01字符\x1f",
        "字面_x0041_不变",
        "-1",
        "@名",
        "婺教检〔2021〕",
    ]
    buffer = io.BytesIO()
    write_xlsx(buffer, title="a[b]:c/d", headers=["文本", "数"], rows=[[t, n, "多出的列"] for n, t in enumerate(texts)])
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    sheet = book.active
    assert sheet.title == "a_b__c_d" and sheet["A1"].font.b
    texts[3] = "控制字符"  # control characters cannot be stored in a sheet: dropped, the rest kept
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == texts
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == list(range(len(texts)))
    assert sheet["C2"].value == "多出的列"
    assert [sheet[f"A{n}"].quotePrefix for n in (7, 8, 9)] == [True, True, False]


def test_an_export_cancelled_while_it_is_written_stops_and_leaves_no_file(
    settings,
    staff_client,
    school_a,
    django_capture_on_commit_callbacks,
    monkeypatch,
    tmp_path,
    login_as,
    school_admin_a,
):
    from core import exports, tasks

    settings.EXPORT_SYNC_ROWS, settings.MEDIA_ROOT = 2, str(tmp_path)
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 1)
    ActivityFactory.create_batch(4, organizations=[school_a])
    with django_capture_on_commit_callbacks(execute=False):
        response = staff_client.get(reverse("legalaid:activity_export"))
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("core:export_job", args=[job.pk])

    report = tasks._export_progress

    def cancel_on_second_row(job_, done):
        if done == 2:  # the user presses 取消导出 while row 3 is being written
            staff_client.post(reverse("core:export_job", args=[job.pk]), {"action": "cancel"})
        report(job_, done)

    monkeypatch.setattr(tasks, "_export_progress", cancel_on_second_row)
    assert tasks.build_export.call(job.pk) == ExportJob.Status.CANCELLED
    job.refresh_from_db()
    assert job.status == ExportJob.Status.CANCELLED and not list(tmp_path.rglob("*.xlsx"))
    assert "已取消" in staff_client.get(reverse("core:export_job", args=[job.pk])).content.decode()
    assert staff_client.get(reverse("core:export_download", args=[job.pk])).status_code == 404
    # Nobody else can cancel it (or see that it exists).
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.QUEUED)
    outsider = login_as(school_admin_a)
    assert outsider.post(reverse("core:export_job", args=[job.pk]), {"action": "cancel"}).status_code == 404
    assert ExportJob.objects.get(pk=job.pk).status == ExportJob.Status.QUEUED
    # A job cancelled before the worker reached it is never written.
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.CANCELLED)
    assert tasks.build_export.call(job.pk) == ExportJob.Status.CANCELLED and not list(tmp_path.rglob("*.xlsx"))
