import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections.models import Inspection
from tests.imports import confirm

from .factories import OfficerFactory

pytestmark = pytest.mark.django_db
HEADERS = ["检查行动", "被检查机构", "检查日期", "执法人员", "协作部门", "结论", "整改期限", "检查情况记录"]


def workbook(rows) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("检查记录.xlsx", buffer.getvalue())


@pytest.fixture
def people(db):
    OfficerFactory(name="甲执法")
    OfficerFactory(name="乙执法")
    OfficerFactory(name="过期执法", valid_until="2021-01-31")


def test_bad_rows_are_listed_with_reasons_and_nothing_is_written(staff_client, plan, school_a, people):
    rows = [
        [plan.name, school_a.name, "2021-05-10", "甲执法、乙执法", "", "合格", "", "补录"],
        [plan.name, school_a.name, "2021-05-11", "甲执法", "", "合格", "", ""],
        [plan.name, school_a.name, "2021-05-12", "甲执法、过期执法", "", "合格", "", ""],
        [plan.name, "不存在的学校", "2021-05-13", "甲执法、乙执法", "", "合格", "", ""],
        [plan.name, school_a.name, "2021-05-14", "甲执法、丙执法", "", "良好", "", ""],
    ]
    response = staff_client.post(reverse("inspections:inspection_import"), {"file": workbook(rows)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "2名以上" in page and "过期执法的行政执法证" in page and "未知的机构“不存在的学校”" in page
    assert "未知的执法人员“丙执法”" in page and "未知的检查结论“良好”" in page
    assert not Inspection.objects.exists()


def test_good_file_imports_all_rows_with_numbers(staff_client, plan, school_a, people):
    rows = [
        [plan.name, school_a.name, f"2021-05-{d}", "甲执法、乙执法", "", "合格", "", "纸质记录补录"] for d in (10, 11)
    ]
    preview = staff_client.post(reverse("inspections:inspection_import"), {"file": workbook(rows)})
    assert preview.status_code == 200 and "全部 2 行校验通过" in preview.content.decode()
    assert not Inspection.objects.exists()
    done = confirm(staff_client, reverse("inspections:inspection_import"), preview)
    assert done.status_code == 302
    numbers = sorted(Inspection.objects.values_list("serial", flat=True))
    assert numbers == [1, 2]
    assert all(i.officers.count() == 2 for i in Inspection.objects.all())


def test_import_template_has_the_columns(staff_client):
    response = staff_client.get(reverse("inspections:inspection_export"), {"template": 1})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == [*HEADERS, "人员调整原因", "人员调整说明"]


def test_the_register_export_imports_back_unchanged_and_a_changed_row_is_refused(
    staff_client, plan, school_a, inspection_a
):
    exported = staff_client.get(reverse("inspections:inspection_export")).content
    url = reverse("inspections:inspection_import")
    preview = staff_client.post(url, {"file": SimpleUploadedFile("检查记录.xlsx", exported)})
    assert preview.status_code == 200 and "新增 0 条，更新 0 条，未变 1 条" in preview.content.decode()
    assert confirm(staff_client, url, preview).status_code == 302
    assert Inspection.objects.count() == 1

    sheet = openpyxl.load_workbook(io.BytesIO(exported)).active
    sheet["J2"] = "责令整改"  # 结论 of the stored record
    sheet["K2"] = "2021-06-10"
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    refused = staff_client.post(url, {"file": SimpleUploadedFile("检查记录.xlsx", buffer.getvalue())})
    assert refused.status_code == 400
    errors = " ".join(refused.context["preview"].bad_rows[0].errors)
    assert inspection_a.number in errors and "不修改已有记录" in errors
    assert Inspection.objects.get().conclusion == "passed"


def test_a_second_record_of_the_same_visit_is_refused(staff_client, plan, school_a, inspection_a, people):
    day = f"{inspection_a.inspected_on:%Y-%m-%d}"
    rows = [[plan.name, school_a.name, day, "甲执法、乙执法", "", "合格", "", "另一份记录"]]
    response = staff_client.post(reverse("inspections:inspection_import"), {"file": workbook(rows)})
    assert response.status_code == 400
    assert "同一机构、同一检查行动、同一检查日期" in " ".join(response.context["preview"].bad_rows[0].errors)


def test_a_blank_record_text_imports_as_blank(staff_client, plan, school_a, people):
    rows = [[plan.name, school_a.name, "2021-05-10", "甲执法、乙执法", None, "合格", None, None]]
    url = reverse("inspections:inspection_import")
    preview = staff_client.post(url, {"file": workbook(rows)})
    assert preview.status_code == 200, preview.context["preview"].bad_rows
    assert confirm(staff_client, url, preview).status_code == 302
    assert Inspection.objects.get().notes == ""
