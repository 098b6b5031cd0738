"""Recording an inspection: officers, answers, conclusion, numbers, attachments, proposed hazards."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Answer, Conclusion, Inspection, InspectionAttachment
from .common import check_files, save_files, take_number
from .hazards import hazards_from_failed_items

DEFAULT_RECTIFY_DAYS = 30


def check_officers(officers, day) -> None:
    """At least two officers, each holding a certificate valid on `day` (a legal requirement)."""
    officers = list(officers)
    if len(officers) < 2:
        raise ValidationError({"officers": "行政检查须由2名以上持有行政执法证的执法人员实施，请至少选择2人。"})
    invalid = [o.name for o in officers if not o.is_certified_on(day)]
    if invalid:
        raise ValidationError({"officers": f"{'、'.join(invalid)}的行政执法证在检查日期不在有效期内，不能参加检查。"})


def check_answers(answers: dict, checklist) -> dict:
    """Every item of the checklist answered with 合格/不合格/不适用; returns the cleaned answers."""
    items = {str(pk) for pk in checklist.items.values_list("pk", flat=True)}
    cleaned = {}
    for key, value in (answers or {}).items():
        if str(key) in items and value.get("r") in Answer.values:
            cleaned[str(key)] = {"r": value["r"], "n": (value.get("n") or "").strip()[:300]}
    missing = len(items - set(cleaned))
    if missing:
        raise ValidationError({"answers": f"还有{missing}个检查项未填写结果，请逐项检查。"})
    return cleaned


@transaction.atomic
def inspection_create(
    *,
    plan,
    organization,
    inspected_on,
    officers,
    answers: dict,
    conclusion: str,
    user,
    partners=(),
    rectify_deadline=None,
    notes: str = "",
    site_contact: str = "",
    files=(),
) -> Inspection:
    """Record an inspection under `plan`: numbered 婺教检〔year〕第N号; failed items become open hazards."""
    errors = {}
    if organization.kind not in plan.target_kinds:
        errors["organization"] = (
            f"“{organization.name}”（{organization.get_kind_display()}）不在本次行动的检查对象范围内。"
        )
    if inspected_on and not (plan.starts_on <= inspected_on <= plan.ends_on):
        errors["inspected_on"] = (
            f"检查日期应在行动期间（{plan.starts_on:%Y年%-m月%-d日}至{plan.ends_on:%Y年%-m月%-d日}）内。"
        )
    if errors:
        raise ValidationError(errors)
    check_officers(officers, inspected_on)
    answers = check_answers(answers, plan.checklist)
    failed = [int(k) for k, v in answers.items() if v["r"] == Answer.FAIL]
    if failed and conclusion == Conclusion.PASSED:
        raise ValidationError({"conclusion": f"有{len(failed)}个检查项不合格，结论不能为“合格”。"})
    files = check_files(files)
    partners = list(partners)
    inspection = Inspection(
        plan=plan,
        organization=organization,
        inspected_on=inspected_on,
        checklist=plan.checklist,
        answers=answers,
        conclusion=conclusion,
        rectify_deadline=rectify_deadline,
        notes=notes,
        site_contact=site_contact,
        is_joint=bool(partners),
        year=inspected_on.year,
        serial=1,
        created_by=user,
        updated_by=user,
    )
    inspection.full_clean(exclude=["serial"])
    inspection.serial = take_number(kind="inspection", year=inspected_on.year)
    if conclusion == Conclusion.RECTIFY:
        inspection.notice_serial = take_number(kind="notice", year=inspected_on.year)
    inspection.save()
    inspection.officers.set(officers)
    inspection.partners.set(partners)
    save_files(model=InspectionAttachment, owner_field="inspection", owner=inspection, files=files, user=user)
    hazards_from_failed_items(
        items=plan.checklist.items.filter(pk__in=failed).order_by("pk"),
        answers=answers,
        organization_id=organization.pk,
        found_on=inspected_on,
        deadline=rectify_deadline or inspected_on + timedelta(days=DEFAULT_RECTIFY_DAYS),
        user=user,
        reason=f"检查发现（{inspection.number}）",
        inspection=inspection,
    )
    return inspection
