"""扫码入企: one unguessable code per visit, linked to its record; the public page of a code; the scan log."""

import re
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from inspections import services
from inspections.models import Conclusion, Inspection, VisitCode, VisitScan
from inspections.visit_code_selectors import public_url
from tests.factories import OrganizationFactory

from .factories import (
    ChecklistFactory,
    HazardFactory,
    InspectionFactory,
    OfficerFactory,
    PlanFactory,
    all_pass,
    approve_visits,
)

pytestmark = pytest.mark.django_db


def visit(organization, *, recorded: bool = True, days_ago: int = 3, conclusion=Conclusion.PASSED, hazards=0):
    """(code, inspection or None, officers) of `organization`'s visit under a plan of 2025."""
    officers = OfficerFactory.create_batch(2, valid_from=date(2020, 1, 1))
    plan = PlanFactory(starts_on=date(2025, 3, 1), target_kinds=[organization.kind])
    inspection = None
    if recorded:
        day = timezone.localdate() - timedelta(days=days_ago)
        inspection = InspectionFactory(
            plan=plan,
            organization=organization,
            inspected_on=day,
            officers=officers,
            conclusion=conclusion,
            rectify_deadline=day + timedelta(days=30) if conclusion == Conclusion.RECTIFY else None,
        )
        for _ in range(hazards):
            HazardFactory(organization=organization, inspection=inspection)
    return services.visit_code_for(plan, organization), inspection, officers


# A valid rating as the public form posts it.
RATING = {"score": "4", "showed_certificates": "1", "followed_checklist": "1", "no_disruption": "0", "comment": ""}


def test_codes_are_unguessable_and_unique(school_a):
    plan = PlanFactory(starts_on=date(2025, 3, 1))
    codes = [services.visit_code_for(plan, OrganizationFactory()) for _ in range(20)]
    tokens = {c.token for c in codes}
    assert len(tokens) == 20
    # 24 random bytes (secrets.token_urlsafe), URL-safe: nothing of the plan, the organization or the order
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{32}", t) for t in tokens)


def test_visit_code_for_is_idempotent_and_the_database_allows_one_code(school_a):
    plan = PlanFactory(starts_on=date(2025, 3, 1))
    first = services.visit_code_for(plan, school_a)
    assert services.visit_code_for(plan, school_a) == first
    assert VisitCode.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        VisitCode.objects.create(token="another", plan=plan, organization=school_a)
    assert public_url(first).endswith(f"/v/{first.token}/")


def test_two_requests_making_the_same_code_at_once_get_one_code(school_a, monkeypatch):
    plan = PlanFactory(starts_on=date(2025, 3, 1))
    made_first = services.visit_code_for(plan, school_a)
    # The second request looked before the first one's row was committed: it saw none and tries to make one.
    monkeypatch.setattr(VisitCode.objects, "filter", lambda **kwargs: VisitCode.objects.none())
    assert services.visit_code_for(plan, school_a) == made_first
    assert VisitCode.objects.count() == 1


def test_recording_the_visit_links_its_code(school_a, bureau_staff, staff_client):
    checklist = ChecklistFactory()
    plan = PlanFactory(starts_on=date(2025, 3, 1), checklist=checklist, target_kinds=[school_a.kind])
    code = services.visit_code_for(plan, school_a)
    assert not code.visited
    approve_visits([school_a], starts_on=plan.starts_on, ends_on=plan.ends_on, plan=plan)
    record = services.inspection_create(
        plan=plan,
        organization=school_a,
        inspected_on=date(2025, 5, 6),
        officers=OfficerFactory.create_batch(2),
        answers=all_pass(checklist),
        conclusion=Conclusion.PASSED,
        user=bureau_staff,
    )
    code.refresh_from_db()
    assert code.inspection == record
    detail = staff_client.get(record.get_absolute_url()).content.decode()
    assert reverse("inspections:visit_code", args=[plan.pk, school_a.pk]) in detail


def test_a_record_imported_another_way_is_found_when_the_code_is_opened(client, school_a):
    code, _, _ = visit(school_a, recorded=False)
    record = InspectionFactory(plan=code.plan, organization=school_a, inspected_on=date.today())
    page = client.get(code.get_absolute_url())
    code.refresh_from_db()
    assert code.inspection == record and "检查结果" in page.content.decode()


def test_plans_before_2025_have_no_code(staff_client, school_a):
    plan = PlanFactory(starts_on=date(2021, 3, 1), target_kinds=[school_a.kind])
    url = reverse("inspections:visit_code", args=[plan.pk, school_a.pk])
    assert staff_client.get(url).status_code == 404
    assert not VisitCode.objects.exists()


def test_the_public_page_shows_basis_items_officers_and_certificates_on_the_visit_day(client, school_a):
    code, inspection, officers = visit(school_a, conclusion=Conclusion.RECTIFY, hazards=2)
    lapsed = OfficerFactory(name="过期员", valid_from=date(2020, 1, 1), valid_until=date(2024, 12, 31))
    inspection.officers.add(lapsed)
    page = client.get(code.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert school_a.name in text and code.plan.name in text and "《测试依据》" in text
    assert all(item.text in text for item in code.plan.checklist.items.all())
    for officer in officers:
        assert officer.name in text and officer.certificate_no in text
    assert re.search(rf"过期员</td><td[^>]*>{lapsed.certificate_no}</td><td><span class=\"cert-bad\">无效", text)
    assert text.count('class="cert-ok">有效') == 2
    assert "责令整改" in text and "2 项" in text
    assert "inspections/visit_codes.css" in text


def test_before_the_visit_the_page_shows_no_result_and_no_rating_form(client, school_a):
    code, _, _ = visit(school_a, recorded=False)
    text = client.get(code.get_absolute_url()).content.decode()
    assert "尚未检查" in text and "检查结果" not in text and "提交评价" not in text


def test_an_unknown_code_is_a_chinese_404(client):
    page = client.get("/v/not-a-real-code-at-all-0123456789/")
    assert page.status_code == 404 and "页面不存在" in page.content.decode()


def test_each_scan_is_logged_with_its_time_only(client, school_a, staff_client):
    code, _, _ = visit(school_a)
    for _ in range(2):
        client.get(code.get_absolute_url(), REMOTE_ADDR="10.9.8.7", HTTP_USER_AGENT="PhoneBrowser/1.0")
    assert code.scans.count() == 2
    assert {f.name for f in VisitScan._meta.concrete_fields} == {"id", "code", "at"}
    stored = " ".join(str(v) for row in VisitScan.objects.values_list() for v in row)
    assert "10.9.8.7" not in stored and "PhoneBrowser" not in stored
    officer_page = staff_client.get(reverse("inspections:visit_code", args=[code.plan_id, school_a.pk]))
    assert "已扫码</dt><dd>2 次" in officer_page.content.decode()


def test_the_code_expires_when_the_rating_window_closes(client, school_a):
    code, _, _ = visit(school_a, days_ago=31)
    page = client.get(code.get_absolute_url())
    assert page.status_code == 410 and "检查码已过期" in page.content.decode()
    assert Inspection.objects.count() == 1
