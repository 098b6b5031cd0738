"""Reads of the registry, always scoped to the user who asks."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
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


def organization_matches(user, text: str, *, kinds=(), open_on=None, active=False, limit: int = 20):
    """At most `limit` organizations the user may read whose name contains `text`, whose pinyin initials
    or full pinyin contain it (wcq, wucheng), or whose credit code starts with it; in pinyin order."""
    rows = Organization.objects.visible_to(user)
    if kinds:
        rows = rows.filter(kind__in=kinds)
    if open_on:
        rows = rows.open_on(open_on)
    if active:
        rows = rows.active()
    text = text.strip()
    if text:
        condition = Q(name__contains=text)
        letters = text.replace(" ", "").lower()
        if letters.isascii() and letters.isalnum():
            condition |= Q(name_pinyin__contains=letters) | Q(credit_code__startswith=letters.upper())
        rows = rows.filter(condition)
    return rows.order_by("name_key", "id")[:limit]


def sections():
    return Department.objects.filter(kind=DepartmentKind.SECTION, active=True)
