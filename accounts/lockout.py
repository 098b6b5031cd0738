"""django-axes reads the lockout rule from the security policy (AXES_FAILURE_LIMIT, AXES_COOLOFF_TIME)."""

from datetime import timedelta

from .models import SecurityPolicy


def failure_limit(request, credentials) -> int:
    return SecurityPolicy.current(request).failure_limit


def cool_off(request=None) -> timedelta:
    return timedelta(minutes=SecurityPolicy.current(request).lockout_minutes)
