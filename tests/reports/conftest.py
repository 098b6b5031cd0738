import io

import pytest
from django.core.management import call_command

from . import seed_stats


@pytest.fixture
def seed_statistics(monkeypatch):
    """The other modules' statistics, with the seed's 2021 values (stand-ins where not registered)."""
    return seed_stats.install(monkeypatch)


@pytest.fixture
def demo(db):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()
