import io
from datetime import date, timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from directory.models import OrgStatus
from tests.factories import OrganizationFactory
from tests.legalaid.factories import AppointmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    """Four schools today: one covered for long, one ending within 60 days, one never covered,
    one whose counsel ended last year; plus a training institution, which is not counted."""
    today = timezone.localdate()
    covered = OrganizationFactory(name="长聘小学")
    AppointmentFactory(organization=covered, start_date=date(2021, 1, 1), end_date=today + timedelta(days=400))
    ending = OrganizationFactory(kindergarten=True, name="将到期幼儿园")
    AppointmentFactory(organization=ending, start_date=date(2021, 1, 1), end_date=today + timedelta(days=30))
    OrganizationFactory(name="未聘小学")
    lapsed = OrganizationFactory(name="已过期小学")
    AppointmentFactory(organization=lapsed, start_date=date(2021, 1, 1), end_date=today - timedelta(days=200))
    OrganizationFactory(training=True)
    return {"covered": covered, "ending": ending, "lapsed": lapsed}


def test_coverage_shows_who_has_counsel_today(staff_client, district):
    response = staff_client.get(reverse("legalaid:coverage"))
    summary = response.context["summary"]
    assert (summary["total"], summary["covered"], summary["uncovered"], summary["ending"]) == (4, 2, 2, 1)
    assert summary["rate"] == 0.5
    kinds = {row["label"]: (row["total"], row["covered"]) for row in summary["by_kind"]}
    assert kinds == {"公办小学": (3, 1), "公办幼儿园": (1, 1)}
    # Uncovered and ending schools come first, so what needs doing is at the top.
    names = [org.name for org in response.context["page"]]
    assert set(names[:2]) == {"未聘小学", "已过期小学"} and names[2] == "将到期幼儿园"
    states = {
        state: [o.name for o in staff_client.get(reverse("legalaid:coverage"), {"state": state}).context["page"]]
        for state in ("covered", "uncovered", "ending")
    }
    assert sorted(states["covered"]) == ["将到期幼儿园", "长聘小学"]
    assert sorted(states["uncovered"]) == ["已过期小学", "未聘小学"]
    assert states["ending"] == ["将到期幼儿园"]


def test_coverage_on_an_earlier_date(staff_client, district):
    response = staff_client.get(reverse("legalaid:coverage"), {"on": "2021-12-31"})
    assert response.context["summary"]["covered"] == 3


def test_closed_schools_are_not_counted(staff_client, district):
    closed = OrganizationFactory(name="已停办小学", status=OrgStatus.SUSPENDED, status_date=date(2021, 7, 1))
    assert staff_client.get(reverse("legalaid:coverage")).context["summary"]["total"] == 4
    response = staff_client.get(reverse("legalaid:coverage"), {"on": "2021-06-30"})
    assert closed.name in [o.name for o in response.context["page"]]


def test_coverage_export_follows_filters(staff_client, district):
    response = staff_client.get(reverse("legalaid:coverage_export"), {"state": "uncovered"})
    assert "attachment" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("学校/幼儿园", "机构类型", "乡镇（街道）", "法律顾问状态")
    assert sorted(r[0] for r in rows[1:]) == ["已过期小学", "未聘小学"]
    assert {r[3] for r in rows[1:]} == {"未聘"}


def test_coverage_query_count_does_not_grow(staff_client, district, django_assert_max_num_queries):
    from django.core.cache import cache

    url = reverse("legalaid:coverage")
    staff_client.get(url)
    cache.clear()  # measure the summary computed, not read from the cache
    with django_assert_max_num_queries(30) as small:
        staff_client.get(url)
    for _ in range(10):
        AppointmentFactory(organization=OrganizationFactory())
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        staff_client.get(url)


def test_coverage_summary_is_recomputed_when_an_appointment_changes(staff_client, district):
    url = reverse("legalaid:coverage")
    before = staff_client.get(url).context["summary"]
    cached = staff_client.get(url).context["summary"]
    assert cached == before
    school = OrganizationFactory()
    after = staff_client.get(url).context["summary"]
    assert after["total"] == before["total"] + 1 and after["uncovered"] == before["uncovered"] + 1
    AppointmentFactory(organization=school)
    response = staff_client.get(url)
    assert response.context["summary"]["covered"] == before["covered"] + 1


def test_the_rendered_summary_follows_the_data(staff_client, district):
    """The summary tables are a cached fragment: a new appointment must show in the page itself."""
    url = reverse("legalaid:coverage")

    def shown_covered():
        html = staff_client.get(url).content.decode()
        return html.split('state=covered"><span class="stat-num">')[1].split("<")[0]

    assert shown_covered() == "2"
    assert shown_covered() == "2"  # from the cached fragment
    AppointmentFactory(organization=OrganizationFactory(name="新聘小学"))
    assert shown_covered() == "3"


def test_coverage_order_follows_a_new_appointment_at_once(staff_client, district):
    """The sorted list is cached, but a school that gets counsel leaves the top of the list at once."""
    url = reverse("legalaid:coverage")
    names = [o.name for o in staff_client.get(url).context["page"]]
    assert set(names[:2]) == {"未聘小学", "已过期小学"}
    AppointmentFactory(
        organization=OrganizationFactory._meta.model.objects.get(name="未聘小学"),
        start_date=date(2021, 1, 1),
        end_date=timezone.localdate() + timedelta(days=400),
    )
    page = staff_client.get(url).context["page"]
    assert [o.name for o in page] == ["已过期小学", "将到期幼儿园", "未聘小学", "长聘小学"]
    assert "未聘小学" not in [o.name for o in staff_client.get(url, {"state": "uncovered"}).context["page"]]


def test_coverage_is_for_the_bureau_only(school_a_client):
    assert school_a_client.get(reverse("legalaid:coverage")).status_code == 403
    assert school_a_client.get(reverse("legalaid:coverage_export")).status_code == 403


def test_leaders_read_the_coverage(leader_client):
    assert leader_client.get(reverse("legalaid:coverage")).status_code == 200


def test_home_page_shows_coverage_to_the_bureau(staff_client, district):
    body = staff_client.get("/").content.decode()
    assert "已聘法律顾问 <strong>2</strong> 所" in body and "2 所未聘" in body


def test_home_page_shows_a_school_its_counsel_or_its_absence(
    client, login_as, school_admin_a, school_admin_b, counsel_a
):
    login_as(school_admin_a)
    assert counsel_a.lawyer.name in client.get("/").content.decode()
    login_as(school_admin_b)
    assert "没有在聘的法律顾问" in client.get("/").content.decode()


def test_coverage_lists_the_lowest_townships_when_there_are_very_many(monkeypatch):
    from legalaid.views import counsel

    monkeypatch.setattr(counsel, "MAX_TOWNSHIP_ROWS", 2)
    rows = [
        {"key": 1, "label": "甲镇", "total": 5, "covered": 5, "rate": 1.0},
        {"key": 2, "label": "乙镇", "total": 4, "covered": 2, "rate": 0.5},
        {"key": 3, "label": "丙镇", "total": 3, "covered": 2, "rate": 2 / 3},
    ]
    shown, hidden = counsel._township_rows(rows)
    assert [r["label"] for r in shown] == ["乙镇", "丙镇"] and hidden == 1
    monkeypatch.setattr(counsel, "MAX_TOWNSHIP_ROWS", 50)
    assert counsel._township_rows(rows) == (rows, 0)
