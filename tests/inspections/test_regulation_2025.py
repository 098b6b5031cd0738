"""规范涉企行政检查 (国办发〔2024〕54号): the public 检查事项清单, frequency caps and repeat visits."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.stats import REGISTRY
from inspections import services
from inspections.models import CheckMatter, FrequencyRule, Inspection, Plan
from tests.factories import OrganizationFactory

from .factories import (
    ChecklistFactory,
    OfficerFactory,
    PlanFactory,
    SectionFactory,
    all_pass,
    approve_visits,
    publish_matters,
)
from .test_records import record_data


# 检查事项清单 ---------------------------------------------------------------------------------------
def _plan_data(checklist, section):
    return {
        "name": "2025年春季开学核验",
        "kind": "term_start",
        "lead_section": section.pk,
        "starts_on": "2025-03-01",
        "ends_on": "2025-03-31",
        "target_kinds": ["public_primary"],
        "checklist": checklist.pk,
        "planned_count": 10,
    }


def test_a_plan_from_2025_refuses_unpublished_items_and_names_them(staff_client, checklist):
    section = SectionFactory()
    matters = publish_matters(checklist)
    first = matters[0]
    first.published_on = None
    first.save()

    refused = staff_client.post(reverse("inspections:plan_create"), _plan_data(checklist, section))

    page = refused.content.decode()
    assert refused.status_code == 400
    assert f"第{first.item.number}项“{first.item.text}”" in page and "未公布的事项不得检查" in page
    assert not Plan.objects.exists()

    services.matter_publish(matter=first, user=None, on=date(2025, 2, 1))
    assert staff_client.post(reverse("inspections:plan_create"), _plan_data(checklist, section)).status_code == 302


def test_an_item_published_after_the_plan_starts_does_not_count(staff_client, checklist):
    publish_matters(checklist, on=date(2025, 3, 15))
    refused = staff_client.post(reverse("inspections:plan_create"), _plan_data(checklist, SectionFactory()))
    assert refused.status_code == 400 and "2025年3月1日前未在检查事项清单中公布" in refused.content.decode()


def test_plans_before_2025_keep_their_rules(staff_client, checklist):
    data = {**_plan_data(checklist, SectionFactory()), "starts_on": "2021-03-01", "ends_on": "2021-03-31"}
    assert staff_client.post(reverse("inspections:plan_create"), data).status_code == 302


def test_staff_describe_and_publish_an_item(staff_client, checklist):
    item = checklist.items.first()
    section = SectionFactory(name="政策法规科")
    edit = reverse("inspections:matter_edit", args=[item.pk])
    assert staff_client.get(edit).status_code == 200

    missing = staff_client.post(edit, {"body": section.pk, "method": "onsite"})
    assert missing.status_code == 400 and "适用对象" in missing.content.decode()
    saved = staff_client.post(edit, {"body": section.pk, "method": "written", "org_kinds": ["private_school"]})
    assert saved.status_code == 302
    matter = CheckMatter.objects.get(item=item)
    assert matter.published_on is None and matter.get_method_display() == "书面检查"

    published = staff_client.post(
        reverse("inspections:matter_publish", args=[item.pk]),
        {"expected_version": matter.version, "published_on": "2025-01-02"},
    )
    assert published.status_code == 302
    matter.refresh_from_db()
    assert matter.published_on == date(2025, 1, 2)
    assert matter.history.count() == 2  # described, then published: who and when kept


def test_the_public_list_shows_only_published_items_to_anyone(client, checklist):
    published, hidden = list(checklist.items.all()[:2])
    CheckMatter.objects.create(
        item=published, body=SectionFactory(), org_kinds=["private_school"], published_on=date(2025, 1, 2)
    )
    CheckMatter.objects.create(item=hidden, body=SectionFactory(), org_kinds=["private_school"])
    FrequencyRule.objects.create(year=date.today().year, org_kind="private_school", max_visits=2, repeat_days=30)

    page = client.get(reverse("inspections:public_matters"))

    text = page.content.decode()
    assert page.status_code == 200
    assert published.text in text and published.legal_basis in text and "书面检查" not in text
    assert hidden.text not in text
    assert "民办学校" in text and "每年检查不超过" in text  # the year's caps are published with the list
    sheet = client.get(reverse("inspections:public_matters_export"))
    assert sheet.status_code == 200 and "spreadsheetml" in sheet["Content-Type"]


def test_the_public_officer_list_shows_certified_officers_only(client, db):
    valid = OfficerFactory(name="持证甲", certificate_no="浙33070299001")
    OfficerFactory(name="过期乙", valid_until=date(2022, 12, 31))
    page = client.get(reverse("inspections:public_officers"))
    text = page.content.decode()
    assert page.status_code == 200
    assert valid.name in text and valid.certificate_no in text and "过期乙" not in text


# Frequency caps and repeat visits ------------------------------------------------------------------
@pytest.fixture
def year_2025(db, school_a):
    """A 2025 plan over the whole year approved for school A, two certified officers, and a rule: 2 visits
    a year, 30 days apart."""
    checklist = ChecklistFactory()
    publish_matters(checklist)
    plan = PlanFactory(
        checklist=checklist, starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31), target_kinds=["public_primary"]
    )
    FrequencyRule.objects.create(year=2025, org_kind="public_primary", max_visits=2, repeat_days=30)
    approve_visits([school_a], plan=plan, starts_on=plan.starts_on, ends_on=plan.ends_on)
    return plan, OfficerFactory.create_batch(2)


def _approved(plan, organization):
    """`organization` covered by an approved 行政检查审批表 over the plan's period."""
    approve_visits([organization], plan=plan, starts_on=plan.starts_on, ends_on=plan.ends_on)
    return organization


