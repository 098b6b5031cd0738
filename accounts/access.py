"""One declarative access rule per view.

Every view of the portal is wrapped by exactly one of these decorators, which also records the rule
on the view function (`view.access`), so the URL × persona test can check that no view was left
without one:

    @access(DISTRICT_ROLES)            # bureau users only; others get 403, anonymous go to login
    @access(ANY_SIGNED_IN)             # any signed-in user; objects are scoped by the selectors
    @public                            # no login (信息公开, 一公开, healthz)
"""

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .roles import Role

ANY_SIGNED_IN = frozenset(Role)


def access(roles: Iterable[str]) -> Callable:
    allowed = frozenset(roles)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
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
