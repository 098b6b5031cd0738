import time

from django.http import HttpResponse
from django.views.decorators.cache import never_cache

from accounts.access import EVERY_ACCOUNT, access
from accounts.middleware import SESSION_KEY


@never_cache
@access(EVERY_ACCOUNT)
def keepalive(request):
    """Pinged by static/js/idle.js while the user types or clicks: user activity, so the idle timer
    (accounts.middleware.IdleTimeoutMiddleware) starts again now. A signed-out browser is sent to sign in."""
    request.session[SESSION_KEY] = int(time.time())
    return HttpResponse("", content_type="text/plain")
