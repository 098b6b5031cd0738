"""Reads of the registry, always scoped to the user who asks."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Department, DepartmentKind, Organization


def organizations_for_user(user):
    """The organizations a user may read (the one scoping entry point for Organization)."""
    return Organization.objects.visible_to(user).select_related("township")


def get_organization_for_user(user, pk, *, write: bool = False) -> Organization:
    """One organization the user may read (404 otherwise); with write=True, one they may change (403)."""
    org = get_object_or_404(organizations_for_user(user), pk=pk)
    if write and not user.is_bureau_writer:
        raise PermissionDenied("只有局机关工作人员可以修改机构名录。")
    return org


def sections():
    return Department.objects.filter(kind=DepartmentKind.SECTION, active=True)
