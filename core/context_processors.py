from django.conf import settings

from .navigation import menu_for


def portal(request):
    return {
        "portal_title": settings.PORTAL_TITLE,
        "bureau_name": settings.BUREAU_NAME,
        "menu": menu_for(request.user, request.path) if hasattr(request, "user") else [],
    }
