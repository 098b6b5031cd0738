"""The editor's figure picker: every registered statistic for the report's year, computed once and then
read from the cache until a row those statistics read changes (or the day does)."""

import json
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import stats
from inspections.models import ChecklistStatus, HazardStatus
from reports.models import BlockKind
from tests.inspections.factories import ChecklistFactory, HazardFactory, InspectionFactory

from .factories import SMALL, make_report

pytestmark = pytest.mark.django_db

# The editor page without the statistics: session, user, report, blocks, the data version (5).
CACHED_EDITOR_QUERIES = 7


@pytest.fixture
def report(bureau_staff):
    return make_report(user=bureau_staff, blocks=[*SMALL, (BlockKind.PARAGRAPH, 1, "{{inspections.not_yet}}")])


def load(client, report, index=0):
    response = client.get(reverse("reports:section_edit", args=[report.pk, index]))
    assert response.status_code == 200
    return {figure.name: figure for figure in response.context["picker"]}


def test_a_second_load_reads_the_figures_from_the_cache(staff_client, report, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as first:
        figures = load(staff_client, report)
    assert len(first.captured_queries) > len(stats.all_statistics())  # every statistic computed
    with django_assert_max_num_queries(CACHED_EDITOR_QUERIES):
        again = load(staff_client, report, index=1)  # another part of the same report
    assert [(f.name, f.value, f.missing) for f in again.values()] == [
        (f.name, f.value, f.missing) for f in figures.values()
    ]
    assert again["inspections.not_yet"].missing and "未注册" in again["inspections.not_yet"].missing
    assert again["directory.public_schools"].url == "/directory/?as_of=2021-12-31&ownership=public&kind_group=school"


def test_a_refused_save_reads_the_figures_from_the_cache(staff_client, report, django_assert_max_num_queries):
    load(staff_client, report)
    url = reverse("reports:section_edit", args=[report.pk, 0])
    with django_assert_max_num_queries(CACHED_EDITOR_QUERIES + 2):  # the forms' checks
        response = staff_client.post(url, {"expected_version": report.version, "b-TOTAL_FORMS": "x"})
    assert response.status_code == 400 and len(response.context["picker"]) > len(stats.all_statistics())


def test_a_new_inspection_shows_on_the_next_load(staff_client, report):
    assert load(staff_client, report)["inspections.total"].value == 0
    InspectionFactory(inspected_on=date(report.year, 5, 10))
    InspectionFactory(inspected_on=date(report.year + 1, 5, 10))  # another year: not counted
    figures = load(staff_client, report)
    assert figures["inspections.total"].value == 1
    assert figures["inspections.by_org_kind"].rows[0]["value"] == 1


def test_a_changed_hazard_shows_on_the_next_load(staff_client, report):
    hazard = HazardFactory(found_on=date(report.year, 5, 10))
    HazardFactory(found_on=date(report.year, 6, 1))  # the newest row is not the one changed
    assert load(staff_client, report)["inspections.hazards_closed"].value == 0
    hazard.status = HazardStatus.CLOSED
    hazard.save()
    assert load(staff_client, report)["inspections.hazards_closed"].value == 1


def test_publishing_a_checklist_shows_on_the_next_load(staff_client, report):
    # Checklists keep no audit history: the edit is seen through their change time.
    checklist = ChecklistFactory(status=ChecklistStatus.DRAFT, effective_on=date(report.year, 3, 1))
    assert load(staff_client, report)["inspections.checklist_items"].value == 0
    checklist.status = ChecklistStatus.PUBLISHED
    checklist.save()
    assert load(staff_client, report)["inspections.checklist_items"].value == 10


def test_a_hazard_past_its_deadline_is_overdue_the_next_day(staff_client, bureau_staff, report, monkeypatch):
    """This year's figure is as of today, so the cached figure moves with the day; a past year's is as of
    31 December of that year and stays."""
    today = timezone.localdate()
    current = make_report(year=today.year, user=bureau_staff, blocks=SMALL)
    HazardFactory(found_on=today, deadline=today)
    HazardFactory(found_on=date(report.year, 5, 10), deadline=date(report.year, 12, 30))
    assert load(staff_client, current)["inspections.hazards_overdue"].value == 0
    assert load(staff_client, report)["inspections.hazards_overdue"].value == 1
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today + timedelta(days=1))
    if today.month == 12 and today.day == 31:
        return  # tomorrow the year is over: its figure is as of today, 31 December, for good
    assert load(staff_client, current)["inspections.hazards_overdue"].value == 1
    assert load(staff_client, report)["inspections.hazards_overdue"].value == 1


def test_a_failing_statistic_is_not_kept_in_the_cache(staff_client, report, monkeypatch):
    broken = {"yes": True}

    def flaky(year):
        if broken["yes"]:
            raise ConnectionError("server closed the connection")
        return 7

    monkeypatch.setitem(stats.REGISTRY, "testing.flaky", stats.Statistic("testing.flaky", "测试", "件", "count", flaky))
    assert load(staff_client, report)["testing.flaky"].missing_short == "计算出错"
    broken["yes"] = False  # fixed, with no row changed
    figures = load(staff_client, report)
    assert figures["testing.flaky"].value == 7 and not figures["testing.flaky"].missing


def test_the_cache_holds_plain_data(staff_client, report, monkeypatch):
    stored = []
    real_set = cache.set
    monkeypatch.setattr(
        cache, "set", lambda key, value, *args, **kw: (stored.append(value), real_set(key, value, *args, **kw))
    )
    load(staff_client, report)
    (figures,) = [value for value in stored if isinstance(value, dict) and "inspections.total" in value]
    assert json.loads(json.dumps(figures))["inspections.total"]["value"] == 0


def test_the_picker_says_why_a_figure_is_missing(staff_client, report):
    """Not registered, no data for the year, or a statistic that failed: three tags, each with its reason."""
    page = staff_client.get(reverse("reports:section_edit", args=[report.pk, 0])).content.decode()
    figures = load(staff_client, report)
    assert figures["inspections.not_yet"].missing_short == "未注册"
    joint_share = figures["inspections.joint_share"]  # no inspections in the year: no share
    assert joint_share.missing_short == "无数据" and "没有2021年的数据" in joint_share.missing
    assert f'title="{joint_share.missing}">无数据</span>' in page
    assert f'title="{figures["inspections.not_yet"].missing}">未注册</span>' in page
