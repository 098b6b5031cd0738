"""Officers, exams, checklist versions, plans, campus safety."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections import services
from inspections.models import ChecklistStatus, Grade, Officer, Plan, SafetyAssessment, SmartCampus

from .factories import AssessmentFactory, ChecklistFactory, InspectionFactory, OfficerFactory, SmartCampusFactory
from .test_hazards import signed_in

pytestmark = pytest.mark.django_db


def test_officer_certificate_is_checked_and_expiry_flagged(staff_client):
    section = OfficerFactory().section
    bad = staff_client.post(
        reverse("inspections:officer_create"),
        {
            "name": "新执法员",
            "certificate_no": "abc",
            "valid_from": "2021-01-01",
            "valid_until": "2020-01-01",
            "section": section.pk,
            "active": "on",
        },
    )
    body = bad.content.decode()
    assert bad.status_code == 400 and "行政执法证号格式不正确" in body
    assert not Officer.objects.filter(name="新执法员").exists()
    OfficerFactory(name="过期的", valid_until=date(2020, 1, 1))
    page = staff_client.get(reverse("inspections:officer_list")).content.decode()
    assert "证件已过期" in page
    expired = staff_client.get(reverse("inspections:officer_list"), {"certified": "expired"}).context["page"]
    assert [o.name for o in expired] == ["过期的"]


def test_exam_records_once_per_person_and_year(staff_client):
    data = {"year": 2021, "name": "张三", "category": "cadre", "score": "90", "passed": "on"}
    assert staff_client.post(reverse("inspections:exam_create"), data).status_code == 302
    again = staff_client.post(reverse("inspections:exam_create"), data)
    assert again.status_code == 400


def test_new_checklist_version_leaves_old_inspections_on_their_version(bureau_staff, staff_client, checklist):
    inspection = InspectionFactory(plan__checklist=checklist)
    draft = services.checklist_new_version(checklist=checklist, user=bureau_staff, notes="增补防诈骗")
    assert draft.version == 2 and draft.items.count() == 10 and draft.status == ChecklistStatus.DRAFT
    assert staff_client.get(reverse("inspections:checklist_items", args=[checklist.pk])).status_code == 302
    formset = {"form-TOTAL_FORMS": 11, "form-INITIAL_FORMS": 10, "form-MIN_NUM_FORMS": 0, "form-MAX_NUM_FORMS": 1000}
    for i, item in enumerate(draft.items.all()):
        formset.update(
            {
                f"form-{i}-id": item.pk,
                f"form-{i}-number": item.number,
                f"form-{i}-area": item.area,
                f"form-{i}-text": item.text,
                f"form-{i}-legal_basis": item.legal_basis,
            }
        )
    formset.update(
        {
            "form-10-number": 11,
            "form-10-area": "bullying",
            "form-10-text": "开展防诈骗教育",
            "form-10-legal_basis": "《反电信网络诈骗法》",
        }
    )
    assert staff_client.post(reverse("inspections:checklist_items", args=[draft.pk]), formset).status_code == 302
    staff_client.post(reverse("inspections:checklist_publish", args=[draft.pk]))
    checklist.refresh_from_db()
    draft.refresh_from_db()
    assert draft.status == ChecklistStatus.PUBLISHED and draft.items.count() == 11
    assert checklist.status == ChecklistStatus.RETIRED and checklist.items.count() == 10
    inspection.refresh_from_db()
    assert inspection.checklist == checklist
    # A published version cannot be changed.
    with pytest.raises(Exception, match="不能修改"):
        services.checklist_items_save(checklist=draft, formset=None, user=bureau_staff)


def test_plan_create_with_partners_and_date_check(staff_client, checklist):
    section = OfficerFactory().section
    from tests.factories import DepartmentFactory

    partner = DepartmentFactory(name="区市场监管局（测试）")
    data = {
        "name": "春季开学核验",
        "kind": "term_start",
        "lead_section": section.pk,
        "starts_on": "2021-03-01",
        "ends_on": "2021-02-01",
        "target_kinds": ["public_kindergarten"],
        "checklist": checklist.pk,
        "planned_count": 10,
        "partners": [partner.pk],
    }
    bad = staff_client.post(reverse("inspections:plan_create"), data)
    assert bad.status_code == 400 and "结束日期不能早于开始日期" in bad.content.decode()
    assert staff_client.post(reverse("inspections:plan_create"), {**data, "ends_on": "2021-03-31"}).status_code == 302
    plan = Plan.objects.get()
    assert list(plan.partners.all()) == [partner] and plan.target_kinds == ["public_kindergarten"]
    assert (
        staff_client.post(
            reverse("inspections:plan_create"),
            {**data, "ends_on": "2021-03-31", "checklist": ChecklistFactory(status="draft").pk},
        ).status_code
        == 400
    )


def test_smart_campus_and_assessment_grades(staff_client, school_a):
    record = SmartCampusFactory(organization=school_a, base_systems=["video"])
    assert not record.is_complete
    response = staff_client.post(
        reverse("inspections:smart_campus_edit", args=[record.pk]),
        {
            "sites": 2,
            "base_systems": ["video", "face", "vehicle", "visitor", "phone_mac"],
            "optional_systems": ["bollard"],
            "completed_on": "2021-06-01",
            "police_linked": "on",
            "expected_version": record.version,
        },
    )
    record.refresh_from_db()
    assert response.status_code == 302 and record.is_complete and record.sites == 2
    data = {
        "organization": school_a.pk,
        "year": 2021,
        "score_organization": 15,
        "score_security": 15,
        "score_fire": 12,
        "score_food": 15,
        "score_traffic": 10,
        "score_drowning": 10,
        "score_hazards": 10,
        "score_emergency": 10,
        "veto": ["concealment"],
        "inspector_group": "第一督查组",
    }
    assert staff_client.post(reverse("inspections:assessment_create"), data).status_code == 302
    assessment = SafetyAssessment.objects.get()
    assert assessment.total == 97 and assessment.grade == Grade.FAILED
    over = staff_client.post(reverse("inspections:assessment_create"), {**data, "year": 2020, "score_fire": 16})
    assert over.status_code == 400
    AssessmentFactory(year=2021)
    below = staff_client.get(reverse("inspections:assessment_list"), {"year": "2021", "below_full": "true"})
    assert [a.organization for a in below.context["page"]] == [school_a]


def test_school_sees_its_own_campus_records_only(school_admin_a, school_a, school_b):
    SmartCampusFactory(organization=school_a)
    SmartCampusFactory(organization=school_b)
    mine = AssessmentFactory(organization=school_a)
    theirs = AssessmentFactory(organization=school_b)
    client = signed_in(school_admin_a)
    assert [r.organization for r in client.get(reverse("inspections:smart_campus_list")).context["page"]] == [school_a]
    assert client.get(reverse("inspections:assessment_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("inspections:assessment_detail", args=[theirs.pk])).status_code == 404


def test_campus_records_are_scoped_by_the_one_organization_rule(
    bureau_staff, leader, school_admin_a, school_admin_b, school_a, school_b
):
    """智安校园 and 平安校园 records follow OrganizationScopedQuerySet.visible_to, like every school record."""
    from inspections import selectors

    campuses = {school: SmartCampusFactory(organization=school) for school in (school_a, school_b)}
    assessments = {school: AssessmentFactory(organization=school) for school in (school_a, school_b)}
    for user, schools in (
        (bureau_staff, [school_a, school_b]),
        (leader, [school_a, school_b]),
        (school_admin_a, [school_a]),
        (school_admin_b, [school_b]),
    ):
        assert set(SmartCampus.objects.visible_to(user)) == {campuses[s] for s in schools}
        assert set(selectors.smart_campuses_for_user(user)) == {campuses[s] for s in schools}
        assert set(SafetyAssessment.objects.visible_to(user)) == {assessments[s] for s in schools}
        assert set(selectors.assessments_for_user(user)) == {assessments[s] for s in schools}


def test_module_landing_page_by_role(school_a_client, hazard_a):
    page = school_a_client.get(reverse("inspections:index"))
    assert "本校待整改隐患" in page.content.decode() and hazard_a.description in page.content.decode()


def test_dashboard_draws_svg_bars(staff_client, inspection_a):
    page = staff_client.get(reverse("inspections:dashboard"), {"year": 2021}).content.decode()
    assert "<svg" in page and inspection_a.plan.name[:10] in page and "行政检查总数" in page


def test_timezone_today_is_used_for_certificates(officers):
    assert Officer.objects.certified_on(timezone.localdate()).count() == 3


@pytest.mark.usefixtures("header_count_off")
def test_smart_campus_summary_counts_without_reading_every_record(staff_client, django_assert_max_num_queries):
    SmartCampusFactory(sites=2)
    SmartCampusFactory(sites=3, base_systems=["video"], police_linked=False)  # not complete, not linked
    SmartCampusFactory(sites=1, completed_on=None)
    url = reverse("inspections:smart_campus_list")
    summary = staff_client.get(url).context["summary"]
    assert summary == {"schools": 3, "sites": 6, "complete": 1, "linked": 2}
    with django_assert_max_num_queries(12) as small:
        staff_client.get(url)
    SmartCampusFactory.create_batch(10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert staff_client.get(url).context["summary"]["schools"] == 13
