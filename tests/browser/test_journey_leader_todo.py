"""Journey: a leader finds the report staff submitted in 待办, opens it from there and approves it; the
item leaves 待办."""

import pytest

from reports import services
from reports.models import Report, ReportStatus
from tests.reports.factories import PLAIN, make_report

from .journeys import PASSWORD, expect_text, main_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def submitted(bureau_staff, leader):
    report = make_report(year=2022, user=bureau_staff, blocks=PLAIN)
    services.report_submit(report=report, user=bureau_staff)
    return report


def test_leader_approves_the_submitted_report_from_todo(new_page, sign_in, shot, submitted):
    leader = sign_in("leader", PASSWORD, on=new_page())
    leader.goto("/")  # the home page (the first sign-in ends on the second factor's recovery codes)
    assert leader.locator(".todo-link .badge").inner_text() == "1"
    leader.locator(".todo-link").click()
    assert leader.locator("h1").inner_text() == "待办"
    assert "报告待审核" in main_text(leader)
    shot(leader, "todo")

    leader.get_by_role("link", name=submitted.title).click()
    expect_text(leader, "审核通过")
    leader.fill("#id_written_on", "2023-01-13")
    leader.get_by_role("button", name="审核通过").click()
    expect_text(leader, "已审核通过，可以发布。")
    assert Report.objects.get(pk=submitted.pk).status == ReportStatus.APPROVED

    leader.locator(".todo-link").click()
    assert leader.locator("h1").inner_text() == "待办"
    assert "报告待审核" not in main_text(leader) and leader.locator(".todo-link .badge").count() == 0
    shot(leader, "todo-empty")
