"""The 检查通知 as its organization sees it: in 待办 until signed for, its PDF in the official layout (the
owner and the bureau only), and the 回避 request the school makes and the bureau decides."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from core.todo import items_for
from inspections import services
from inspections.models import RecusalStatus
from tests.clients import PortalClient

from .factories import OfficerFactory, approved_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(bureau_staff, leader, school_a):
    return approved_notice(school_a, staff=bureau_staff, leader=leader)


def _kinds(user) -> set[str]:
    return {item.kind for item in items_for(user)}


def test_the_school_finds_the_notice_in_its_todo_until_it_signs_for_it(school_a_client, school_admin_a, notice):
    todo = [i for i in items_for(school_admin_a) if i.kind == "检查通知"]
    assert [i.url for i in todo] == [notice.get_absolute_url()]
    page = school_a_client.get(notice.get_absolute_url()).content.decode()
    assert notice.number in page and "申请回避" in page and "签收" in page
    school_a_client.post(reverse("inspections:check_notice_receive", args=[notice.pk]))
    notice.refresh_from_db()
    assert notice.received_by == school_admin_a and notice.received_on
    assert "检查通知" not in _kinds(school_admin_a)


def test_another_school_gets_404_and_cannot_sign_or_ask(school_b_client, school_admin_b, notice):
    assert "检查通知" not in _kinds(school_admin_b)
    for name in ("check_notice_detail", "check_notice_pdf"):
        assert school_b_client.get(reverse(f"inspections:{name}", args=[notice.pk])).status_code == 404
    for name in ("check_notice_receive", "recusal_request"):
        assert school_b_client.post(reverse(f"inspections:{name}", args=[notice.pk])).status_code == 404
    assert notice.number not in school_b_client.get(reverse("inspections:check_notice_list")).content.decode()
    with pytest.raises(PermissionDenied):
        services.check_notice_receive(notice=notice, user=school_admin_b)


def test_the_pdf_in_the_official_layout_for_the_owner_and_the_bureau(school_admin_a, bureau_staff, notice, tmp_path):
    school_a_client, staff_client = _as(school_admin_a), _as(bureau_staff)
    response = school_a_client.get(reverse("inspections:check_notice_pdf", args=[notice.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert staff_client.get(reverse("inspections:check_notice_pdf", args=[notice.pk])).status_code == 200
    path = tmp_path / "notice.pdf"
    path.write_bytes(response.content)
    text = "".join(page.extract_text() for page in PdfReader(path).pages).replace(" ", "").replace("\n", "")
    assert "行政检查通知书" in text and notice.number in text and notice.organization.name in text
    for officer in notice.officers.all():
        assert officer.name in text and officer.certificate_no in text
    assert "严禁未经批准实施检查" in text and "回避" in text and "已接受" in text


def _as(user) -> PortalClient:
    client = PortalClient()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_a_granted_recusal_replaces_the_officer_and_the_school_sees_it(bureau_staff, school_admin_a, notice):
    school_a_client, staff_client = _as(school_admin_a), _as(bureau_staff)
    withdrawn = notice.officers.order_by("name").first()
    url = reverse("inspections:recusal_request", args=[notice.pk])
    empty = school_a_client.post(url, {"officer": withdrawn.pk, "reason": ""}, follow=True)
    assert "请写明申请回避的理由" in empty.content.decode() and not notice.recusals.exists()
    school_a_client.post(url, {"officer": withdrawn.pk, "reason": "该执法人员系本校校长的配偶"})
    recusal = notice.recusals.get()
    assert recusal.status == RecusalStatus.PENDING
    todo = [i for i in items_for(bureau_staff) if i.kind == "回避申请待决定"]
    assert todo and "校长的配偶" in todo[0].detail

    replacement = OfficerFactory(name="替补执法")
    decided = staff_client.post(
        reverse("inspections:recusal_decide", args=[recusal.pk]), {"grant": "1", "replacement": replacement.pk}
    )
    assert decided.status_code == 302
    recusal.refresh_from_db()
    assert recusal.status == RecusalStatus.GRANTED and recusal.decided_by == bureau_staff
    assert withdrawn not in notice.officers.all() and replacement in notice.officers.all()
    assert "回避申请待决定" not in _kinds(bureau_staff)
    page = school_a_client.get(notice.get_absolute_url()).content.decode()
    assert "同意回避" in page and "由替补执法替换" in page
    assert [h.status for h in recusal.history.order_by("history_id")] == ["pending", "granted"]


def test_a_refusal_needs_a_reason_and_only_staff_decide(school_admin_a, bureau_staff, leader, notice, client):
    officer = notice.officers.first()
    with pytest.raises(ValidationError):
        services.recusal_request(notice=notice, officer=OfficerFactory(), reason="不认识", user=school_admin_a)
    recusal = services.recusal_request(notice=notice, officer=officer, reason="曾有纠纷", user=school_admin_a)
    with pytest.raises(PermissionDenied):
        services.recusal_decide(recusal=recusal, grant=True, user=leader)
    client.force_login(school_admin_a, backend="django.contrib.auth.backends.ModelBackend")
    assert client.post(reverse("inspections:recusal_decide", args=[recusal.pk]), {"grant": "1"}).status_code == 403
    with pytest.raises(ValidationError):
        services.recusal_decide(recusal=recusal, grant=False, user=bureau_staff)
    services.recusal_decide(recusal=recusal, grant=False, reason="纠纷已调解，无利害关系", user=bureau_staff)
    assert officer in notice.officers.all()
    page = client.get(notice.get_absolute_url()).content.decode()
    assert "不同意回避" in page and "纠纷已调解" in page


def test_the_todo_of_notices_costs_the_same_queries_for_more_rows(bureau_staff, leader, school_admin_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from inspections.notice_todo import items as notice_items

    from .factories import submitted_approval

    def counts():
        result = []
        for user in (bureau_staff, leader, school_admin_a):
            with CaptureQueriesContext(connection) as ctx:
                notice_items(user)
            result.append(len(ctx))
        return result

    before = counts()
    for _ in range(3):
        notice = approved_notice(school_admin_a.organization, staff=bureau_staff, leader=leader)
        services.recusal_request(notice=notice, officer=notice.officers.first(), reason="亲属", user=school_admin_a)
        submitted_approval([school_admin_a.organization], staff=bureau_staff)
    assert counts() == before == [2, 1, 1]
    assert len([i for i in items_for(school_admin_a) if i.kind == "检查通知"]) == 3
