"""seed_scale only fills an empty (or its own) PostgreSQL database."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

pytestmark = pytest.mark.django_db


def test_seed_scale_refuses_sqlite_or_a_database_with_other_data(school_a):
    with pytest.raises(CommandError) as refused:
        call_command("seed_scale", "--organizations", "10", "--inspections", "10", "--hazards", "1")
    if connection.vendor == "postgresql":
        assert "已有不是 seed_scale 生成的数据" in str(refused.value)
    else:
        assert "只用于 PostgreSQL" in str(refused.value)
