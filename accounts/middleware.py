"""Log a user out after a period without requests (settings.SESSION_IDLE_TIMEOUT seconds)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

SESSION_KEY = "last_activity"
# Writing the session on every request would cost a database write per page; a minute's
# resolution is plenty for a 30-minute timeout.
TOUCH_EVERY = 60


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(SESSION_KEY)
            if last is not None and now - last > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                messages.info(request, "由于长时间未操作，您已自动退出，请重新登录。")
                return redirect_to_login(request.get_full_path())
            if last is None or now - last >= TOUCH_EVERY:
                request.session[SESSION_KEY] = now
        return self.get_response(request)
