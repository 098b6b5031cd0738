import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conversions.models import CaseKind, ConversionCase
from tests.factories import OrganizationFactory
from tests.imports import confirm

pytestmark = pytest.mark.django_db
HEADERS = ["统一社会信用代码", "机构名称", "办理类型", "经办人", "受理日期", "办结时限", "备注"]


def xlsx(rows):
    book = openpyxl.Workbook()
    book.active.append(HEADERS)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("待转登机构.xlsx", buffer.getvalue())


def test_bad_rows_are_listed_and_nothing_is_written(staff_client, window_staff, open_case, school_a):
    good = OrganizationFactory(training=True)
    busy = OrganizationFactory(training=True)
    open_case(organization=busy)
    rows = [
        [good.credit_code, good.name, "转登", "窗口对接员甲", "2021-10-08", "", ""],
        ["91330702MA2T99999X", "不存在的机构", "转登", "窗口对接员甲", "", "", ""],
        [busy.credit_code, busy.name, "转登", "window1", "", "", ""],
        [school_a.credit_code, school_a.name, "转登", "window1", "", "", ""],
        [OrganizationFactory(training=True).credit_code, "", "转登", "查无此人", "", "", ""],
        [OrganizationFactory(training=True).credit_code, "", "改名", "window1", "2021-13-45", "", ""],
        [good.credit_code.lower(), "", "变更", "window1", "", "", ""],
        [OrganizationFactory(training=True).credit_code, "名称写错了", "转登", "window1", "", "", ""],
    ]
    response = staff_client.post(reverse("conversions:case_import"), {"file": xlsx(rows)})
    assert response.status_code == 400
    bad = {row.line: " ".join(row.errors) for row in response.context["preview"].bad_rows}
    assert 2 not in bad
    assert "没有统一社会信用代码为" in bad[3]
    assert "已有办理中的案件" in bad[4]
    assert "不是学科类培训机构" in bad[5]
    assert "没有名为“查无此人”" in bad[6]
    assert "未知的办理类型“改名”" in bad[7] and "无法识别" in bad[7]
    assert "与第2行重复" in bad[8]
    assert "不一致" in bad[9]
    assert ConversionCase.objects.count() == 1  # only the case opened before the import


def test_valid_file_previews_then_opens_cases_on_confirm(staff_client, window_staff, bureau_staff):
    first, second = OrganizationFactory(training=True), OrganizationFactory(training=True)
    rows = [
        [first.credit_code, first.name, "转登", "window1", "2021-10-08", "", "试点"],
        [second.credit_code, "", "注销", "窗口对接员甲", "2021/10/09", "2021-10-30", ""],
    ]
    url = reverse("conversions:case_import")
    preview = staff_client.post(url, {"file": xlsx(rows)})
    assert preview.status_code == 200 and preview.context["preview"].ok
    assert not ConversionCase.objects.exists()
    assert confirm(staff_client, url, preview).status_code == 302
    cases = {c.organization: c for c in ConversionCase.objects.all()}
    assert cases[first].kind == CaseKind.CONVERT and cases[first].tracks.count() == 3
    assert cases[first].materials.exists() and cases[first].created_by == bureau_staff
    assert cases[second].kind == CaseKind.CLOSE and str(cases[second].due_on) == "2021-10-30"
    assert {c.number for c in cases.values()} == {"YZF-2021-001", "YZF-2021-002"}


def test_template_lists_institutions_still_to_convert(staff_client, open_case):
    waiting = OrganizationFactory(training=True, name="待转登学校")
    open_case()  # the fixture institution has a case already
    response = staff_client.get(reverse("conversions:import_template"))
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert [r[1] for r in rows[1:]] == [waiting.name]


def test_import_is_for_bureau_writers_only(leader_client, school_a_client):
    for client in (leader_client, school_a_client):
        assert client.get(reverse("conversions:case_import")).status_code == 403
        assert client.get(reverse("conversions:import_template")).status_code == 403


def test_the_ledger_export_imports_back_unchanged(staff_client, window_staff, open_case):
    open_case()
    exported = staff_client.get(reverse("conversions:case_export")).content
    url = reverse("conversions:case_import")
    preview = staff_client.post(url, {"file": SimpleUploadedFile("营转非台账.xlsx", exported)})
    assert preview.status_code == 200, [r.errors for r in preview.context["preview"].bad_rows]
    assert "新增 0 条，更新 0 条，未变 1 条" in preview.content.decode()
    assert confirm(staff_client, url, preview).status_code == 302
    assert ConversionCase.objects.count() == 1


def test_an_opening_date_of_1900_is_refused_so_no_case_number_of_1900_exists(staff_client, window_staff):
    org = OrganizationFactory(training=True)
    rows = [[org.credit_code, org.name, "转登", "window1", "1900-01-05", "", ""]]
    response = staff_client.post(reverse("conversions:case_import"), {"file": xlsx(rows)})
    assert response.status_code == 400
    assert "受理日期：不能早于1949年1月1日" in " ".join(response.context["preview"].bad_rows[0].errors)
    assert not ConversionCase.objects.filter(number__startswith="YZF-1900").exists()
