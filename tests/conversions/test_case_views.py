import io

import openpyxl
import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.roles import Role
from conversions.models import CaseKind, CaseStatus, ConversionCase, MaterialStatus, TrackStatus
from directory.models import ProfitStatus
from tests.conversions.factories import CaseFactory
from tests.factories import UserFactory

from .conftest import confirmed

pytestmark = pytest.mark.django_db


def track_post(track, **values):
    prefix = f"track{track.pk}"
    data = {
        "status": track.status,
        "accepted_on": track.accepted_on or "",
        "completed_on": track.completed_on or "",
        "document_no": track.document_no,
        "note": track.note,
        "expected_version": track.version,
    }
    data.update(values)
    return {f"{prefix}-{k}": v for k, v in data.items()}


def test_staff_opens_a_case_from_the_form(staff_client, institution, window_staff, days_ago):
    url = reverse("conversions:case_create")
    page = staff_client.get(url)
    assert institution.name in page.content.decode()
    data = {
        "organization": institution.pk,
        "kind": CaseKind.CONVERT,
        "assignee": window_staff.pk,
        "opened_on": days_ago(1),
    }
    response = staff_client.post(url, data)
    case = ConversionCase.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    again = staff_client.post(url, data)
    assert again.status_code == 400
    assert "请选择" in again.content.decode() or "已有办理中" in again.content.decode()
    assert ConversionCase.objects.count() == 1


def test_future_opening_date_is_refused_in_chinese(staff_client, institution, window_staff, days_ago):
    data = {
        "organization": institution.pk,
        "kind": CaseKind.CONVERT,
        "assignee": window_staff.pk,
        "opened_on": days_ago(-3),
    }
    response = staff_client.post(reverse("conversions:case_create"), data)
    # Shown beside 受理日期 (the bound core.bounds.FACT).
    assert response.status_code == 400 and "不能晚于今天（" in response.content.decode()
    assert not ConversionCase.objects.exists()


def test_case_page_shows_tracks_checklist_and_baseline(staff_client, open_case, bureau_staff):
    from conversions.services import baseline_create

    baseline_create(data={"year": 2000, "steps": 3, "visits": 3, "source": "改革前办事指南"}, user=bureau_staff)
    case = open_case()
    page = staff_client.get(case.get_absolute_url()).content.decode()
    for text in (
        "市场监管",
        "教育",
        "民政",
        "名称预核准、民办非企业单位登记",
        "转登申请书",
        "改革前3次",
        "改革前3个",
        "受理立案",
    ):
        assert text in page
    assert "教育、民政" in page or "市场监管、教育、民政" in page  # what is still open


def test_track_saved_then_stale_second_save_refused(staff_client, open_case, days_ago):
    case = open_case()
    track = case.tracks.get(department="education")
    url = reverse("conversions:track_update", args=[track.pk])
    first = track_post(track, status=TrackStatus.IN_PROGRESS, accepted_on=days_ago(3))
    second = track_post(track, status=TrackStatus.IN_PROGRESS, accepted_on=days_ago(2), note="第二位编辑")
    assert staff_client.post(url, first).status_code == 302
    response = staff_client.post(url, second)
    assert response.status_code == 400
    assert "已被" in response.content.decode() and "未被保存" in response.content.decode()
    track.refresh_from_db()
    assert track.accepted_on == days_ago(3) and track.note == ""


def complete_post(case, **extra) -> dict:
    data = {f"complete-{k}": v for k, v in confirmed(case.kind).items()}
    return {"complete-expected_version": case.version, **data, **extra}


def test_complete_button_refuses_with_open_tracks(staff_client, open_case, institution):
    case = open_case()
    response = staff_client.post(reverse("conversions:case_complete", args=[case.pk]), complete_post(case))
    assert response.status_code == 400
    assert "市场监管、教育、民政尚未办结" in response.content.decode()
    institution.refresh_from_db()
    assert institution.profit_status == ProfitStatus.FOR_PROFIT


