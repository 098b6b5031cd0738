"""Sign-in events into the audit log: success, failure (password or second factor), lockout, logout."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .audit import Action, audit_record

# The credentials a failed second factor reports to django-axes (so code guessing counts toward the
# lockout like password guessing) carry this key, which tells the two failures apart in the log.
SECOND_FACTOR = "second_factor"


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender, request, user, **kwargs):
    device = getattr(user, "otp_device", None)
    audit_record(action=Action.LOGIN, actor=user, request=request, detail="口令+动态验证码" if device else "口令")


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action=Action.LOGOUT, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    second = bool(credentials.get(SECOND_FACTOR))
    audit_record(
        action=Action.OTP_FAILED if second else Action.LOGIN_FAILED,
        request=request,
        username=credentials.get("username", ""),
        detail="动态验证码或恢复码错误" if second else "用户名或密码错误，或账号已锁定",
    )


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    audit_record(action=Action.LOCKED_OUT, request=request, username=username or "", detail="连续失败次数达到上限")
