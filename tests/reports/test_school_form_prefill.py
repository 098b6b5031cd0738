"""The 依法治校年度报告表 is prefilled from the school's own records in legalaid and inspections."""

from datetime import date

import pytest
from django.urls import reverse

from inspections.models import Conclusion, HazardStatus, SelfCheckStatus, Term
from legalaid.models import ActivityKind
from reports import prefill
from reports.models import SchoolReportForm
from tests.factories import OrganizationFactory
from tests.inspections.factories import (
    AssessmentFactory,
    HazardFactory,
    InspectionFactory,
    SelfCheckFactory,
)
from tests.legalaid.factories import (
    ActivityFactory,
    AppointmentFactory,
    LawFirmFactory,
    LawyerFactory,
    ServiceRecordFactory,
)

from .test_school_forms import form_data

pytestmark = pytest.mark.django_db


def school_records(school, *, scale: int = 1, lawyer_name: str = "王律师"):
    """2021 records of one school (scale multiplies the counts), plus 2020 records that must not count."""
    lawyer = LawyerFactory(name=lawyer_name, firm=LawFirmFactory(name=f"浙江{lawyer_name}律师事务所"))
    counsel = AppointmentFactory(organization=school, lawyer=lawyer)
    ServiceRecordFactory.create_batch(2 * scale, appointment=counsel, date=date(2021, 4, 1))
    ServiceRecordFactory(appointment=counsel, date=date(2020, 4, 1))
    ActivityFactory(organizations=[school], kind=ActivityKind.ANTI_DRUG, sessions=2 * scale, participants=300)
    ActivityFactory(organizations=[school], kind=ActivityKind.CONSTITUTION, sessions=1, participants=500 * scale)
    ActivityFactory(organizations=[school], date=date(2020, 12, 4), sessions=9, participants=900)
    SelfCheckFactory(
        organization=school, term=Term.SPRING, status=SelfCheckStatus.SUBMITTED, submitted_on=date(2021, 4, 1)
    )
    SelfCheckFactory(
        organization=school, term=Term.AUTUMN, status=SelfCheckStatus.ACCEPTED, submitted_on=date(2021, 10, 1)
    )
    # Found in 2021: closed in the year; open and past its deadline; handed in before the deadline
    # passed at the year's end (open, not overdue); closed only in 2022 (open at the year's end).
    HazardFactory(organization=school, status=HazardStatus.CLOSED, closed_on=date(2021, 11, 1))
    for _ in range(scale):
        HazardFactory(organization=school, deadline=date(2021, 6, 30))
    HazardFactory(
        organization=school,
        status=HazardStatus.SUBMITTED,
        deadline=date(2021, 11, 30),
        submitted_on=date(2021, 11, 20),
    )
    HazardFactory(
        organization=school, status=HazardStatus.CLOSED, deadline=date(2022, 1, 31), closed_on=date(2022, 1, 10)
    )
    HazardFactory(organization=school, found_on=date(2020, 5, 1))
    InspectionFactory.create_batch(2 * scale, organization=school)
    InspectionFactory(organization=school, conclusion=Conclusion.RECTIFY, rectify_deadline=date(2021, 6, 30))
    AssessmentFactory(organization=school)


@pytest.fixture
def records(school_a, school_b):
    school_records(school_a)
    school_records(school_b, scale=3, lawyer_name="李律师")


SCHOOL_A_2021 = {
    "has_counsel": True,
    "counsel_names": "王律师（浙江王律师律师事务所）",
    "counsel_services": 2,
    "law_activities": 3,
    "activity_participants": 800,
    "activity_kinds": "禁毒2场、宪法宣传1场",
    "self_checks": 2,
    "self_checks_accepted": 1,
    "hazards_found": 4,
    "hazards_closed": 1,
    "hazards_open": 3,
    "hazards_overdue": 1,
    "inspections": 3,
    "inspections_passed": 2,
    "inspections_rectify": 1,
    "inspections_referred": 0,
    "safety_grade": "优秀",
}


