"""Factories for conversion cases (saved directly, without the services' guards, for fixtures)."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.roles import Role
from conversions.models import PROCEDURES, CaseKind, ConversionCase, Track, departments_for
from tests.factories import OrganizationFactory, UserFactory


class CaseFactory(DjangoModelFactory):
    class Meta:
        model = ConversionCase
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: f"YZF-2021-{n + 500:03d}")
    organization = factory.SubFactory(OrganizationFactory, training=True)
    kind = CaseKind.CONVERT
    assignee = factory.SubFactory(UserFactory, role=Role.BUREAU_STAFF)
    opened_on = factory.LazyFunction(timezone.localdate)
    due_on = factory.LazyAttribute(lambda case: case.opened_on + timezone.timedelta(days=15))

    @factory.post_generation
    def tracks(case, create, extracted, **kwargs):
        if create:
            for department in departments_for(case.kind):
                Track.objects.create(case=case, department=department, procedure=PROCEDURES[case.kind][department])