def _visit(plan, officers, org, day, user):
    return services.inspection_create(
        plan=plan,
        organization=org,
        inspected_on=day,
        officers=officers,
        answers=all_pass(plan.checklist),
        conclusion="passed",
        user=user,
    )


def test_a_cap_breach_needs_a_leaders_approval(year_2025, school_a, bureau_staff, leader):
    plan, officers = year_2025
    _visit(plan, officers, school_a, date(2025, 3, 3), bureau_staff)
    _visit(plan, officers, school_a, date(2025, 6, 3), bureau_staff)

    with pytest.raises(ValidationError) as refused:
        _visit(plan, officers, school_a, date(2025, 9, 3), bureau_staff)
    message = refused.value.message_dict["inspected_on"][0]
    assert "2025年已被检查2次" in message and "上限（2次）" in message and "局领导审批" in message

    with pytest.raises(PermissionDenied):
        services.approval_create(organization=school_a, visit_on=date(2025, 9, 3), reason="投诉核查", user=bureau_staff)
    with pytest.raises(ValidationError):
        services.approval_create(organization=school_a, visit_on=date(2025, 9, 3), reason=" ", user=leader)
    approval = services.approval_create(
        organization=school_a, visit_on=date(2025, 9, 3), reason="家长投诉食堂问题，需现场核查", user=leader
    )

    third = _visit(plan, officers, school_a, date(2025, 9, 3), bureau_staff)
    assert third.exceeds_cap and third.approval == approval and third.repeat_of is None
    assert {h.approval_id for h in third.history.all()} == {approval.pk}  # kept in the record's history
    # The approval serves one visit: a fourth is refused again.
    with pytest.raises(ValidationError):
        _visit(plan, officers, school_a, date(2025, 12, 3), bureau_staff)


def test_a_repeat_visit_within_the_window_is_flagged(year_2025, school_a, bureau_staff, leader):
    plan, officers = year_2025
    first = _visit(plan, officers, school_a, date(2025, 5, 6), bureau_staff)
    with pytest.raises(ValidationError) as refused:
        _visit(plan, officers, school_a, date(2025, 5, 20), bureau_staff)
    assert "重复检查" in refused.value.message_dict["inspected_on"][0]

    services.approval_create(organization=school_a, visit_on=date(2025, 5, 20), reason="事故调查", user=leader)
    second = _visit(plan, officers, school_a, date(2025, 5, 20), bureau_staff)
    assert second.repeat_of == first and not second.exceeds_cap

    # Back-entry: counted by the day of the visit, so an earlier visit typed later is a repeat too.
    with pytest.raises(ValidationError):
        _visit(plan, officers, school_a, date(2025, 4, 30), bureau_staff)
    # Outside the window, and another organization, are not repeats.
    other = _visit(plan, officers, _approved(plan, OrganizationFactory()), date(2025, 5, 20), bureau_staff)
    assert other.repeat_of is None


