"""Recording an inspection: officers, answers, conclusion, numbers, attachments, proposed hazards."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from ..combined_selectors import union_binding, union_failed_items, union_item_ids
from ..models import Answer, Conclusion, DrawnEntity, Inspection, InspectionAttachment, Substitution
from .common import check_files, save_files, take_number
from .hazards import hazards_from_failed_items
from .notices import check_approved
from .regulation import check_frequency
from .visit_codes import visit_code_link

DEFAULT_RECTIFY_DAYS = 30


def check_officers(officers, day) -> None:
    """At least two officers, each holding a certificate valid on `day` (a legal requirement)."""
    officers = list(officers)
    if len(officers) < 2:
        raise ValidationError({"officers": "行政检查须由2名以上持有行政执法证的执法人员实施，请至少选择2人。"})
    invalid = [o.name for o in officers if not o.is_certified_on(day)]
    if invalid:
        raise ValidationError({"officers": f"{'、'.join(invalid)}的行政执法证在检查日期不在有效期内，不能参加检查。"})


def check_answers(answers: dict, checklist, *, item_ids=None) -> dict:
    """Every item of the checklist (or of `item_ids`, a combined visit's union) answered with
    合格/不合格/不适用; returns the cleaned answers."""
    items = {str(pk) for pk in (item_ids if item_ids is not None else checklist.items.values_list("pk", flat=True))}
    cleaned = {}
    for key, value in (answers or {}).items():
        if str(key) in items and value.get("r") in Answer.values:
            cleaned[str(key)] = {"r": value["r"], "n": (value.get("n") or "").strip()[:300]}
    missing = len(items - set(cleaned))
    if missing:
        raise ValidationError({"answers": f"还有{missing}个检查项未填写结果，请逐项检查。"})
    return cleaned


def duplicates_of(*, plan, organization, inspected_on):
    """Records already made for the same organization, plan and date (the same visit typed twice?)."""
    return Inspection.objects.filter(plan=plan, organization=organization, inspected_on=inspected_on)


def _merge(errors: dict, exc: ValidationError) -> None:
    """Add a field-keyed ValidationError's errors to `errors`, keeping their codes."""
    exc.update_error_dict(errors)


def check_substitution(*, drawn: DrawnEntity | None, officers, reason: str, note: str) -> tuple[str, str]:
    """A drawn organization is inspected by its drawn officers, or the record says why not.

    Returns the (reason, note) to store: blank when the officers are the drawn ones.
    """
    if drawn is None:
        return "", ""
    drawn_ids = {o.pk for o in drawn.officers.all()}
    if {o.pk for o in officers} == drawn_ids:
        return "", ""
    names = "、".join(o.name for o in drawn.officers.all())
    label = getattr(drawn, "label", None) or f"第{drawn.draw.sequence}次抽取"
    if not reason:
        raise ValidationError(
            {
                "substitution_reason": ValidationError(
                    f"该机构是双随机抽中对象（{label}），"
                    f"抽取的执法人员为{names}。实际检查人员与抽取结果不同，请选择人员调整原因。",
                    code="substitution",
                )
            }
        )
    if reason not in Substitution.values:
        raise ValidationError({"substitution_reason": "请从列表中选择人员调整原因。"})
    if reason == Substitution.OTHER and not note.strip():
        raise ValidationError({"substitution_note": "人员调整原因为“其他”时，请写明具体原因。"})
    return reason, note.strip()


def check_inspection(
    *,
    plan,
    organization,
    inspected_on,
    officers,
    substitution_reason: str = "",
    substitution_note: str = "",
    separate_visit: bool = False,
    combined=None,
) -> tuple[str, str]:
    """Every rule a new inspection record meets, whether typed in the form or imported; all problems at once.

    - the organization is a target of the plan, and the date lies within the plan's period;
    - at least two officers, each certified on the date;
    - a drawn organization (双随机) is inspected by its drawn officers, or a substitution reason is given
      (error code "substitution" on `substitution_reason`);
    - a record for the same organization, plan and date already exists: refused unless the user
      confirms a separate visit (error code "duplicate" on `inspected_on`);
    - from 2025, a visit over the year's cap for the organization's kind or within the repeat window
      needs a leader's approval for that organization and day (error code "frequency" on `inspected_on`);
    - a combined visit (综合查一次, `combined`) is bound by the union of its plans' drawn officers.
    - from 2025, an approved 行政检查审批表 covers the organization on the day (code "unapproved").

    Raises one ValidationError keyed by field; returns the (reason, note) of the substitution to store.
    """
    errors: dict[str, list] = {}
    if organization.kind not in plan.target_kinds:
        errors["organization"] = [
            f"“{organization.name}”（{organization.get_kind_display()}）不在本次行动的检查对象范围内。"
        ]
    in_period = inspected_on and plan.starts_on <= inspected_on <= plan.ends_on
    if inspected_on and not in_period:
        errors["inspected_on"] = [
            f"检查日期应在行动期间（{plan.starts_on:%Y年%-m月%-d日}至{plan.ends_on:%Y年%-m月%-d日}）内。"
        ]
    officers = list(officers)
    if inspected_on:
        try:
            check_officers(officers, inspected_on)
        except ValidationError as exc:
            _merge(errors, exc)
    stored = ("", "")
    try:
        drawn = (
            union_binding(combined)
            if combined is not None
            else DrawnEntity.objects.binding(plan_id=plan.pk, organization_id=organization.pk)
        )
        stored = check_substitution(
            drawn=drawn,
            officers=officers,
            reason=substitution_reason,
            note=substitution_note,
        )
    except ValidationError as exc:
        _merge(errors, exc)
    if in_period and not separate_visit:
        same = duplicates_of(plan=plan, organization=organization, inspected_on=inspected_on).first()
        if same is not None:
            errors.setdefault("inspected_on", []).append(
                ValidationError(
                    f"{inspected_on:%Y年%-m月%-d日}已有该机构在本行动下的检查记录（{same.number}）。"
                    "如确为当天的另一次检查，请勾选“确认是另一次检查”后再保存。",
                    code="duplicate",
                )
            )
    if inspected_on and "inspected_on" not in errors:
        try:
            check_frequency(organization=organization, inspected_on=inspected_on)
        except ValidationError as exc:
            _merge(errors, exc)
    if inspected_on and "inspected_on" not in errors and "organization" not in errors:
        try:
            check_approved(organization=organization, inspected_on=inspected_on)
        except ValidationError as exc:
            _merge(errors, exc)
    if errors:
        raise ValidationError(errors)
    return stored


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
    location: str = "",
    started_at=None,
    ended_at=None,
    present_persons: str = "",
    files=(),
    substitution_reason: str = "",
    substitution_note: str = "",
    separate_visit: bool = False,
    combined=None,
) -> Inspection:
    """Record an inspection under `plan`: numbered 婺教检〔year〕第N号; failed items become open hazards.

    The rules of check_inspection() apply (plan, period, officers, the draw's officers, duplicates).
    A combined visit's record (`combined`, filed under its first plan) answers the union of its plans'
    items, and an item failed on several checklists is one hazard.
    """
    officers = list(officers)
    errors: dict[str, list] = {}
    try:
        substitution_reason, substitution_note = check_inspection(
            plan=plan,
            organization=organization,
            inspected_on=inspected_on,
            officers=officers,
            substitution_reason=substitution_reason,
            substitution_note=substitution_note,
            separate_visit=separate_visit,
            combined=combined,
        )
    except ValidationError as exc:
        _merge(errors, exc)
    try:
        item_ids = union_item_ids(combined) if combined is not None else None
        answers = check_answers(answers, plan.checklist, item_ids=item_ids)
    except ValidationError as exc:
        _merge(errors, exc)
    if errors:
        raise ValidationError(errors)
    failed = [int(k) for k, v in answers.items() if v["r"] == Answer.FAIL]
    if failed and conclusion == Conclusion.PASSED:
        raise ValidationError({"conclusion": f"有{len(failed)}个检查项不合格，结论不能为“合格”。"})
    files = check_files(files)
    partners = list(partners)
    frequency = check_frequency(organization=organization, inspected_on=inspected_on)
    inspection = Inspection(
        plan=plan,
        organization=organization,
        organization_kind=organization.kind,
        inspected_on=inspected_on,
        checklist=plan.checklist,
        answers=answers,
        conclusion=conclusion,
        rectify_deadline=rectify_deadline,
        notes=notes,
        site_contact=site_contact,
        location=location,
        started_at=started_at,
        ended_at=ended_at,
        present_persons=present_persons,
        substitution_reason=substitution_reason,
        substitution_note=substitution_note,
        is_joint=bool(partners),
        repeat_of=frequency.repeat_of,
        exceeds_cap=frequency.exceeds_cap,
        approval=frequency.approval if frequency.flagged else None,
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
        items=(
            union_failed_items(combined, failed)
            if combined is not None
            else plan.checklist.items.filter(pk__in=failed).order_by("pk")
        ),
        answers=answers,
        organization_id=organization.pk,
        found_on=inspected_on,
        deadline=rectify_deadline or inspected_on + timedelta(days=DEFAULT_RECTIFY_DAYS),
        user=user,
        reason=f"检查发现（{inspection.number}）",
        inspection=inspection,
    )
    visit_code_link(inspection)  # 扫码入企: the visit's code now shows the result
    return inspection
