"""规范涉企行政检查 (国办发〔2024〕54号): the 检查事项清单, the frequency rules and the leader's approvals.

The rules a plan or a visit must meet live here and are called from plans.py and records.py, so the
form, the import and the services refuse the same things with the same message.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from core.dates import cn_date, effective_date
from core.services import model_create, model_update

from ..models import RULES_FROM, ChecklistItem, CheckMatter, FrequencyRule, Inspection, VisitApproval


# 检查事项清单 ---------------------------------------------------------------------------------------
def unpublished_items(checklist, day: date) -> list[ChecklistItem]:
    """The items of `checklist` whose matter is not published in the 清单 on `day`."""
    published = Q(matter__published_on__isnull=False, matter__published_on__lte=day)
    return list(checklist.items.exclude(published).order_by("number"))


def check_plan_items(*, checklist, starts_on: date | None) -> None:
    """A plan starting from 2025 may only use items published in the 检查事项清单 by its first day."""
    if checklist is None or starts_on is None or starts_on < RULES_FROM:
        return
    missing = unpublished_items(checklist, starts_on)
    if missing:
        names = "；".join(f"第{i.number}项“{i.text}”" for i in missing[:5])
        more = f"等{len(missing)}项" if len(missing) > 5 else ""
        raise ValidationError(
            {
                "checklist": f"检查表中{names}{more}在{cn_date(starts_on)}前未在检查事项清单中公布，"
                "未公布的事项不得检查。请先公布这些事项或选用其他检查表。"
            }
        )


@transaction.atomic
def matter_save(*, item: ChecklistItem, data: dict, user, expected_version: int | None = None) -> CheckMatter:
    """Describe an item for the 清单 (实施主体, 适用对象, 检查方式); a published matter keeps its date."""
    matter = CheckMatter.objects.filter(item=item).first()
    if matter is None:
        return model_create(model=CheckMatter, data={**data, "item": item}, user=user)
    return model_update(instance=matter, data=data, user=user, expected_version=expected_version or matter.version)


@transaction.atomic
def matter_publish(*, matter: CheckMatter, user, on: date | None = None) -> CheckMatter:
    """Publish a matter in the public 清单 from `on` (its 公布日期, default today)."""
    matter = CheckMatter.objects.select_for_update().get(pk=matter.pk)
    if matter.published_on:
        raise ValidationError(f"该检查事项已于{cn_date(matter.published_on)}公布。")
    matter.published_on = effective_date(on, field="published_on", label="公布日期")
    matter.updated_by = user
    matter.full_clean()
    matter.save()
    return matter


# Frequency rules -----------------------------------------------------------------------------------
def rule_create(*, data: dict, user) -> FrequencyRule:
    """Set the cap and repeat window of one kind of organization for one year."""
    return model_create(model=FrequencyRule, data=data, user=user)


def rule_update(*, rule: FrequencyRule, data: dict, user, expected_version: int) -> FrequencyRule:
    """Change a rule; visits already recorded keep the flags they were recorded with."""
    return model_update(instance=rule, data=data, user=user, expected_version=expected_version)


@dataclass(frozen=True)
class Frequency:
    """What the rules of the visit's year say about one more visit of `organization` on a day."""

    rule: FrequencyRule | None
    visits_before: int  # visits of the year already recorded (any department, any plan)
    repeat_of: Inspection | None  # a recorded visit within the repeat window
    approval: VisitApproval | None  # an unused leader's approval for that organization and day

    @property
    def exceeds_cap(self) -> bool:
        return self.rule is not None and self.visits_before + 1 > self.rule.max_visits

    @property
    def flagged(self) -> bool:
        return self.exceeds_cap or self.repeat_of is not None

    def problem(self, day: date) -> str:
        parts = []
        if self.exceeds_cap:
            parts.append(
                f"该机构{day.year}年已被检查{self.visits_before}次，"
                f"达到{self.rule.get_org_kind_display()}年度检查上限（{self.rule.max_visits}次）"
            )
        if self.repeat_of is not None:
            parts.append(
                f"距{cn_date(self.repeat_of.inspected_on)}的检查（{self.repeat_of.number}）"
                f"不足{self.rule.repeat_days}天，属重复检查"
            )
        return "；".join(parts) + "。须经局领导审批同意（写明理由）后方可检查，请先由局领导登记审批。"


def frequency_of(*, organization, inspected_on: date) -> Frequency:
    """Apply the year's rule for the organization's kind to one more visit on `inspected_on`.

    Counted by the day visits happened, so a back-entered visit is judged against the visits around it.
    """
    rule = FrequencyRule.objects.filter(year=inspected_on.year, org_kind=organization.kind).first()
    if rule is None or inspected_on < RULES_FROM:
        return Frequency(rule=None, visits_before=0, repeat_of=None, approval=None)
    visits = Inspection.objects.filter(organization=organization)
    visits_before = visits.filter(year=inspected_on.year).count()
    repeat_of = None
    if rule.repeat_days:
        window = timedelta(days=rule.repeat_days - 1)
        near = visits.filter(inspected_on__range=(inspected_on - window, inspected_on + window))
        repeat_of = near.order_by("-inspected_on", "-id").first()
    approval = (
        VisitApproval.objects.filter(organization=organization, visit_on=inspected_on, inspections__isnull=True)
        .order_by("id")
        .first()
    )
    return Frequency(rule=rule, visits_before=visits_before, repeat_of=repeat_of, approval=approval)


def check_frequency(*, organization, inspected_on: date) -> Frequency:
    """A visit over the cap or within the repeat window is refused without a leader's approval."""
    found = frequency_of(organization=organization, inspected_on=inspected_on)
    if found.flagged and found.approval is None:
        raise ValidationError({"inspected_on": ValidationError(found.problem(inspected_on), code="frequency")})
    return found


# Leader's approvals --------------------------------------------------------------------------------
@transaction.atomic
def approval_create(*, organization, visit_on: date, reason: str, user, on: date | None = None) -> VisitApproval:
    """A leader approves one visit of `organization` on `visit_on` that breaks the frequency rules."""
    if not getattr(user, "is_leader", False):
        raise PermissionDenied("只有局领导可以审批超频或重复检查。")
    if not (reason or "").strip():
        raise ValidationError({"reason": "请写明同意超频或重复检查的理由。"})
    approval = VisitApproval(
        organization=organization,
        visit_on=visit_on,
        reason=reason.strip(),
        approved_by=user,
        approved_on=effective_date(on, field="approved_on", label="审批日期"),
        created_by=user,
        updated_by=user,
    )
    approval.full_clean()
    approval.save()
    return approval
