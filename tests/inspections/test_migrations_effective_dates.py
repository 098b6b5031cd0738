"""inspections 0003–0005 and conversions 0003–0004: rows written before effective dates get sensible ones.

The moment a step was typed is the best record of its day, read in Asia/Shanghai (a hand-in typed at
01:00 on 21 May is of 21 May, though it is still 20 May in UTC).
"""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from conversions.models import CaseEvent, ConversionCase
from inspections.models import Hazard, HazardExtension, SelfCheck, StatusChange
from tests.factories import OrganizationFactory, UserFactory

BEFORE = [("inspections", "0002_scale_indexes"), ("conversions", "0002_material_catalogue")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    graph = MigrationExecutor(connection).loader.graph
    return [(app, graph.leaf_nodes(app)[0][1]) for app in ("inspections", "conversions")]


@pytest.fixture
def old_apps(transactional_db):
    target = latest()
    apps = migrate(BEFORE)
    yield apps
    migrate(target)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_existing_rows_get_the_days_they_were_typed_on(old_apps):
    user, org = UserFactory(username="staff"), OrganizationFactory()
    OldHazard = old_apps.get_model("inspections", "Hazard")
    OldChange = old_apps.get_model("inspections", "StatusChange")
    ContentType = old_apps.get_model("contenttypes", "ContentType")
    hazard_type, _ = ContentType.objects.get_or_create(app_label="inspections", model="hazard")
    common = {"organization_id": org.pk, "area": "fire", "description": "灭火器过期", "deadline": date(2021, 6, 30)}

    closed = OldHazard.objects.create(
        **common,
        found_on=date(2021, 5, 10),
        status="closed",
        closed_on=date(2021, 5, 25),
        submitted_at=utc(2021, 5, 20, 17),
    )
    closed_unrecorded = OldHazard.objects.create(
        **common, found_on=date(2021, 5, 10), status="closed", closed_on=date(2021, 5, 26)
    )
    returned = OldHazard.objects.create(
        **common, found_on=date(2021, 5, 10), status="returned", submitted_at=utc(2021, 5, 20, 2)
    )
    for subject, to_status, at in (
        (closed, "rectifying", utc(2021, 5, 12, 3)),
        (returned, "returned", utc(2021, 5, 22, 3)),
    ):
        change = OldChange.objects.create(
            content_type_id=hazard_type.pk, object_id=subject.pk, to_status=to_status, by_id=user.pk
        )
        OldChange.objects.filter(pk=change.pk).update(at=at)
    extension = old_apps.get_model("inspections", "HazardExtension").objects.create(
        hazard_id=closed.pk,
        old_deadline=date(2021, 6, 30),
        new_deadline=date(2021, 7, 31),
        reason="供货延迟",
        by_id=user.pk,
    )
    old_apps.get_model("inspections", "HazardExtension").objects.filter(pk=extension.pk).update(at=utc(2021, 5, 18, 20))
    # Made with the tables as they were (the current model would write a history row that did not exist yet).
    checklist = old_apps.get_model("inspections", "Checklist").objects.create(
        name="测试检查表", version=1, status="published", effective_on=date(2021, 1, 1)
    )
    self_check = old_apps.get_model("inspections", "SelfCheck").objects.create(
        organization_id=org.pk,
        year=2021,
        term="spring",
        checklist_id=checklist.pk,
        status="accepted",
        submitted_at=utc(2021, 3, 19, 16, 30),
        reviewed_at=utc(2021, 3, 25, 2),
    )
    OldCase = old_apps.get_model("conversions", "ConversionCase")
    case = OldCase.objects.create(
        number="YZF-2021-900",
        organization_id=OrganizationFactory(training=True).pk,
        kind="convert",
        assignee_id=user.pk,
        opened_on=date(2021, 10, 8),
        due_on=date(2021, 10, 23),
        status="withdrawn",
        withdraw_reason="误立案",
    )
    OldEvent = old_apps.get_model("conversions", "CaseEvent")
    OldEvent.objects.create(case_id=case.pk, kind="opened", message="受理", at=utc(2021, 10, 20, 1))
    OldEvent.objects.create(case_id=case.pk, kind="withdrawn", message="撤销案件：误立案", at=utc(2021, 10, 21, 17))

    migrate(latest())

    hazards = {h.pk: h for h in Hazard.objects.all()}
    assert (hazards[closed.pk].submitted_on, hazards[closed.pk].planned_on) == (date(2021, 5, 21), date(2021, 5, 12))
    assert hazards[closed_unrecorded.pk].submitted_on == date(2021, 5, 26)  # no hand-in kept: its closing day
    assert (hazards[returned.pk].submitted_on, hazards[returned.pk].returned_on) == (None, date(2021, 5, 22))
    assert HazardExtension.objects.get().granted_on == date(2021, 5, 19)
    assert set(StatusChange.objects.values_list("happened_on", flat=True)) == {date(2021, 5, 12), date(2021, 5, 22)}
    migrated = SelfCheck.objects.get(pk=self_check.pk)
    assert (migrated.submitted_on, migrated.reviewed_on) == (date(2021, 3, 20), date(2021, 3, 25))
    # Overdue on past days now follows those days: the closed one was handed in on 21 May, in time.
    assert not Hazard.objects.overdue(today=date(2021, 7, 1)).filter(pk=closed.pk).exists()
    assert Hazard.objects.overdue(today=date(2021, 7, 1)).filter(pk=returned.pk).exists()

    assert ConversionCase.objects.get(pk=case.pk).withdrawn_on == date(2021, 10, 22)
    days = dict(CaseEvent.objects.values_list("kind", "happened_on"))
    assert days == {"opened": date(2021, 10, 8), "withdrawn": date(2021, 10, 22)}  # opening: the case's own day
