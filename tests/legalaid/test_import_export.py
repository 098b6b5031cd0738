import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from legalaid.models import Activity, Appointment, Lawyer
from tests.factories import OrganizationFactory
from tests.imports import confirm
from tests.legalaid.factories import (
    ActivityFactory,
    AppointmentFactory,
    LawFirmFactory,
    LawyerFactory,
    valid_license_no,
)

pytestmark = pytest.mark.django_db


def xlsx(headers, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("导入.xlsx", buffer.getvalue())


def bad_lines(response) -> dict[int, str]:
    return {row.line: " ".join(row.errors) for row in response.context["preview"].bad_rows}


LAWYER_HEADERS = ["姓名", "律师事务所", "执业证号", "联系电话", "擅长领域", "在册"]


def test_lawyer_import_lists_every_bad_row_and_writes_nothing(staff_client):
    firm = LawFirmFactory(name="婺州律师事务所")
    dup = valid_license_no()
    rows = [
        ["甲律师", firm.name, valid_license_no(), "", "", "是"],
        ["乙律师", firm.name, "1330720061", "", "", "是"],  # too short
        ["丙律师", "不存在律师事务所", valid_license_no(), "", "", "是"],
        ["丁律师", firm.name, dup, "", "", "是"],
        ["戊律师", firm.name, dup, "", "", "是"],  # duplicate of the row above
        ["己律师", firm.name, "13307209911000001", "", "", "是"],  # year 2099
    ]
    response = staff_client.post(reverse("legalaid:lawyer_import"), {"file": xlsx(LAWYER_HEADERS, rows)})
    assert response.status_code == 400
    bad = bad_lines(response)
    assert set(bad) == {3, 4, 6, 7}
    assert "17位" in bad[3] and "未知的律师事务所“不存在律师事务所”" in bad[4]
    assert "与第5行重复" in bad[6] and "2099" in bad[7]
    assert not Lawyer.objects.exists()


def test_lawyer_import_previews_then_imports_and_updates(staff_client, bureau_staff):
    firm = LawFirmFactory(name="婺州律师事务所")
    existing = LawyerFactory(name="旧名", firm=firm)
    rows = [
        ["新律师", firm.name, valid_license_no(), "139", "教育法", "是"],
        ["改名", firm.name, existing.license_no, "", "", "否"],
    ]
    url = reverse("legalaid:lawyer_import")
    preview = staff_client.post(url, {"file": xlsx(LAWYER_HEADERS, rows)})
    assert preview.status_code == 200
    assert not Lawyer.objects.filter(name="新律师").exists()
    assert confirm(staff_client, url, preview).status_code == 302
    assert Lawyer.objects.get(name="新律师").created_by == bureau_staff
    existing.refresh_from_db()
    assert (existing.name, existing.active) == ("改名", False)


APPOINTMENT_HEADERS = ["学校统一社会信用代码", "律师执业证号", "聘期开始", "聘期结束", "服务费（元/年）", "服务范围"]


def test_appointment_import_refuses_overlap_within_the_file_and_bad_dates(staff_client, school_a):
    lawyer = LawyerFactory()
    rows = [
        [school_a.credit_code, lawyer.license_no, "2022-01-01", "2023-12-31", 6000, "法律咨询"],
        [school_a.credit_code, lawyer.license_no, "2023-06-01", "2024-12-31", 6000, "法律咨询"],  # overlaps row 2
        [school_a.credit_code, valid_license_no(), "2022-01-01", "2023-12-31", 6000, "法律咨询"],  # unknown lawyer
        [school_a.credit_code.lower(), LawyerFactory().license_no, "2023-01-01", "2022-01-01", 6000, "法律咨询"],
    ]
    response = staff_client.post(reverse("legalaid:appointment_import"), {"file": xlsx(APPOINTMENT_HEADERS, rows)})
    assert response.status_code == 400
    bad = bad_lines(response)
    assert set(bad) == {3, 4, 5}
    assert "聘期不能重叠" in bad[3] and "未知的律师（执业证号）" in bad[4] and "不能早于开始日期" in bad[5]
    assert not Appointment.objects.exists()


def test_appointment_export_round_trips_through_import(staff_client, school_a):
    AppointmentFactory(organization=school_a)
    exported = staff_client.get(reverse("legalaid:appointment_export"))
    sheet = openpyxl.load_workbook(io.BytesIO(exported.content)).active
    header = next(sheet.iter_rows(max_row=1, values_only=True))
    assert header[:4] == ("学校名称", "学校统一社会信用代码", "律师姓名", "律师执业证号")
    Appointment.objects.all().delete()
    upload = SimpleUploadedFile("聘任.xlsx", exported.content)
    url = reverse("legalaid:appointment_import")
    preview = staff_client.post(url, {"file": upload})
    assert preview.status_code == 200
    assert confirm(staff_client, url, preview).status_code == 302
    assert Appointment.objects.get().organization == school_a


ACTIVITY_HEADERS = [
    "活动名称",
    "活动日期",
    "活动类型",
    "主要对象",
    "组织单位",
    "场次",
    "参加人数",
    "获奖人数",
    "活动内容",
]


def test_activity_import_with_several_organizations(staff_client, school_a, school_b):
    rows = [
        ["五老宣讲", "2021-04-08", "五老宣讲", "学生", f"{school_a.name}、{school_b.name}", 1, 900, None, ""],
        ["读书活动", "2021-10-15", "读书活动", "学生", school_a.name, 1, 5000, 420, ""],
    ]
    url = reverse("legalaid:activity_import")
    preview = staff_client.post(url, {"file": xlsx(ACTIVITY_HEADERS, rows)})
    assert preview.status_code == 200
    assert confirm(staff_client, url, preview).status_code == 302
    assert set(Activity.objects.get(title="五老宣讲").organizations.all()) == {school_a, school_b}
    assert Activity.objects.get(title="读书活动").winners == 420


def test_activity_import_refuses_unknown_units_negative_counts_and_unknown_kinds(staff_client, school_a):
    rows = [
        ["甲", "2021-04-08", "禁毒", "学生", "火星小学", 1, 100, None, ""],
        ["乙", "2021-04-08", "禁毒", "学生", school_a.name, 1, -3, None, ""],
        ["丙", "2021-04-08", "跳舞", "学生", school_a.name, 1, 10, None, ""],
        ["丁", "2021-04-08", "禁毒", "学生", "", 1, 10, None, ""],
    ]
    response = staff_client.post(reverse("legalaid:activity_import"), {"file": xlsx(ACTIVITY_HEADERS, rows)})
    bad = bad_lines(response)
    assert set(bad) == {2, 3, 4, 5}
    assert "火星小学" in bad[2] and "参加人数：应在0至100,000之间" in bad[3] and "未知的活动类型“跳舞”" in bad[4]
    assert "组织单位" in bad[5]
    assert not Activity.objects.exists()


def test_exports_follow_scope_and_imports_are_for_bureau_writers(school_a_client, school_a):
    ActivityFactory(organizations=[school_a], title="本校活动")
    ActivityFactory(organizations=[OrganizationFactory()], title="他校活动")
    response = school_a_client.get(reverse("legalaid:activity_export"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["本校活动"]
    for name in ("lawyer_import", "appointment_import", "activity_import", "lawyer_export"):
        assert school_a_client.get(reverse(f"legalaid:{name}")).status_code == 403


def test_appointment_import_updates_the_record_matching_all_key_columns(staff_client, school_a):
    first, second = AppointmentFactory(organization=school_a), AppointmentFactory(organization=school_a)
    # The file names the first appointment; a loader keyed on the school alone would pick the second.
    rows = [[school_a.credit_code, first.lawyer.license_no, "2021-01-01", "2030-12-31", 9900, "法律咨询"]]
    url = reverse("legalaid:appointment_import")
    preview = staff_client.post(url, {"file": xlsx(APPOINTMENT_HEADERS, rows)})
    assert preview.status_code == 200
    assert confirm(staff_client, url, preview).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.fee, second.fee) == (Decimal("9900"), Decimal("6000"))
    assert Appointment.objects.count() == 2


@pytest.mark.parametrize(
    ("export", "import_"),
    [
        ("legalaid:activity_export", "legalaid:activity_import"),
        ("legalaid:appointment_export", "legalaid:appointment_import"),
        ("legalaid:lawyer_export", "legalaid:lawyer_import"),
    ],
)
def test_each_register_export_imports_back_unchanged(staff_client, school_a, school_b, export, import_):
    ActivityFactory(organizations=[school_a, school_b], winners=None, description="")
    ActivityFactory(organizations=[school_a], kind="contest", winners=12, sessions=3)
    AppointmentFactory(organization=school_a, scope="法律咨询", notes="")
    LawyerFactory(phone="", specialties="")
    exported = staff_client.get(reverse(export)).content
    url = reverse(import_)
    preview = staff_client.post(url, {"file": SimpleUploadedFile("导出.xlsx", exported)})
    assert preview.status_code == 200, [r.errors for r in preview.context["preview"].bad_rows]
    result = preview.context["preview"]
    assert (result.new_count, result.update_count, result.unchanged_count) == (0, 0, len(result.rows))
    assert confirm(staff_client, url, preview).status_code == 302
