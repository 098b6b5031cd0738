"""智安校园 records and 平安校园 assessments."""

from django.db import transaction

from core.services import model_create, model_update

from ..models import SafetyAssessment, SmartCampus


def smart_campus_update(*, record: SmartCampus, data: dict, user, expected_version: int) -> SmartCampus:
    """Change a school's 智安校园 record (systems installed, sites, completion, 公安 link)."""
    return model_update(instance=record, data=data, user=user, expected_version=expected_version)


@transaction.atomic
def assessment_save(
    *, data: dict, user, assessment: SafetyAssessment | None = None, expected_version: int | None = None
) -> SafetyAssessment:
    """Create or change a 平安校园 assessment; total and grade are computed from the score sheet."""
    if assessment is None:
        return model_create(model=SafetyAssessment, data=data, user=user)
    return model_update(instance=assessment, data=data, user=user, expected_version=expected_version)
