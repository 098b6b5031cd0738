"""The inspection register's export reads a constant number of queries per chunk, whatever the rows."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import DepartmentFactory

from .factories import InspectionFactory

pytestmark = pytest.mark.django_db


def export(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("inspections:inspection_export"))
    return response, len(queries)


def test_export_lists_officers_and_partners_and_its_queries_do_not_grow_with_rows(staff_client, plan, school_a):
    partner = DepartmentFactory(name="区市场监管局", kind="partner")
    first = InspectionFactory(plan=plan, organization=school_a, notes="")
    first.partners.set([partner])
    export(staff_client)  # the session's first request also writes the session
    _, few = export(staff_client)
    InspectionFactory.create_batch(12, plan=plan, organization=school_a)
    response, many = export(staff_client)
    assert many == few
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 14
    by_number = {row[0]: row for row in rows[1:]}
    row = by_number[first.number]
    assert set(row[7].split("、")) == {o.name for o in first.officers.all()}
    assert row[8] == "区市场监管局" and row[11] is None
