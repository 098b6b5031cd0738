from django.conf import settings
from django.utils.functional import SimpleLazyObject

from accounts.roles import BUSINESS_ROLES

from .navigation import menu_for
from .todo import items_for_request


def portal(request):
    user = getattr(request, "user", None)
    return {
        "portal_title": settings.PORTAL_TITLE,
        "bureau_name": settings.BUREAU_NAME,
        "menu": menu_for(user, request.path) if user is not None else [],
        "todo_count": _todo_count(request, user),
    }


# The pages whose header shows the number of 待办 items: computing it costs one to five queries, which
# every list and form page of the portal would otherwise pay too (their query budgets are pinned by tests);
# elsewhere the header links to 待办 without the number (docs/decisions/0012-todo-computed.md).
COUNTED_PAGES = ("/", "/todo/")


def _todo_count(request, user):
    """The number of 待办 items in the header (0 on pages that do not count), None for no 待办 link."""
    if user is None or not user.is_authenticated or user.role not in BUSINESS_ROLES:
        return None
    if request.path not in COUNTED_PAGES:
        return 0
    return SimpleLazyObject(lambda: len(items_for_request(request)))
