"""Signing in through the real pages, and TOTP codes computed as an authenticator app would."""

import re
import time
from base64 import b32decode

from django.urls import reverse
from django_otp.oath import TOTP

from tests.factories import PASSWORD


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, **extra)


def code_from_secret(secret: str, *, step_offset: int = 0) -> str:
    """The 6-digit code an authenticator app shows now for this Base32 secret (or `step_offset` steps on)."""
    totp = TOTP(b32decode(secret.replace(" ", "")), step=30, t0=0, digits=6)
    totp.time = time.time() + 30 * step_offset
    return f"{totp.token():06d}"


def code_for(device, *, step_offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + device.step * step_offset
    return f"{totp.token():06d}"


def wrong_code(device) -> str:
    """A 6-digit code that no step in the accepted window (now ± 1) produces."""
    window = {code_for(device, step_offset=k) for k in (-1, 0, 1)}
    return next(c for c in (f"{n:06d}" for n in range(1000000)) if c not in window)


def secret_on_page(html: str) -> str:
    return re.search(r"data-secret>([A-Z2-7 ]+)<", html).group(1)
