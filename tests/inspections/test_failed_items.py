"""Failed checklist items become hazards the same way from an inspection record and an accepted self-check."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from inspections import services
from inspections.models import Answer, ChecklistItem, Conclusion, Hazard, HazardSource, HazardStatus
from inspections.services.hazards import hazards_from_failed_items

pytestmark = pytest.mark.django_db


def renumbered(checklist) -> list[ChecklistItem]:
    """The checklist's items numbered backwards, so the number order is not the creation order."""
    items = list(checklist.items.order_by("pk"))
    for number, item in enumerate(reversed(items), start=101):
        ChecklistItem.objects.filter(pk=item.pk).update(number=number)
    return items


def answered(checklist, failed: dict) -> dict:
    """Every item passed except `failed` ({item: note})."""
    answers = {str(i.pk): {"r": Answer.PASS, "n": ""} for i in checklist.items.all()}
    answers.update({str(i.pk): {"r": Answer.FAIL, "n": note} for i, note in failed.items()})
    return answers


def registered(**link):
    return [
        (h.description, h.found_on, h.deadline, h.source, h.severity, h.status, services.changes_of(h).get().reason)
        for h in Hazard.objects.filter(**link).order_by("pk")
    ]


def test_an_inspection_s_failed_items_in_item_order(bureau_staff, plan, school_a, officers):
    first, *_, last = renumbered(plan.checklist)
    inspection = services.inspection_create(
        plan=plan,
        organization=school_a,
        inspected_on=date(2021, 5, 10),
        officers=officers[:2],
        answers=answered(plan.checklist, {first: "灭火器过期", last: ""}),
        conclusion=Conclusion.RECTIFY,
        rectify_deadline=date(2021, 6, 10),
        user=bureau_staff,
    )
    found = ("检查发现（婺教检〔2021〕第1号）",)
    common = (date(2021, 5, 10), date(2021, 6, 10), HazardSource.INSPECTION, "general", HazardStatus.OPEN, *found)
    assert registered(inspection=inspection) == [
        (f"{first.text}（不符合）：灭火器过期", *common),
        (f"{last.text}（不符合）", *common),
    ]
    assert set(Hazard.objects.values_list("organization", "created_by")) == {(school_a.pk, bureau_staff.pk)}


def test_a_self_check_s_failed_items_in_number_order(school_admin_a, bureau_staff, selfcheck_a):
    first, *_, last = renumbered(selfcheck_a.checklist)
    answers = answered(selfcheck_a.checklist, {first: "", last: "护栏松动"})
    services.selfcheck_save(
        self_check=selfcheck_a,
        answers=answers,
        summary="",
        files=[],
        user=school_admin_a,
        expected_version=selfcheck_a.version,
        submit=True,
    )
    services.selfcheck_review(
        self_check=selfcheck_a, accept=True, user=bureau_staff, expected_version=selfcheck_a.version
    )
    today = timezone.localdate()
    found = f"自查发现（{selfcheck_a}）"
    common = (today, today + timedelta(days=30), HazardSource.SELF_CHECK, "general", HazardStatus.OPEN, found)
    assert registered(self_check=selfcheck_a) == [
        (f"{last.text}（自查发现）：护栏松动", *common),  # numbered first
        (f"{first.text}（自查发现）", *common),
    ]


def test_one_function_registers_them_for_both(bureau_staff, inspection_a, selfcheck_a):
    item = inspection_a.checklist.items.first()
    answers = {str(item.pk): {"r": Answer.FAIL, "n": "备注"}}
    common = {"items": [item], "answers": answers, "found_on": date(2021, 5, 10), "deadline": date(2021, 6, 1)}
    from_inspection = hazards_from_failed_items(
        **common,
        organization_id=inspection_a.organization_id,
        user=bureau_staff,
        reason="检查发现",
        inspection=inspection_a,
    )
    from_self_check = hazards_from_failed_items(
        **common,
        organization_id=selfcheck_a.organization_id,
        user=bureau_staff,
        reason="自查发现",
        self_check=selfcheck_a,
    )
    assert [(h.source, h.description, h.checklist_item) for h in from_inspection + from_self_check] == [
        (HazardSource.INSPECTION, f"{item.text}（不符合）：备注", item),
        (HazardSource.SELF_CHECK, f"{item.text}（自查发现）：备注", item),
    ]
