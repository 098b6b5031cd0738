"""Each bad value of one shared list, sent through each import in each column: the preview never
fails, every message is Chinese and names the row and the column, and no database, Python or library
text reaches the user. Typed columns refuse what they cannot store."""

import re

import pytest
from django.urls import reverse

from conversions.resources import CaseImportResource
from directory.resources import OrganizationResource
from inspections.resources import InspectionResource
from legalaid.resources import ActivityResource, AppointmentResource, LawyerResource
from tests.factories import OrganizationFactory, TownshipFactory, valid_credit_code
from tests.imports import BAD_VALUES, FORMULA, xlsx_upload
from tests.inspections.factories import OfficerFactory, PlanFactory
from tests.legalaid.factories import LawFirmFactory, LawyerFactory, valid_license_no

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")
LEAK = re.compile(
    r"null|None|constraint|Integrity|Error|Exception|class|Value could not|Conversion|decimal|Traceback|\[<|'",
    re.IGNORECASE,
)
NOT_A_DATE = ["abc", "3.5", -1, "1e9", 99_999_999_999, "1900-01-01", "2099-12-31", "2021-13-45", FORMULA, "长" * 300]
NOT_A_COUNT = ["abc", "3.5", -1, "1e9", 99_999_999_999, "1900-01-01", "2021-13-45", FORMULA, "长" * 300]
NOT_MONEY = ["abc", -1, "1e9", 99_999_999_999, "2021-13-45", FORMULA, "长" * 300]


def headers(resource) -> list[str]:
    return [f.column_name for f in resource.get_export_fields()]


@pytest.fixture
def imports(school_a, bureau_staff):
    """For each import: its URL, columns, a valid row for line i, and what its typed columns refuse."""
    TownshipFactory(name="琅琊镇")
    plan = PlanFactory()
    OfficerFactory(name="甲执法")
    OfficerFactory(name="乙执法")
    firm = LawFirmFactory(name="婺州律师事务所")
    lawyers = LawyerFactory.create_batch(len(BAD_VALUES))
    trainings = [OrganizationFactory(training=True) for _ in BAD_VALUES]
    return {
        "directory:organization_import": (
            headers(OrganizationResource()),
            lambda i: (
                [f"导入{i}幼儿园", "民办幼儿园", "民办", "非营利性", valid_credit_code("52"), "", "琅琊镇"]
                + ["", "", "", 1, "在办", ""]
            ),
            {"办学点数": NOT_A_COUNT, "状态变更日期": NOT_A_DATE},
        ),
        "inspections:inspection_import": (
            headers(InspectionResource()),
            lambda i: [plan.name, school_a.name, f"2021-05-{i + 1:02d}", "甲执法、乙执法", "", "合格", "", "", "", ""],
            {"检查日期": NOT_A_DATE},
        ),
        "legalaid:activity_import": (
            headers(ActivityResource()),
            lambda i: [f"普法活动{i}", "2021-04-08", "禁毒", "学生", school_a.name, 1, 100, None, ""],
            {"活动日期": NOT_A_DATE, "场次": NOT_A_COUNT, "参加人数": NOT_A_COUNT},
        ),
        "legalaid:appointment_import": (
            headers(AppointmentResource()),
            lambda i: (
                [school_a.name, school_a.credit_code, "", lawyers[i].license_no, "2022-01-01", "2022-12-31"]
                + [6000, "法律咨询"]
            ),
            {"聘期开始": NOT_A_DATE, "聘期结束": NOT_A_DATE, "服务费（元/年）": NOT_MONEY},
        ),
        "legalaid:lawyer_import": (
            headers(LawyerResource()),
            lambda i: [f"律师{i}", firm.name, valid_license_no(), "", "", "是"],
            {},
        ),
        "conversions:case_import": (
            headers(CaseImportResource()),
            lambda i: [trainings[i].credit_code, "", "转登", bureau_staff.username, "2021-10-08", "", ""],
            {"受理日期": NOT_A_DATE, "办结时限": NOT_A_DATE},
        ),
    }


@pytest.mark.parametrize(
    "name",
    [
        "directory:organization_import",
        "inspections:inspection_import",
        "legalaid:activity_import",
        "legalaid:appointment_import",
        "legalaid:lawyer_import",
        "conversions:case_import",
    ],
)
def test_every_bad_value_in_every_column_gets_a_chinese_message_naming_row_and_column(name, imports, staff_client):
    columns, good_row, typed = imports[name]
    for column_index, column in enumerate(columns):
        rows = []
        for i, value in enumerate(BAD_VALUES):
            row = good_row(i)
            row[column_index] = value
            rows.append(row)
        response = staff_client.post(reverse(name), {"file": xlsx_upload(columns, rows)})
        assert response.status_code in (200, 400), (column, response.status_code)
        preview = response.context["preview"]
        page = response.content.decode()
        for row in preview.rows:
            value = BAD_VALUES[row.line - 2]
            for message in row.errors:
                assert CJK.search(message) and not LEAK.search(message), (column, value, message)
            if row.errors:
                assert f"第{row.line}行" in page
                assert any(column in message for message in row.errors), (column, value, row.errors)
            if value in typed.get(column, []):
                assert row.errors, f"{name}: {column} accepted {value!r}"


def test_every_problem_of_a_row_is_listed_at_once(staff_client, school_a):
    columns = headers(ActivityResource())
    row = ["普法活动", "2021-13-45", "跳舞", "学生", "火星小学", "3.5", 1_000_000, None, ""]
    response = staff_client.post(reverse("legalaid:activity_import"), {"file": xlsx_upload(columns, [row])})
    errors = response.context["preview"].bad_rows[0].errors
    for column in ("活动日期", "活动类型", "组织单位", "场次", "参加人数"):
        assert any(message.startswith(f"{column}：") for message in errors), (column, errors)
