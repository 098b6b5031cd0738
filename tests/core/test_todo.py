"""待办: each role's items come from the records, scoped to the user, in a constant number of queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from conversions.models import CaseStatus
from core.todo import items_for
from inspections.models import DrawnEntity, HazardStatus
from inspections.models.selfchecks import SelfCheckStatus, Term
from reports.models import Report, ReportStatus, SchoolFormStatus
from tests.conversions.factories import CaseFactory
from tests.factories import OrganizationFactory
from tests.inspections.factories import HazardFactory, InspectionFactory, SelfCheckFactory, autumn_random_check
from tests.legalaid.factories import AppointmentFactory
from tests.reports.factories import SchoolReportFormFactory, make_report

TODAY = timezone.localdate()


def titles(user, kind=None):
    return [item.title for item in items_for(user) if kind is None or item.kind == kind]


def returned_hazard(school, **kwargs):
    return HazardFactory(
        organization=school,
        description="消防通道堆放杂物",
        status=HazardStatus.RETURNED,
        returned_on=TODAY - timedelta(days=1),
        return_reason="照片未显示通道已清理",
        **kwargs,
    )


@pytest.mark.django_db
class TestSchool:
    def test_returned_hazard_with_its_reason(self, school_admin_a, school_b):
        returned_hazard(school_admin_a.organization)
        returned_hazard(school_b)  # another school's: never shown
        items = [i for i in items_for(school_admin_a) if i.kind == "整改被退回"]
        assert len(items) == 1
        assert items[0].title == "消防安全：消防通道堆放杂物"
        assert "退回理由：照片未显示通道已清理。" in items[0].detail
        assert items[0].url == reverse("inspections:hazard_detail", args=[items[0].url.split("/")[-2]])

    def test_hazards_due_within_a_week_or_overdue(self, school_admin_a, school_b):
        school = school_admin_a.organization
        HazardFactory(organization=school, description="到期", deadline=TODAY + timedelta(days=7))
        HazardFactory(
            organization=school, description="逾期", found_on=date(2021, 5, 10), deadline=TODAY - timedelta(days=3)
        )
        HazardFactory(organization=school, description="未到期", deadline=TODAY + timedelta(days=8))
        HazardFactory(organization=school, description="已提交", status=HazardStatus.SUBMITTED, deadline=TODAY)
        HazardFactory(organization=school_b, description="别校到期", deadline=TODAY)
        items = [i for i in items_for(school_admin_a) if i.kind == "隐患整改到期"]
        assert [i.title for i in items] == ["消防安全：逾期", "消防安全：到期"]  # overdue first
        assert items[0].overdue and "已逾期" in items[0].detail
        assert not items[1].overdue

    def test_self_check_due_until_submitted(self, school_admin_a):
        term = Term.SPRING if TODAY.month < 8 else Term.AUTUMN
        [item] = [i for i in items_for(school_admin_a) if i.kind == "安全自查"]
        assert item.url == reverse("inspections:selfcheck_create")
        check = SelfCheckFactory(organization=school_admin_a.organization, year=TODAY.year, term=term)
        check.status, check.return_reason = SelfCheckStatus.RETURNED, "缺少照片"
        check.save()
        [item] = [i for i in items_for(school_admin_a) if i.kind == "安全自查"]
        assert "缺少照片" in item.detail and item.url == check.get_absolute_url()
        check.status = SelfCheckStatus.SUBMITTED
        check.save()
        assert not [i for i in items_for(school_admin_a) if i.kind == "安全自查"]

    def test_school_form_of_last_year_due_until_submitted(self, school_admin_a):
        year = TODAY.year - 1
        [item] = [i for i in items_for(school_admin_a) if i.kind == "依法治校年度报告表"]
        assert item.title == f"{year}年度依法治校年度报告表" and item.due == date(TODAY.year, 1, 31)
        form = SchoolReportFormFactory(
            organization=school_admin_a.organization,
            year=year,
            status=SchoolFormStatus.RETURNED,
            return_reason="数据有误",
        )
        [item] = [i for i in items_for(school_admin_a) if i.kind == "依法治校年度报告表"]
        assert "数据有误" in item.detail and item.url == reverse("reports:school_form_edit", args=[form.pk])
        form.status = SchoolFormStatus.SUBMITTED
        form.save()
        assert not [i for i in items_for(school_admin_a) if i.kind == "依法治校年度报告表"]

    def test_home_page_says_a_hazard_was_returned(self, school_a_client, school_admin_a):
        returned_hazard(school_admin_a.organization)
        page = school_a_client.get("/").content.decode()
        assert "被教育局退回" in page and "照片未显示通道已清理" in page


@pytest.mark.django_db
class TestBureau:
    def test_officer_sees_the_inspections_a_draw_assigned(self, bureau_staff, colleague):
        draw = autumn_random_check(colleague)
        entity = DrawnEntity.objects.filter(draw=draw).order_by("rank").first()
        officer = entity.officers.first()
        assert titles(bureau_staff, "待检查") == []  # not linked to an officer
        bureau_staff.officer = officer
        bureau_staff.save()
        assigned = DrawnEntity.objects.filter(draw=draw, officers=officer).order_by("rank")
        items = [i for i in items_for(bureau_staff) if i.kind == "待检查"]
        assert sorted(i.title for i in items) == sorted(e.organization.name for e in assigned)
        [item] = [i for i in items if i.title == entity.organization.name]
        assert item.url == (
            f"{reverse('inspections:inspection_create')}?plan={draw.plan_id}&organization={entity.organization_id}"
        )
        assert item.due == date(2022, 11, 30) and item.overdue
        InspectionFactory(plan=draw.plan, organization=entity.organization, inspected_on=date(2022, 10, 20))
        assert entity.organization.name not in titles(bureau_staff, "待检查")

    def test_leader_sees_a_report_awaiting_approval(self, leader, bureau_staff):
        report = make_report(year=2022)
        assert titles(leader) == []
        Report.objects.filter(pk=report.pk).update(status=ReportStatus.SUBMITTED)
        [item] = items_for(leader)
        assert item.kind == "报告待审核" and item.url == report.get_absolute_url()
        assert titles(bureau_staff, "报告待审核") == []

    def test_contract_expiring_in_30_days_but_not_in_90(self, bureau_staff, school_admin_a):
        soon = AppointmentFactory(organization=OrganizationFactory(name="三十天小学"), end_date=TODAY + timedelta(30))
        AppointmentFactory(organization=OrganizationFactory(name="九十天小学"), end_date=TODAY + timedelta(90))
        renewed = AppointmentFactory(
            organization=OrganizationFactory(name="已续聘小学"), end_date=TODAY + timedelta(20)
        )
        AppointmentFactory(
            organization=renewed.organization, start_date=TODAY + timedelta(21), end_date=TODAY + timedelta(400)
        )
        items = [i for i in items_for(bureau_staff) if i.kind == "法律顾问合同到期"]
        assert [i.title for i in items] == [f"三十天小学 · {soon.lawyer.name}"]
        assert items[0].due == TODAY + timedelta(30)
        assert titles(school_admin_a, "法律顾问合同到期") == []

    def test_conversion_cases_near_their_limit_for_their_assignee(self, bureau_staff, colleague):
        near = CaseFactory(assignee=bureau_staff, opened_on=TODAY - timedelta(12), due_on=TODAY + timedelta(3))
        CaseFactory(assignee=bureau_staff, opened_on=TODAY, due_on=TODAY + timedelta(15))
        CaseFactory(assignee=colleague, opened_on=TODAY - timedelta(12), due_on=TODAY + timedelta(3))
        CaseFactory(
            assignee=bureau_staff,
            opened_on=TODAY - timedelta(20),
            due_on=TODAY - timedelta(5),
            status=CaseStatus.COMPLETED,
            completed_on=TODAY - timedelta(6),
        )
        items = [i for i in items_for(bureau_staff) if i.kind == "营转非办结时限"]
        assert [i.url for i in items] == [near.get_absolute_url()]

    def test_rectifications_and_self_checks_awaiting_the_bureau(self, bureau_staff, leader, school_a):
        HazardFactory(organization=school_a, status=HazardStatus.SUBMITTED, submitted_on=TODAY, description="待核")
        SelfCheckFactory(organization=school_a, status=SelfCheckStatus.SUBMITTED, submitted_on=date(2021, 6, 1))
        assert titles(bureau_staff, "整改待核验") == ["测试甲小学 · 消防安全：待核"]
        assert len(titles(bureau_staff, "自查待审核")) == 1
        assert titles(leader) == []  # the leader neither verifies nor reviews


@pytest.mark.django_db
def test_constant_queries_per_role(bureau_staff, school_admin_a, leader):
    """The number of queries does not grow with the rows."""
    bureau_staff.officer = autumn_random_check(bureau_staff).entities.first().officers.first()
    bureau_staff.save()

    def counts():
        result = {}
        for user in (bureau_staff, school_admin_a, leader):
            with CaptureQueriesContext(connection) as ctx:
                items_for(user)
            result[user.role] = len(ctx)
        return result

    before = counts()
    for n in range(3):
        returned_hazard(school_admin_a.organization)
        HazardFactory(organization=school_admin_a.organization, status=HazardStatus.SUBMITTED, deadline=TODAY)
        AppointmentFactory(end_date=TODAY + timedelta(10))
        CaseFactory(assignee=bureau_staff, opened_on=TODAY - timedelta(12), due_on=TODAY + timedelta(3))
        Report.objects.filter(pk=make_report(year=2022 + n).pk).update(status=ReportStatus.SUBMITTED)
    assert counts() == before
    # staff: drawn, combined visits, this year's combinable draws (综合查一次), hazards to verify, self-checks to
    # review, contracts, cases, returned 审批表, 回避 requests; school: hazards, self-check, school form, 检查通知;
    # leader: reports, 审批表 awaiting approval.
    assert before == {Role.BUREAU_STAFF: 9, Role.SCHOOL_ADMIN: 4, Role.LEADER: 2}


@pytest.mark.django_db
class TestPage:
    @pytest.mark.parametrize("persona", ["staff_client", "leader_client", "school_a_client", "school_b_client"])
    def test_page_for_each_role(self, persona, request):
        response = request.getfixturevalue(persona).get("/todo/")
        assert response.status_code == 200
        assert "待办" in response.content.decode()

    def test_anonymous_is_sent_to_sign_in(self, client):
        response = client.get("/todo/")
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]

    def test_empty_state(self, leader_client):
        assert "目前没有待办事项" in leader_client.get("/todo/").content.decode()

    def test_grouped_overdue_marked_and_badge(self, school_a_client, school_admin_a, school_b):
        returned_hazard(school_admin_a.organization, deadline=TODAY - timedelta(days=2), found_on=date(2021, 5, 1))
        returned_hazard(school_b)
        page = school_a_client.get("/todo/").content.decode()
        assert "整改被退回" in page and "已逾期" in page and "照片未显示通道已清理" in page
        count = len(items_for(school_admin_a))
        assert f'<span class="badge">{count}</span>' in page
        assert page.count("消防通道堆放杂物") == 1  # school B's is not there
