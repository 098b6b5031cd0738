"""Two 2025 plans drawing the same private kindergarten (factories for the 综合查一次 tests)."""

from dataclasses import dataclass
from datetime import date

from directory.models import OrgKind
from inspections import services
from inspections.models import Area, ChecklistItem, Plan
from tests.factories import DepartmentFactory, OrganizationFactory

from .factories import ChecklistFactory, OfficerFactory, PlanFactory, approve_visits

KG = OrgKind.PRIVATE_KINDERGARTEN


@dataclass
class Drawn:
    kindergarten: object
    first: Plan
    second: Plan
    officers: list  # drawn for the first plan (2) then for the second (2)


def checklist_with_extra_item():
    """The factory's ten items (identical text and basis in every factory checklist) and one more."""
    checklist = ChecklistFactory()
    ChecklistItem.objects.create(
        checklist=checklist, area=Area.FIRE, number=11, text="消防演练每学期不少于一次", legal_basis="《消防法》"
    )
    return checklist


def drawn_plan(user, kindergarten, officers, *, starts_on, ends_on, **fields) -> Plan:
    plan = PlanFactory(starts_on=starts_on, ends_on=ends_on, target_kinds=[KG], **fields)
    draw = services.draw_commit(plan=plan, quotas={KG: 1}, user=user, officers=officers)
    services.draw_perform(draw=draw, user=user)
    return plan


def two_plans(user, *, second_starts=date(2025, 4, 1), second_ends=date(2025, 5, 31), year=2025) -> Drawn:
    """The only private kindergarten drawn by a spring plan (3–4月) and a joint plan with a partner."""
    kindergarten = OrganizationFactory(private_kindergarten=True, name="春蕾民办幼儿园")
    officers = [OfficerFactory(name=n) for n in ("周建军", "吴晓燕", "郑国强", "冯雪")]
    first = drawn_plan(
        user, kindergarten, officers[:2], starts_on=date(year, 3, 1), ends_on=date(year, 4, 30), name="春季安全检查"
    )
    second = drawn_plan(
        user,
        kindergarten,
        officers[2:],
        starts_on=second_starts.replace(year=year),
        ends_on=second_ends.replace(year=year),
        name="民办园联合检查",
        checklist=checklist_with_extra_item(),
    )
    second.partners.set([DepartmentFactory(name="区市场监管局")])
    for plan in (first, second):  # from 2025 a visit needs an approved 行政检查审批表
        approve_visits([kindergarten], starts_on=plan.starts_on, ends_on=plan.ends_on, plan=plan)
    return Drawn(kindergarten, first, second, officers)
