"""营转非 entered months later: each step keeps the day it happened (办理日期), and overdue follows those days.

Year Y is two years back. A case opened in December of Y and completed in January of Y + 1 belongs to
Y + 1 and was overdue on 31 December of Y (second-year.md).
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from conversions import services
from conversions.forms import CaseOpenForm
from conversions.models import CaseKind, CaseStatus, ConversionCase, EventKind, MaterialStatus, TrackStatus
from directory.models import OrgStatus
from tests.factories import OrganizationFactory

from .conftest import confirmed

pytestmark = pytest.mark.django_db

Y = timezone.localdate().year - 2


@pytest.fixture
def december_case(institution, window_staff, bureau_staff):
    return services.case_open(
        data={
            "organization": institution,
            "kind": CaseKind.CONVERT,
            "assignee": window_staff,
            "opened_on": date(Y, 12, 10),
            "due_on": date(Y, 12, 25),
        },
        user=bureau_staff,
    )


def finish(case, user, accepted: date, completed: date) -> None:
    for track in case.tracks.all():
        services.track_update(
            track=track,
            data={"status": TrackStatus.DONE, "accepted_on": accepted, "completed_on": completed},
            user=user,
            expected_version=track.version,
        )


def test_opened_in_december_completed_in_january_was_overdue_at_the_year_end(december_case, bureau_staff):
    case = december_case
    services.visit_record(
        case=case,
        data={"visited_on": date(Y, 12, 10), "visitor": "机构负责人", "purpose": "一次性提交材料"},
        user=bureau_staff,
    )
    services.materials_verify_all(case=case, user=bureau_staff, on=date(Y, 12, 11))
    finish(case, bureau_staff, date(Y, 12, 11), date(Y + 1, 1, 9))
    services.case_complete(
        case=case, user=bureau_staff, expected_version=None, completed_on=date(Y + 1, 1, 12), **confirmed()
    )
    case.refresh_from_db()

    overdue = lambda day: ConversionCase.objects.overdue(today=day).filter(pk=case.pk).exists()  # noqa: E731
    assert not overdue(date(Y, 12, 25)) and overdue(date(Y, 12, 26)) and overdue(date(Y, 12, 31))
    assert not overdue(date(Y + 1, 1, 12)) and not overdue(date(Y + 1, 12, 31)) and not case.is_overdue
    assert list(ConversionCase.objects.completed_in(Y + 1)) == [case]
    assert not ConversionCase.objects.completed_in(Y).exists()
    assert case.organization.status_date == date(Y + 1, 1, 12)
    assert set(case.materials.values_list("status_on", flat=True)) == {date(Y, 12, 11)}

    days = list(case.events.order_by("happened_on", "at").values_list("kind", "happened_on"))
    assert days[0] == (EventKind.OPENED, date(Y, 12, 10)) and days[-1] == (EventKind.COMPLETED, date(Y + 1, 1, 12))
    assert (EventKind.VISIT, date(Y, 12, 10)) in days and (EventKind.TRACK, date(Y + 1, 1, 9)) in days
    assert {e.at.date() for e in case.events.all()} == {timezone.now().date()}  # all typed today


def test_a_withdrawn_case_counted_overdue_only_while_it_was_open(december_case, bureau_staff, staff_client):
    case = december_case
    url = reverse("conversions:case_withdraw", args=[case.pk])
    early = staff_client.post(
        url, {"withdraw-reason": "机构放弃办理", "withdraw-on": f"{Y}-12-01", "withdraw-expected_version": 1}
    )
    assert early.status_code == 400 and f"办理日期不能早于案件受理日期（{Y}年12月10日）" in early.content.decode()
    ok = staff_client.post(
        url, {"withdraw-reason": "机构放弃办理", "withdraw-on": f"{Y + 1}-01-05", "withdraw-expected_version": 1}
    )
    assert ok.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.withdrawn_on) == (CaseStatus.WITHDRAWN, date(Y + 1, 1, 5))
    overdue = lambda day: ConversionCase.objects.overdue(today=day).filter(pk=case.pk).exists()  # noqa: E731
    assert overdue(date(Y, 12, 31)) and not overdue(date(Y + 1, 1, 5)) and not overdue(timezone.localdate())
    assert f"{Y + 1}年1月5日，原因：机构放弃办理" in staff_client.get(case.get_absolute_url()).content.decode()


def test_material_and_visit_days_are_checked_and_shown(december_case, staff_client):
    case = december_case
    item = case.materials.first()
    mark = reverse("conversions:material_mark", args=[item.pk])
    tomorrow = timezone.localdate() + timedelta(days=1)
    future = staff_client.post(
        mark, {"status": "received", "reason": "", "expected_version": item.version, "on": f"{tomorrow:%Y-%m-%d}"}
    )
    assert future.status_code == 400 and "办理日期不能晚于今天" in future.content.decode()
    before = staff_client.post(
        mark, {"status": "received", "reason": "", "expected_version": item.version, "on": f"{Y}-12-09"}
    )
    assert before.status_code == 400 and "办理日期不能早于案件受理日期" in before.content.decode()
    staff_client.post(mark, {"status": "received", "reason": "", "expected_version": item.version, "on": f"{Y}-12-12"})
    item.refresh_from_db()
    assert (item.status, item.status_on) == (MaterialStatus.RECEIVED, date(Y, 12, 12))
    backwards = staff_client.post(
        mark, {"status": "verified", "reason": "", "expected_version": item.version, "on": f"{Y}-12-11"}
    )
    assert backwards.status_code == 400
    assert f"办理日期不能早于该材料上一次办理的日期（{Y}年12月12日）" in backwards.content.decode()
    staff_client.post(mark, {"status": "verified", "reason": "", "expected_version": item.version, "on": f"{Y}-12-12"})
    item.refresh_from_db()
    assert (item.status, item.status_on) == (MaterialStatus.VERIFIED, date(Y, 12, 12))

    visit = staff_client.post(
        reverse("conversions:visit_add", args=[case.pk]),
        {"visit-visited_on": f"{tomorrow:%Y-%m-%d}", "visit-visitor": "张三", "visit-purpose": "补交材料"},
    )
    assert visit.status_code == 400 and "不能晚于今天" in visit.content.decode()
    page = staff_client.get(case.get_absolute_url()).content.decode()
    assert f'name="on" value="{timezone.localdate():%Y-%m-%d}"' in page  # each material's 办理日期 starts at today
    assert "<th>办理日期</th>" in page and "<th>录入时间</th>" in page


def test_only_institutions_that_can_be_converted_are_offered(december_case, bureau_staff, institution):
    converted = OrganizationFactory(training=True, name="已转登培训学校")
    case = services.case_open(
        data={
            "organization": converted,
            "kind": CaseKind.CONVERT,
            "assignee": december_case.assignee,
            "opened_on": date(Y, 10, 8),
        },
        user=bureau_staff,
    )
    finish(case, bureau_staff, date(Y, 10, 8), date(Y, 10, 9))
    services.case_complete(case=case, user=bureau_staff, expected_version=None, **confirmed())
    closed = OrganizationFactory(training=True, name="已注销培训学校", status=OrgStatus.DEREGISTERED)
    closed.status_date = date(Y, 6, 30)
    closed.save()
    waiting = OrganizationFactory(training=True, name="待转登培训学校")

    offered = set(CaseOpenForm().fields["organization"].queryset)
    assert waiting in offered
    assert not offered & {converted, closed, institution}  # converted, closed, already open (december_case)
    with pytest.raises(ValidationError, match=f"营转非案件{case.number}已于{Y}年10月9日办结，不能重复办理"):
        services.case_open(
            data={
                "organization": converted,
                "kind": CaseKind.CLOSE,
                "assignee": case.assignee,
                "opened_on": date(Y, 11, 1),
            },
            user=bureau_staff,
        )
