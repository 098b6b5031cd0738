from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import Role
from conversions import services
from conversions.models import CaseKind, TrackStatus
from tests.factories import OrganizationFactory, UserFactory, valid_credit_code


def confirmed(kind=CaseKind.CONVERT) -> dict:
    """What the user confirms in the completion form: for a 转登 the new code (民政, 52…) and licence."""
    if kind == CaseKind.CONVERT:
        return {"credit_code": valid_credit_code("52"), "license_no": "教民330702000123"}
    return {}


@pytest.fixture
def institution(db):
    """A for-profit subject-class training institution in business."""
    return OrganizationFactory(training=True, name="测试学科培训学校")


@pytest.fixture
def window_staff(db):
    return UserFactory(username="window1", full_name="窗口对接员甲", role=Role.BUREAU_STAFF)


@pytest.fixture
def days_ago():
    return lambda n: timezone.localdate() - timedelta(days=n)


@pytest.fixture
def open_case(institution, window_staff, bureau_staff, days_ago):
    def make(kind=CaseKind.CONVERT, organization=None, opened=5):
        return services.case_open(
            data={
                "organization": organization or institution,
                "kind": kind,
                "assignee": window_staff,
                "opened_on": days_ago(opened),
            },
            user=bureau_staff,
        )

    return make


@pytest.fixture
def finish_tracks(bureau_staff, days_ago):
    """Mark every track of a case done (accepted and completed in the past)."""

    def finish(case, accepted=4, completed=2):
        for track in case.tracks.all():
            services.track_update(
                track=track,
                data={
                    "status": TrackStatus.DONE,
                    "accepted_on": days_ago(accepted),
                    "completed_on": days_ago(completed),
                },
                user=bureau_staff,
                expected_version=track.version,
            )

    return finish
