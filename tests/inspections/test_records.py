from datetime import date

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from inspections.models import Conclusion, Hazard, HazardStatus, Inspection
from tests.clients import PortalClient

from .conftest import attach_inspection_file
from .factories import PDF, PNG, InspectionFactory, OfficerFactory

pytestmark = pytest.mark.django_db


def signed_in(user) -> PortalClient:
    client = PortalClient()  # the second factor too, for the roles that need one
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def record_data(plan, organization, officers, *, fail=(), **overrides):
    items = list(plan.checklist.items.all())
    data = {
        "plan": plan.pk,
        "organization": organization.pk,
        "inspected_on": "2021-05-10",
        "officers": [o.pk for o in officers],
        "conclusion": Conclusion.RECTIFY if fail else Conclusion.PASSED,
        "rectify_deadline": "2021-06-10" if fail else "",
        "notes": "现场检查",
    }
    for item in items:
        data[f"answer_{item.pk}"] = "fail" if item.number in fail else "pass"
        data[f"note_{item.pk}"] = "灭火器过期" if item.number in fail else ""
    data.update(overrides)
    return data


def post(client, data):
    return client.post(reverse("inspections:inspection_create") + f"?plan={data['plan']}", data)


def test_record_with_failed_items_is_numbered_and_proposes_hazards(staff_client, plan, school_a, officers):
    photo = SimpleUploadedFile("现场.png", PNG, content_type="image/png")
    response = post(staff_client, record_data(plan, school_a, officers[:2], fail=(3,), attachments=[photo]))
    inspection = Inspection.objects.get()
    assert response.status_code == 302
    assert inspection.number == "婺教检〔2021〕第1号" and inspection.notice_number == "婺教改〔2021〕第1号"
    hazard = Hazard.objects.get()
    assert hazard.organization == school_a and hazard.area == "fire" and hazard.status == HazardStatus.OPEN
    assert hazard.deadline == date(2021, 6, 10) and "灭火器过期" in hazard.description
    assert inspection.attachments.get().original_name == "现场.png"
    second = post(staff_client, record_data(plan, school_a, officers[:2], inspected_on="2021-05-11"))
    assert second.status_code == 302
    assert Inspection.objects.order_by("-id").first().number == "婺教检〔2021〕第2号"


def test_fewer_than_two_officers_is_refused_and_nothing_saved(staff_client, plan, school_a, officers):
    response = post(staff_client, record_data(plan, school_a, officers[:1]))
    assert response.status_code == 400
    assert "2名以上持有行政执法证" in response.content.decode()
    assert not Inspection.objects.exists()


def test_an_officer_with_an_expired_certificate_cannot_inspect(staff_client, plan, school_a, officers):
    expired = OfficerFactory(name="过期员", valid_until=date(2021, 1, 31))
    response = post(staff_client, record_data(plan, school_a, [officers[0], expired]))
    assert response.status_code == 400
    assert "过期员的行政执法证在检查日期不在有效期内" in response.content.decode()
    assert not Inspection.objects.exists()


def test_every_item_must_be_answered_and_failed_items_cannot_pass(staff_client, plan, school_a, officers):
    data = record_data(plan, school_a, officers[:2])
    first = plan.checklist.items.first()
    del data[f"answer_{first.pk}"]
    response = post(staff_client, data)
    assert response.status_code == 400 and response.content.decode().count("还有1个检查项未填写结果") == 1
    data = record_data(plan, school_a, officers[:2], fail=(1,), conclusion=Conclusion.PASSED)
    response = post(staff_client, data)
    assert response.status_code == 400 and "结论不能为“合格”" in response.content.decode()
    assert not Inspection.objects.exists() and not Hazard.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("扫描件.exe", b"MZ\x90\x00", "类型不允许"), ("伪装.png", b"not an image", "内容与扩展名不符")],
)
def test_wrong_attachment_is_refused_and_nothing_saved(staff_client, plan, school_a, officers, name, content, message):
    bad = SimpleUploadedFile(name, content)
    response = post(staff_client, record_data(plan, school_a, officers[:2], fail=(2,), attachments=[bad]))
    assert response.status_code == 400 and message in response.content.decode()
    assert not Inspection.objects.exists() and not Hazard.objects.exists()