def start(client, year=2021) -> SchoolReportForm:
    response = client.post(f"{reverse('reports:school_form_mine')}?year={year}")
    assert response.status_code == 302
    return SchoolReportForm.objects.get(pk=response.url.rstrip("/").split("/")[-2])


def test_a_school_form_is_prefilled_with_the_schools_own_records(school_a_client, school_a, records):
    form = start(school_a_client)
    assert form.organization == school_a
    assert {name: getattr(form, name) for name in SCHOOL_A_2021} == SCHOOL_A_2021
    assert form.safety_score == 100
    assert set(form.prefilled) == set(prefill.SOURCES)
    assert form.prefilled["law_activities"]["url"] == (
        f"{reverse('legalaid:activity_list')}?year=2021&organization={school_a.pk}"
    )


def test_another_school_gets_its_own_numbers_never_the_first_schools(school_b_client, school_b, records):
    form = start(school_b_client)
    assert (form.counsel_names, form.counsel_services, form.law_activities) == ("李律师（浙江李律师律师事务所）", 6, 7)
    assert (form.activity_participants, form.hazards_found, form.hazards_overdue, form.inspections) == (1800, 6, 3, 7)


def test_a_school_without_records_fills_the_form_by_hand(login_as, records):
    from accounts.roles import Role
    from tests.factories import UserFactory

    lonely = OrganizationFactory(name="测试丙小学")
    form = start(login_as(UserFactory(role=Role.SCHOOL_ADMIN, organization=lonely)))
    assert (form.has_counsel, form.counsel_names, form.law_activities, form.hazards_found) == (False, "", 0, 0)
    assert form.safety_grade == "" and form.safety_score is None and "safety_grade" not in form.prefilled


def test_the_pages_say_which_values_came_from_the_records_and_where(school_a_client, records):
    form = start(school_a_client)
    edit = school_a_client.get(reverse("reports:school_form_edit", args=[form.pk])).content.decode()
    assert "平台记录：3（普法活动记录（场次），<a href=" in edit
    assert "平台记录：2021年12月31日在聘" not in edit and "法律顾问聘任（2021年12月31日在聘）" in edit
    detail = school_a_client.get(reverse("reports:school_form_detail", args=[form.pk])).content.decode()
    assert detail.count('<span class="tag tag-ok">平台记录</span>') == len(prefill.SOURCES)
    assert "已更正" not in detail
    assert "<dd>0\n" in detail  # no 移送处理: a count of 0 reads 0, not —


def test_a_school_corrects_a_prefilled_value_only_with_a_note(school_a_client, records):
    form = start(school_a_client)
    url = reverse("reports:school_form_edit", args=[form.pk])
    values = {k: ("on" if v is True else v) for k, v in SCHOOL_A_2021.items()}
    data = form_data(form, **{**values, "safety_score": "100.0", "law_activities": 5})
    refused = school_a_client.post(url, data)
    assert refused.status_code == 400
    assert "您修改了平台按本校记录预填的数据（普法活动场次），请填写更正说明。" in refused.content.decode()
    assert SchoolReportForm.objects.get(pk=form.pk).law_activities == 3

    data["corrections"] = "另有两场禁毒讲座由社区组织，平台未登记。"
    assert school_a_client.post(url, data).status_code == 302
    form.refresh_from_db()
    assert form.law_activities == 5 and form.corrected_fields() == ["law_activities"]
    detail = school_a_client.get(reverse("reports:school_form_detail", args=[form.pk])).content.decode()
    assert "已更正" in detail and "平台记录：3（普法活动记录（场次））" in detail
    assert "另有两场禁毒讲座由社区组织" in detail


def broken(organization, year):
    raise RuntimeError("module bug")


def test_a_failing_module_leaves_its_fields_to_the_school(school_a_client, records, monkeypatch):
    monkeypatch.setitem(prefill.PROVIDERS, "inspections", "tests.reports.test_school_form_prefill.broken")
    form = start(school_a_client)
    assert (form.law_activities, form.hazards_found, form.inspections) == (3, 0, 0)
    assert "hazards_found" not in form.prefilled and "law_activities" in form.prefilled
