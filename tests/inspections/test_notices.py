"""行政检查审批表 (国办发〔2024〕54号): staff draft and submit, a 局领导 approves or returns; from 2025 a visit is
recorded only under an approved form; each organization gets a numbered 检查通知."""

import threading
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from core.todo import items_for
from inspections import services
from inspections.models import ApprovalStatus, CheckApproval, CheckNotice, FrequencyRule
from tests.factories import OrganizationFactory

from .factories import (
    ChecklistFactory,
    InspectionFactory,
    OfficerFactory,
    PlanFactory,
    all_pass,
    approve_visits,
    approved_notice,
    submitted_approval,
)
from .test_records import post, record_data

pytestmark = pytest.mark.django_db


def _kinds(user) -> set[str]:
    return {item.kind for item in items_for(user)}


# Drafting and deciding ---------------------------------------------------------------------------
def test_staff_draft_in_the_portal_and_a_leader_approves_it(staff_client, client, leader, school_a, school_b):
    officers = OfficerFactory.create_batch(2)
    checklist = ChecklistFactory()
    data = {
        "kind": "visit",
        "checklist": checklist.pk,
        "basis": "《中小学幼儿园安全管理办法》第五十条",
        "starts_on": "2026-03-02",
        "organizations": [school_a.pk],
        "officers": [o.pk for o in officers],
    }
    refused = staff_client.post(reverse("inspections:check_approval_create"), {**data, "organizations": []})
    assert refused.status_code == 400 and "请至少选择1个被检查机构" in refused.content.decode()
    two = staff_client.post(
        reverse("inspections:check_approval_create"), {**data, "organizations": [school_a.pk, school_b.pk]}
    )
    assert two.status_code == 400 and "单次检查请选择1个被检查机构" in two.content.decode()

    created = staff_client.post(reverse("inspections:check_approval_create"), data)
    approval = CheckApproval.objects.get()
    assert created.status_code == 302 and approval.status == ApprovalStatus.DRAFT
    assert approval.ends_on == date(2026, 3, 2)
    staff_client.post(reverse("inspections:check_approval_submit", args=[approval.pk]), {"on": "2026-02-20"})
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.SUBMITTED and approval.submitted_on == date(2026, 2, 20)
    # Staff cannot decide (403 by role); the leader sees it in 待办 and approves with the day of the decision.
    assert staff_client.post(reverse("inspections:check_approval_decide", args=[approval.pk])).status_code == 403
    assert "行政检查待审批" in _kinds(leader)
    client.force_login(leader, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(approval.get_absolute_url()).content.decode()
    assert "批准" in page and "退回" in page
    done = client.post(
        reverse("inspections:check_approval_decide", args=[approval.pk]), {"decision": "approve", "on": "2026-02-25"}
    )
    assert done.status_code == 302
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.APPROVED and approval.decided_by == leader
    assert approval.decided_on == date(2026, 2, 25)
    notice = CheckNotice.objects.get()
    assert notice.organization == school_a and notice.number == "婺教检通〔2026〕1号"
    assert set(notice.officers.all()) == set(officers)
    assert "行政检查待审批" not in _kinds(leader)
    assert [h.status for h in approval.history.order_by("history_id")][-3:] == ["draft", "submitted", "approved"]


def test_a_leader_returns_with_a_reason_and_staff_submit_again(bureau_staff, leader, school_a):
    approval = submitted_approval([school_a], staff=bureau_staff)
    with pytest.raises(ValidationError) as no_reason:
        services.check_approval_return(approval=approval, reason=" ", user=leader)
    assert no_reason.value.message_dict["reason"] == ["请写明退回理由。"]
    with pytest.raises(PermissionDenied):
        services.check_approval_return(approval=approval, reason="依据不充分", user=bureau_staff)
    services.check_approval_return(approval=approval, reason="检查依据未写明条款", user=leader)
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.RETURNED and not approval.notices.exists()
    returned = [i for i in items_for(bureau_staff) if i.kind == "审批表被退回"]
    assert returned and "检查依据未写明条款" in returned[0].detail
    services.check_approval_submit(approval=approval, user=bureau_staff)
    assert "审批表被退回" not in _kinds(bureau_staff)
    assert CheckApproval.objects.get().status == ApprovalStatus.SUBMITTED


def test_school_and_staff_cannot_approve(client, school_admin_a, bureau_staff, school_a):
    approval = submitted_approval([school_a], staff=bureau_staff)
    with pytest.raises(PermissionDenied):
        services.check_approval_approve(approval=approval, user=bureau_staff)
    client.force_login(school_admin_a, backend="django.contrib.auth.backends.ModelBackend")
    for name in ("check_approval_detail", "check_approval_decide"):
        assert client.post(reverse(f"inspections:{name}", args=[approval.pk])).status_code == 403
    assert client.get(reverse("inspections:check_approval_list")).status_code == 403
    assert CheckApproval.objects.get().status == ApprovalStatus.SUBMITTED


# Numbers -------------------------------------------------------------------------------------------
def test_notice_numbers_are_sequential_per_year_and_unique(bureau_staff, leader):
    orgs = OrganizationFactory.create_batch(3)
    first = approved_notice(orgs[0], staff=bureau_staff, leader=leader)
    plan = PlanFactory(starts_on=date(2026, 1, 5), ends_on=date(2026, 6, 30))
    approval = services.check_approval_create(
        data={"kind": "plan", "plan": plan, "basis": "年度检查计划", "checklist": None},
        organizations=orgs[1:],
        officers=OfficerFactory.create_batch(2),
        user=bureau_staff,
    )
    services.check_approval_submit(approval=approval, user=bureau_staff, on=date(2026, 1, 2))
    services.check_approval_approve(approval=approval, user=leader, on=date(2026, 1, 3))
    back_entered = submitted_approval([orgs[0]], staff=bureau_staff, starts_on=date(2025, 4, 1))
    services.check_approval_approve(approval=back_entered, user=leader, on=date(2025, 4, 1))
    numbers = list(CheckNotice.objects.order_by("year", "serial").values_list("year", "serial"))
    year = first.year
    assert numbers[0] == (2025, 1)  # the back-entered approval of 2025 takes 2025's first number
    assert sorted(s for y, s in numbers if y == year) == list(range(1, 4))
    assert approval.checklist == plan.checklist and approval.ends_on == date(2026, 6, 30)
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckNotice.objects.create(
            approval=back_entered, organization=orgs[1], year=2025, serial=1, issued_on=date(2025, 4, 1)
        )


@pytest.mark.django_db(transaction=True)
def test_two_leaders_approving_at_once_never_share_a_number(bureau_staff, leader):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serializes writers")
    approvals = [submitted_approval([OrganizationFactory()], staff=bureau_staff) for _ in range(4)]

    def approve(approval):
        try:
            services.check_approval_approve(approval=approval, user=leader)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(a,)) for a in approvals]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(CheckNotice.objects.values_list("serial", flat=True)) == [1, 2, 3, 4]


