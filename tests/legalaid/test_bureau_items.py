from datetime import date

import pytest
from django.urls import reverse

from legalaid.models import CadreTraining, NormativeDocument
from tests.factories import DepartmentFactory
from tests.legalaid.factories import NormativeDocumentFactory

pytestmark = pytest.mark.django_db


def advance(client, document, action, **fields):
    document.refresh_from_db()
    return client.post(
        reverse("legalaid:document_advance", args=[document.pk]),
        {"action": action, "expected_version": document.version, **fields},
    )


def test_normative_document_goes_through_review_issue_and_filing(staff_client):
    section = DepartmentFactory(name="政策法规科", kind="section")
    response = staff_client.post(
        reverse("legalaid:document_create"),
        {"title": "法律顾问聘任与管理办法", "drafting_department": section.pk, "drafted_on": "2021-01-06"},
    )
    document = NormativeDocument.objects.get()
    assert response.status_code == 302 and document.get_status_display() == "起草中"

    # Filing before issue, approval before submission, approval without an opinion: all refused.
    assert "印发后才能报送备案" in advance(staff_client, document, "submit_filing").content.decode()
    assert "不能合法性审查通过" in advance(staff_client, document, "approve", opinion="同意").content.decode()
    assert advance(staff_client, document, "submit").status_code == 302
    response = advance(staff_client, document, "approve")
    assert response.status_code == 400 and "请填写合法性审查意见" in response.content.decode()
    advance(staff_client, document, "approve", opinion="符合法律法规，同意印发。", on="2021-01-20")
    response = advance(staff_client, document, "issue", on="2021-02-01")
    assert response.status_code == 400 and "印发时须填写文号" in response.content.decode()
    advance(staff_client, document, "issue", on="2021-02-01", number="婺教〔2021〕8号")
    advance(staff_client, document, "submit_filing")
    advance(staff_client, document, "filed", on="2021-02-25")

    document.refresh_from_db()
    assert (document.status, document.filing_status, document.number) == ("issued", "filed", "婺教〔2021〕8号")
    assert (document.reviewed_on, document.issued_on, document.filed_on) == (
        date(2021, 1, 20),
        date(2021, 2, 1),
        date(2021, 2, 25),
    )
    page = staff_client.get(document.get_absolute_url()).content.decode()
    assert "合法性审查通过：合法性审查中 → 审查通过（符合法律法规，同意印发。）" in page
    assert "印发：审查通过 → 已印发" in page


def test_a_document_number_is_used_once(staff_client):
    NormativeDocumentFactory(number="婺教〔2021〕8号", status="issued", issued_on=date(2021, 2, 1))
    document = NormativeDocumentFactory(status="approved")
    response = advance(staff_client, document, "issue", number="婺教〔2021〕8号")
    assert response.status_code == 400 and "该文号已被其他规范性文件使用" in response.content.decode()
    document.refresh_from_db()
    assert document.status == "approved"


def test_stale_document_action_is_refused(staff_client):
    document = NormativeDocumentFactory()
    stale = document.version
    advance(staff_client, document, "submit")
    response = staff_client.post(
        reverse("legalaid:document_advance", args=[document.pk]),
        {"action": "approve", "opinion": "同意", "expected_version": stale},
    )
    assert response.status_code == 400 and "旧版本" in response.content.decode()


def test_leaders_read_documents_but_do_not_handle_them(leader_client):
    document = NormativeDocumentFactory()
    assert leader_client.get(document.get_absolute_url()).status_code == 200
    assert (
        leader_client.post(reverse("legalaid:document_advance", args=[document.pk]), {"action": "submit"}).status_code
        == 403
    )


def test_cadre_training_refuses_negative_participants(staff_client, bureau_staff):
    url = reverse("legalaid:training_create")
    values = {"date": "2021-03-10", "title": "民法典专题学习", "participants": "-1", "hours": "1.5"}
    response = staff_client.post(url, values)
    assert response.status_code == 400 and "应在0至100,000之间" in response.content.decode()
    assert staff_client.post(url, {**values, "participants": "56"}).status_code == 302
    assert CadreTraining.objects.get().created_by == bureau_staff
    listed = staff_client.get(reverse("legalaid:training_list"), {"year": 2021}).context["page"]
    assert [t.title for t in listed] == ["民法典专题学习"]


def test_bureau_items_are_not_for_schools(school_a_client):
    for name in ("training_list", "document_list", "firm_list", "lawyer_list"):
        assert school_a_client.get(reverse(f"legalaid:{name}")).status_code == 403
