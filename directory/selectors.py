"""Reads of the registry, always scoped to the user who asks."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.db.models.functions import Lower
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


CODE_PREFIX_MIN = 6


def organization_matches(user, text: str, *, kinds=(), open_on=None, active=False, limit: int = 20):
    """At most `limit` organizations the user may read whose name contains `text`, whose pinyin initials
    or full pinyin contain it (wcq, wucheng), or whose credit code starts with it (6 characters at least);
    in pinyin order."""
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
            condition |= Q(name_pinyin__contains=letters)
            # Shorter prefixes (the 52 or 9133 every code of a kind or province starts with) tell nothing.
            if len(letters) >= CODE_PREFIX_MIN:
                condition |= Q(credit_code__startswith=letters.upper())
        # The matches are sorted, not found by walking the name_key index: those of a pinyin prefix sit
        # together in pinyin order, and PostgreSQL, expecting them spread out, would walk most of the
        # index before finding 20 (`tzs`: 47 ms against 11 ms at 20,000 organizations, docs/performance.md).
        return rows.filter(condition).order_by(Lower("name_key"), "id")[:limit]
    return rows.order_by("name_key", "id")[:limit]


def sections():
    return Department.objects.filter(kind=DepartmentKind.SECTION, active=True)
