"""One declarative access rule per view.

Every view of the portal is wrapped by exactly one of these decorators, which also records the rule
on the view function (`view.access`), so the URL × persona test can check that no view was left
without one:

    @access(DISTRICT_ROLES)            # bureau users only; others get 403, anonymous go to login
    @access(ANY_SIGNED_IN)             # the business roles; objects are scoped by the selectors
    @access(EVERY_ACCOUNT)             # any account, administrators and accounts without a role too
    @public                            # no login (信息公开, 一公开, healthz)

A role that must sign in with a second factor (roles.TWO_FACTOR_REQUIRED) is sent back to sign in
if its session was not verified by one (a session opened some other way, or whose second factor the
安全管理员 has since reset).
"""

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .roles import ADMINISTRATORS, BUSINESS_ROLES, LEGAL_SECTION, NO_ROLE, TWO_FACTOR_REQUIRED

# Every business role (bureau users and school administrators); pages scope their records through the
# selectors. The three administrators and accounts without a role are not among them: they reach
# their own pages only.
ANY_SIGNED_IN = BUSINESS_ROLES
EVERY_ACCOUNT = BUSINESS_ROLES | ADMINISTRATORS | LEGAL_SECTION | {NO_ROLE}


def second_factor_missing(user) -> bool:
    """True when `user`'s role requires a second factor and this session was not verified by one."""
    if user.role not in TWO_FACTOR_REQUIRED:
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (is_verified and is_verified())


def access(roles: Iterable[str]) -> Callable:
    allowed = frozenset(roles)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if second_factor_missing(user):
                logout(request)
                return redirect_to_login(request.get_full_path())
            if not user.is_active or user.role not in allowed:
                raise PermissionDenied("您的角色无权访问此页面。")
            return view(request, *args, **kwargs)

        wrapped.access = allowed
        return wrapped

    return decorator


def public(view):
    view.access = "public"
    return view
