"""core.models.visibility_key: the one scoping rule, as visible_to applies it and cache keys use it."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.roles import Role
from core.models import visibility_key
from directory.models import Organization
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_each_persona_has_the_scope_visible_to_gives_it(bureau_staff, leader, school_admin_a, school_a, school_b):
    orgs = Organization.objects.filter(pk__in=[school_a.pk, school_b.pk])
    lost = UserFactory(username="lost", role=Role.SCHOOL_ADMIN, organization=None)
    cases = [
        (bureau_staff, "district", {school_a.pk, school_b.pk}),
        (leader, "district", {school_a.pk, school_b.pk}),
        (school_admin_a, f"org{school_a.pk}", {school_a.pk}),
        (lost, "none", set()),
        (AnonymousUser(), "none", set()),
    ]
    for user, key, visible in cases:
        assert visibility_key(user) == key
        assert set(orgs.visible_to(user).values_list("pk", flat=True)) == visible