def test_complete_through_the_page_updates_the_registry(staff_client, open_case, finish_tracks, institution):
    case = open_case()
    finish_tracks(case)
    case.tracks.filter(department="education").update(document_no="教民330702000888")
    case.refresh_from_db()
    page = staff_client.get(case.get_absolute_url()).content.decode()
    # The licence number is proposed from the 教育 track, and the page says so; the user confirms it.
    assert 'value="教民330702000888"' in page and "已按教育部门登记的证照编号预填" in page
    old_code = institution.credit_code
    url = reverse("conversions:case_complete", args=[case.pk])
    missing = staff_client.post(url, complete_post(case, **{"complete-credit_code": ""}))
    assert missing.status_code == 400 and "这个字段是必填项" in missing.content.decode()
    new_code = confirmed()["credit_code"]
    response = staff_client.post(
        url, complete_post(case, **{"complete-credit_code": new_code, "complete-license_no": "教民330702000888"})
    )
    assert response.status_code == 302
    case.refresh_from_db()
    institution.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED and institution.profit_status == ProfitStatus.NON_PROFIT
    assert (institution.credit_code, institution.license_no) == (new_code, "教民330702000888") != (old_code, "")
    history = staff_client.get(reverse("directory:organization_history", args=[institution.pk])).content.decode()
    assert "营利性 → 非营利性" in history and case.number in history and f"{old_code} → {new_code}" in history


def test_material_return_needs_reason_on_the_page(staff_client, open_case):
    case = open_case()
    item = case.materials.first()
    url = reverse("conversions:material_mark", args=[item.pk])
    bad = staff_client.post(url, {"status": "returned", "reason": "", "expected_version": item.version})
    assert bad.status_code == 400 and "退回材料须说明原因" in bad.content.decode()
    ok = staff_client.post(url, {"status": "returned", "reason": "缺少公章", "expected_version": item.version})
    assert ok.status_code == 302
    item.refresh_from_db()
    assert item.status == MaterialStatus.RETURNED and item.return_reason == "缺少公章"
    stale = staff_client.post(url, {"status": "received", "reason": "", "expected_version": 1})
    assert stale.status_code == 400
    item.refresh_from_db()
    assert item.status == MaterialStatus.RETURNED


def test_visits_and_steps_are_counted(staff_client, open_case, days_ago):
    case = open_case()
    staff_client.post(
        reverse("conversions:visit_add", args=[case.pk]),
        {"visit-visited_on": days_ago(1), "visit-visitor": "李四", "visit-purpose": "提交材料"},
    )
    staff_client.post(
        reverse("conversions:step_add", args=[case.pk]),
        {"step-done_on": days_ago(1), "step-name": "一窗受理", "step-departments": "三部门"},
    )
    bad = staff_client.post(
        reverse("conversions:visit_add", args=[case.pk]),
        {"visit-visited_on": days_ago(30), "visit-visitor": "王五", "visit-purpose": "咨询"},
    )
    assert bad.status_code == 400 and "早于案件受理日期" in bad.content.decode()
    page = staff_client.get(case.get_absolute_url())
    assert "1次" in page.content.decode() and "李四来访" in page.content.decode()
    assert case.visits.count() == 1 and case.steps.count() == 1


def test_leader_reads_but_cannot_work(leader_client, open_case):
    case = open_case()
    page = leader_client.get(case.get_absolute_url())
    assert page.status_code == 200 and "保存市场监管" not in page.content.decode()
    track = case.tracks.first()
    assert (
        leader_client.post(reverse("conversions:track_update", args=[track.pk]), track_post(track)).status_code == 403
    )
    assert leader_client.get(reverse("conversions:case_create")).status_code == 403
    assert leader_client.get(reverse("conversions:index")).status_code == 200


def test_institution_sees_only_its_own_case_read_only(client, login_as, open_case, institution):
    own = open_case()
    other = CaseFactory()
    user = UserFactory(username="inst", role=Role.SCHOOL_ADMIN, organization=institution)
    client = login_as(user)
    page = client.get(own.get_absolute_url())
    assert page.status_code == 200 and "保存教育" not in page.content.decode()
    assert client.get(reverse("conversions:case_pdf", args=[own.pk]))["Content-Type"] == "application/pdf"
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(reverse("conversions:case_list")).status_code == 403
    assert client.get(reverse("conversions:index")).status_code == 403
    assert own.number in client.get(reverse("core:home")).content.decode()


@pytest.mark.usefixtures("header_count_off")  # the list's own budget; the header's in test_todo_header
def test_ledger_filters_sorts_and_counts_queries(staff_client, django_assert_max_num_queries, days_ago):
    CaseFactory.create_batch(3)
    done = CaseFactory(status=CaseStatus.COMPLETED, opened_on=days_ago(10), completed_on=days_ago(8))
    late = CaseFactory(opened_on=days_ago(40), due_on=days_ago(25))
    url = reverse("conversions:case_list")
    assert staff_client.get(url).context["page"].paginator.count == 5
    assert list(staff_client.get(url, {"overdue": "true"}).context["page"]) == [late]
    assert list(
        staff_client.get(url, {"status": "completed", "completed_year": done.completed_on.year}).context["page"]
    ) == [done]
    assert list(staff_client.get(url, {"q": done.organization.name}).context["page"]) == [done]
    ordered = [c.opened_on for c in staff_client.get(url, {"ordering": "opened"}).context["page"]]
    assert ordered == sorted(ordered)
    cache.clear()  # the menus are cached until their rows change: measure both requests cold
    with django_assert_max_num_queries(12) as small:
        staff_client.get(url)
    CaseFactory.create_batch(15)
    cache.clear()  # the menus are cached until their rows change: measure both requests cold
    with django_assert_max_num_queries(len(small.captured_queries)):
        staff_client.get(url)


