"""Inspection plans and the publication of their results (一公开)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.services import model_create, model_update

from ..models import ChecklistStatus, DrawStatus, Plan
from .common import log_change


def _check_checklist(data: dict) -> None:
    checklist = data.get("checklist")
    if checklist is not None and checklist.status == ChecklistStatus.DRAFT:
        raise ValidationError({"checklist": "只能选用已发布的检查表。"})


@transaction.atomic
def plan_create(*, data: dict, partners, user) -> Plan:
    """Create a plan with its partner departments."""
    _check_checklist(data)
    plan = model_create(model=Plan, data=data, user=user)
    plan.partners.set(partners)
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, data: dict, partners, user, expected_version: int) -> Plan:
    """Change a plan; its checklist is fixed once inspections were recorded against it."""
    if "checklist" in data and data["checklist"].pk != plan.checklist_id and plan.inspections.exists():
        raise ValidationError({"checklist": "已有检查记录的行动不能更换检查表。"})
    _check_checklist(data)
    plan = model_update(instance=plan, data=data, user=user, expected_version=expected_version)
    plan.partners.set(partners)
    return plan


@transaction.atomic
def plan_publish_results(*, plan: Plan, user) -> Plan:
    """Publish the plan's draw and each drawn organization's conclusion on the public 一公开 page."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.results_published_at:
        raise ValidationError("该行动的结果已经公开。")
    if not plan.draws.filter(status=DrawStatus.DRAWN).exists():
        raise ValidationError("该行动还没有完成的双随机抽取，无可公开的结果。")
    plan.results_published_at = timezone.now()
    plan.updated_by = user
    plan.save()
    log_change(
        subject=plan, from_status="results_unpublished", to_status="results_published", user=user, reason="公开抽查结果"
    )
    return plan
