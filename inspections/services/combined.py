"""综合查一次 (国办发〔2024〕54号): combine a proposal into one visit, decline it, record it once for all."""

from django.core.exceptions import ValidationError
from django.db import transaction

from core.dates import cn_date

from ..combined_selectors import find_proposal, union_items, visit_plans
from ..models import Answer, CombinedStatus, CombinedVisit, Inspection
from ..models.combined import plan_key
from .records import inspection_create


def _open_proposal(*, organization, plans, year: int):
    proposal = find_proposal(organization_id=organization.pk, key=plan_key(plans), year=year)
    if proposal is None:
        raise ValidationError("该合并建议已处理或不再成立（相关机构已检查、或已决定合并/不合并），请刷新页面。")
    return proposal


@transaction.atomic
def combined_visit_create(*, organization, plans, planned_on, year: int, user) -> CombinedVisit:
    """Combine an open proposal of `year` into one visit on `planned_on`, a day of the plans' common window."""
    proposal = _open_proposal(organization=organization, plans=plans, year=year)
    if planned_on is None or not proposal.starts_on <= planned_on <= proposal.ends_on:
        raise ValidationError(
            {
                "planned_on": f"计划检查日期应在各行动的共同期间"
                f"（{cn_date(proposal.starts_on)}至{cn_date(proposal.ends_on)}）内。"
            }
        )
    return _decide(proposal, user=user, status=CombinedStatus.COMBINED, planned_on=planned_on)


@transaction.atomic
def combined_visit_decline(*, organization, plans, reason: str, year: int, user) -> CombinedVisit:
    """Keep the plans' visits separate, with a reason; the proposal is not made again."""
    proposal = _open_proposal(organization=organization, plans=plans, year=year)
    if not (reason or "").strip():
        raise ValidationError({"reason": "请写明不合并的理由。"})
    return _decide(proposal, user=user, status=CombinedStatus.DECLINED, reason=reason.strip())


def _decide(proposal, *, user, status: str, planned_on=None, reason: str = "") -> CombinedVisit:
    visit = CombinedVisit(
        organization=proposal.organization,
        plan_key=proposal.key,
        status=status,
        planned_on=planned_on,
        reason=reason,
        created_by=user,
        updated_by=user,
    )
    visit.full_clean()
    visit.save()
    visit.plans.set(proposal.plans)
    return visit


def expand_answers(visit: CombinedVisit, answers: dict) -> dict:
    """Answers given once per item group (keyed by the group's first item) copied to every identical item,
    so each plan's checklist is answered in full."""
    expanded = {}
    for group in union_items(visit_plans(visit)):
        given = answers.get(str(group.item.pk))
        if given and given.get("r") in Answer.values:
            for pk in group.item_ids:
                expanded[str(pk)] = given
    return expanded


@transaction.atomic
def combined_inspection_create(*, visit: CombinedVisit, inspected_on, answers: dict, user, **fields) -> Inspection:
    """Record the combined visit: ONE inspection, filed under the first plan, that counts for every plan.

    The date lies within the plans' common window; every other rule of services.records.inspection_create
    applies (officers bound by the union of the plans' draws, frequency counted once).
    """
    visit = CombinedVisit.objects.select_for_update().get(pk=visit.pk)
    if visit.status != CombinedStatus.COMBINED:
        raise ValidationError("只有已合并的综合查一次可以录入检查记录。")
    if visit.inspection_id:
        raise ValidationError(f"该综合查一次已录入检查记录（{visit.inspection.number}）。")
    plans = visit_plans(visit)
    separate = Inspection.objects.filter(organization_id=visit.organization_id, plan__in=plans).first()
    if separate is not None:
        raise ValidationError(
            f"该机构已在“{separate.plan.name}”下单独检查（{separate.number}），不能再按综合查一次录入；"
            "其余行动请分别录入检查记录。"
        )
    starts_on, ends_on = max(p.starts_on for p in plans), min(p.ends_on for p in plans)
    if inspected_on and not starts_on <= inspected_on <= ends_on:
        raise ValidationError(
            {"inspected_on": f"检查日期应在各行动的共同期间（{cn_date(starts_on)}至{cn_date(ends_on)}）内。"}
        )
    inspection = inspection_create(
        plan=plans[0],
        organization=visit.organization,
        inspected_on=inspected_on,
        answers=expand_answers(visit, answers),
        user=user,
        combined=visit,
        **fields,
    )
    visit.inspection = inspection
    visit.updated_by = user
    visit.save()
    return inspection