# The rule of 2025 ---------------------------------------------------------------------------------
@pytest.fixture
def plan_2025(db):
    return PlanFactory(starts_on=date(2025, 3, 1), ends_on=date(2025, 6, 30), target_kinds=["public_primary"])


UNAPPROVED = "没有经局领导批准的行政检查审批表"


def test_a_2025_record_without_an_approved_form_is_refused_in_chinese(staff_client, plan_2025, school_a):
    officers = OfficerFactory.create_batch(2)
    data = record_data(plan_2025, school_a, officers, inspected_on="2025-05-10")
    response = post(staff_client, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert f"“{school_a.name}”2025年5月10日的检查{UNAPPROVED}" in page and "未经批准不得实施检查" in page
    assert not school_a.inspections.exists()


def test_a_form_covers_its_organizations_over_its_period_from_the_day_it_was_approved(
    bureau_staff, plan_2025, school_a, school_b
):
    officers = OfficerFactory.create_batch(2)

    def record(org, day):
        return services.inspection_create(
            plan=plan_2025,
            organization=org,
            inspected_on=day,
            officers=officers,
            answers=all_pass(plan_2025.checklist),
            conclusion="passed",
            user=bureau_staff,
        )

    approval = approve_visits([school_a], plan=plan_2025, starts_on=date(2025, 5, 1), ends_on=date(2025, 5, 31))
    assert record(school_a, date(2025, 5, 10)).organization == school_a  # accepted (a back-entry of 2025)
    for org, day in ((school_b, date(2025, 5, 10)), (school_a, date(2025, 6, 2))):
        with pytest.raises(ValidationError) as refused:
            record(org, day)
        assert [e.code for e in refused.value.error_dict["inspected_on"]] == ["unapproved"]
    # Approved after the visit: does not cover it.
    CheckApproval.objects.filter(pk=approval.pk).update(decided_on=date(2025, 5, 12))
    with pytest.raises(ValidationError):
        record(school_a, date(2025, 5, 11))
    # A returned form covers nothing.
    CheckApproval.objects.filter(pk=approval.pk).update(decided_on=date(2025, 5, 1), status=ApprovalStatus.RETURNED)
    with pytest.raises(ValidationError):
        record(school_a, date(2025, 5, 20))


def test_visits_before_2025_need_no_form(bureau_staff, plan, school_a, officers):
    inspection = services.inspection_create(
        plan=plan,
        organization=school_a,
        inspected_on=date(2024, 12, 31),
        officers=officers[:2],
        answers=all_pass(plan.checklist),
        conclusion="passed",
        user=bureau_staff,
    )
    assert inspection.pk


def test_the_notice_states_the_year_s_count_so_far_and_the_cap(bureau_staff, leader, school_a):
    year = date.today().year
    FrequencyRule.objects.create(year=year, org_kind=school_a.kind, max_visits=3, repeat_days=0)
    InspectionFactory(organization=school_a, inspected_on=date(year, 1, 2), plan__starts_on=date(year, 1, 1))
    notice = approved_notice(school_a, staff=bureau_staff, leader=leader)
    assert (notice.visits_before, notice.cap) == (1, 3)


def test_the_approved_visits_figure_equals_its_list(staff_client, bureau_staff, leader):
    from core.stats import REGISTRY

    orgs = OrganizationFactory.create_batch(3)
    for org in orgs[:2]:
        approved_notice(org, staff=bureau_staff, leader=leader)
    submitted_approval([orgs[2]], staff=bureau_staff)  # not approved: not counted
    back = submitted_approval([orgs[2]], staff=bureau_staff, starts_on=date(2025, 4, 1))
    services.check_approval_approve(approval=back, user=leader, on=date(2025, 4, 1))  # another year
    stat = REGISTRY["inspections.approved_visits"]
    year = date.today().year
    assert stat.value(year) == 2 and stat.value(2025) == 1
    page = staff_client.get(stat.url(year)).content.decode()
    assert "共 2 份" in page and page.count("婺教检通〔") == 2
