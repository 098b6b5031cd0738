import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.roles import Role
from conversions import services
from conversions.models import CaseKind, CaseStatus, ConversionCase, EventKind, MaterialStatus, TrackStatus
from core.services import StaleVersionError
from directory.models import Organization, OrgKind, OrgStatus, ProfitStatus
from tests.factories import OrganizationFactory, UserFactory, valid_credit_code

from .conftest import confirmed

pytestmark = pytest.mark.django_db


def test_opening_creates_the_tracks_and_checklist_the_kind_needs(open_case, institution):
    convert = open_case(CaseKind.CONVERT)
    assert [t.get_department_display() for t in convert.tracks.order_by("id")] == ["市场监管", "教育", "民政"]
    names = set(convert.materials.values_list("name", flat=True))
    assert {"公司注销登记申请书", "转登申请书", "学校章程", "名称预核准通知书", "民办非企业单位登记申请书"} <= names
    assert convert.number.startswith(f"YZF-{convert.opened_on.year}-")
    assert convert.due_on > convert.opened_on
    assert convert.events.filter(kind=EventKind.OPENED).exists()

    other = OrganizationFactory(training=True)
    change = open_case(CaseKind.CHANGE, organization=other)
    assert [t.department for t in change.tracks.order_by("id")] == ["market", "education"]
    assert "公司变更登记申请书" in set(change.materials.values_list("name", flat=True))
    assert not change.materials.filter(department="civil").exists()


def test_one_open_case_per_institution(open_case):
    first = open_case()
    with pytest.raises(ValidationError) as exc:
        open_case()
    assert "已有办理中的案件" in str(exc.value) and first.number in str(exc.value)
    assert ConversionCase.objects.count() == 1


def test_only_active_for_profit_subject_class_institutions_can_convert(open_case, school_a):
    with pytest.raises(ValidationError, match="不是学科类培训机构"):
        open_case(organization=school_a)
    nonprofit = OrganizationFactory(training=True, profit_status=ProfitStatus.NON_PROFIT)
    with pytest.raises(ValidationError, match="已是非营利性"):
        open_case(organization=nonprofit)
    open_case(CaseKind.CLOSE, organization=nonprofit)  # a non-profit one may still close


def test_assignee_must_be_bureau_staff(institution, bureau_staff, leader, days_ago):
    with pytest.raises(ValidationError) as exc:
        services.case_open(
            data={"organization": institution, "kind": CaseKind.CONVERT, "assignee": leader, "opened_on": days_ago(1)},
            user=bureau_staff,
        )
    assert "经办人须为在岗的局机关工作人员" in str(exc.value)


def test_completing_with_an_open_track_is_refused_and_writes_nothing(open_case, bureau_staff, days_ago, institution):
    case = open_case()
    market = case.tracks.get(department="market")
    services.track_update(
        track=market,
        data={"status": TrackStatus.DONE, "accepted_on": days_ago(3), "completed_on": days_ago(2)},
        user=bureau_staff,
        expected_version=market.version,
    )
    with pytest.raises(ValidationError) as exc:
        services.case_complete(case=case, user=bureau_staff, expected_version=None)
    assert "教育、民政尚未办结" in str(exc.value)
    case.refresh_from_db()
    institution.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    assert institution.profit_status == ProfitStatus.FOR_PROFIT


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (CaseKind.CONVERT, {"profit_status": ProfitStatus.NON_PROFIT, "kind": OrgKind.SUBJECT_TRAINING}),
        (CaseKind.CHANGE, {"profit_status": ProfitStatus.FOR_PROFIT, "kind": OrgKind.NONSUBJECT_TRAINING}),
        (CaseKind.CLOSE, {"status": OrgStatus.DEREGISTERED}),
    ],
)
def test_completion_changes_the_registry_with_history(
    kind, expected, open_case, finish_tracks, bureau_staff, institution, days_ago
):
    case = open_case(kind)
    finish_tracks(case)
    case = services.case_complete(case=case, user=bureau_staff, expected_version=case.version, **confirmed(kind))
    assert case.status == CaseStatus.COMPLETED
    assert case.completed_on == days_ago(2)  # the day the last department finished
    assert case.days_elapsed == 3
    org = Organization.objects.get(pk=institution.pk)
    for field, value in expected.items():
        assert getattr(org, field) == value
    assert org.status_date == days_ago(2)
    latest = org.history.order_by("-history_date").first()
    assert latest.history_user == bureau_staff
    assert case.number in latest.history_change_reason
    assert org.version == institution.version + 1


def test_conversion_writes_the_approved_name_and_the_confirmed_code_and_licence(
    open_case, finish_tracks, bureau_staff, institution
):
    case = open_case()
    case = services.case_update(
        case=case, data={"new_name": "金华市婺城区测试培训学校"}, user=bureau_staff, expected_version=case.version
    )
    finish_tracks(case)
    education = case.tracks.get(department="education")
    education.document_no = "教民330702999999"
    education.save()
    company_code = institution.credit_code
    # Not silently copied from the 教育 track: without the user's confirmation nothing is written.
    with pytest.raises(ValidationError) as exc:
        services.case_complete(case=case, user=bureau_staff, expected_version=None)
    assert set(exc.value.message_dict) == {"credit_code", "license_no"}
    with pytest.raises(ValidationError, match="不能沿用原公司"):
        services.case_complete(
            case=case, user=bureau_staff, expected_version=None, credit_code=company_code, license_no="教民1"
        )
    with pytest.raises(ValidationError, match="校验位错误"):
        services.case_complete(
            case=case,
            user=bureau_staff,
            expected_version=None,
            credit_code=company_code[:-1] + ("0" if company_code[-1] != "0" else "1"),
            license_no="教民1",
        )
    institution.refresh_from_db()
    assert institution.credit_code == company_code and institution.profit_status == ProfitStatus.FOR_PROFIT

    new_code = valid_credit_code("52")
    services.case_complete(
        case=case,
        user=bureau_staff,
        expected_version=None,
        credit_code=" " + new_code.lower()[:9] + " " + new_code[9:],  # typed with spaces, in lower case
        license_no="教民330702000777",
    )
    institution.refresh_from_db()
    assert institution.name == "金华市婺城区测试培训学校"
    assert (institution.credit_code, institution.license_no) == (new_code, "教民330702000777")
    assert institution.history.filter(credit_code=company_code).exists()  # the old code stays in the history


