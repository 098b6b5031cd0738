"""The figures the annual report reads (legalaid.*), on the demo district and on small cases."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from core import stats
from directory.models import OrgStatus
from tests.factories import OrganizationFactory
from tests.legalaid.factories import (
    ActivityFactory,
    AppointmentFactory,
    CadreTrainingFactory,
    NormativeDocumentFactory,
    ServiceRecordFactory,
)

pytestmark = pytest.mark.django_db

NAMES = [
    "legalaid.counsel_coverage",
    "legalaid.counsel_schools",
    "legalaid.schools_total",
    "legalaid.services_total",
    "legalaid.services_by_kind",
    "legalaid.activities_total",
    "legalaid.activity_participants",
    "legalaid.activities_by_kind",
    "legalaid.wulao_talks",
    "legalaid.wulao_audience",
    "legalaid.reading_winners",
    "legalaid.cadre_trainings",
    "legalaid.normative_documents",
]


def value(name, year=2021):
    return stats.get(name).value(year)


def test_every_statistic_is_registered_with_a_trace():
    registered = stats.all_statistics()
    for name in NAMES:
        assert name in registered
        assert stats.get(name).url(2021).startswith("/legalaid/")


def test_coverage_is_measured_on_31_december():
    covered = OrganizationFactory()
    AppointmentFactory(organization=covered, start_date=date(2021, 1, 1), end_date=date(2021, 12, 31))
    lapsed = OrganizationFactory()
    AppointmentFactory(organization=lapsed, start_date=date(2021, 1, 1), end_date=date(2021, 12, 30))
    OrganizationFactory(training=True)  # training institutions are not counted
    OrganizationFactory(status=OrgStatus.DEREGISTERED, status_date=date(2021, 6, 1))  # closed before the day
    assert (value("legalaid.counsel_schools"), value("legalaid.schools_total")) == (1, 2)
    assert value("legalaid.counsel_coverage") == 0.5
    assert value("legalaid.counsel_coverage", 2019) == 0.0


def test_coverage_of_the_current_year_is_measured_today():
    school = OrganizationFactory()
    today = timezone.localdate()
    AppointmentFactory(organization=school, start_date=today - timedelta(days=10), end_date=today + timedelta(days=1))
    assert value("legalaid.counsel_coverage", today.year) == 1.0


def test_no_schools_gives_no_rate():
    assert value("legalaid.counsel_coverage") is None


def test_yearly_counts_only_count_the_year(school_a):
    counsel = AppointmentFactory(organization=school_a)
    ServiceRecordFactory(appointment=counsel, date=date(2021, 3, 1), kind="mediation")
    ServiceRecordFactory(appointment=counsel, date=date(2022, 3, 1))
    ActivityFactory(kind="wulao", participants=900, date=date(2021, 4, 1))
    ActivityFactory(kind="wulao", participants=1100, sessions=2, date=date(2021, 5, 1))
    ActivityFactory(kind="wulao", participants=5000, date=date(2020, 5, 1))
    ActivityFactory(kind="reading", participants=5000, winners=420, date=date(2021, 10, 1))
    CadreTrainingFactory(date=date(2021, 3, 1))
    CadreTrainingFactory(date=date(2020, 3, 1))
    NormativeDocumentFactory(status="issued", number="婺教〔2021〕1号", issued_on=date(2021, 2, 1))
    NormativeDocumentFactory()  # still in drafting
    assert value("legalaid.services_total") == 1
    assert {r["label"]: r["value"] for r in value("legalaid.services_by_kind")}["纠纷调解"] == 1
    assert (value("legalaid.wulao_talks"), value("legalaid.wulao_audience")) == (3, 2000)
    assert value("legalaid.reading_winners") == 420
    assert value("legalaid.activities_total") == 4
    assert value("legalaid.activity_participants") == 7000
    rows = value("legalaid.activities_by_kind")
    assert [(r["label"], r["value"], r["participants"]) for r in rows] == [("读书活动", 1, 5000), ("五老宣讲", 3, 2000)]
    assert rows[0]["url"] == "/legalaid/activities/?year=2021&kind=reading"
    assert value("legalaid.cadre_trainings") == 1
    assert value("legalaid.normative_documents") == 1
