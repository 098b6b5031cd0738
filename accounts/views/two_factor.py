"""A signed-in user's own second factor: status, enrolment (optional roles), recovery codes, disabling."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from accounts.access import EVERY_ACCOUNT, access
from core.forms import add_service_errors

from .. import two_factor
from ..forms import CodeForm


@access(EVERY_ACCOUNT)
@never_cache
def two_factor_status(request):
    # New recovery codes are shown once, on the page the user lands on after making them.
    codes = request.session.pop("recovery_codes", None)
    return render(
        request,
        "accounts/two_factor.html",
        {"enrolled": two_factor.is_enrolled(request.user), "codes": codes, "form": CodeForm()},
    )


def enrol_page(request, user, *, done, first_sign_in: bool = False):
    """Bind an authenticator app: the QR code and secret of the pending device, and a code to confirm
    it. On success `done(device)` signs the session in with it and the new recovery codes are shown
    once on the two-factor page."""
    device = two_factor.pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = two_factor.two_factor_enrol(user=user, code=form.cleaned_data["code"], request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            done(device)
            request.session["recovery_codes"] = codes
            messages.success(request, "二次验证已启用，以后登录时需要输入验证器上的动态验证码。")
            return redirect("accounts:two_factor")
    context = {
        "form": form,
        "account": user,
        "qr": two_factor.qr_svg(device),
        "secret": two_factor.secret_text(device),
        "first_sign_in": first_sign_in,
    }
    return render(request, "accounts/two_factor_enrol.html", context, status=400 if form.errors else 200)


@access(EVERY_ACCOUNT)
@never_cache
@sensitive_post_parameters("code")
def two_factor_enrol(request):
    if two_factor.is_enrolled(request.user):
        return redirect("accounts:two_factor")
    return enrol_page(request, request.user, done=lambda device: otp_login(request, device))


def _with_code(request, act, success: str):
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            result = act(user=request.user, code=form.cleaned_data["code"], request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if result:
                request.session["recovery_codes"] = result
            messages.success(request, success)
            return redirect("accounts:two_factor")
    messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect("accounts:two_factor")


@access(EVERY_ACCOUNT)
@require_POST
@sensitive_post_parameters("code")
def two_factor_codes(request):
    return _with_code(request, two_factor.recovery_codes_renew, "已生成新的恢复码，旧恢复码全部作废。")


@access(EVERY_ACCOUNT)
@require_POST
@sensitive_post_parameters("code")
def two_factor_disable(request):
    return _with_code(request, two_factor.two_factor_disable, "二次验证已停用。")
