from django.shortcuts import get_object_or_404

from .models import User
from .roles import ADMINISTRATORS


def users_for_admin(actor):
    """All accounts, for the system administrator (the only role that reaches these views)."""
    return User.objects.select_related("organization", "section").order_by("role", "username")


def get_user_for_admin(actor, pk, *, write: bool = False) -> User:
    """An account the system administrator may open; for a change, not an administrator's (those are
    kept from the server's command line only, so no administrator can make or take over another)."""
    users = users_for_admin(actor)
    if write:
        users = users.exclude(role__in=ADMINISTRATORS)
    return get_object_or_404(users, pk=pk)


def get_user_for_auditor(actor, pk) -> User:
    return get_object_or_404(User.objects.all(), pk=pk)


def accounts_for_security(actor, *, q: str = ""):
    """Every account with its second-factor state, for the security administrator."""
    from core.queries import contains

    users = User.objects.select_related("organization").order_by("username")
    if q:
        users = users.filter(contains("username", q) | contains("full_name", q))
    return users


def get_account_for_security(actor, pk) -> User:
    return get_object_or_404(User.objects.all(), pk=pk)


def locked_usernames(request) -> list[str]:
    """Usernames locked now: as many failures within the lockout time as the policy allows (django-axes)."""
    from axes.models import AccessAttempt
    from django.db.models import Sum
    from django.utils import timezone

    from .models import SecurityPolicy

    policy = SecurityPolicy.current(request)
    since = timezone.now() - timezone.timedelta(minutes=policy.lockout_minutes)
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .values("username")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=policy.failure_limit)
        .order_by("username")
    )
    return [row["username"] for row in rows]


def enrolled_user_ids(user_ids) -> set[int]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return set(TOTPDevice.objects.filter(user_id__in=user_ids, confirmed=True).values_list("user_id", flat=True))
