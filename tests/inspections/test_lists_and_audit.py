"""Lists keep a constant query count, exports are scoped, every transition leaves an audit record."""

import io

import openpyxl
import pytest
from django.urls import reverse

from directory.models import OrgKind
from inspections import services
from inspections.models import StatusChange
from tests.factories import OrganizationFactory

from .factories import AssessmentFactory, InspectionFactory, OfficerFactory, PlanFactory, SelfCheckFactory
from .test_hazards import signed_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url_name", "make"),
    [
        ("inspections:plan_list", lambda n: [InspectionFactory(plan=PlanFactory()) for _ in range(n)]),
        ("inspections:officer_list", lambda n: OfficerFactory.create_batch(n)),
        ("inspections:assessment_list", lambda n: AssessmentFactory.create_batch(n)),
        ("inspections:checklist_list", lambda n: [PlanFactory() for _ in range(n)]),
    ],
)
@pytest.mark.usefixtures("header_count_off")
def test_list_query_count_does_not_grow(staff_client, django_assert_max_num_queries, url_name, make):
    make(3)
    url = reverse(url_name)
    staff_client.get(url)
    with django_assert_max_num_queries(20) as small:
        staff_client.get(url)
    make(15)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert staff_client.get(url).status_code == 200


def _rows(response) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]


def test_school_exports_hold_only_its_own_rows(school_admin_a, school_a, school_b):
    SelfCheckFactory(organization=school_a)
    SelfCheckFactory(organization=school_b)
    AssessmentFactory(organization=school_a)
    AssessmentFactory(organization=school_b)
    client = signed_in(school_admin_a)
    for name in ("selfcheck_export", "assessment_export", "smart_campus_export"):
        rows = _rows(client.get(reverse(f"inspections:{name}")))
        assert all(row[0] == school_a.name for row in rows), name
    assert [r[0] for r in _rows(client.get(reverse("inspections:selfcheck_export")))] == [school_a.name]
    for name in ("plan_export", "officer_export", "exam_export"):
        assert client.get(reverse(f"inspections:{name}")).status_code == 403


def test_leader_reads_but_cannot_write(leader, hazard_a, plan):
    client = signed_in(leader)
    assert client.get(reverse("inspections:dashboard")).status_code == 200
    assert client.get(hazard_a.get_absolute_url()).status_code == 200
    assert client.get(reverse("inspections:hazard_plan", args=[hazard_a.pk])).status_code == 403
    assert (
        client.post(reverse("inspections:hazard_verify", args=[hazard_a.pk]), {"decision": "accept"}).status_code == 403
    )
    assert client.get(reverse("inspections:draw_create", args=[plan.pk])).status_code == 403


def test_draw_and_publication_transitions_are_audited(bureau_staff):
    OfficerFactory.create_batch(2)
    OrganizationFactory.create_batch(3)
    plan = PlanFactory(target_kinds=[OrgKind.PUBLIC_PRIMARY])
    draw = services.draw_commit(plan=plan, quotas={OrgKind.PUBLIC_PRIMARY: 2}, user=bureau_staff)
    services.draw_perform(draw=draw, user=bureau_staff)
    services.plan_publish_results(plan=plan, user=bureau_staff)
    log = list(StatusChange.objects.order_by("id").values_list("from_status", "to_status", "by__username"))
    assert log == [
        ("", "committed", "staff"),
        ("committed", "drawn", "staff"),
        ("results_unpublished", "results_published", "staff"),
    ]
    with pytest.raises(Exception, match="已经公开"):
        services.plan_publish_results(plan=plan, user=bureau_staff)


def test_selfcheck_transitions_are_audited(school_admin_a, bureau_staff, selfcheck_a):
    answers = {str(pk): {"r": "pass"} for pk in selfcheck_a.checklist.items.values_list("pk", flat=True)}
    services.selfcheck_save(
        self_check=selfcheck_a,
        answers=answers,
        summary="",
        files=[],
        user=school_admin_a,
        expected_version=selfcheck_a.version,
    )
    services.selfcheck_submit(self_check=selfcheck_a, user=school_admin_a)
    services.selfcheck_review(
        self_check=selfcheck_a, accept=False, reason="补充材料", user=bureau_staff, expected_version=selfcheck_a.version
    )
    log = list(StatusChange.objects.order_by("id").values_list("from_status", "to_status", "reason", "by__username"))
    assert log == [("draft", "submitted", "", "school_a"), ("submitted", "returned", "补充材料", "staff")]
