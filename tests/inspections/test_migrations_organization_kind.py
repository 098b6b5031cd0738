"""inspections 0013: records made before the kind was kept take the kind their organization had that day."""

from datetime import date

import pytest

from directory.models import OrgKind
from tests.factories import OrganizationFactory, UserFactory
from tests.inspections.test_migrations_effective_dates import latest, migrate

BEFORE = [("inspections", "0012_unique_messages"), ("conversions", "0008_unique_messages")]
AFTER = [("inspections", "0013_inspection_organization_kind")]


@pytest.fixture
def old_apps(transactional_db):
    target = latest()
    apps = migrate(BEFORE)
    yield apps
    migrate(target)


def test_existing_records_take_the_kind_of_the_day_of_the_visit(old_apps):
    user = UserFactory(username="staff")
    kindergarten = OrganizationFactory(kindergarten=True)
    changed = OrganizationFactory(training=True)  # 学科类 then; the 变更 below makes it 非学科类
    later = OrganizationFactory(training=True)  # inspected after its 变更 was completed
    Department = old_apps.get_model("directory", "Department")
    Checklist = old_apps.get_model("inspections", "Checklist")
    Plan = old_apps.get_model("inspections", "Plan")
    Inspection = old_apps.get_model("inspections", "Inspection")
    Case = old_apps.get_model("conversions", "ConversionCase")
    section = Department.objects.create(name="政策法规科")
    checklist = Checklist.objects.create(name="检查表")
    plan = Plan.objects.create(
        name="2022年专项检查",
        kind="special",
        lead_section=section,
        starts_on=date(2022, 3, 1),
        ends_on=date(2022, 12, 31),
        target_kinds=[OrgKind.PUBLIC_KINDERGARTEN, OrgKind.SUBJECT_TRAINING, OrgKind.NONSUBJECT_TRAINING],
        checklist=checklist,
    )
    for serial, (org, day) in enumerate(
        [(kindergarten, date(2022, 4, 1)), (changed, date(2022, 4, 2)), (later, date(2022, 11, 2))], start=1
    ):
        Inspection.objects.create(
            year=2022,
            serial=serial,
            plan=plan,
            organization_id=org.pk,
            inspected_on=day,
            checklist=checklist,
            conclusion="passed",
        )
    for number, org in enumerate([changed, later], start=1):
        Case.objects.create(
            number=f"YZF-2022-{number:03d}",
            organization_id=org.pk,
            kind="change",
            assignee_id=user.pk,
            opened_on=date(2022, 6, 1),
            due_on=date(2022, 8, 1),
            status="completed",
            completed_on=date(2022, 7, 1),
        )
    type(changed).objects.filter(pk__in=[changed.pk, later.pk]).update(kind=OrgKind.NONSUBJECT_TRAINING)

    apps = migrate(AFTER)
    kinds = dict(
        apps.get_model("inspections", "Inspection").objects.values_list("organization_id", "organization_kind")
    )
    assert kinds == {
        kindergarten.pk: OrgKind.PUBLIC_KINDERGARTEN,
        changed.pk: OrgKind.SUBJECT_TRAINING,  # inspected in April, changed in July
        later.pk: OrgKind.NONSUBJECT_TRAINING,  # inspected in November, after the change
    }
