"""The 2021 demo district, loaded once for every test module in this package and rolled back after.

Each app keeps its checks of the seed's figures here (test_<app>.py), so the whole demo — which takes
several seconds to build — is loaded once per test run instead of once per module.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


@pytest.fixture(scope="package")
def demo_district(django_db_setup, django_db_blocker):
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast, transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
