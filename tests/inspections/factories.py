"""Factories of the inspections module (Faker locale zh_CN, see tests/factories.py)."""

from datetime import date, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory
from simple_history.utils import bulk_create_with_history

from directory.models import DepartmentKind, OrgKind
from inspections.models import (
    Answer,
    Area,
    Checklist,
    ChecklistItem,
    ChecklistStatus,
    Conclusion,
    Hazard,
    HazardSource,
    Inspection,
    Officer,
    Plan,
    PlanKind,
    SafetyAssessment,
    SelfCheck,
    SmartCampus,
    Term,
)
from tests.factories import DepartmentFactory, OrganizationFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%test\n"


# Dates relative to today, inside the bounds of core.bounds (a deadline is at most a year ahead, a
# certificate at most ten years).
TODAY = timezone.localdate()
DEADLINE = TODAY + timedelta(days=120)  # a hazard's deadline not yet reached
LATER = TODAY + timedelta(days=240)  # an extension of that deadline


class SectionFactory(DepartmentFactory):
    name = factory.Sequence(lambda n: f"测试科室{n}")
    kind = DepartmentKind.SECTION


class OfficerFactory(DjangoModelFactory):
    class Meta:
        model = Officer

    name = factory.Sequence(lambda n: f"执法员{n}")
    certificate_no = factory.Sequence(lambda n: f"浙3307029{n:05d}")
    valid_from = date(2019, 1, 1)
    valid_until = date(TODAY.year + 5, 12, 31)
    section = factory.SubFactory(SectionFactory)


class ChecklistFactory(DjangoModelFactory):
    """A published checklist with one item per area (ten items)."""

    class Meta:
        model = Checklist
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试检查表{n}")
    version = 1
    status = ChecklistStatus.PUBLISHED
    effective_on = date(2021, 1, 1)

    @factory.post_generation
    def items(self, create, extracted, **kwargs):
        if create:
            items = [
                ChecklistItem(checklist=self, area=area, number=n, text=f"{label}检查项", legal_basis="《测试依据》")
                for n, (area, label) in enumerate(Area.choices, start=1)
            ]
            bulk_create_with_history(items, ChecklistItem)


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试检查行动{n}")
    kind = PlanKind.ROUTINE
    lead_section = factory.SubFactory(SectionFactory)
    starts_on = date(2021, 1, 1)
    ends_on = TODAY + timedelta(days=300)
    target_kinds = factory.LazyFunction(
        lambda: [OrgKind.PUBLIC_PRIMARY, OrgKind.PUBLIC_KINDERGARTEN, OrgKind.SUBJECT_TRAINING]
    )
    checklist = factory.SubFactory(ChecklistFactory)
    planned_count = 10


def all_pass(checklist) -> dict:
    return {str(pk): {"r": Answer.PASS, "n": ""} for pk in checklist.items.values_list("pk", flat=True)}


class InspectionFactory(DjangoModelFactory):
    class Meta:
        model = Inspection
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    organization = factory.SubFactory(OrganizationFactory)
    inspected_on = date(2021, 5, 10)
    checklist = factory.SelfAttribute("plan.checklist")
    answers = factory.LazyAttribute(lambda o: all_pass(o.checklist))
    conclusion = Conclusion.PASSED
    year = factory.LazyAttribute(lambda o: o.inspected_on.year)
    serial = factory.Sequence(lambda n: n + 1)

    @factory.post_generation
    def officers(self, create, extracted, **kwargs):
        if create:
            self.officers.set(extracted or OfficerFactory.create_batch(2))


class HazardFactory(DjangoModelFactory):
    class Meta:
        model = Hazard

    organization = factory.SubFactory(OrganizationFactory)
    area = Area.FIRE
    description = factory.Sequence(lambda n: f"灭火器过期{n}")
    found_on = date(2021, 5, 10)
    deadline = DEADLINE
    source = HazardSource.INSPECTION


class SelfCheckFactory(DjangoModelFactory):
    class Meta:
        model = SelfCheck

    organization = factory.SubFactory(OrganizationFactory)
    year = 2021
    term = Term.SPRING
    checklist = factory.SubFactory(ChecklistFactory)


class SmartCampusFactory(DjangoModelFactory):
    class Meta:
        model = SmartCampus

    organization = factory.SubFactory(OrganizationFactory)
    sites = 1
    base_systems = factory.LazyFunction(lambda: ["video", "face", "vehicle", "visitor", "phone_mac"])
    completed_on = date(2021, 6, 1)
    police_linked = True


