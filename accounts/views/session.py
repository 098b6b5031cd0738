from django.http import HttpResponse
from django.views.decorators.cache import never_cache

from accounts.access import EVERY_ACCOUNT, access


@never_cache
@access(EVERY_ACCOUNT)
def keepalive(request):
    """Pinged by static/js/idle.js while the user types: a request is activity, so the idle timer
    (accounts.middleware.IdleTimeoutMiddleware) starts again. A signed-out browser is sent to sign in."""
    return HttpResponse(status=204)
