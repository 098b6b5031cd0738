"""The figures the annual report reads (legalaid.*), on the demo district and on small cases."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
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


def test_demo_year_states_the_seed(client):
    call_command("load_demo", stdout=io.StringIO())
    # Every school and kindergarten has a counsel (the seed: 每所学校都聘请了法律顾问).
    assert value("legalaid.counsel_coverage") == 1.0
    assert value("legalaid.counsel_schools") == value("legalaid.schools_total") == 162
    assert value("legalaid.counsel_coverage", timezone.localdate().year) == 1.0
    # The 五老 宣讲团: more than ten talks, more than ten thousand people.
    assert 10 < value("legalaid.wulao_talks") < 20
    assert value("legalaid.wulao_audience") > 10000
    # The reading activity: more than 400 winners.
    assert 400 < value("legalaid.reading_winners") < 500
    by_kind = {row["label"]: row for row in value("legalaid.activities_by_kind")}
    for theme in ("禁毒", "消防安全", "交通安全", "未成年人保护", "家长学校", "模拟法庭", "关爱赠书"):
        assert by_kind[theme]["value"] > 0, theme
    assert sum(row["value"] for row in by_kind.values()) == value("legalaid.activities_total")
    assert sum(row["participants"] for row in by_kind.values()) == value("legalaid.activity_participants")
    services = value("legalaid.services_by_kind")
    assert [row["label"] for row in services] == [
        "咨询",
        "合同审查",
        "规章制度审核",
        "纠纷调解",
        "诉讼代理",
        "法治讲座",
    ]
    assert sum(row["value"] for row in services) == value("legalaid.services_total") > 162
    assert value("legalaid.cadre_trainings") >= 5
    assert value("legalaid.normative_documents") == 2
    # Each figure leads to the rows it counted.
    client.force_login(User.objects.get(username="staff"))
    wulao = client.get(stats.get("legalaid.wulao_talks").url(2021))
    assert wulao.context["totals"]["sessions"] == value("legalaid.wulao_talks")
    coverage = client.get(stats.get("legalaid.counsel_coverage").url(2021))
    assert coverage.context["summary"]["rate"] == 1.0


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


def test_load_demo_is_idempotent():
    from legalaid.models import Activity, Appointment, LawFirm, Lawyer, ServiceRecord

    call_command("load_demo", stdout=io.StringIO())
    before = Appointment.objects.count(), ServiceRecord.objects.count(), Activity.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert (Appointment.objects.count(), ServiceRecord.objects.count(), Activity.objects.count()) == before
    named = Activity.objects.get(kind="care").organizations.values_list("name", flat=True)
    assert {"琅琊小学", "天母山小学", "婺城小学"} <= set(named)
    invented = list(LawFirm.objects.values_list("name", flat=True)) + list(
        Lawyer.objects.values_list("name", flat=True)
    )
    assert invented and all("演示" in name for name in invented)
