"""Writes to the registry. Each records who did it; history is kept by django-simple-history."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from core.dates import effective_date
from core.services import model_create, model_update

from .models import Organization, OrgStatus


def organization_create(*, data: dict, user) -> Organization:
    """Register a new organization after validating it (credit code check character, kind/ownership)."""
    return model_create(model=Organization, data=data, user=user)


def organization_update(*, organization: Organization, data: dict, user, expected_version: int) -> Organization:
    """Change an organization; refused if someone else saved it since `expected_version` was loaded."""
    return model_update(instance=organization, data=data, user=user, expected_version=expected_version)


@transaction.atomic
def organization_change_status(
    *, organization: Organization, status: str, user, expected_version: int, on: date | None = None, reason: str = ""
) -> Organization:
    """在办 / 停办 / 注销 from `on` (办理日期, stored as `status_date`, default today).

    Not in the future, not before the organization was established or its previous status change; the
    history keeps the change with its reason and when it was typed. Refused if someone else saved the
    organization since `expected_version` was loaded.
    """
    if status not in OrgStatus.values:
        raise ValidationError({"status": "请选择办学状态。"})
    if status == organization.status:
        raise ValidationError({"status": f"该机构当前已是“{organization.get_status_display()}”。"})
    on = effective_date(
        on,
        field="status_date",
        label="状态变更日期",
        not_before=[(organization.established_on, "成立日期"), (organization.status_date, "上一次状态变更日期")],
    )
    before = organization.get_status_display()
    organization._change_reason = f"办学状态：{before}→{OrgStatus(status).label}" + (
        f"（{reason.strip()}）" if reason.strip() else ""
    )
    return model_update(
        instance=organization,
        data={"status": status, "status_date": on},
        user=user,
        expected_version=expected_version,
        fields=["status", "status_date"],
    )
