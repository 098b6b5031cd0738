"""办学状态 (在办/停办/注销) changes on the day they happened, through their own form; the history keeps when."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from directory.models import Organization, OrgStatus
from tests.clients import PortalClient
from tests.factories import OrganizationFactory

from .test_organization_views import form_data

pytestmark = pytest.mark.django_db

Y = timezone.localdate().year - 2


@pytest.fixture
def institution(db):
    return OrganizationFactory(training=True, name="秋季停办的培训机构", established_on=date(Y - 3, 9, 1))


def change(client, org, **values):
    data = {"status": "suspended", "status_date": f"{Y}-09-15", "reason": "", "expected_version": org.version}
    return client.post(reverse("directory:organization_status", args=[org.pk]), {**data, **values})


def test_an_institution_suspended_in_september_is_recorded_with_that_day(staff_client, institution):
    page = staff_client.get(reverse("directory:organization_status", args=[institution.pk])).content.decode()
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in page  # starts at today
    assert '<option value="active"' not in page  # the current status is not offered

    response = change(staff_client, institution, reason="举办者申请停止办学")
    assert response.status_code == 302
    institution.refresh_from_db()
    assert (institution.status, institution.status_date) == (OrgStatus.SUSPENDED, date(Y, 9, 15))
    latest = institution.history.latest()
    assert latest.history_date.date() == timezone.now().date()  # typed today
    assert latest.history_change_reason == "办学状态：在办→停办（举办者申请停止办学）"
    detail = staff_client.get(institution.get_absolute_url()).content.decode()
    assert f"停办（{Y}年9月15日）" in detail

    back = change(staff_client, institution, status="deregistered", status_date=f"{Y}-09-01")
    assert back.status_code == 400
    assert f"状态变更日期不能早于上一次状态变更日期（{Y}年9月15日）" in back.content.decode()
    assert change(staff_client, institution, status="deregistered", status_date=f"{Y}-12-20").status_code == 302
    institution.refresh_from_db()
    assert (institution.status, institution.status_date) == (OrgStatus.DEREGISTERED, date(Y, 12, 20))


def test_a_future_day_or_a_day_before_the_founding_is_refused(staff_client, institution):
    tomorrow = timezone.localdate() + timedelta(days=1)
    future = change(staff_client, institution, status_date=f"{tomorrow:%Y-%m-%d}")
    assert future.status_code == 400 and "状态变更日期不能晚于今天" in future.content.decode()
    early = change(staff_client, institution, status_date=f"{Y - 4}-06-30")
    assert early.status_code == 400 and f"状态变更日期不能早于成立日期（{Y - 3}年9月1日）" in early.content.decode()
    institution.refresh_from_db()
    assert institution.status == OrgStatus.ACTIVE and institution.status_date is None and institution.version == 1


def test_the_registry_form_no_longer_changes_the_status(staff_client, institution):
    data = form_data(institution, status="deregistered", status_date=f"{Y}-09-15", address="新地址")
    assert staff_client.post(reverse("directory:organization_edit", args=[institution.pk]), data).status_code == 302
    institution.refresh_from_db()
    assert institution.address == "新地址" and institution.status == OrgStatus.ACTIVE


def test_only_bureau_writers_change_a_status(leader, school_admin_a, school_a, institution):
    for user, org in ((leader, institution), (school_admin_a, school_a)):
        signed_in = PortalClient()  # signed in with the second factor the leader's role requires
        signed_in.force_login(user)
        assert change(signed_in, org).status_code == 403
    anonymous = change(Client(), institution)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("accounts:login"))
    assert Organization.objects.filter(status=OrgStatus.SUSPENDED).count() == 0
