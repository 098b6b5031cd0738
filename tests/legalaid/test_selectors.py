"""Who reads which appointments, services and activities: the bureau everything, a school its own
(and the activities it co-organized), anyone else nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.roles import Role
from legalaid import selectors
from tests.factories import UserFactory
from tests.legalaid.factories import ActivityFactory, ServiceRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(school_a, school_b, counsel_a, counsel_b):
    return {
        "appointments": {"a": {counsel_a.pk}, "b": {counsel_b.pk}},
        "services": {
            "a": {ServiceRecordFactory(appointment=counsel_a).pk},
            "b": {ServiceRecordFactory(appointment=counsel_b).pk},
        },
        "activities": {
            "a": {ActivityFactory(organizations=[school_a]).pk},
            "b": {ActivityFactory(organizations=[school_b]).pk},
            "joint": {ActivityFactory(organizations=[school_a, school_b]).pk},
        },
    }


SELECTORS = {
    "appointments": selectors.appointments_for_user,
    "services": selectors.services_for_user,
    "activities": selectors.activities_for_user,
}


def ids(selector, user) -> set[int]:
    return set(selector(user).values_list("pk", flat=True))


@pytest.mark.parametrize("kind", SELECTORS)
def test_bureau_and_leader_read_every_school(kind, records, bureau_staff, leader):
    everything = set().union(*records[kind].values())
    assert ids(SELECTORS[kind], bureau_staff) == everything
    assert ids(SELECTORS[kind], leader) == everything


@pytest.mark.parametrize("kind", SELECTORS)
def test_a_school_reads_its_own_and_joint_records_only(kind, records, school_admin_a, school_admin_b):
    joint = records[kind].get("joint", set())
    assert ids(SELECTORS[kind], school_admin_a) == records[kind]["a"] | joint
    assert ids(SELECTORS[kind], school_admin_b) == records[kind]["b"] | joint


@pytest.mark.parametrize("kind", SELECTORS)
def test_anonymous_and_a_school_admin_without_a_school_read_nothing(kind, records):
    orphan = UserFactory(username="orphan", role=Role.SCHOOL_ADMIN, organization=None)
    assert ids(SELECTORS[kind], AnonymousUser()) == set()
    assert ids(SELECTORS[kind], orphan) == set()
