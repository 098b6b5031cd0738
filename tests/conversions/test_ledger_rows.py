"""The ledger's rows: what an official reads in each state."""

from datetime import date

import pytest
from django.urls import reverse

from conversions.models import CaseKind, CaseStatus, Dept, Track, TrackStatus
from tests.conversions.factories import CaseFactory

pytestmark = pytest.mark.django_db


def ledger(client, **params) -> str:
    html = client.get(reverse("conversions:case_list"), params).content.decode()
    return html[html.index("<tbody>") : html.index("</tbody>")]


def row_of(html: str, number: str) -> str:
    start = html.rindex("<tr>", 0, html.index(number))
    return html[start : html.index("</tr>", start) + len("</tr>")]


def test_a_row_reads_as_the_ledger_always_did(staff_client, days_ago):
    case = CaseFactory(
        kind=CaseKind.CHANGE,  # 市场监管 and 教育 only: 民政 is 不涉及
        organization__name="<b>星火</b>培训学校",
        assignee__full_name="王窗口",
        opened_on=date(2021, 5, 1),
        due_on=date(2021, 5, 16),
        status=CaseStatus.COMPLETED,
        completed_on=date(2021, 5, 11),
    )
    Track.objects.filter(case=case, department=Dept.MARKET).update(
        status=TrackStatus.DONE, completed_on=date(2021, 5, 8)
    )
    Track.objects.filter(case=case, department=Dept.EDUCATION).update(status=TrackStatus.IN_PROGRESS)
    assert row_of(ledger(staff_client), case.number) == (
        f'<tr><td class="nowrap"><a href="/conversions/cases/{case.pk}/">{case.number}</a></td>'
        '<td>&lt;b&gt;星火&lt;/b&gt;培训学校</td><td>变更</td><td class="nowrap">王窗口</td>'
        '<td class="nowrap">2021年5月1日</td>'
        '<td><span class="tag tag-ok" title="经营范围变更登记">已办结</span></td>'
        '<td><span class="tag tag-warn" title="学科类办学许可证注销">办理中</span></td>'
        '<td><span class="muted">不涉及</span></td>'
        '<td><span class="tag tag-ok">已办结</span></td>'
        '<td class="num">10天</td><td class="num">0/0</td></tr>'
    )


def test_each_case_state_has_its_tag(staff_client, days_ago):
    overdue = CaseFactory(opened_on=days_ago(40), due_on=days_ago(25))
    running = CaseFactory(opened_on=days_ago(3))
    withdrawn = CaseFactory(status=CaseStatus.WITHDRAWN, opened_on=days_ago(40), due_on=days_ago(25))
    html = ledger(staff_client)
    assert '<span class="tag tag-bad">逾期</span>' in row_of(html, overdue.number)
    assert '<td><span class="tag tag-warn">办理中</span></td><td class="num">3天</td>' in row_of(html, running.number)
    assert '<span class="tag tag-muted">已撤销</span>' in row_of(html, withdrawn.number)  # not overdue
    assert row_of(html, running.number).count('title="') == 3  # a new 转登 case: three departments
    assert row_of(html, running.number).count(">未受理</span>") == 3


def test_an_empty_ledger_says_so(staff_client):
    assert "没有符合条件的案件。" in ledger(staff_client)


def test_a_sort_with_ties_pages_through_every_case_once(staff_client, days_ago):
    """25 cases due the same day, sorted by 办结时限: ties are ordered by key, so page 2 continues page
    1 without repeating or skipping a case."""
    cases = CaseFactory.create_batch(25, opened_on=days_ago(3), due_on=days_ago(-12))
    url = reverse("conversions:case_list")
    pages = [list(staff_client.get(url, {"ordering": "-due", "page": n}).context["page"]) for n in (1, 2)]
    assert pages[0] + pages[1] == sorted(cases, key=lambda case: -case.pk)
