from django.conf import settings
from django.utils.functional import SimpleLazyObject

from accounts.middleware import IDLE_TIMEOUT_KEY
from accounts.roles import BUSINESS_ROLES

from . import kept_forms
from .navigation import menu_for
from .todo import count_for_request


def portal(request):
    user = getattr(request, "user", None)
    return {
        "portal_title": settings.PORTAL_TITLE,
        "bureau_name": settings.BUREAU_NAME,
        "menu": menu_for(user, request.path) if user is not None else [],
        "todo_count": _todo_count(request, user),
        **_session(request, user),
    }


def _session(request, user) -> dict:
    """The idle timeout static/js/idle.js warns before, and a form's content kept at the idle sign-out."""
    if user is None or not user.is_authenticated:
        return {}
    timeout = request.session.get(IDLE_TIMEOUT_KEY, settings.SESSION_IDLE_TIMEOUT)
    return {"idle_timeout": timeout, "kept_form": kept_forms.restore(request)}


def _todo_count(request, user):
    """The number of 待办 items in the header of every page, None for no 待办 link. Cached until its
    records change (core.todo.count_for), so a page pays no query for it once computed."""
    if user is None or not user.is_authenticated or user.role not in BUSINESS_ROLES:
        return None
    return SimpleLazyObject(lambda: count_for_request(request))
