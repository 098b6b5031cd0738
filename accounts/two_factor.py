"""Two-factor sign-in (等保: 双因素鉴别) with django-otp: a TOTP authenticator app and recovery codes.

A user's factors are one confirmed TOTP device (any authenticator app: 微信小程序“腾讯身份验证器”,
Microsoft/Google Authenticator, FreeOTP…) and one static device holding ten single-use recovery
codes. django-otp refuses a code already used (TOTPDevice.last_t) and slows down guessing
(throttling); each failure also counts toward the account's lockout (django-axes).
"""

import io
from base64 import b32encode

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .audit import Action, audit_record
from .models import User

RECOVERY_CODES = 10
DEVICE_NAME = "验证器"


def is_enrolled(user) -> bool:
    """Has a bound authenticator app (recovery codes alone do not count)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed TOTP device of an enrolment in progress (made on first call, kept until
    confirmed, so reloading the page shows the same secret)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it when typed by hand (Base32, groups of four)."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> SafeString:
    """The otpauth:// URI as an inline SVG QR code (drawn here from the device's own key: no user text)."""
    import qrcode
    import qrcode.image.svg

    out = io.BytesIO()
    qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(out)
    svg = out.getvalue().decode()
    return mark_safe(svg[svg.index("<svg") :])  # noqa: S308 - generated from the key, not from user input


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="恢复码", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify(user, code: str):
    """The device that accepts `code` (a TOTP code or an unused recovery code), else None.

    Each device is locked for the check (select_for_update), so the same code cannot be accepted by
    two requests at once; a TOTP code is refused once used, a recovery code is deleted when used."""
    code = "".join(code.split()).lower()
    if not code:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            is_totp = isinstance(device, TOTPDevice)
            if is_totp != code.isdigit():
                continue
            if device.verify_token(code):
                return device
    return None


def throttled(user) -> bool:
    """True while django-otp makes the user wait after wrong codes."""
    return any(not d.verify_is_allowed()[0] for d in devices_for_user(user, confirmed=True))


@transaction.atomic
def two_factor_enrol(*, user: User, code: str, request=None) -> tuple[TOTPDevice, list[str]]:
    """Confirm the pending TOTP device with a code from the app; returns it and new recovery codes."""
    device = pending_device(user)
    if not device.verify_token("".join(code.split())):
        raise ValidationError({"code": "验证码不正确，请核对手机时间后输入验证器上当前显示的6位数字。"})
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    audit_record(action=Action.OTP_ENROLLED, actor=user, request=request, target=user)
    return device, codes


@transaction.atomic
def recovery_codes_renew(*, user: User, code: str, request=None) -> list[str]:
    if verify(user, code) is None:
        raise ValidationError({"code": "验证码不正确或已使用。"})
    codes = _new_recovery_codes(user)
    audit_record(action=Action.RECOVERY_CODES, actor=user, request=request, target=user)
    return codes


@transaction.atomic
def two_factor_disable(*, user: User, code: str, request=None) -> None:
    if user.needs_two_factor:
        raise ValidationError(f"“{user.role_label}”必须使用二次验证，不能停用。")
    if verify(user, code) is None:
        raise ValidationError({"code": "验证码不正确或已使用。"})
    _delete_devices(user)
    audit_record(action=Action.OTP_DISABLED, actor=user, request=request, target=user)


@transaction.atomic
def two_factor_reset(*, account: User, actor: User, request=None) -> None:
    """The 安全管理员 removes a user's factors (a lost phone): the user enrols again at the next
    sign-in, and sessions verified by the old device are no longer accepted."""
    if account.pk == actor.pk:
        raise ValidationError("不能重置本人的二次验证，请由另一名管理员在服务器上处理。")
    _delete_devices(account)
    audit_record(action=Action.OTP_RESET, actor=actor, request=request, username=account.username, target=account)


def _delete_devices(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
