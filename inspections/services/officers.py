"""Writes to the officer register and the law-exam records."""

from core.services import model_create, model_update

from ..models import LawExam, Officer


def officer_create(*, data: dict, user) -> Officer:
    """Register an officer; the certificate number is checked and must be unique."""
    return model_create(model=Officer, data=data, user=user)


def officer_update(*, officer: Officer, data: dict, user, expected_version: int) -> Officer:
    """Change an officer; refused if someone else saved it since `expected_version`."""
    return model_update(instance=officer, data=data, user=user, expected_version=expected_version)


def exam_create(*, data: dict, user) -> LawExam:
    """Record one sitting of the yearly 学法用法考试 (one per person, category and year)."""
    return model_create(model=LawExam, data=data, user=user)