def test_oversize_attachment_is_refused(staff_client, plan, school_a, officers, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    big = SimpleUploadedFile("大文件.pdf", PDF + b"0" * 2048)
    response = post(staff_client, record_data(plan, school_a, officers[:2], attachments=[big]))
    assert response.status_code == 400 and "过大" in response.content.decode()
    assert not Inspection.objects.exists()


def test_organization_outside_the_plan_or_date_outside_the_period_is_refused(staff_client, plan, school_a, officers):
    response = post(staff_client, record_data(plan, school_a, officers[:2], inspected_on="2020-12-31"))
    assert response.status_code == 400 and "检查日期应在行动期间" in response.content.decode()


def test_numbers_restart_each_year_and_never_repeat(bureau_staff, plan, school_a, officers):
    from inspections import services
    from inspections.models import Answer

    answers = {str(pk): {"r": Answer.PASS} for pk in plan.checklist.items.values_list("pk", flat=True)}
    made = [
        services.inspection_create(
            plan=plan,
            organization=school_a,
            inspected_on=day,
            officers=officers[:2],
            answers=answers,
            conclusion=Conclusion.PASSED,
            user=bureau_staff,
        )
        for day in (date(2021, 3, 1), date(2021, 3, 2), date(2022, 3, 1), date(2021, 3, 3))
    ]
    assert [m.number for m in made] == [
        "婺教检〔2021〕第1号",
        "婺教检〔2021〕第2号",
        "婺教检〔2022〕第1号",
        "婺教检〔2021〕第3号",
    ]


def test_pdfs_of_the_record_and_the_notice(bureau_staff, school_admin_a, inspection_a):
    Inspection.objects.filter(pk=inspection_a.pk).update(
        conclusion=Conclusion.RECTIFY, rectify_deadline=date(2021, 6, 1), notice_serial=7
    )
    record = signed_in(school_admin_a).get(reverse("inspections:inspection_record_pdf", args=[inspection_a.pk]))
    notice = signed_in(bureau_staff).get(reverse("inspections:inspection_notice_pdf", args=[inspection_a.pk]))
    assert record.status_code == 200 and record.content.startswith(b"%PDF")
    assert notice.status_code == 200 and notice.content.startswith(b"%PDF")
    assert "%E8%B4%A3%E4%BB%A4" in notice["Content-Disposition"]  # 责令整改通知书_…pdf


def test_attachments_are_served_only_to_permitted_users(school_admin_a, school_admin_b, inspection_a, bureau_staff):
    attachment = attach_inspection_file(inspection_a, bureau_staff)
    url = reverse("inspections:inspection_attachment", args=[attachment.pk])
    own = signed_in(school_admin_a).get(url)
    assert own.status_code == 200 and set(own["Cache-Control"].split(", ")) == {"no-store", "private"}
    assert b"".join(own.streaming_content) == PNG
    assert signed_in(school_admin_b).get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_school_sees_only_its_own_inspections_in_list_and_export(school_a_client, inspection_a, plan, school_b):
    other = InspectionFactory(plan=plan, organization=school_b)
    page = school_a_client.get(reverse("inspections:inspection_list"))
    assert list(page.context["page"].object_list) == [inspection_a]
    export = school_a_client.get(reverse("inspections:inspection_export"))
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    numbers = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert numbers == [inspection_a.number] and other.number not in numbers
    assert school_a_client.get(reverse("inspections:inspection_detail", args=[other.pk])).status_code == 404


def test_inspection_list_query_count_is_constant(staff_client, plan, django_assert_max_num_queries):
    InspectionFactory.create_batch(3, plan=plan)
    url = reverse("inspections:inspection_list")
    staff_client.get(url)
    cache.clear()  # the menus are cached until their rows change: measure both requests cold
    with django_assert_max_num_queries(20) as small:
        staff_client.get(url)
    InspectionFactory.create_batch(25, plan=plan)
    cache.clear()  # the menus are cached until their rows change: measure both requests cold
    with django_assert_max_num_queries(len(small.captured_queries)):
        staff_client.get(url)


def test_phone_form_renders_every_item_with_thumb_sized_choices(staff_client, plan):
    page = staff_client.get(reverse("inspections:inspection_create") + f"?plan={plan.pk}").content.decode()
    assert page.count('class="choice choice-fail"') == plan.checklist.items.count()
    assert 'name="viewport"' in page and "inspections/inspections.js" in page