def test_a_change_takes_the_licence_number_confirmed_and_keeps_the_code(
    open_case, finish_tracks, bureau_staff, institution
):
    Organization.objects.filter(pk=institution.pk).update(license_no="教民330702000001")
    case = open_case(CaseKind.CHANGE)
    finish_tracks(case)
    services.case_complete(case=case, user=bureau_staff, expected_version=None, license_no="")
    institution.refresh_from_db()
    assert institution.kind == OrgKind.NONSUBJECT_TRAINING and institution.license_no == ""
    assert "办学许可证号已注销" in case.events.get(kind=EventKind.COMPLETED).message


def test_second_stale_save_of_a_track_is_refused(open_case, bureau_staff, days_ago):
    case = open_case()
    track = case.tracks.get(department="civil")
    loaded = track.version
    services.track_update(
        track=track,
        data={"status": TrackStatus.IN_PROGRESS, "accepted_on": days_ago(3), "note": "名称已预核"},
        user=bureau_staff,
        expected_version=loaded,
    )
    stale = type(track).objects.get(pk=track.pk)
    with pytest.raises(StaleVersionError):
        services.track_update(
            track=stale,
            data={"status": TrackStatus.PENDING, "note": "覆盖"},
            user=bureau_staff,
            expected_version=loaded,
        )
    track.refresh_from_db()
    assert track.note == "名称已预核" and track.status == TrackStatus.IN_PROGRESS


def test_track_dates_are_checked(open_case, bureau_staff, days_ago):
    case = open_case(opened=5)
    track = case.tracks.first()
    with pytest.raises(ValidationError) as exc:
        services.track_update(
            track=track,
            data={"status": TrackStatus.DONE, "accepted_on": days_ago(10), "completed_on": days_ago(-1)},
            user=bureau_staff,
            expected_version=track.version,
        )
    errors = exc.value.message_dict
    assert "不能晚于今天" in errors["completed_on"][0]
    assert "早于案件受理日期" in errors["accepted_on"][0]


def test_a_track_finished_without_dates_is_dated_today(open_case, bureau_staff):
    case = open_case(opened=5)
    track = services.track_update(
        track=case.tracks.first(), data={"status": TrackStatus.DONE}, user=bureau_staff, expected_version=1
    )
    assert track.accepted_on == track.completed_on == timezone.localdate()


def test_material_returned_needs_a_reason_and_verified_is_recorded(open_case, bureau_staff):
    case = open_case()
    item = case.materials.first()
    with pytest.raises(ValidationError, match="须说明原因"):
        services.material_mark(
            item=item, status=MaterialStatus.RETURNED, user=bureau_staff, expected_version=item.version
        )
    item.refresh_from_db()
    assert item.status == MaterialStatus.PENDING
    item = services.material_mark(
        item=item, status=MaterialStatus.RETURNED, reason="章程未盖章", user=bureau_staff, expected_version=item.version
    )
    with pytest.raises(ValidationError, match="重新收取"):
        services.material_mark(
            item=item, status=MaterialStatus.VERIFIED, user=bureau_staff, expected_version=item.version
        )
    assert case.events.filter(kind=EventKind.MATERIAL, message__contains="章程未盖章").exists()


def test_completed_case_can_no_longer_be_worked(open_case, finish_tracks, bureau_staff, days_ago):
    case = open_case()
    finish_tracks(case)
    case = services.case_complete(case=case, user=bureau_staff, expected_version=None, **confirmed())
    with pytest.raises(ValidationError, match="已办结"):
        services.visit_record(
            case=case, data={"visited_on": days_ago(1), "visitor": "张三", "purpose": "补交"}, user=bureau_staff
        )


def test_withdrawn_case_frees_the_institution_for_a_new_case(open_case, bureau_staff, institution):
    case = open_case()
    with pytest.raises(ValidationError):
        services.case_withdraw(case=case, reason=" ", user=bureau_staff, expected_version=case.version)
    services.case_withdraw(case=case, reason="误立案", user=bureau_staff, expected_version=case.version)
    institution.refresh_from_db()
    assert institution.profit_status == ProfitStatus.FOR_PROFIT
    assert open_case().status == CaseStatus.OPEN


def test_reassigning_is_on_the_timeline(open_case, bureau_staff):
    case = open_case()
    other = UserFactory(username="window2", full_name="窗口对接员乙", role=Role.BUREAU_STAFF)
    services.case_update(case=case, data={"assignee": other}, user=bureau_staff, expected_version=case.version)
    event = case.events.get(kind=EventKind.ASSIGNED)
    assert event.message == "经办人由窗口对接员甲改为窗口对接员乙" and event.actor == bureau_staff
