"""Writes to the registry. Each records who did it; history is kept by django-simple-history."""

from core.services import model_create, model_update

from .models import Organization


def organization_create(*, data: dict, user) -> Organization:
    """Register a new organization after validating it (credit code check character, kind/ownership)."""
    return model_create(model=Organization, data=data, user=user)


def organization_update(*, organization: Organization, data: dict, user, expected_version: int) -> Organization:
    """Change an organization; refused if someone else saved it since `expected_version` was loaded."""
    return model_update(instance=organization, data=data, user=user, expected_version=expected_version)
