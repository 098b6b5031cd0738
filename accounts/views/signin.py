"""Sign-in: password first, then (where the account has or needs one) the second factor.

The session is not signed in until every factor has been given: after the password the session
only remembers whose sign-in is pending (for five minutes), so a page asked for in between answers
like any anonymous request. An account whose role requires two-factor sign-in and has no
authenticator yet enrols one on this first sign-in.
"""

import time

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from accounts.access import public

from .. import two_factor
from ..forms import CodeForm, LoginForm
from ..middleware import IDLE_TIMEOUT_KEY
from ..models import SecurityPolicy, User
from ..signals import SECOND_FACTOR
from .two_factor import enrol_page

PENDING = "pending_sign_in"
PENDING_SECONDS = 5 * 60


def complete_sign_in(request, user, *, backend: str, device=None) -> None:
    """Sign `user` in (every factor given): the session starts with the idle timeout in force."""
    request.session.pop(PENDING, None)
    if device is not None:
        user.otp_device = device  # django-otp keeps it in the session as auth's login signal fires
    auth_login(request, user, backend=backend)
    if device is not None:
        otp_login(request, device)
    request.session[IDLE_TIMEOUT_KEY] = SecurityPolicy.current(request).idle_timeout_minutes * 60


def _next_url(request, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, require_https=request.is_secure()):
        return value
    return reverse(settings.LOGIN_REDIRECT_URL)


class PortalLoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not (user.needs_two_factor or two_factor.is_enrolled(user)):
            complete_sign_in(self.request, user, backend=user.backend)
            return redirect(self.get_success_url())
        self.request.session.cycle_key()
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "since": int(time.time()),
            "next": self.get_redirect_url(),
        }
        return redirect("accounts:login_verify" if two_factor.is_enrolled(user) else "accounts:login_enrol")


login = public(PortalLoginView.as_view())


def pending_user(request) -> tuple[User | None, dict]:
    pending = request.session.get(PENDING) or {}
    if not pending or time.time() - pending.get("since", 0) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None, {}
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    return user, pending


def _locked(request, user) -> bool:
    return AxesProxyHandler.is_locked(request, {"username": user.get_username()})


@public
@never_cache
@sensitive_post_parameters("code")
def login_verify(request):
    """Second step: a code from the authenticator app, or one of the recovery codes."""
    user, pending = pending_user(request)
    if user is None or not two_factor.is_enrolled(user):
        return redirect("accounts:login")
    if _locked(request, user):
        request.session.pop(PENDING, None)
        return locked_out(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.throttled(user):
            form.add_error("code", "验证码错误次数过多，请稍等片刻再试。")
        else:
            device = two_factor.verify(user, form.cleaned_data["code"])
            if device is not None:
                complete_sign_in(request, user, backend=pending["backend"], device=device)
                return redirect(_next_url(request, pending.get("next")))
            form.add_error("code", "验证码不正确或已使用过。每个验证码只能使用一次。")
        # Counted by django-axes like a wrong password (a lockout stops code guessing too).
        user_login_failed.send(
            sender=__name__,
            credentials={"username": user.get_username(), SECOND_FACTOR: True},
            request=request,
        )
    status = 400 if form.errors else 200
    return render(request, "accounts/login_verify.html", {"form": form, "account": user}, status=status)


@public
@never_cache
@sensitive_post_parameters("code")
def login_enrol(request):
    """First sign-in of an account that must use two-factor sign-in: bind an authenticator app."""
    user, pending = pending_user(request)
    if user is None or two_factor.is_enrolled(user) or not user.needs_two_factor:
        return redirect("accounts:login")
    return enrol_page(
        request,
        user,
        done=lambda device: complete_sign_in(request, user, backend=pending["backend"], device=device),
        first_sign_in=True,
    )


logout = public(auth_views.LogoutView.as_view())


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout page (AXES_LOCKOUT_CALLABLE): in Chinese, with the lockout in minutes."""
    policy = SecurityPolicy.current(request)
    context = {"minutes": policy.lockout_minutes, "failure_limit": policy.failure_limit}
    return render(request, "accounts/locked_out.html", context, status=429)
