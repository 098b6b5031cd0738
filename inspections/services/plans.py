"""Inspection plans and the publication of their results (一公开)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from core.services import model_create, model_update

from ..models import ChecklistStatus, DrawStatus, Plan
from .common import log_change
from .regulation import check_plan_items


def _check_checklist(data: dict) -> None:
    checklist = data.get("checklist")
    if checklist is not None and checklist.status == ChecklistStatus.DRAFT:
        raise ValidationError({"checklist": "只能选用已发布的检查表。"})


def _check_items_published(plan: Plan | None, data: dict) -> None:
    """From 2025 every item of the plan's checklist is published in the 检查事项清单 (国办发〔2024〕54号)."""
    check_plan_items(
        checklist=data.get("checklist", plan.checklist if plan else None),
        starts_on=data.get("starts_on", plan.starts_on if plan else None),
    )


def _check_period_keeps_inspections(plan: Plan, data: dict) -> None:
    """A plan's period cannot shrink past the inspections already recorded under it."""
    starts_on, ends_on = data.get("starts_on", plan.starts_on), data.get("ends_on", plan.ends_on)
    span = plan.inspections.aggregate(first=Min("inspected_on"), last=Max("inspected_on"))
    if span["first"] and starts_on and starts_on > span["first"]:
        raise ValidationError(
            {"starts_on": f"本行动已有{span['first']:%Y年%-m月%-d日}的检查记录，开始日期不能晚于该日。"}
        )
    if span["last"] and ends_on and ends_on < span["last"]:
        raise ValidationError({"ends_on": f"本行动已有{span['last']:%Y年%-m月%-d日}的检查记录，结束日期不能早于该日。"})


@transaction.atomic
def plan_create(*, data: dict, partners, user) -> Plan:
    """Create a plan with its partner departments."""
    _check_checklist(data)
    _check_items_published(None, data)
    plan = model_create(model=Plan, data=data, user=user)
    plan.partners.set(partners)
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, data: dict, partners, user, expected_version: int) -> Plan:
    """Change a plan; its checklist is fixed once inspections were recorded against it."""
    if "checklist" in data and data["checklist"].pk != plan.checklist_id and plan.inspections.exists():
        raise ValidationError({"checklist": "已有检查记录的行动不能更换检查表。"})
    _check_checklist(data)
    _check_items_published(plan, data)
    _check_period_keeps_inspections(plan, data)
    plan = model_update(instance=plan, data=data, user=user, expected_version=expected_version)
    plan.partners.set(partners)
    return plan


@transaction.atomic
def plan_publish_results(*, plan: Plan, user) -> Plan:
    """Publish the conclusions (查处结果) of the drawn organizations' inspections on the 一公开 page.

    The draw itself (pools, commitment, seed, selection, who actually inspected) is public from its
    commit and needs no step; this is the bureau saying the plan's conclusions are final to publish.
    """
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.results_published_at:
        raise ValidationError("该行动的结果已经公开。")
    if not plan.draws.filter(status=DrawStatus.DRAWN).exists():
        raise ValidationError("该行动还没有完成的双随机抽取，无可公开的结果。")
    plan.results_published_at = timezone.now()
    plan.updated_by = user
    plan.save()
    log_change(
        subject=plan, from_status="results_unpublished", to_status="results_published", user=user, reason="公开检查结论"
    )
    return plan