class AssessmentFactory(DjangoModelFactory):
    class Meta:
        model = SafetyAssessment

    organization = factory.SubFactory(OrganizationFactory)
    year = 2021
    scores = factory.LazyFunction(
        lambda: {
            "organization": 15,
            "security": 15,
            "fire": 15,
            "food": 15,
            "traffic": 10,
            "drowning": 10,
            "hazards": 10,
            "emergency": 10,
        }
    )


AUTUMN_OFFICERS = ("周建军", "吴晓燕", "郑国强", "冯雪", "陈立")
AUTUMN_KINDERGARTENS = ("春蕾民办幼儿园", "童乐民办幼儿园", "新苗民办幼儿园", "启航民办幼儿园")


def autumn_random_check(user, *, drawn: int = 2, checklist=None):
    """A second year's 双随机: the autumn 2022 check of private kindergartens, committed and performed by
    `user` from five certified officers and four kindergartens; returns the performed draw."""
    from inspections import services

    for name in AUTUMN_OFFICERS:
        OfficerFactory(name=name, valid_from=date(2020, 1, 1), valid_until=date(2027, 12, 31))
    for name in AUTUMN_KINDERGARTENS:
        OrganizationFactory(name=name, private_kindergarten=True)
    plan = PlanFactory(
        name="2022年秋季民办幼儿园双随机抽查",
        kind=PlanKind.RANDOM,
        starts_on=date(2022, 10, 10),
        ends_on=date(2022, 11, 30),
        target_kinds=[OrgKind.PRIVATE_KINDERGARTEN],
        **({"checklist": checklist} if checklist else {}),
    )
    draw = services.draw_commit(plan=plan, quotas={OrgKind.PRIVATE_KINDERGARTEN: drawn}, user=user)
    return services.draw_perform(draw=draw, user=user)


def publish_matters(checklist, *, on=date(2024, 12, 20), body=None, kinds=None):
    """Publish every item of `checklist` in the 检查事项清单 (国办发〔2024〕54号) on `on`; returns the matters."""
    from inspections.models import CheckMatter

    body = body or SectionFactory()
    return [
        CheckMatter.objects.create(
            item=item,
            body=body,
            org_kinds=kinds or [OrgKind.PUBLIC_PRIMARY, OrgKind.PRIVATE_KINDERGARTEN],
            published_on=on,
        )
        for item in checklist.items.all()
    ]


def approve_visits(organizations, *, starts_on, ends_on=None, plan=None, officers=(), checklist=None, leader=None):
    """An approved 行政检查审批表 (国办发〔2024〕54号) covering `organizations` from `starts_on` to `ends_on`,
    approved on its first day: what a 2025+ visit needs before it can be recorded."""
    from accounts.roles import Role
    from inspections.models import ApprovalKind, ApprovalStatus, CheckApproval
    from tests.factories import UserFactory

    leader = leader or UserFactory(role=Role.LEADER)
    approval = CheckApproval.objects.create(
        kind=ApprovalKind.PLAN if plan else ApprovalKind.VISIT,
        plan=plan,
        checklist=checklist or (plan.checklist if plan else ChecklistFactory()),
        basis="《中小学幼儿园安全管理办法》",
        starts_on=starts_on,
        ends_on=ends_on or starts_on,
        status=ApprovalStatus.APPROVED,
        decided_by=leader,
        decided_on=starts_on,
        created_by=leader,
        updated_by=leader,
    )
    approval.organizations.set(organizations)
    approval.officers.set(officers)
    return approval


def submitted_approval(organizations, *, staff, starts_on=None, officers=None):
    """A single visit's 行政检查审批表 drafted and submitted by `staff` through the services."""
    from inspections import services

    officers = officers if officers is not None else OfficerFactory.create_batch(2)
    day = starts_on or TODAY
    approval = services.check_approval_create(
        data={
            "kind": "visit" if len(organizations) == 1 else "plan",
            "plan": None if len(organizations) == 1 else PlanFactory(starts_on=day, ends_on=day),
            "checklist": ChecklistFactory(),
            "basis": "《中小学幼儿园安全管理办法》第五十条",
            "starts_on": day,
            "ends_on": day,
        },
        organizations=organizations,
        officers=officers,
        user=staff,
    )
    return services.check_approval_submit(approval=approval, user=staff, on=min(day, TODAY))


def approved_notice(organization, *, staff, leader=None, starts_on=None):
    """The 检查通知 to `organization` of a visit a leader approved through the services."""
    from accounts.roles import Role
    from inspections import services
    from tests.factories import UserFactory

    approval = submitted_approval([organization], staff=staff, starts_on=starts_on)
    leader = leader or UserFactory(role=Role.LEADER)
    services.check_approval_approve(approval=approval, user=leader, on=approval.submitted_on)
    return approval.notices.get()
