import pytest

from tests.legalaid.factories import AppointmentFactory


@pytest.fixture
def counsel_a(school_a):
    """School A's counsel, in force from 2021 to 2030."""
    return AppointmentFactory(organization=school_a)


@pytest.fixture
def counsel_b(school_b):
    return AppointmentFactory(organization=school_b)