def test_the_recording_form_shows_the_frequency_error_beside_the_date(year_2025, staff_client, school_a, bureau_staff):
    plan, officers = year_2025
    _visit(plan, officers, school_a, date(2025, 5, 6), bureau_staff)
    data = record_data(plan, school_a, officers, inspected_on="2025-05-10")
    page = staff_client.post(f"{reverse('inspections:inspection_create')}?plan={plan.pk}", data)
    assert page.status_code == 400
    assert "重复检查" in " ".join(page.context["form"].errors["inspected_on"])
    assert Inspection.objects.count() == 1


def test_no_rule_no_flag_and_the_2021_year_is_untouched(db, school_a, bureau_staff):
    plan = PlanFactory(starts_on=date(2021, 1, 1), ends_on=date(2021, 12, 31))
    officers = OfficerFactory.create_batch(2)
    FrequencyRule.objects.create(year=2021, org_kind=school_a.kind, max_visits=1, repeat_days=30)
    _visit(plan, officers, school_a, date(2021, 5, 6), bureau_staff)
    again = _visit(plan, officers, school_a, date(2021, 5, 7), bureau_staff)
    assert again.repeat_of is None and not again.exceeds_cap


def test_the_dashboard_figures_equal_their_lists(year_2025, staff_client, school_a, bureau_staff, leader):
    plan, officers = year_2025
    for day in (date(2025, 3, 3), date(2025, 3, 10), date(2025, 9, 1)):
        services.approval_create(organization=school_a, visit_on=day, reason="专项整治", user=leader)
        _visit(plan, officers, school_a, day, bureau_staff)
    _visit(plan, officers, _approved(plan, OrganizationFactory(name="另一所小学")), date(2025, 3, 3), bureau_staff)
    # A name that contains school A's: its visits are not school A's.
    annex = _approved(plan, OrganizationFactory(name=f"{school_a.name}附属幼儿园"))
    _visit(plan, officers, annex, date(2025, 4, 1), bureau_staff)

    page = staff_client.get(reverse("inspections:frequency_dashboard"), {"year": 2025})
    assert page.status_code == 200
    figures = {name: value for name, _, value, _ in page.context["figures"]}
    assert figures == {"repeat_visits": 1, "cap_breaches": 1, "approved_frequency_visits": 2}
    assert page.context["top"][0]["organization"] == school_a and page.context["top"][0]["visits"] == 3
    assert page.context["top"][0]["over"]
    for row in page.context["top"]:  # each organization's link lists exactly its visits
        assert staff_client.get(row["url"]).context["page"].paginator.count == row["visits"]
    for name in ("repeat_visits", "cap_breaches", "approved_frequency_visits"):
        listed = staff_client.get(REGISTRY[f"inspections.{name}"].trace(2025))
        assert listed.context["page"].paginator.count == figures[name]


def test_only_a_leader_approves_in_the_portal(client, bureau_staff, leader, school_a):
    client.force_login(bureau_staff, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("inspections:approval_create")).status_code == 403
    client.force_login(leader, backend="django.contrib.auth.backends.ModelBackend")
    data = {"organization": school_a.pk, "visit_on": "2025-05-20", "reason": "", "approved_on": "2025-05-19"}
    refused = client.post(reverse("inspections:approval_create"), data)
    assert refused.status_code == 400 and "理由" in refused.content.decode()
    saved = client.post(reverse("inspections:approval_create"), {**data, "reason": "举报核查"})
    assert saved.status_code == 302
    approval = school_a.visit_approvals.get()
    assert approval.approved_by == leader and approval.approved_on == date(2025, 5, 19)
    listed = client.get(reverse("inspections:approval_list"))
    assert "举报核查" in listed.content.decode() and "未使用" in listed.content.decode()


def test_the_record_shows_its_flags_and_approval_to_the_bureau(year_2025, client, school_a, bureau_staff, leader):
    plan, officers = year_2025
    first = _visit(plan, officers, school_a, date(2025, 5, 6), bureau_staff)
    services.approval_create(organization=school_a, visit_on=date(2025, 5, 9), reason="食物中毒事件核查", user=leader)
    second = _visit(plan, officers, school_a, date(2025, 5, 9), bureau_staff)
    client.force_login(bureau_staff, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(second.get_absolute_url()).content.decode()
    assert "重复检查" in page and first.number in page and "食物中毒事件核查" in page
