import pytest

from core import stats

pytestmark = pytest.mark.django_db


def test_format_values():
    assert stats.format_value(1.0, "rate") == "100%"
    assert stats.format_value(0.955, "rate") == "95.5%"
    assert stats.format_value(1019, "count", "件") == "1019件"
    assert stats.format_value(12345, "count", "人") == "12,345人"
