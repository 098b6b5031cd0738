"""The case import reads the file's institutions once and numbers its cases without re-reading the numbers."""

from datetime import date

import pytest
import tablib
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conversions.models import ConversionCase
from conversions.resources import CaseImportResource
from core.imports import preview_import, run_import
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
HEADERS = ["统一社会信用代码", "机构名称", "办理类型", "经办人", "受理日期", "办结时限", "备注"]


def workbook(rows) -> tablib.Dataset:
    data = tablib.Dataset(headers=HEADERS)
    for org, opened_on in rows:
        data.append([org.credit_code, org.name, "转登", "window1", opened_on, "", ""])
    return data


def preview_queries(rows: int, user) -> dict:
    file = workbook([(OrganizationFactory(training=True), "2021-10-08") for _ in range(rows)])
    with CaptureQueriesContext(connection) as ctx:
        preview = preview_import(resource=CaseImportResource(), dataset=file, user=user)
    assert preview.ok, [r.errors for r in preview.bad_rows]
    sql = [q["sql"] for q in ctx.captured_queries]
    return {
        "total": len(sql),
        "institutions": sum('FROM "directory_organization"' in s for s in sql),
        "numbers": sum('FROM "conversions_conversioncase"' in s and "LIKE" in s for s in sql),
    }


def test_a_longer_file_does_not_read_institutions_or_case_numbers_again(bureau_staff, window_staff):
    few, many = preview_queries(5, bureau_staff), preview_queries(20, bureau_staff)
    assert few["institutions"] == many["institutions"] == 1  # was 4 a row
    assert few["numbers"] == many["numbers"] == 1  # was a scan of the year's numbers a row
    # Each further row still writes its case, tracks, materials, event and history (14 queries a row,
    # 22 before: the institution was read 4 times and the year's numbers once more for every row).
    assert many["total"] - few["total"] <= 15 * 14


def test_numbers_continue_each_years_highest_serial_in_file_order(bureau_staff, window_staff, open_case):
    existing = open_case(organization=OrganizationFactory(training=True))
    ConversionCase.objects.filter(pk=existing.pk).update(number="YZF-2021-007")
    other = open_case(organization=OrganizationFactory(training=True))
    ConversionCase.objects.filter(pk=other.pk).update(number="YZF-2021-A12")  # not a serial: ignored
    orgs = [OrganizationFactory(training=True) for _ in range(4)]
    file = workbook(zip(orgs, ["2021-10-08", "2020-12-30", "2021-01-02", "2020-03-01"], strict=True))

    assert run_import(resource=CaseImportResource(), dataset=file, user=bureau_staff).ok

    numbers = dict(ConversionCase.objects.filter(organization__in=orgs).values_list("organization", "number"))
    assert [numbers[org.pk] for org in orgs] == ["YZF-2021-008", "YZF-2020-001", "YZF-2021-009", "YZF-2020-002"]
    assert ConversionCase.objects.get(organization=orgs[1]).opened_on == date(2020, 12, 30)


def test_a_file_with_one_bad_row_writes_nothing(bureau_staff, window_staff, school_a):
    good = [OrganizationFactory(training=True) for _ in range(3)]
    file = workbook([(good[0], "2021-10-08"), (school_a, "2021-10-08"), (good[1], "2021-10-09")])

    preview = run_import(resource=CaseImportResource(), dataset=file, user=bureau_staff)

    assert [row.line for row in preview.bad_rows] == [3]
    assert not ConversionCase.objects.exists()
