import io

import pytest
from django.core.management import call_command

from directory.models import Organization
from tests.factories import OrganizationFactory


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_a_fresh_database_with_the_same_counts():
    OrganizationFactory.create_batch(3)
    out = io.StringIO()
    call_command("backup_check", stdout=out)
    assert "全部一致" in out.getvalue()
    assert Organization.objects.count() == 3
