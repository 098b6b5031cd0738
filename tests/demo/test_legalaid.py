"""The 2021 demo year as the seed reports it (loaded once for this module)."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from core import stats

pytestmark = pytest.mark.django_db

from tests.legalaid.test_stats import value  # noqa: E402


def test_demo_year_states_the_seed(client, demo_district):
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


def test_load_demo_is_idempotent(demo_district):
    from legalaid.models import Activity, Appointment, LawFirm, Lawyer, ServiceRecord

    before = Appointment.objects.count(), ServiceRecord.objects.count(), Activity.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert (Appointment.objects.count(), ServiceRecord.objects.count(), Activity.objects.count()) == before
    named = Activity.objects.get(kind="care").organizations.values_list("name", flat=True)
    assert {"琅琊小学", "天母山小学", "婺城小学"} <= set(named)
    invented = list(LawFirm.objects.values_list("name", flat=True)) + list(
        Lawyer.objects.values_list("name", flat=True)
    )
    assert invented and all("演示" in name for name in invented)
