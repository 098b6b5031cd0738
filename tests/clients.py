"""The test client every test gets (the `client` fixture of the root conftest)."""

from django.test import Client


class PortalClient(Client):
    """Django's test client, whose force_login signs in with every factor the role needs: like the
    password, the second factor is skipped, not broken (its own tests sign in through the pages:
    tests/accounts/test_two_factor.py)."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        if user.needs_two_factor:
            from django_otp import DEVICE_ID_SESSION_KEY
            from django_otp.plugins.otp_totp.models import TOTPDevice

            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            device = device or TOTPDevice.objects.create(user=user, name="测试验证器", confirmed=True)
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
