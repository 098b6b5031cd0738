import pytest

from core import stats

pytestmark = pytest.mark.django_db


def test_registry_statistics_of_the_demo_district(demo_district):
    values = {
        name: stats.get(name).value(2021)
        for name in [
            "directory.public_schools",
            "directory.public_school_sites",
            "directory.kindergartens",
            "directory.private_schools",
            "directory.subject_training",
            "directory.nonsubject_training",
        ]
    }
    assert values == {
        "directory.public_schools": 58,
        "directory.public_school_sites": 68,
        "directory.kindergartens": 118,
        "directory.private_schools": 6,
        "directory.subject_training": 88,
        "directory.nonsubject_training": 377,
    }
    assert stats.get("directory.private_schools").url(2021).startswith("/directory/?")


def test_format_values():
    assert stats.format_value(1.0, "rate") == "100%"
    assert stats.format_value(0.955, "rate") == "95.5%"
    assert stats.format_value(1019, "count", "件") == "1019件"
    assert stats.format_value(12345, "count", "人") == "12,345人"
