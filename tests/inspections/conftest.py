"""Fixtures of the inspections tests."""

import pytest
from django.core.files.base import ContentFile

from inspections.models import HazardEvidence, InspectionAttachment, SelfCheckAttachment

from .factories import (
    PNG,
    ChecklistFactory,
    HazardFactory,
    InspectionFactory,
    OfficerFactory,
    PlanFactory,
    SelfCheckFactory,
)


@pytest.fixture
def checklist(db):
    return ChecklistFactory()


@pytest.fixture
def officers(db):
    return OfficerFactory.create_batch(3)


@pytest.fixture
def plan(checklist):
    return PlanFactory(checklist=checklist)


@pytest.fixture
def inspection_a(plan, school_a, officers):
    return InspectionFactory(plan=plan, organization=school_a, officers=officers[:2])


@pytest.fixture
def hazard_a(school_a, inspection_a):
    return HazardFactory(organization=school_a, inspection=inspection_a)


@pytest.fixture
def selfcheck_a(school_a, checklist):
    return SelfCheckFactory(organization=school_a, checklist=checklist)


def attach_inspection_file(inspection, user):
    return InspectionAttachment.objects.create(
        inspection=inspection,
        file=ContentFile(PNG, name="photo.png"),
        original_name="现场照片.png",
        size=len(PNG),
        uploaded_by=user,
    )


def attach_hazard_file(hazard, user):
    return HazardEvidence.objects.create(
        hazard=hazard,
        file=ContentFile(PNG, name="after.png"),
        original_name="整改后.png",
        size=len(PNG),
        uploaded_by=user,
    )


def attach_selfcheck_file(self_check, user):
    return SelfCheckAttachment.objects.create(
        self_check=self_check,
        file=ContentFile(PNG, name="e.png"),
        original_name="自查佐证.png",
        size=len(PNG),
        uploaded_by=user,
    )
