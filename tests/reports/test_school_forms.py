import pytest
from django.urls import reverse

from core import stats
from reports.models import SchoolFormStatus, SchoolReportForm

from .factories import SchoolReportFormFactory

pytestmark = pytest.mark.django_db


def form_data(form, **changes):
    data = {
        "has_counsel": "on",
        "counsel_services": 2,
        "law_activities": form.law_activities,
        "activity_participants": 300,
        "self_checks": 4,
        "hazards_found": form.hazards_found,
        "hazards_closed": 0,
        "self_checks_accepted": 0,
        "hazards_open": 0,
        "hazards_overdue": 0,
        "inspections": 0,
        "inspections_passed": 0,
        "inspections_rectify": 0,
        "inspections_referred": 0,
        "counsel_names": "",
        "activity_kinds": "",
        "safety_grade": "",
        "safety_score": "",
        "corrections": "",
        "charter_and_rules": "修订了学校章程。",
        "leadership_study": "",
        "education": "开展宪法宣传周。",
        "problems": "",
        "plans": "",
        "contact": "陈老师",
        "contact_phone": "0579-82000001",
        "expected_version": form.version,
    }
    data.update(changes)
    return data


def test_edit_submit_return_and_resubmit(login_as, school_admin_a, bureau_staff, school_a):
    form = SchoolReportFormFactory(organization=school_a, charter_and_rules="", contact="")
    school = login_as(school_admin_a)
    school.post(reverse("reports:school_form_submit", args=[form.pk]))
    form.refresh_from_db()
    assert form.status == SchoolFormStatus.DRAFT  # 章程 and 填报人 still empty
    bad = school.post(reverse("reports:school_form_edit", args=[form.pk]), form_data(form, hazards_closed=9))
    assert bad.status_code == 400 and "整改销号的隐患数不能多于发现的隐患数" in bad.content.decode()
    assert school.post(reverse("reports:school_form_edit", args=[form.pk]), form_data(form)).status_code == 302
    school.post(reverse("reports:school_form_submit", args=[form.pk]))
    form.refresh_from_db()
    assert form.status == SchoolFormStatus.SUBMITTED and form.submitted_at
    assert school.get(reverse("reports:school_form_edit", args=[form.pk])).status_code == 302  # locked

    staff = login_as(bureau_staff)
    staff.post(reverse("reports:school_form_return", args=[form.pk]), {"reason": ""})
    assert SchoolReportForm.objects.get(pk=form.pk).status == SchoolFormStatus.SUBMITTED
    staff.post(reverse("reports:school_form_return", args=[form.pk]), {"reason": "请补充法治教育开展情况"})
    form.refresh_from_db()
    assert form.status == SchoolFormStatus.RETURNED

    school = login_as(school_admin_a)
    page = school.get(reverse("reports:school_form_detail", args=[form.pk])).content.decode()
    assert "请补充法治教育开展情况" in page and "退回：请补充法治教育开展情况" in page
    school.post(reverse("reports:school_form_edit", args=[form.pk]), form_data(form, education="补充了内容"))
    school.post(reverse("reports:school_form_submit", args=[form.pk]))
    staff = login_as(bureau_staff)
    staff.post(reverse("reports:school_form_accept", args=[form.pk]))
    assert SchoolReportForm.objects.get(pk=form.pk).status == SchoolFormStatus.ACCEPTED


def test_a_stale_save_of_the_school_form_is_refused(school_a_client, school_a):
    form = SchoolReportFormFactory(organization=school_a)
    url = reverse("reports:school_form_edit", args=[form.pk])
    stale = form_data(form)
    school_a_client.post(url, form_data(form, plans="第一次保存"))
    response = school_a_client.post(url, {**stale, "plans": "第二次"})
    assert response.status_code == 400 and "未被保存" in response.content.decode()
    assert SchoolReportForm.objects.get(pk=form.pk).plans == "第一次保存"


def test_a_school_sees_only_its_own_form(login_as, school_admin_a, school_a, school_b):
    own = SchoolReportFormFactory(organization=school_a)
    other = SchoolReportFormFactory(organization=school_b)
    client = login_as(school_admin_a)
    assert client.get(reverse("reports:school_form_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("reports:school_form_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("reports:school_form_list")).status_code == 403
    assert client.post(reverse("reports:school_form_return", args=[own.pk]), {"reason": "x"}).status_code == 403


@pytest.mark.usefixtures("header_count_off")
def test_bureau_sees_who_has_submitted(staff_client, school_a, school_b, django_assert_max_num_queries):
    from django.utils import timezone

    SchoolReportFormFactory(organization=school_a, status=SchoolFormStatus.SUBMITTED, submitted_at=timezone.now())
    url = reverse("reports:school_form_list")
    done = staff_client.get(url, {"year": 2021, "status": "done"})
    assert [o.name for o in done.context["page"]] == [school_a.name]
    missing = staff_client.get(url, {"year": 2021, "status": "missing"})
    assert [o.name for o in missing.context["page"]] == [school_b.name]
    latest_first = staff_client.get(url, {"year": 2021, "ordering": "-submitted"})
    assert latest_first.context["page"][0].name == school_a.name
    tiles = {t["label"]: t["value"] for t in latest_first.context["summary"]}
    assert (tiles["应报"], tiles["已提交"], tiles["未开始填报"]) == (2, 1, 1)
    with django_assert_max_num_queries(12) as few:
        staff_client.get(url, {"year": 2021})
    from tests.factories import OrganizationFactory

    for org in OrganizationFactory.create_batch(15):
        SchoolReportFormFactory(organization=org)
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(url, {"year": 2021})
    export = staff_client.get(reverse("reports:school_form_export"), {"year": 2021})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_statistics_summarise_the_forms_for_the_district_report(school_a, school_b):
    SchoolReportFormFactory(
        organization=school_a,
        status=SchoolFormStatus.SUBMITTED,
        has_counsel=True,
        law_activities=5,
        hazards_found=3,
        hazards_closed=2,
    )
    SchoolReportFormFactory(organization=school_b, status=SchoolFormStatus.DRAFT, law_activities=100)
    values = {
        name: stats.get(f"reports.school_forms_{name}").value(2021)
        for name in ("total", "submitted", "rate", "counsel", "activities", "hazards_found", "hazards_closed")
    }
    assert values == {
        "total": 2,
        "submitted": 1,
        "rate": 0.5,
        "counsel": 1,
        "activities": 5,
        "hazards_found": 3,
        "hazards_closed": 2,
    }
    table = stats.get("reports.school_forms_by_status").value(2021)
    assert {row["label"]: row["value"] for row in table}["已提交"] == 1


def test_the_district_draft_summarises_the_forms_when_schools_have_them(bureau_staff, school_a):
    from .factories import make_report

    SchoolReportFormFactory(organization=school_a, status=SchoolFormStatus.SUBMITTED)
    report = make_report(user=bureau_staff)
    assert report.blocks.filter(text__contains="{{reports.school_forms_submitted|number}}").exists()
