"""core.services: the optimistic-lock refusal every service shares."""

import pytest

from core.services import StaleVersionError, check_version
from tests.factories import UserFactory
from tests.inspections.factories import HazardFactory

pytestmark = pytest.mark.django_db


def test_check_version_refuses_another_version_naming_who_changed_the_record():
    editor = UserFactory(full_name="王老师")
    hazard = HazardFactory(version=3, updated_by=editor)
    check_version(hazard, 3)  # the version the user saw: allowed
    for seen in (2, 4, None):
        with pytest.raises(StaleVersionError, match="该记录已被王老师于.*修改，您看到的是旧版本") as refused:
            check_version(hazard, seen)
        assert refused.value.code == "stale"