def test_ledger_export_follows_filters(staff_client, days_ago):
    CaseFactory(organization__name="=HYPERLINK(1)培训学校")
    done = CaseFactory(status=CaseStatus.COMPLETED, opened_on=days_ago(5), completed_on=days_ago(2))
    response = staff_client.get(reverse("conversions:case_export"), {"status": "completed"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("案件编号", "机构名称", "统一社会信用代码", "办理类型")
    assert [r[0] for r in rows[1:]] == [done.number]
    assert rows[1][10] == 3  # days
    everything = openpyxl.load_workbook(io.BytesIO(staff_client.get(reverse("conversions:case_export")).content))
    cell = next(c for row in everything.active.iter_rows(min_row=2) for c in row if "HYPERLINK" in str(c.value))
    assert cell.data_type == "s" and cell.quotePrefix


def test_board_shows_status_staff_and_overdue(staff_client, days_ago, django_assert_max_num_queries):
    late = CaseFactory(opened_on=days_ago(40), due_on=days_ago(20))
    CaseFactory(assignee=late.assignee)
    response = staff_client.get(reverse("conversions:index"))
    page = response.content.decode()
    assert response.status_code == 200
    assert late.number in page and late.assignee.get_full_name() in page
    row = next(r for r in response.context["staff"] if r.assignee == late.assignee)
    assert (row.total, row.open, row.overdue) == (2, 2, 1)
    assert response.context["status"]["totals"]["overdue"] == 1
    cache.clear()
    with django_assert_max_num_queries(40) as small:
        staff_client.get(reverse("conversions:index"))
    CaseFactory.create_batch(10)
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        staff_client.get(reverse("conversions:index"))


def test_board_is_served_from_the_cache_until_a_case_changes(staff_client, django_assert_max_num_queries):
    case = CaseFactory()
    staff_client.get(reverse("conversions:index"))
    with django_assert_max_num_queries(6):  # session, user, two data versions, nothing recomputed
        cached = staff_client.get(reverse("conversions:index"))
    assert cached.context["status"]["totals"]["open"] == 1
    CaseFactory(assignee=case.assignee)  # a change: the next board counts it, never a stale figure
    fresh = staff_client.get(reverse("conversions:index"))
    assert fresh.context["status"]["totals"]["open"] == 2
    assert next(r for r in fresh.context["staff"] if r.assignee == case.assignee).open == 2


def test_overdue_deadline_comes_from_the_setting(settings, open_case):
    settings.CONVERSION_DEADLINE_DAYS = 3
    case = open_case(opened=5)
    assert (case.due_on - case.opened_on).days == 3
    assert case.is_overdue


def test_board_export(staff_client):
    CaseFactory()
    response = staff_client.get(reverse("conversions:board_export"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    labels = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert any("压减率" in str(label) for label in labels)
    assert any("改革前办理次数" in str(label) for label in labels)


def test_checklist_pdf_renders(staff_client, open_case):
    case = open_case()
    response = staff_client.get(reverse("conversions:case_pdf", args=[case.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert case.number in response["Content-Disposition"] or "filename" in response["Content-Disposition"]


def test_catalogue_lists_reference_texts(staff_client):
    page = staff_client.get(reverse("conversions:catalogue")).content.decode()
    assert "名称预先核准申请表" in page and "参考文本" in page and "××" in page


def test_withdraw_and_note_refuse_empty_input_and_keep_the_case(staff_client, open_case):
    case = open_case()
    withdraw = reverse("conversions:case_withdraw", args=[case.pk])
    refused = staff_client.post(withdraw, {"withdraw-reason": "  ", "withdraw-expected_version": case.version})
    assert refused.status_code == 400 and "未保存" in refused.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    stale = staff_client.post(
        withdraw, {"withdraw-reason": "机构申请撤回", "withdraw-expected_version": case.version - 1}
    )
    assert stale.status_code == 400
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    assert staff_client.post(reverse("conversions:case_note", args=[case.pk]), {"note-text": ""}).status_code == 400
    done = staff_client.post(withdraw, {"withdraw-reason": "机构申请撤回", "withdraw-expected_version": case.version})
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN
