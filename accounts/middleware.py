"""Session middleware of the portal: idle logout, and no caching of what a signed-in user is shown."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.cache import patch_cache_control

from core import kept_forms

SESSION_KEY = "last_activity"
# Set at sign-in from the security policy (accounts.views.signin.complete_sign_in): a policy change
# applies to the sessions that start after it, and costs no query per request.
IDLE_TIMEOUT_KEY = "idle_timeout"
# Writing the session on every request would cost a database write per page; a minute's
# resolution is plenty for a 30-minute timeout.
TOUCH_EVERY = 60


class IdleTimeoutMiddleware:
    """Log a user out after a period without requests."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(SESSION_KEY)
            timeout = request.session.get(IDLE_TIMEOUT_KEY, settings.SESSION_IDLE_TIMEOUT)
            if last is not None and now - last > timeout:
                return self._sign_out(request)
            if last is None or now - last >= TOUCH_EVERY:
                request.session[SESSION_KEY] = now
        return self.get_response(request)

    def _sign_out(self, request):
        user = request.user
        page = request.get_full_path()
        kept = request.method == "POST" and _token_valid(request) and request.path not in KEEP_NOTHING
        if kept:
            page = kept_forms.keep(request, user)  # before logout() flushes the session that names the user
        logout(request)
        if kept:
            request.session[kept_forms.SESSION_MARK] = page.split("?", 1)[0]
            messages.info(request, "您已超时退出，填写的内容已保存，登录后将恢复。")
        else:
            messages.info(request, "由于长时间未操作，您已自动退出，请重新登录。")
        return redirect_to_login(page)


# Posts whose content is not worth keeping.
KEEP_NOTHING = {"/accounts/logout/"}


def _token_valid(request) -> bool:
    """Whether the POST carries a valid CSRF token: this middleware runs before CsrfViewMiddleware checks
    it (in the view phase), and a forged POST must not plant content into a user's form. The token is
    the CSRF cookie's, which outlives the session, so a form left open past the idle sign-out passes."""
    return CsrfViewMiddleware(lambda r: None).process_view(request, _keep_view, (), {}) is None


def _keep_view(request):  # the view CsrfViewMiddleware is asked about: not csrf_exempt
    raise AssertionError("never called")


class NoStoreForSignedInMiddleware:
    """`Cache-Control: no-store, private` on every response to a signed-in user, pages and downloads
    alike: no browser, shared computer or proxy keeps a copy of what only that user may see. (The
    sign-in steps, which show a second factor's secret, are never_cache views.) Public pages keep
    their caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in = request.user.is_authenticated
        response = self.get_response(request)
        if signed_in or request.user.is_authenticated:
            if "Cache-Control" in response:
                del response["Cache-Control"]  # no max-age or public left from the view
            patch_cache_control(response, no_store=True, private=True)
        return response
